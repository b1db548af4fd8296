import { decisionMessagesApi, type MessagePreview, type Report } from '@pairwise/domain';
import { type FormEvent, useEffect, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { useResource } from '../../lib/use-resource.ts';
import { formatCalendarDate, formatDateTime } from '../../lib/zoned-format.ts';
import '../invitation/invitation.css';

/**
 * After the decision, the line manager tells the candidate in their own words: write, preview
 * exactly what goes out, send once. Everyone else on the report sees whether it happened.
 */
export function DecisionMessagePanel({ report }: { report: Report }) {
  const state = useResource(
    () =>
      call(decisionMessagesApi.state, { params: { id: report.interviewId } }).then((a) => a.decisionMessage),
    `${report.interviewId}:${report.stage}`,
  );
  const [message, setMessage] = useState('');
  // The message starts from the organisation's template for the outcome, never an empty box.
  const draft = state.data?.draft ?? null;
  useEffect(() => {
    if (draft) setMessage((current) => current || draft);
  }, [draft]);
  const [preview, setPreview] = useState<{ preview: MessagePreview; previewDigest: string } | null>(null);
  const previewAction = useAction(async () => {
    setPreview(
      await call(decisionMessagesApi.preview, { params: { id: report.interviewId }, body: { message } }),
    );
  });
  const send = useAction(async () => {
    if (!preview) return;
    const answer = await call(decisionMessagesApi.send, {
      params: { id: report.interviewId },
      body: { message, previewDigest: preview.previewDigest },
    });
    state.setData(answer.decisionMessage);
  });
  if (report.stage !== 'decided' || !state.data) return null;
  const sent = state.data;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void previewAction.run();
  };

  return (
    <section className="card stack no-print" aria-labelledby="decision-message-heading">
      <h2 id="decision-message-heading">Tell the candidate</h2>
      {sent.sentAt ? (
        <p className="success" role="status">
          {sent.sentByName} wrote to the candidate on {formatDateTime(sent.sentAt)}.
        </p>
      ) : !sent.canSend ? (
        <p className="muted">The line manager writes to the candidate about the decision.</p>
      ) : (
        <>
          <p>
            {sent.candidateDeadline
              ? `The candidate would like to hear back by ${formatCalendarDate(sent.candidateDeadline)}. `
              : ''}
            Write to them in your own words. They get exactly what the preview shows, with a link to their
            portal.
          </p>
          <form onSubmit={submit} className="stack" aria-label="Message to the candidate" noValidate>
            <Field label="Your message" name="message" error={previewAction.fields.message}>
              {(control) => (
                <textarea
                  {...control}
                  rows={6}
                  value={message}
                  onChange={(e) => {
                    setMessage(e.target.value);
                    setPreview(null);
                  }}
                />
              )}
            </Field>
            <ErrorMessage error={previewAction.error} />
            <div>
              <button type="submit" className="secondary" disabled={previewAction.busy || !message.trim()}>
                Preview
              </button>
            </div>
          </form>
          {preview && (
            <div className="stack">
              <p>
                Subject: <strong>{preview.preview.subject}</strong>
              </p>
              <pre className="invitation-text">{preview.preview.text}</pre>
              <ErrorMessage error={send.error} />
              <div>
                <button type="button" className="primary" disabled={send.busy} onClick={() => send.run()}>
                  Send to the candidate
                </button>
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}
