import {
  type AccountInvitationLink,
  type CreateUserResponse,
  renderColleagueInvitation,
  type User,
  type UserRole,
  userRoleLabels,
  userRoles,
  usersApi,
} from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { CopyButton } from '../components/copy-button.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { Field } from '../components/form-field.tsx';
import { PageState } from '../components/page-state.tsx';
import { hasRole, useUser } from '../features/session/session-context.tsx';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useAction } from '../lib/use-action.ts';
import { useResource } from '../lib/use-resource.ts';

/** A link on screen for the admin to pass on (or to know it was mailed). */
interface ShownLink extends AccountInvitationLink {
  name: string;
  again: boolean;
}

const INVITATION_DAYS = 7;

function formatExpiry(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export default function UsersPage() {
  useDocumentTitle('Users');
  const me = useUser();
  const users = useResource(() => call(usersApi.list), 'users');
  const [shown, setShown] = useState<ShownLink | null>(null);
  const mailed = users.data?.invitationsMailed ?? false;

  return (
    <section>
      <h1>Users</h1>
      {hasRole(me, 'admin') ? (
        <InviteUserForm
          inviterName={me.name}
          mailed={mailed}
          onInvited={(answer) => {
            setShown({ ...answer, name: answer.user.name, again: false });
            void users.reload();
          }}
        />
      ) : (
        <p>Only an admin can invite users.</p>
      )}
      {shown && <InvitationLinkPanel link={shown} />}
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
                <td>{userStatus(user)}</td>
                {hasRole(me, 'admin') && (
                  <td>
                    {user.invitationExpiresAt && (
                      <InvitationActions user={user} onShown={setShown} onSent={() => void users.reload()} />
                    )}
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

function userStatus(user: User): string {
  if (!user.active) return 'Deactivated';
  if (!user.invitationExpiresAt) return 'Active';
  return new Date(user.invitationExpiresAt) <= new Date()
    ? 'Invited (link expired)'
    : `Invited (link works until ${formatExpiry(user.invitationExpiresAt)})`;
}

function InvitationLinkPanel({ link }: { link: ShownLink }) {
  return (
    <div className="success-panel" role="status">
      <h2>
        {link.mailed
          ? `Account invitation ${link.again ? 'sent again' : 'mailed'} to ${link.name}`
          : `Send this link to ${link.name}`}
      </h2>
      <p>
        {link.mailed
          ? `It lets them choose a password once, until ${formatExpiry(link.expiresAt)}. You can also pass the link on yourself.`
          : `Pairwise does not mail invitations here (SMTP_URL is not set). Send this link to them yourself; it lets them choose a password once, until ${formatExpiry(link.expiresAt)}.`}
      </p>
      <div className="copy-row">
        <label htmlFor="invitation-url" className="visually-hidden">
          Invitation link for {link.name}
        </label>
        <input id="invitation-url" readOnly value={link.invitationUrl} onFocus={(e) => e.target.select()} />
        <CopyButton text={link.invitationUrl} label="Copy link" />
      </div>
    </div>
  );
}

/** For someone who has not accepted yet: show their link again, or send a new one. */
function InvitationActions({
  user,
  onShown,
  onSent,
}: {
  user: User;
  onShown: (link: ShownLink) => void;
  onSent: () => void;
}) {
  const copy = useAction(async () => {
    const link = await call(usersApi.accountInvitationLink, { params: { id: user.id } });
    onShown({ ...link, mailed: false, name: user.name, again: false });
    await navigator.clipboard?.writeText(link.invitationUrl).catch(() => {});
  });
  const resend = useAction(async () => {
    const link = await call(usersApi.resendAccountInvitation, { params: { id: user.id } });
    onShown({ ...link, name: user.name, again: true });
    onSent();
  });
  return (
    <>
      <button type="button" className="secondary" disabled={copy.busy} onClick={() => copy.run()}>
        Copy link for {user.name}
      </button>{' '}
      <button type="button" className="secondary" disabled={resend.busy} onClick={() => resend.run()}>
        Send again to {user.name}
      </button>{' '}
      <ErrorMessage error={copy.error ?? resend.error} />
    </>
  );
}

/** Deactivating signs the user out everywhere at once; their history stays. */
function ActiveToggle({ user, onChanged }: { user: User; onChanged: () => void }) {
  const toggle = useAction(async () => {
    await call(usersApi.update, { params: { id: user.id }, body: { active: !user.active } });
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

function InviteUserForm({
  inviterName,
  mailed,
  onInvited,
}: {
  inviterName: string;
  mailed: boolean;
  onInvited: (answer: CreateUserResponse) => void;
}) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<UserRole[]>(['interviewer']);

  const invite = useAction(async () => {
    const answer = await call(usersApi.invite, { body: { name, email, roles } });
    onInvited(answer);
    setName('');
    setEmail('');
    setRoles(['interviewer']);
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void invite.run();
  };
  // The same text the server mails, with a stand-in for the link it makes.
  const preview = renderColleagueInvitation({
    name: name.trim() || 'colleague',
    invitedBy: inviterName,
    roles: userRoles.filter((role) => roles.includes(role)).map((role) => userRoleLabels[role]),
    url: '(their personal link)',
    expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600_000).toISOString(),
  });
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
      <details>
        <summary>{mailed ? 'The mail they will receive' : 'The text to send them with the link'}</summary>
        <pre className="invitation-text">{preview.text}</pre>
      </details>
      <ErrorMessage error={invite.error} />
      <div>
        <button type="submit" disabled={invite.busy}>
          Invite
        </button>
      </div>
    </form>
  );
}
