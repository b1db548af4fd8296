import { Link } from 'react-router';
import { KeepReviewPanel } from '../scorecard/keep-review-panel.tsx';
import { AgendaPanel } from './agenda-panel.tsx';
import { CheckInPanel } from './check-in-panel.tsx';
import { useInterviewContext } from './interview-context.tsx';
import { PairingPanel } from './pairing-panel.tsx';
import { PlanningPanel } from './planning-panel.tsx';
import { RefinementPanel } from './refinement-panel.tsx';
import { RetrospectivePanel } from './retrospective-panel.tsx';
import { BreakPanel, SetupPanel, WrapPanel } from './session-panels.tsx';
import './interview.css';

/** The interview page shows what the current stage asks for, and nothing that belongs to another. */
export function StagePanel() {
  const { interview } = useInterviewContext();
  switch (interview.stage) {
    case 'planned':
      return <PlanningPanel />;
    case 'invited':
      return (
        <>
          <CheckInPanel />
          <PlanningPanel />
        </>
      );
    case 'checked_in':
      return <AgendaPanel />;
    case 'setup':
      return <SetupPanel />;
    case 'pairing':
      return <PairingPanel />;
    case 'wrap':
      return <WrapPanel />;
    case 'break':
      return <BreakPanel />;
    case 'retrospective':
      return <RetrospectivePanel />;
    case 'refinement':
      // Not on the panel (an admin): nothing to refine, but kept phrases may wait for a second reviewer.
      if (interview.myPanelState === null) return <KeepReviewPanel interviewId={interview.id} />;
      return <RefinementPanel />;
    case 'reported':
    case 'decided':
      // A shadow keeps their own refinement path after the navigator reported the interview.
      if (interview.myPanelState === 'refining') return <RefinementPanel />;
      if (interview.myPanelState === 'closed') {
        return (
          <section className="card stage-panel" aria-labelledby="report-heading">
            <h2 id="report-heading">Decided without your impression</h2>
            <p>
              The line manager recorded the decision before your impression was in, and gave the reason on the
              report. Your notes stay yours; nothing more to submit.
            </p>
          </section>
        );
      }
      return (
        <section className="card stage-panel" aria-labelledby="report-heading">
          <h2 id="report-heading">{interview.stage === 'decided' ? 'Decided' : 'Impression submitted'}</h2>
          <p>
            {interview.stage === 'decided'
              ? 'The line manager recorded the decision.'
              : `${interview.position.lineManagerName} (line manager) reads the report and records the decision.`}
          </p>
          <Link className="button" to={`/interviews/${interview.id}/report`}>
            Open the report
          </Link>
        </section>
      );
    case 'cancelled':
      return <p className="card">This interview was cancelled.</p>;
    case 'no_show':
      return <p className="card">The candidate did not show. Nothing more to do here.</p>;
  }
}
