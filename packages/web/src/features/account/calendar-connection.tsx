import { calendarConnectionsApi } from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { useConfirmation } from '../../components/confirm-dialog.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { PageState } from '../../components/page-state.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { useResource } from '../../lib/use-resource.ts';
import { formatDateTime } from '../../lib/zoned-format.ts';

/**
 * Your own calendar (CalDAV): planning reads its busy times so nobody books you over a meeting.
 * The server checks the address and app password before saving; it never shows the password back.
 */
export function CalendarConnectionSection() {
  const connection = useResource(() => call(calendarConnectionsApi.view), 'account-calendar');
  const [serverUrl, setServerUrl] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { ask, dialog } = useConfirmation();
  const save = useAction(async () => {
    const answer = await call(calendarConnectionsApi.connect, {
      body: { provider: 'caldav', serverUrl, username, password },
    });
    setPassword('');
    connection.setData(answer);
  });
  const disconnect = useAction(async () => {
    const yes = await ask(
      'Disconnect your calendar?',
      'Planning will no longer see your busy times, and the stored app password is deleted. You can connect again later.',
      'Disconnect',
    );
    if (!yes) return;
    await call(calendarConnectionsApi.disconnect);
    connection.setData({ connection: null });
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  const fields = save.fields;
  const current = connection.data?.connection;

  return (
    <section className="card stack" aria-labelledby="calendar-connection-heading">
      <h2 id="calendar-connection-heading">Your calendar</h2>
      <p>
        Connect your calendar so that planning sees when you are busy and proposes times that suit everyone.
        CalDAV for now (Nextcloud, Fastmail, iCloud, Radicale…); use an app password.
      </p>
      {!connection.data ? (
        <PageState loading={connection.loading} error={connection.error} />
      ) : (
        <>
          {current ? (
            <p role="status">
              Connected: <strong>{current.calendarName}</strong> as {current.username} on {current.serverUrl}{' '}
              (checked {formatDateTime(current.checkedAt)}).
            </p>
          ) : (
            <p className="muted">No calendar connected.</p>
          )}
          <form onSubmit={submit} className="stack" noValidate aria-label="Connect a CalDAV calendar">
            <Field
              label="Calendar server address"
              name="serverUrl"
              error={fields.serverUrl ?? fields.calendar}
              hint="The server, your principal, or one calendar's address, starting with https://."
            >
              {(control) => (
                <input
                  {...control}
                  type="url"
                  required
                  value={serverUrl}
                  onChange={(e) => setServerUrl(e.target.value)}
                />
              )}
            </Field>
            <Field label="Username" name="username" error={fields.username}>
              {(control) => (
                <input
                  {...control}
                  autoComplete="off"
                  required
                  value={username}
                  onChange={(e) => setUsername(e.target.value)}
                />
              )}
            </Field>
            <Field label="App password" name="password" error={fields.password}>
              {(control) => (
                <input
                  {...control}
                  type="password"
                  autoComplete="new-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              )}
            </Field>
            <div className="button-row">
              <button type="submit" className="primary" disabled={save.busy}>
                {save.busy ? 'Checking…' : current ? 'Connect instead' : 'Connect calendar'}
              </button>
              {current && (
                <button
                  type="button"
                  className="secondary"
                  disabled={disconnect.busy}
                  onClick={() => disconnect.run()}
                >
                  Disconnect
                </button>
              )}
            </div>
            <ErrorMessage error={save.error ?? disconnect.error} />
          </form>
        </>
      )}
      {dialog}
    </section>
  );
}
