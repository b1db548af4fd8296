import { setupMinutesFor } from '@pairwise/domain';
import { useInterviewContext } from './interview-context.tsx';
import { TransitionButton } from './transition-button.tsx';
import './interview.css';

/** The agenda said out loud, so nothing later in the session comes as a surprise. */
export function AgendaPanel() {
  const { interview } = useInterviewContext();
  const setupMinutes = setupMinutesFor(interview.task.setupBudgetSec);
  const minutes = interview.task.pairingMinutes;
  return (
    <section aria-labelledby="agenda-heading" className="card stage-panel">
      <h2 id="agenda-heading">Agenda: say this to {interview.candidate.name}</h2>
      <ol className="agenda">
        <li>
          First you set up the task on your machine: about {setupMinutes} minutes. Setup time is measured
          separately and does not come out of the pairing time.
        </li>
        <li>Then we pair for exactly {minutes} minutes. I will tell you when the time is up.</li>
        <li>It is about how we work together, not about finishing the task.</li>
        <li>I will take notes, so that my feedback rests on what happened rather than on memory.</li>
        <li>Questions are welcome at any time, and searching the web is fine.</li>
        <li>
          Afterwards you delete the repository, we take a {interview.dayDurations.breakMinutes}-minute break,
          then a {interview.dayDurations.retroMinutes}-minute retrospective over coffee: what you thought, and
          by when you would like to hear back.
        </li>
      </ol>
      <TransitionButton action="start_setup" label="Start setup" />
    </section>
  );
}
