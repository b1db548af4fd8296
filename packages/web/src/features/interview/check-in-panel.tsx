import { dayOfBlocker, EARLY_START_HOURS, interviewsApi } from '@pairwise/domain';
import { type ReactNode, useState } from 'react';
import { sendWithConfirmation, useConfirmation } from '../../components/confirm-dialog.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { formatDateTime } from '../../lib/zoned-format.ts';
import { useInterviewContext } from './interview-context.tsx';
import { beforeTheDayOf } from './next-step.ts';
import { RescheduleForm } from './reschedule-form.tsx';
import './interview.css';

/** The day-of check-in: the wellness question comes before anything else is asked of the candidate. */
export function CheckInPanel() {
  const { interview, apply, drives } = useInterviewContext();
  // Also after a reload: the answer is stored, and a reschedule clears it.
  const [notWell, setNotWell] = useState(interview.wellness === 'not_well');
  const [rescheduledTo, setRescheduledTo] = useState<string | null>(null);
  const { ask, dialog } = useConfirmation();
  const answer = useAction(async (well: boolean) => {
    // More than 2 hours before the start the server asks for "start early"; the dialog says so.
    const result = await sendWithConfirmation(ask, (flags) =>
      call(interviewsApi.recordWellness, { params: { id: interview.id }, body: { well, ...flags } }),
    );
    if (!result) return;
    apply(result.interview);
    if (!well) setNotWell(true);
  });
  const early = Date.parse(interview.startsAt) - Date.now() > EARLY_START_HOURS * 3_600_000;
  // Said before the day-of steps, not instead of them: the candidate may still come at this time.
  const blocker = drives ? dayOfBlocker(beforeTheDayOf(interview)) : null;

  return (
    <section aria-labelledby="check-in-heading" className="card stage-panel">
      <h2 id="check-in-heading">Check-in</h2>
      {!drives ? (
        <p>
          {interview.navigator.name} asks the candidate first: “Are you well? Rescheduling carries no
          disadvantage.”
        </p>
      ) : rescheduledTo ? (
        <p role="status" className="success">
          Rescheduled to {formatDateTime(rescheduledTo)}. The invitation is updated in place; nothing counts
          against the candidate. Wish them a good recovery.
        </p>
      ) : notWell ? (
        <>
          <p className="reassurance" role="status">
            Rescheduling carries no disadvantage. Agree a new time with {interview.candidate.name}.
          </p>
          <RescheduleForm
            reason="candidate_unwell"
            onDone={(startsAt) => {
              setNotWell(false);
              setRescheduledTo(startsAt);
            }}
          />
        </>
      ) : (
        <DayOfSteps early={early} startsAt={interview.startsAt} blocker={blocker}>
          <p>Ask the candidate first, before anything else:</p>
          <p className="script">Are you well? Rescheduling carries no disadvantage.</p>
          <div className="button-row">
            <button type="button" className="primary" disabled={answer.busy} onClick={() => answer.run(true)}>
              Yes, they are well
            </button>
            <button
              type="button"
              className="secondary"
              disabled={answer.busy}
              onClick={() => answer.run(false)}
            >
              Not well
            </button>
          </div>
          <ErrorMessage error={answer.error} />
        </DayOfSteps>
      )}
      {dialog}
    </section>
  );
}

/** Days before the interview, the day-of steps stay folded away: opening them is a deliberate act. */
function DayOfSteps({
  early,
  startsAt,
  blocker,
  children,
}: {
  early: boolean;
  startsAt: string;
  blocker: string | null;
  children: ReactNode;
}) {
  const notice = blocker && (
    <p className="notice" role="status">
      {blocker}
    </p>
  );
  return (
    <>
      {notice}
      {early ? (
        <details className="day-of-steps">
          <summary>Day-of steps: the interview is on {formatDateTime(startsAt)}</summary>
          {children}
        </details>
      ) : (
        children
      )}
    </>
  );
}
