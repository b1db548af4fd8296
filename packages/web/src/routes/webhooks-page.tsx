import {
  type CreatedWebhookEndpoint,
  type WebhookEndpoint,
  type WebhookEventType,
  webhookEventLabels,
  webhookEventTypes,
  webhooksApi,
} from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { CheckboxGroup } from '../components/checkbox-group.tsx';
import { useConfirmation } from '../components/confirm-dialog.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { Field } from '../components/form-field.tsx';
import { PageState } from '../components/page-state.tsx';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useAction } from '../lib/use-action.ts';
import { useResource } from '../lib/use-resource.ts';
import { formatDateTime } from '../lib/zoned-format.ts';

/**
 * Admin: the endpoints that receive signed webhooks, each with its delivery log. The signing
 * secret is shown once, right after creating; deleting an endpoint asks first.
 */
export default function WebhooksPage() {
  useDocumentTitle('Webhooks');
  const endpoints = useResource(() => call(webhooksApi.list), 'webhooks');
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>(['interview.decided']);
  const [personalData, setPersonalData] = useState(false);
  const [created, setCreated] = useState<CreatedWebhookEndpoint | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const { ask, dialog } = useConfirmation();
  const create = useAction(async () => {
    setCreated(await call(webhooksApi.create, { body: { url, description, events, personalData } }));
    setUrl('');
    setDescription('');
    void endpoints.reload();
  });
  const remove = useAction(async (endpoint: WebhookEndpoint) => {
    const confirmed = await ask(
      `Delete the endpoint ${endpoint.url}?`,
      'It receives nothing more, and its delivery log is deleted with it. This cannot be undone.',
      'Delete endpoint',
    );
    if (!confirmed) return;
    await call(webhooksApi.remove, { params: { id: endpoint.id } });
    if (created?.endpoint.id === endpoint.id) setCreated(null);
    if (open === endpoint.id) setOpen(null);
    void endpoints.reload();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };

  return (
    <section>
      <h1>Webhooks</h1>
      <p className="lead">
        Pairwise tells another system (an applicant tracking system) when an interview changes, with a signed{' '}
        <code>POST</code>: the <code>Pairwise-Signature</code> header carries the time and an HMAC-SHA256 of{' '}
        <code>time.body</code> made with the endpoint's secret. Failed deliveries are retried for 24 hours.
      </p>
      {created && (
        <div className="success-panel stack" role="status">
          <h2>Copy the signing secret now: it is not shown again</h2>
          <div className="copy-row">
            <input readOnly value={created.secret} aria-label="Signing secret" className="mono" />
            <CopyButton text={created.secret} label="Copy secret" />
          </div>
        </div>
      )}
      <form onSubmit={submit} className="card stack" aria-labelledby="new-endpoint-heading" noValidate>
        <h2 id="new-endpoint-heading">Add an endpoint</h2>
        <Field
          label="URL"
          name="url"
          error={create.fields.url}
          hint="Where deliveries are sent, e.g. https://ats.example.com/hooks/pairwise"
        >
          {(control) => (
            <input {...control} type="url" value={url} onChange={(e) => setUrl(e.target.value)} />
          )}
        </Field>
        <Field label="Description" name="description" error={create.fields.description}>
          {(control) => (
            <input {...control} value={description} onChange={(e) => setDescription(e.target.value)} />
          )}
        </Field>
        <CheckboxGroup
          legend="Events"
          options={webhookEventTypes}
          labels={webhookEventLabels}
          value={events}
          onChange={setEvents}
          error={create.fields.events}
        />
        <label className="choice">
          <input type="checkbox" checked={personalData} onChange={(e) => setPersonalData(e.target.checked)} />
          Send personal data (the candidate's name and email, and reasons in free text)
        </label>
        <ErrorMessage error={create.error} />
        <div>
          <button type="submit" disabled={create.busy}>
            Add endpoint
          </button>
        </div>
      </form>

      <h2>Endpoints</h2>
      <PageState loading={endpoints.loading && !endpoints.data} error={endpoints.error} />
      <ErrorMessage error={remove.error} />
      {endpoints.data &&
        (endpoints.data.endpoints.length === 0 ? (
          <p className="muted">No endpoints yet.</p>
        ) : (
          <ul className="stack">
            {endpoints.data.endpoints.map((endpoint) => (
              <li key={endpoint.id} className="card stack">
                <h3 className="mono">{endpoint.url}</h3>
                {endpoint.description && <p>{endpoint.description}</p>}
                <p>
                  {endpoint.events.map((type) => webhookEventLabels[type]).join(', ')}
                  {endpoint.personalData ? ' · with personal data' : ''} · last delivery:{' '}
                  {endpoint.lastDeliveryStatus ?? 'none yet'}
                </p>
                <div className="button-row">
                  <button
                    type="button"
                    className="small secondary"
                    aria-expanded={open === endpoint.id}
                    onClick={() => setOpen(open === endpoint.id ? null : endpoint.id)}
                  >
                    {open === endpoint.id ? 'Hide' : 'Show'} deliveries of {endpoint.url}
                  </button>
                  <button
                    type="button"
                    className="small secondary"
                    disabled={remove.busy}
                    onClick={() => void remove.run(endpoint)}
                  >
                    Delete {endpoint.url}
                  </button>
                </div>
                {open === endpoint.id && <DeliveryLog endpointId={endpoint.id} />}
              </li>
            ))}
          </ul>
        ))}
      {dialog}
    </section>
  );
}

function DeliveryLog({ endpointId }: { endpointId: string }) {
  const log = useResource(
    () => call(webhooksApi.deliveries, { params: { id: endpointId } }),
    `webhook-deliveries-${endpointId}`,
  );
  const [progress, setProgress] = useState('');
  const redeliver = useAction(async (id: string) => {
    setProgress('Sending…');
    const before = (await call(webhooksApi.redeliver, { params: { id } })).delivery;
    // Follows the delivery until the new attempt is recorded (the job queue sends it within seconds).
    for (let tries = 0; tries < 30; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const { delivery } = await call(webhooksApi.delivery, { params: { id } });
      if (delivery.attempts.length > before.attempts.length) {
        const last = delivery.attempts.at(-1)!;
        setProgress(
          delivery.status === 'delivered'
            ? `Delivered (answer ${last.responseStatus}).`
            : `Not delivered: ${last.responseStatus ?? last.error ?? 'no answer'}.`,
        );
        void log.reload();
        return;
      }
    }
    setProgress('Still queued; the log shows the attempt once it is made.');
  });
  return (
    <div className="stack">
      <PageState loading={log.loading && !log.data} error={log.error} />
      <ErrorMessage error={redeliver.error} />
      <p role="status" aria-live="polite">
        {progress}
      </p>
      {log.data &&
        (log.data.deliveries.length === 0 ? (
          <p className="muted">Nothing delivered yet.</p>
        ) : (
          <table>
            <caption className="visually-hidden">Deliveries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts (time, answer, duration)</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {log.data.deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <td>
                    {webhookEventLabels[delivery.eventType]}
                    <br />
                    <span className="mono muted">{delivery.id}</span>
                  </td>
                  <td>
                    {delivery.status}
                    {delivery.nextAttemptAt ? ` (next ${formatDateTime(delivery.nextAttemptAt)})` : ''}
                  </td>
                  <td>
                    <ol>
                      {delivery.attempts.map((attempt) => (
                        <li key={attempt.attempt}>
                          {formatDateTime(attempt.at)}:{' '}
                          {attempt.responseStatus ?? attempt.error ?? 'no answer'}, {attempt.durationMs} ms
                        </li>
                      ))}
                    </ol>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="small secondary"
                      disabled={redeliver.busy}
                      onClick={() => void redeliver.run(delivery.id)}
                    >
                      Redeliver <span className="visually-hidden">{delivery.id}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </div>
  );
}
