import { invitationsApi } from '@pairwise/domain';
import { useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { formatDateTime } from '../../lib/zoned-format.ts';
import { useInterviewContext } from './interview-context.tsx';
import { PlaceForm } from './place-form.tsx';
import { MessagePreviewBlock, RescheduleForm, useCancellationPreview } from './reschedule-form.tsx';
import { useTransition } from './transition-button.tsx';
import './interview.css';

/** The side branches, kept out of the way until needed: reschedule, a new place, cancel, no-show. */
export function MoreActions() {
  const { can } = useInterviewContext();
  const [rescheduledTo, setRescheduledTo] = useState<string | null>(null);
  if (!can('reschedule') && !can('cancel') && !can('mark_no_show')) return null;
  return (
    <details className="more-actions">
      <summary>More: reschedule, change the place, cancel or record a no-show</summary>
      {can('reschedule') && (
        <section aria-labelledby="reschedule-heading">
          <h3 id="reschedule-heading">Reschedule</h3>
          {rescheduledTo && (
            <p role="status" className="success">
              Rescheduled to {formatDateTime(rescheduledTo)}.
            </p>
          )}
          <RescheduleForm onDone={setRescheduledTo} />
        </section>
      )}
      {/* The place changes in the same window as the time: until pairing starts. */}
      {can('reschedule') && <PlaceForm />}
      {can('cancel') && <CancelInterview />}
      {can('mark_no_show') && <NoShow />}
    </details>
  );
}

function CancelInterview() {
  const { interview, apply } = useInterviewContext();
  const [reason, setReason] = useState('');
  const cancellation = useCancellationPreview(interview.id);
  const send = useAction(async () => {
    if (!cancellation.preview) return;
    const answer = await call(invitationsApi.sendCancellation, {
      params: { id: interview.id },
      body: {
        ...(reason.trim() ? { reason } : {}),
        previewDigest: cancellation.preview.previewDigest,
      },
    });
    apply(answer.interview);
  });
  return (
    <section aria-labelledby="cancel-heading">
      <h3 id="cancel-heading">Cancel</h3>
      <Field
        label="Reason (optional)"
        name="reason"
        error={send.fields.reason}
        hint="Stays inside Pairwise: the candidate's mail never assigns fault."
      >
        {(control) => <input {...control} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      {cancellation.preview ? (
        <div className="stack">
          <MessagePreviewBlock preview={cancellation.preview.preview} />
          <div className="button-row">
            <button type="button" className="danger" disabled={send.busy} onClick={() => send.run()}>
              {cancellation.preview.preview
                ? 'Yes, cancel and send this to the candidate'
                : 'Yes, cancel the interview'}
            </button>
            <button type="button" className="secondary" onClick={cancellation.clear}>
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="secondary"
          disabled={cancellation.load.busy}
          onClick={() => cancellation.load.run()}
        >
          Cancel the interview…
        </button>
      )}
      <ErrorMessage error={cancellation.load.error ?? send.error} />
    </section>
  );
}

function NoShow() {
  const transition = useTransition();
  const [confirming, setConfirming] = useState(false);
  return (
    <section aria-labelledby="no-show-heading">
      <h3 id="no-show-heading">No-show</h3>
      <p className="hint">Only when the candidate did not come and could not be reached.</p>
      {confirming ? (
        <div className="button-row">
          <button
            type="button"
            className="danger"
            disabled={transition.busy}
            onClick={() => transition.run({ action: 'mark_no_show' })}
          >
            Yes, record a no-show
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            Not now
          </button>
        </div>
      ) : (
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          Record a no-show…
        </button>
      )}
      <ErrorMessage error={transition.error} />
      {transition.dialog}
    </section>
  );
}
