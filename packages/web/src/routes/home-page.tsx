import type { InterviewSummary } from '@pairwise/domain';
import { Link } from 'react-router';
import { PageState } from '../components/page-state.tsx';
import { StageBadge } from '../components/stage-badge.tsx';
import {
  inProgressStages,
  nextStepFor,
  reportStages,
  upcomingStages,
} from '../features/interview/next-step.ts';
import { hasRole, useUser } from '../features/session/session-context.tsx';
import { api } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useResource } from '../lib/use-resource.ts';
import { browserTimeZone, formatDateTime } from '../lib/zoned-format.ts';

export default function HomePage() {
  useDocumentTitle('My interviews');
  const me = useUser();
  const interviews = useResource(
    () => api.get<{ interviews: InterviewSummary[] }>('/interviews').then((a) => a.interviews),
    'interviews',
  );
  const all = interviews.data ?? [];
  const byStart = (a: InterviewSummary, b: InterviewSummary) =>
    Date.parse(a.startsAt) - Date.parse(b.startsAt);
  const inProgress = all.filter((i) => inProgressStages.includes(i.stage)).sort(byStart);
  const upcoming = all.filter((i) => upcomingStages.includes(i.stage)).sort(byStart);
  const done = all
    .filter((i) => !inProgressStages.includes(i.stage) && !upcomingStages.includes(i.stage))
    .sort((a, b) => byStart(b, a));

  return (
    <section>
      <div className="page-heading">
        <h1>My interviews</h1>
        {hasRole(me, 'admin', 'interviewer') && (
          <Link to="/interviews/new" className="button">
            Plan an interview
          </Link>
        )}
      </div>
      <p className="muted">Times are shown in your time zone, {browserTimeZone().replace(/_/g, ' ')}.</p>
      <PageState loading={interviews.loading && !interviews.data} error={interviews.error} />
      {interviews.data && (
        <>
          <InterviewGroup title="In progress" interviews={inProgress} empty="Nothing running right now." />
          <InterviewGroup title="Upcoming" interviews={upcoming} empty="No interviews planned." />
          <InterviewGroup title="Done" interviews={done} empty="No finished interviews yet." />
        </>
      )}
    </section>
  );
}

function InterviewGroup(props: { title: string; interviews: InterviewSummary[]; empty: string }) {
  const id = `group-${props.title.toLowerCase().replace(/\s+/g, '-')}`;
  return (
    <section aria-labelledby={id} className="interview-group">
      <h2 id={id}>
        {props.title} <span className="count">({props.interviews.length})</span>
      </h2>
      {props.interviews.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Candidate</th>
              <th scope="col">Position</th>
              <th scope="col">Starts</th>
              <th scope="col">Stage</th>
              <th scope="col">Next step</th>
            </tr>
          </thead>
          <tbody>
            {props.interviews.map((interview) => (
              <tr key={interview.id}>
                <td>
                  <Link to={`/interviews/${interview.id}`}>{interview.candidateName}</Link>
                </td>
                <td>{interview.positionTitle}</td>
                <td>{formatDateTime(interview.startsAt)}</td>
                <td>
                  <StageBadge stage={interview.stage} />
                </td>
                <td>
                  {nextStepFor(interview.stage, interview.myRoles, interview.myPanelState)}
                  {reportStages.includes(interview.stage) && (
                    <>
                      {' '}
                      <Link to={`/interviews/${interview.id}/report`}>Open the report</Link>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
