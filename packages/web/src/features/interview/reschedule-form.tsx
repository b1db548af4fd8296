import {
  type CancellationPreview,
  invitationsApi,
  type MessagePreview,
  type Occurrence,
  type ReschedulePreview,
  type TransitionRequest,
} from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { OccurrenceChoice, occurrenceFor } from '../../components/occurrence-choice.tsx';
import { TimeZoneSelect } from '../../components/time-zone-select.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { formatDateTime } from '../../lib/zoned-format.ts';
import { useInterviewContext } from './interview-context.tsx';
import '../invitation/invitation.css';

type RescheduleReason = Extract<TransitionRequest, { action: 'reschedule' }>['reason'];

const reasonLabels: Record<RescheduleReason, string> = {
  candidate_unwell: 'The candidate is unwell',
  candidate_request: 'The candidate asked for another time',
  interviewer_request: 'The interviewer needs another time',
  other: 'Another reason',
};

/** Exactly what the candidate will receive, or that nothing is sent because nobody was invited yet. */
export function MessagePreviewBlock({ preview }: { preview: MessagePreview | null }) {
  if (!preview) {
    return <p className="hint">Nobody was invited yet, so nothing is sent.</p>;
  }
  return (
    <div className="stack">
      <p>
        The candidate receives exactly this. Subject: <strong>{preview.subject}</strong>
      </p>
      <pre className="invitation-text">{preview.text}</pre>
    </div>
  );
}

/**
 * A new time for the interview; the reason is neutral by design and never counts against anyone.
 * The candidate's update is previewed first and sent exactly as shown; overlaps with the same
 * people's other interviews are listed and booked only when confirmed.
 */
export function RescheduleForm(props: { reason?: RescheduleReason; onDone?: (startsAt: string) => void }) {
  const { interview, apply } = useInterviewContext();
  const [startsAtLocal, setStartsAtLocal] = useState('');
  const [timeZone, setTimeZone] = useState(interview.timeZone);
  // Asked only for a time the clocks show twice (the fall-back hour); otherwise never sent.
  const [occurrence, setOccurrence] = useState<Occurrence | undefined>(undefined);
  const [reason, setReason] = useState<RescheduleReason>(props.reason ?? 'candidate_request');
  const [preview, setPreview] = useState<ReschedulePreview | null>(null);
  const [confirmOverlap, setConfirmOverlap] = useState(false);
  const changed = () => {
    setPreview(null);
    setConfirmOverlap(false);
  };
  const previewAction = useAction(async () => {
    setPreview(
      await call(invitationsApi.previewReschedule, {
        params: { id: interview.id },
        body: {
          startsAtLocal,
          ...occurrenceFor(startsAtLocal, timeZone, occurrence),
          timeZone,
          reason,
        },
      }),
    );
  });
  const send = useAction(async () => {
    if (!preview) return;
    const answer = await call(invitationsApi.sendReschedule, {
      params: { id: interview.id },
      body: {
        startsAtLocal,
        ...occurrenceFor(startsAtLocal, timeZone, occurrence),
        timeZone,
        reason,
        previewDigest: preview.previewDigest,
        ...(confirmOverlap ? { confirmOverlap: true } : {}),
      },
    });
    apply(answer.interview);
    setPreview(null);
    props.onDone?.(answer.interview.startsAt);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void previewAction.run();
  };
  const fields = { ...previewAction.fields, ...(preview?.fields ?? {}), ...send.fields };
  const blocked = preview !== null && Object.keys(preview.fields).length > 0;
  const overlapping = (preview?.overlaps.length ?? 0) > 0;

  return (
    <form onSubmit={submit} className="stack" aria-label="Reschedule" noValidate>
      <div className="form-row">
        <Field
          label="New start"
          name="startsAtLocal"
          error={fields.startsAtLocal ?? fields.startsAt}
          hint={`Currently ${formatDateTime(interview.startsAt)}.`}
        >
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              required
              value={startsAtLocal}
              onChange={(e) => {
                setStartsAtLocal(e.target.value);
                changed();
              }}
            />
          )}
        </Field>
        <Field label="Time zone of the new start" name="timeZone" error={fields.timeZone}>
          {(control) => (
            <TimeZoneSelect
              {...control}
              value={timeZone}
              onChange={(zone) => {
                setTimeZone(zone);
                changed();
              }}
            />
          )}
        </Field>
        <Field label="Reason" name="reason" error={fields.reason}>
          {(control) => (
            <select
              {...control}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value as RescheduleReason);
                changed();
              }}
            >
              {Object.entries(reasonLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <OccurrenceChoice
        startsAtLocal={startsAtLocal}
        timeZone={timeZone}
        value={occurrence}
        onChange={(chosen) => {
          setOccurrence(chosen);
          changed();
        }}
        error={fields.startsAtOccurrence}
      />
      <ErrorMessage error={previewAction.error} />
      <div>
        <button type="submit" className="secondary" disabled={previewAction.busy || !startsAtLocal}>
          Preview the new time
        </button>
      </div>
      {preview && !blocked && (
        <div className="stack" aria-live="polite">
          {preview.warnings.length > 0 && (
            <ul className="warnings" aria-label="Warnings about this time">
              {preview.warnings.map((warning) => (
                <li key={warning.code}>{warning.message}</li>
              ))}
            </ul>
          )}
          {overlapping && (
            <div className="stack">
              <p role="alert">This time overlaps other interviews of the same people (prep to debrief):</p>
              <ul>
                {preview.overlaps.map((overlap) => (
                  <li key={overlap.interviewId}>
                    {formatDateTime(overlap.startsAt)}: {overlap.people.map((p) => p.name).join(', ')}
                    {overlap.candidateName ? ` (with ${overlap.candidateName})` : ''}
                  </li>
                ))}
              </ul>
              <label>
                <input
                  type="checkbox"
                  checked={confirmOverlap}
                  onChange={(e) => setConfirmOverlap(e.target.checked)}
                />{' '}
                Book the overlapping time anyway
              </label>
            </div>
          )}
          <MessagePreviewBlock preview={preview.preview} />
          <ErrorMessage error={send.error} />
          <div>
            <button
              type="button"
              className="primary"
              disabled={send.busy || (overlapping && !confirmOverlap)}
              onClick={() => send.run()}
            >
              {preview.preview ? 'Reschedule and send this update' : 'Reschedule'}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}

/** The candidate's cancellation mail, previewed; the staff's reason stays inside Pairwise. */
export function useCancellationPreview(interviewId: string) {
  const [preview, setPreview] = useState<CancellationPreview | null>(null);
  const load = useAction(async () => {
    setPreview(await call(invitationsApi.previewCancellation, { params: { id: interviewId }, body: {} }));
  });
  return { preview, load, clear: () => setPreview(null) };
}
