import { useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { formatDateTime } from '../../lib/zoned-format.ts';
import { useInterviewContext } from './interview-context.tsx';
import { PlaceForm } from './place-form.tsx';
import { RescheduleForm } from './reschedule-form.tsx';
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
  const transition = useTransition();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  return (
    <section aria-labelledby="cancel-heading">
      <h3 id="cancel-heading">Cancel</h3>
      <Field label="Reason (optional)" name="reason" error={transition.fields.reason}>
        {(control) => <input {...control} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      {confirming ? (
        <div className="button-row">
          <button
            type="button"
            className="danger"
            disabled={transition.busy}
            onClick={() => transition.run({ action: 'cancel', ...(reason.trim() ? { reason } : {}) })}
          >
            Yes, cancel the interview
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          Cancel the interview…
        </button>
      )}
      <ErrorMessage error={transition.error} />
      {transition.dialog}
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
