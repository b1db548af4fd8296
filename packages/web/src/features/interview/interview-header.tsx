import { type Stage, stageLabels, stages } from '@pairwise/domain';
import { StageBadge } from '../../components/stage-badge.tsx';
import { differsFromViewer, formatDateTime } from '../../lib/zoned-format.ts';
import { useInterviewContext } from './interview-context.tsx';
import './interview.css';

// The main path only: side branches (cancelled, no-show) are shown by the badge instead.
const path: Stage[] = stages.filter((stage) => stage !== 'cancelled' && stage !== 'no_show');

export function InterviewHeader() {
  const { interview } = useInterviewContext();
  const current = path.indexOf(interview.stage);
  return (
    <header className="interview-header">
      <div className="interview-title">
        <h1>
          {interview.candidate.name}
          {interview.candidate.pronouns && (
            <span className="pronouns"> ({interview.candidate.pronouns})</span>
          )}
        </h1>
        <StageBadge stage={interview.stage} />
      </div>
      <dl className="facts">
        <div>
          <dt>Position</dt>
          <dd>
            {interview.position.title} · line manager {interview.position.lineManagerName}
          </dd>
        </div>
        <div>
          <dt>Task</dt>
          <dd>{interview.task.title}</dd>
        </div>
        <div>
          <dt>Starts</dt>
          <dd>
            {formatDateTime(interview.startsAt)}
            {differsFromViewer(interview.candidate.timeZone) && (
              <> · candidate: {formatDateTime(interview.startsAt, interview.candidate.timeZone)}</>
            )}
          </dd>
        </div>
        <div>
          <dt>Place</dt>
          <dd>{interview.place}</dd>
        </div>
        <div>
          <dt>Panel</dt>
          <dd>
            {interview.navigator.name} (navigator)
            {interview.shadows.map((s) => `, ${s.name} (shadow)`).join('')}
          </dd>
        </div>
      </dl>
      {interview.panelToReassign.length > 0 && (
        <section className="notice" aria-labelledby="reassign-heading" role="status">
          <h2 id="reassign-heading">Panel to reassign</h2>
          <p>
            {interview.panelToReassign.map((member) => `${member.name} (${member.seat})`).join(', ')}{' '}
            {interview.panelToReassign.length === 1 ? 'was' : 'were'} deactivated and can no longer sign in.
            Someone else has to take {interview.panelToReassign.length === 1 ? 'this seat' : 'these seats'},
            or an admin reactivates the account.
          </p>
        </section>
      )}
      {(interview.candidate.accommodations || interview.candidate.accommodationRequests.length > 0) && (
        <section className="accommodations" aria-labelledby="accommodations-heading">
          <h2 id="accommodations-heading">Accommodations</h2>
          <ul>
            {interview.candidate.accommodations && (
              <li>
                {interview.candidate.accommodations} <span className="hint">(on the candidate record)</span>
              </li>
            )}
            {interview.candidate.accommodationRequests.map((request) => (
              <li key={request.at}>
                {request.text}{' '}
                <span className="hint">(asked through the portal, {formatDateTime(request.at)})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {current >= 0 && (
        <ol className="stage-path" aria-label="Interview stages">
          {path.map((stage, index) => (
            <li
              key={stage}
              className={index < current ? 'past' : index === current ? 'current' : 'future'}
              aria-current={index === current ? 'step' : undefined}
            >
              {stageLabels[stage]}
            </li>
          ))}
        </ol>
      )}
    </header>
  );
}
