import { accountApi } from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { PageState } from '../../components/page-state.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { useResource } from '../../lib/use-resource.ts';
import { formatDateTime } from '../../lib/zoned-format.ts';

/** Where you are signed in, with a way to end the sessions you do not recognise. */
export function SessionsSection() {
  const sessions = useResource(() => call(accountApi.sessions), 'account-sessions');
  const endOne = useAction(async (id: string) => {
    await call(accountApi.endSession, { params: { id } });
    await sessions.reload();
  });
  const endOthers = useAction(async () => {
    await call(accountApi.endOtherSessions);
    await sessions.reload();
  });
  const others = sessions.data?.sessions.filter((session) => !session.current) ?? [];

  return (
    <section className="card stack" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you are signed in</h2>
      {!sessions.data ? (
        <PageState loading={sessions.loading} error={sessions.error} />
      ) : (
        <>
          <ul className="stack">
            {sessions.data.sessions.map((session) => (
              <li key={session.id}>
                <strong>{session.current ? 'This browser' : (session.userAgent ?? 'Unknown browser')}</strong>
                <br />
                <span className="muted">
                  Signed in {formatDateTime(session.createdAt)} · last used{' '}
                  {formatDateTime(session.lastSeenAt)}
                  {session.ip ? ` · from ${session.ip}` : ''}
                </span>
                {!session.current && (
                  <div className="button-row">
                    <button
                      type="button"
                      className="secondary"
                      disabled={endOne.busy}
                      onClick={() => endOne.run(session.id)}
                    >
                      Sign out this session
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
          {others.length > 0 && (
            <div className="button-row">
              <button
                type="button"
                className="secondary"
                disabled={endOthers.busy}
                onClick={() => endOthers.run()}
              >
                Sign out everywhere else
              </button>
            </div>
          )}
          <ErrorMessage error={endOne.error ?? endOthers.error} />
        </>
      )}
    </section>
  );
}

/** Changing the password signs out every other session, in case one of them is not yours. */
export function PasswordSection() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [done, setDone] = useState(false);
  const change = useAction(async () => {
    await call(accountApi.changePassword, { body: { currentPassword, newPassword } });
    setCurrentPassword('');
    setNewPassword('');
    setDone(true);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    void change.run();
  };

  return (
    <section className="card stack" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <form onSubmit={submit} className="stack" noValidate>
        <Field label="Current password" name="currentPassword" error={change.fields.currentPassword}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="current-password"
              value={currentPassword}
              onChange={(event) => setCurrentPassword(event.target.value)}
            />
          )}
        </Field>
        <Field
          label="New password"
          name="newPassword"
          hint="At least 12 characters."
          error={change.fields.newPassword}
        >
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              value={newPassword}
              onChange={(event) => setNewPassword(event.target.value)}
            />
          )}
        </Field>
        <ErrorMessage error={change.error} />
        {done && <p role="status">Password changed. Your other sessions were signed out.</p>}
        <div>
          <button type="submit" className="primary" disabled={change.busy}>
            Change password
          </button>
        </div>
      </form>
    </section>
  );
}
