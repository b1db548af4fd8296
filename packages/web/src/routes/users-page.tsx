import {
  type CreateUserResponse,
  type User,
  type UserRole,
  userRoleLabels,
  userRoles,
} from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { CopyButton } from '../components/copy-button.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { Field } from '../components/form-field.tsx';
import { PageState } from '../components/page-state.tsx';
import { hasRole, useUser } from '../features/session/session-context.tsx';
import { api } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useAction } from '../lib/use-action.ts';
import { useResource } from '../lib/use-resource.ts';

export default function UsersPage() {
  useDocumentTitle('Users');
  const me = useUser();
  const users = useResource(() => api.get<{ users: User[] }>('/users'), 'users');
  const [invited, setInvited] = useState<CreateUserResponse | null>(null);

  return (
    <section>
      <h1>Users</h1>
      {hasRole(me, 'admin') ? (
        <InviteUserForm
          onInvited={(answer) => {
            setInvited(answer);
            void users.reload();
          }}
        />
      ) : (
        <p>Only an admin can invite users.</p>
      )}
      {invited && (
        <div className="success-panel" role="status">
          <h2>Send this link to {invited.user.name}</h2>
          <p>
            Pairwise does not email invitations yet. Send this link to them yourself; it lets them choose a
            password once.
          </p>
          <div className="copy-row">
            <label htmlFor="invitation-url" className="visually-hidden">
              Invitation link for {invited.user.name}
            </label>
            <input
              id="invitation-url"
              readOnly
              value={invited.invitationUrl}
              onFocus={(e) => e.target.select()}
            />
            <CopyButton text={invited.invitationUrl} label="Copy link" />
          </div>
        </div>
      )}
      <h2>Everyone</h2>
      <PageState loading={users.loading && !users.data} error={users.error} />
      {users.data && (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Roles</th>
              <th scope="col">Status</th>
              {hasRole(me, 'admin') && <th scope="col">Access</th>}
            </tr>
          </thead>
          <tbody>
            {users.data.users.map((user) => (
              <tr key={user.id}>
                <td>{user.name}</td>
                <td>{user.email}</td>
                <td>{user.roles.map((role) => userRoleLabels[role]).join(', ')}</td>
                <td>{user.active ? 'Active' : 'Deactivated'}</td>
                {hasRole(me, 'admin') && (
                  <td>
                    {user.id !== me.id && <ActiveToggle user={user} onChanged={() => void users.reload()} />}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Deactivating signs the user out everywhere at once; their history stays. */
function ActiveToggle({ user, onChanged }: { user: User; onChanged: () => void }) {
  const toggle = useAction(async () => {
    await api.patch(`/users/${user.id}`, { active: !user.active });
    onChanged();
  });
  return (
    <>
      <button type="button" className="secondary" disabled={toggle.busy} onClick={() => toggle.run()}>
        {user.active ? `Deactivate ${user.name}` : `Reactivate ${user.name}`}
      </button>
      <ErrorMessage error={toggle.error} />
    </>
  );
}

function InviteUserForm({ onInvited }: { onInvited: (answer: CreateUserResponse) => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<UserRole[]>(['interviewer']);

  const invite = useAction(async () => {
    const answer = await api.post<CreateUserResponse>('/users', { name, email, roles });
    onInvited(answer);
    setName('');
    setEmail('');
    setRoles(['interviewer']);
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void invite.run();
  };
  const toggle = (role: UserRole, on: boolean) =>
    setRoles((current) => (on ? [...current, role] : current.filter((r) => r !== role)));

  return (
    <form onSubmit={submit} className="card stack" aria-labelledby="invite-heading" noValidate>
      <h2 id="invite-heading">Invite a user</h2>
      <div className="form-row">
        <Field label="Name" name="name" error={invite.fields.name}>
          {(control) => (
            <input {...control} required value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field label="Email" name="email" error={invite.fields.email}>
          {(control) => (
            <input
              {...control}
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
      </div>
      <fieldset className={invite.fields.roles ? 'field-invalid' : undefined}>
        <legend>Roles</legend>
        {userRoles.map((role) => (
          <label key={role} className="choice">
            <input
              type="checkbox"
              name="roles"
              value={role}
              checked={roles.includes(role)}
              onChange={(event) => toggle(role, event.target.checked)}
            />
            {userRoleLabels[role]}
          </label>
        ))}
        {invite.fields.roles && <p className="field-error">{invite.fields.roles}</p>}
      </fieldset>
      <ErrorMessage error={invite.error} />
      <div>
        <button type="submit" disabled={invite.busy}>
          Invite
        </button>
      </div>
    </form>
  );
}
