import { type OutboxStatus, outboxApi } from '@pairwise/domain';
import { useState } from 'react';
import { LoadMore } from '../components/load-more.tsx';
import { PageState } from '../components/page-state.tsx';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { usePagedList } from '../lib/use-paged-list.ts';
import { useResource } from '../lib/use-resource.ts';
import { formatDateTime } from '../lib/zoned-format.ts';
import '../features/invitation/invitation.css';

const statusLabels: Record<OutboxStatus, string> = {
  kept: 'Kept (no SMTP)',
  queued: 'Waiting',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
};
// Listed here rather than imported as a value, so this page does not pull the API schemas into its chunk.
const outboxStatuses = Object.keys(statusLabels) as OutboxStatus[];

/** Every message Pairwise sent or keeps, as the recipient gets it, including its calendar part. */
export default function OutboxPage() {
  useDocumentTitle('Outbox');
  const [status, setStatus] = useState<OutboxStatus | ''>('');
  const [openId, setOpenId] = useState<string | null>(null);
  const list = usePagedList(outboxApi.list, status ? { status } : {}, 'messages');
  if (!list.answer) return <PageState loading={list.loading} error={list.error} />;
  const { mode, target } = list.answer;
  const messages = list.items;

  return (
    <div className="stack">
      <div className="page-heading">
        <h1>Outbox</h1>
        <button type="button" className="secondary" onClick={() => list.reload()}>
          Refresh
        </button>
      </div>
      <p className={mode === 'smtp' ? 'lead' : 'notice'}>
        {mode === 'smtp'
          ? `Mail is sent through ${target}. Failed attempts are retried with growing pauses.`
          : 'No SMTP server is configured (SMTP_URL), so messages are kept here and not sent. Forward them by hand or configure SMTP.'}
      </p>
      <div className="field">
        <label htmlFor="outbox-status">Show</label>
        <select
          id="outbox-status"
          value={status}
          onChange={(e) => setStatus(e.target.value as OutboxStatus | '')}
        >
          <option value="">All messages</option>
          {outboxStatuses.map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </select>
      </div>
      {messages.length === 0 ? (
        <p className="muted">No messages.</p>
      ) : (
        <table className="outbox-table">
          <caption className="visually-hidden">Outgoing messages, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">Calendar</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <td>{formatDateTime(m.createdAt)}</td>
                <td>{m.to.join(', ')}</td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-expanded={openId === m.id}
                    onClick={() => setOpenId(openId === m.id ? null : m.id)}
                  >
                    {m.subject}
                  </button>
                  {openId === m.id && <MessageDetail id={m.id} />}
                </td>
                <td>{m.calendarMethod ?? '—'}</td>
                <td>
                  <span className={`outbox-status outbox-status-${m.status}`}>{statusLabels[m.status]}</span>
                  {m.attempts > 0 && <span className="muted"> · {m.attempts} attempt(s)</span>}
                  {m.lastError && <p className="field-error">{m.lastError}</p>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore list={list} label="Show older messages" />
    </div>
  );
}

function MessageDetail({ id }: { id: string }) {
  const message = useResource(() => call(outboxApi.get, { params: { id } }).then((a) => a.message), id);
  const [part, setPart] = useState<'text' | 'calendar' | 'raw'>('text');
  if (!message.data) return <PageState loading={message.loading} error={message.error} />;
  const m = message.data;
  const content = part === 'text' ? m.text : part === 'calendar' ? (m.calendar ?? '') : m.raw;
  return (
    <div className="stack">
      <p className="muted">
        Message-ID <code>{m.messageId}</code>
        {m.sentAt && <> · sent {formatDateTime(m.sentAt)}</>}
        {m.smtpResponse && <> · server said “{m.smtpResponse}”</>}
      </p>
      <fieldset className="button-row">
        <legend className="visually-hidden">Part to show</legend>
        <button
          type="button"
          className="link-button"
          aria-pressed={part === 'text'}
          onClick={() => setPart('text')}
        >
          Text
        </button>
        {m.calendar && (
          <button
            type="button"
            className="link-button"
            aria-pressed={part === 'calendar'}
            onClick={() => setPart('calendar')}
          >
            Calendar (.ics)
          </button>
        )}
        <button
          type="button"
          className="link-button"
          aria-pressed={part === 'raw'}
          onClick={() => setPart('raw')}
        >
          Full source
        </button>
      </fieldset>
      <pre className="outbox-source">{content}</pre>
    </div>
  );
}
