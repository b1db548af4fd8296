import type { Occurrence, TransitionRequest } from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { OccurrenceChoice, occurrenceFor } from '../../components/occurrence-choice.tsx';
import { TimeZoneSelect } from '../../components/time-zone-select.tsx';
import { formatDateTime } from '../../lib/zoned-format.ts';
import { useInterviewContext } from './interview-context.tsx';
import { useTransition } from './transition-button.tsx';

type RescheduleReason = Extract<TransitionRequest, { action: 'reschedule' }>['reason'];

const reasonLabels: Record<RescheduleReason, string> = {
  candidate_unwell: 'The candidate is unwell',
  candidate_request: 'The candidate asked for another time',
  interviewer_request: 'The interviewer needs another time',
  other: 'Another reason',
};

/** A new time for the interview; the reason is neutral by design and never counts against anyone. */
export function RescheduleForm(props: { reason?: RescheduleReason; onDone?: (startsAt: string) => void }) {
  const { interview } = useInterviewContext();
  const transition = useTransition();
  const [startsAtLocal, setStartsAtLocal] = useState('');
  const [timeZone, setTimeZone] = useState(interview.timeZone);
  const [occurrence, setOccurrence] = useState<Occurrence | undefined>(undefined);
  const [reason, setReason] = useState<RescheduleReason>(props.reason ?? 'candidate_request');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const updated = await transition.run({
      action: 'reschedule',
      startsAtLocal,
      ...occurrenceFor(startsAtLocal, timeZone, occurrence),
      timeZone,
      reason,
    });
    if (updated) props.onDone?.(updated.startsAt);
  };
  const fields = transition.fields;

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
              onChange={(e) => setStartsAtLocal(e.target.value)}
            />
          )}
        </Field>
        <Field label="Time zone of the new start" name="timeZone" error={fields.timeZone}>
          {(control) => <TimeZoneSelect {...control} value={timeZone} onChange={setTimeZone} />}
        </Field>
        <Field label="Reason" name="reason" error={fields.reason}>
          {(control) => (
            <select
              {...control}
              value={reason}
              onChange={(e) => setReason(e.target.value as RescheduleReason)}
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
        onChange={setOccurrence}
        error={fields.startsAtOccurrence}
      />
      <ErrorMessage error={transition.error} />
      {transition.dialog}
      <div>
        <button type="submit" disabled={transition.busy}>
          Reschedule
        </button>
      </div>
    </form>
  );
}
