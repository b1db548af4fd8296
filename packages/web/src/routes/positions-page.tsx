import { positionsApi, usersApi } from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../components/error-message.tsx';
import { Field } from '../components/form-field.tsx';
import { PageState } from '../components/page-state.tsx';
import { editorHeadingId, FocusAttributesEditor } from '../features/positions/focus-attributes-editor.tsx';
import { hasRole, useUser } from '../features/session/session-context.tsx';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useAction } from '../lib/use-action.ts';
import { useResource } from '../lib/use-resource.ts';

export default function PositionsPage() {
  useDocumentTitle('Positions');
  const me = useUser();
  const positions = useResource(() => call(positionsApi.list), 'positions');
  const isAdmin = hasRole(me, 'admin');
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing = positions.data?.positions.find((position) => position.id === editingId);
  const closeEditor = () => {
    setEditingId(null);
    // Back to the button that opened the editor, so keyboard users keep their place.
    document.getElementById(`edit-attributes-${editingId}`)?.focus();
  };

  return (
    <section>
      <h1>Positions</h1>
      {isAdmin && <CreatePositionForm onCreated={() => void positions.reload()} />}
      <h2>Open positions</h2>
      <PageState loading={positions.loading && !positions.data} error={positions.error} />
      {positions.data &&
        (positions.data.positions.length === 0 ? (
          <p className="muted">No positions yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Level</th>
                <th scope="col">Line manager</th>
                <th scope="col">Focus attributes</th>
                {isAdmin && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {positions.data.positions.map((position) => (
                <tr key={position.id}>
                  <th scope="row">{position.title}</th>
                  <td>{position.level || '—'}</td>
                  <td>{position.lineManagerName}</td>
                  <td>{position.focusAttributes.map((attribute) => attribute.label).join(', ')}</td>
                  {isAdmin && (
                    <td className="position-actions">
                      <button
                        type="button"
                        id={`edit-attributes-${position.id}`}
                        className="secondary small"
                        aria-label={`Edit focus attributes of ${position.title}`}
                        onClick={() => {
                          setEditingId(position.id);
                          // Already open: the editor focuses its heading only when it first appears.
                          if (editingId === position.id) document.getElementById(editorHeadingId)?.focus();
                        }}
                      >
                        Edit focus attributes
                      </button>
                      <Link
                        className="small"
                        to={`/settings?positionId=${encodeURIComponent(position.id)}#messages`}
                        aria-label={`Messages to candidates for ${position.title}`}
                      >
                        Messages to candidates
                      </Link>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {isAdmin && editing && (
        <FocusAttributesEditor
          key={editing.id}
          position={editing}
          onSaved={() => void positions.reload()}
          onClose={closeEditor}
        />
      )}
    </section>
  );
}

function CreatePositionForm({ onCreated }: { onCreated: () => void }) {
  const users = useResource(() => call(usersApi.list), 'users');
  const [title, setTitle] = useState('');
  const [level, setLevel] = useState('');
  const [lineManagerId, setLineManagerId] = useState('');
  const managers = (users.data?.users ?? []).filter((user) => user.roles.includes('line_manager'));

  const create = useAction(async () => {
    await call(positionsApi.create, { body: { title, level, lineManagerId } });
    setTitle('');
    setLevel('');
    onCreated();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };

  return (
    <form onSubmit={submit} className="card stack" aria-labelledby="position-heading" noValidate>
      <h2 id="position-heading">Create a position</h2>
      <div className="form-row">
        <Field label="Title" name="title" error={create.fields.title}>
          {(control) => (
            <input {...control} required value={title} onChange={(e) => setTitle(e.target.value)} />
          )}
        </Field>
        <Field label="Level" name="level" error={create.fields.level} hint="For example: Senior">
          {(control) => <input {...control} value={level} onChange={(e) => setLevel(e.target.value)} />}
        </Field>
        <Field
          label="Line manager"
          name="lineManagerId"
          error={create.fields.lineManagerId}
          hint={
            managers.length === 0 && users.data
              ? 'Invite a user with the line manager role first.'
              : undefined
          }
        >
          {(control) => (
            <select
              {...control}
              required
              value={lineManagerId}
              onChange={(e) => setLineManagerId(e.target.value)}
            >
              <option value="">Choose…</option>
              {managers.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ErrorMessage error={create.error} />
      <div>
        <button type="submit" disabled={create.busy}>
          Create position
        </button>
      </div>
    </form>
  );
}
