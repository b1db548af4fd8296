import {
  type GroupRole,
  type SingleSignOnSettings,
  singleSignOnApi,
  type User,
  type UserRole,
  userRoleLabels,
  userRoles,
  usersApi,
} from '@pairwise/domain';
import { type FormEvent, useEffect, useState } from 'react';
import { useConfirmation } from '../components/confirm-dialog.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { PageState } from '../components/page-state.tsx';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useAction } from '../lib/use-action.ts';
import { useResource } from '../lib/use-resource.ts';

/** Admin: which provider groups grant which role, and whether passwords still work. */
export default function SingleSignOnPage() {
  useDocumentTitle('Single sign-on');
  const settings = useResource(() => call(singleSignOnApi.settings), 'sso');
  const users = useResource(() => call(usersApi.list), 'users');

  return (
    <section>
      <h1>Single sign-on</h1>
      <PageState loading={settings.loading && !settings.data} error={settings.error} />
      {settings.data && (
        <>
          <p>
            {settings.data.configured
              ? `People sign in through ${settings.data.issuer}. Their groups come from the "${settings.data.groupsClaim}" claim and decide their roles at every sign-in: someone taken out of a group loses its role at their next sign-in.`
              : 'Single sign-on is not set up on this server (OIDC_ISSUER and OIDC_CLIENT_ID). You can prepare the group mapping now.'}
          </p>
          <SettingsForm
            settings={settings.data}
            admins={(users.data?.users ?? []).filter((user) => user.active && user.roles.includes('admin'))}
            onSaved={settings.setData}
          />
        </>
      )}
    </section>
  );
}

function SettingsForm({
  settings,
  admins,
  onSaved,
}: {
  settings: SingleSignOnSettings;
  admins: User[];
  onSaved: (settings: SingleSignOnSettings) => void;
}) {
  const [rows, setRows] = useState<GroupRole[]>(settings.groupRoles);
  const [localPasswords, setLocalPasswords] = useState(settings.localPasswords);
  const [breakGlass, setBreakGlass] = useState(settings.breakGlassAdminId ?? '');
  const [saved, setSaved] = useState(false);
  const { ask, dialog } = useConfirmation();

  useEffect(() => {
    if (!breakGlass && admins.length > 0) setBreakGlass(admins[0]!.id);
  }, [admins, breakGlass]);

  const save = useAction(async () => {
    setSaved(false);
    if (!localPasswords && settings.localPasswords) {
      const name = admins.find((admin) => admin.id === breakGlass)?.name ?? 'the chosen admin';
      const confirmed = await ask(
        'Switch passwords off?',
        `Everyone except ${name} will have to sign in through single sign-on; their passwords stop working at once.`,
        'Switch passwords off',
      );
      if (!confirmed) return;
    }
    const answer = await call(singleSignOnApi.updateSettings, {
      body: {
        groupRoles: rows,
        localPasswords,
        breakGlassAdminId: localPasswords ? null : breakGlass || null,
      },
    });
    onSaved(answer);
    setRows(answer.groupRoles);
    setSaved(true);
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  const update = (index: number, change: Partial<GroupRole>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));

  return (
    <form onSubmit={submit} className="card stack" noValidate>
      <h2 id="mapping-heading">Groups and roles</h2>
      {rows.length === 0 ? (
        <p>No group is mapped yet: nobody can sign in through the provider.</p>
      ) : (
        <table aria-labelledby="mapping-heading">
          <thead>
            <tr>
              <th scope="col">Group at the provider</th>
              <th scope="col">Role in Pairwise</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved; the index is their place.
              <tr key={index}>
                <td>
                  <input
                    aria-label={`Group ${index + 1}`}
                    value={row.group}
                    onChange={(event) => update(index, { group: event.target.value })}
                    aria-invalid={save.fields[`groupRoles.${index}.group`] ? true : undefined}
                  />
                </td>
                <td>
                  <select
                    aria-label={`Role for group ${index + 1}`}
                    value={row.role}
                    onChange={(event) => update(index, { role: event.target.value as UserRole })}
                  >
                    {userRoles.map((role) => (
                      <option key={role} value={role}>
                        {userRoleLabels[role]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => setRows((current) => current.filter((_, i) => i !== index))}
                  >
                    Remove group {row.group || index + 1}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div>
        <button
          type="button"
          className="secondary"
          onClick={() => setRows((current) => [...current, { group: '', role: 'interviewer' }])}
        >
          Add a group
        </button>
      </div>
      <fieldset>
        <legend>Passwords</legend>
        <label className="choice">
          <input
            type="checkbox"
            checked={localPasswords}
            onChange={(event) => setLocalPasswords(event.target.checked)}
          />
          People may also sign in with a password
        </label>
        {!localPasswords && (
          <label>
            Break-glass admin (keeps their password, for when the provider is down)
            <select value={breakGlass} onChange={(event) => setBreakGlass(event.target.value)}>
              {admins.map((admin) => (
                <option key={admin.id} value={admin.id}>
                  {admin.name} ({admin.email})
                </option>
              ))}
            </select>
          </label>
        )}
      </fieldset>
      <ErrorMessage error={save.error} />
      {saved && <p role="status">Saved.</p>}
      <div>
        <button type="submit" disabled={save.busy}>
          Save
        </button>
      </div>
      {dialog}
    </form>
  );
}
