import { interviewsApi } from '@pairwise/domain';
import { useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { call } from '../../lib/api-client.ts';
import { primeAlarmAudio } from '../../lib/pairing-alarm.ts';
import { useAction } from '../../lib/use-action.ts';
import { formatDateTime } from '../../lib/zoned-format.ts';
import { useInterviewContext } from './interview-context.tsx';
import { LiveNotes } from './live-notes.tsx';
import { Countdown, ElapsedClock } from './phase-clock.tsx';
import { TransitionButton } from './transition-button.tsx';
import './interview.css';

export function SetupPanel() {
  const { interview, takesNotes } = useInterviewContext();
  const startedAt = interview.clock.setupStartedAt;
  return (
    <section aria-labelledby="setup-heading" className="stage-panel">
      <div className="card">
        <h2 id="setup-heading">Setup</h2>
        <p>
          The candidate installs and clones the task. This time is measured on its own and is not taken from
          the {interview.task.pairingMinutes}-minute pairing.
        </p>
        {startedAt && (
          <ElapsedClock label="Setup" startedAt={startedAt} budgetMs={interview.task.setupBudgetSec * 1000} />
        )}
        <TransitionButton
          action="start_pairing"
          label={`Start pairing (${interview.task.pairingMinutes} minutes)`}
          // The click is the gesture browsers require before the end-of-pairing alarm may sound.
          before={async () => {
            primeAlarmAudio();
            return true;
          }}
        />
      </div>
      {takesNotes && <LiveNotes showLevers={false} />}
    </section>
  );
}

export function WrapPanel() {
  const { interview, apply, drives, takesNotes } = useInterviewContext();
  const [confirmed, setConfirmed] = useState(false);
  const record = useAction(async () => {
    const answer = await call(interviewsApi.confirmRepositoryDeletion, {
      params: { id: interview.id },
      body: { confirmed: true },
    });
    apply(answer.interview);
  });
  const recordedAt = interview.repositoryDeletionConfirmedAt;

  return (
    <section aria-labelledby="wrap-heading" className="stage-panel">
      <div className="card">
        <h2 id="wrap-heading">Wrap up</h2>
        <p className="script">Ask the candidate to delete the repository from their machine.</p>
        <p className="hint">
          Their access to the repository has closed; the copy on their machine should go too.
        </p>
        {recordedAt ? (
          <p className="success" role="status">
            Deletion confirmed at {formatDateTime(recordedAt)}.
          </p>
        ) : !drives ? (
          <p className="muted">Not confirmed yet.</p>
        ) : (
          <form
            className="stack"
            onSubmit={(event) => {
              event.preventDefault();
              if (confirmed) void record.run();
            }}
          >
            <label className="choice">
              <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
              The candidate confirmed they deleted the repository
            </label>
            <div>
              <button type="submit" className="secondary" disabled={!confirmed || record.busy}>
                Record the confirmation
              </button>
            </div>
            <ErrorMessage error={record.error} />
          </form>
        )}
        {recordedAt && <TransitionButton action="start_break" label="Start the break" />}
      </div>
      {takesNotes && <LiveNotes showLevers={false} />}
    </section>
  );
}

export function BreakPanel() {
  const { interview, takesNotes } = useInterviewContext();
  const startedAt = interview.clock.breakStartedAt;
  return (
    <section aria-labelledby="break-heading" className="stage-panel">
      <div className="card">
        <h2 id="break-heading">Break</h2>
        <p>
          A {interview.clock.breakMinutes}-minute pause for everyone. Use it to pick the positive observations
          you will share.
        </p>
        {/* The break the candidate was promised when the interview was planned, counted down. */}
        {interview.clock.breakEndsAt && (
          <Countdown
            label="Break"
            endsAt={interview.clock.breakEndsAt}
            totalMs={interview.clock.breakMinutes * 60_000}
          />
        )}
        {startedAt && !interview.clock.breakEndsAt && <ElapsedClock label="Break" startedAt={startedAt} />}
        <TransitionButton action="start_retrospective" label="Start the retrospective" />
      </div>
      {takesNotes && <LiveNotes showLevers={false} />}
    </section>
  );
}
