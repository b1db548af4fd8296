import type { InterviewSummary, Stage, WorkQueueResponse } from '@pairwise/domain';
import { type ReactNode, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { LoadMore } from '../components/load-more.tsx';
import { PageState } from '../components/page-state.tsx';
import { StageBadge } from '../components/stage-badge.tsx';
import {
  type BeforeTheDay,
  doneStages,
  inProgressStages,
  nextStepFor,
  reportStages,
  upcomingStages,
} from '../features/interview/next-step.ts';
import { hasRole, useUser } from '../features/session/session-context.tsx';
import { WorkQueuePanel } from '../features/work-queue/work-queue-panel.tsx';
import { api } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { type PagedList, usePagedList } from '../lib/use-paged-list.ts';
import { useResource } from '../lib/use-resource.ts';
import { browserTimeZone, formatDateTime } from '../lib/zoned-format.ts';

type Span = 'today' | 'week' | 'all';

/**
 * What still stands before the day, per interview, as the work queue found it; null while it is
 * not known (the queue not loaded yet, or cut short). The queue reads the checklist only for the
 * navigator, so for anyone else its count stays unknown.
 */
type BeforeTheDayFor = (interview: InterviewSummary) => BeforeTheDay | null;

function beforeTheDay(queue: WorkQueueResponse | undefined): BeforeTheDayFor {
  if (!queue || queue.truncated) return () => null;
  const found = new Map<string, { openChecklistItems: number; rescheduleRequested: boolean }>();
  for (const item of queue.sections.flatMap((section) => section.items)) {
    const known = found.get(item.interviewId) ?? { openChecklistItems: 0, rescheduleRequested: false };
    if (item.kind === 'checklist_open') known.openChecklistItems = item.count ?? 0;
    if (item.kind === 'reschedule_requested') known.rescheduleRequested = true;
    found.set(item.interviewId, known);
  }
  return (interview) => {
    const known = found.get(interview.id) ?? { openChecklistItems: 0, rescheduleRequested: false };
    return interview.myRoles.includes('navigator') ? known : { ...known, openChecklistItems: null };
  };
}

/** The API path of one group: its stages, its order, the search and, for upcoming ones, a window. */
function groupPath(groupStages: readonly Stage[], order: 'asc' | 'desc', q: string, span: Span = 'all') {
  const params = new URLSearchParams({ stages: groupStages.join(','), order });
  if (q) params.set('q', q);
  if (span !== 'all') {
    const start = new Date();
    start.setHours(0, 0, 0, 0);
    const end = new Date(start);
    end.setDate(end.getDate() + (span === 'today' ? 1 : 7));
    params.set('from', start.toISOString());
    params.set('to', new Date(end.getTime() - 1).toISOString());
  }
  return `/interviews?${params}`;
}

export default function HomePage() {
  useDocumentTitle('My interviews');
  const me = useUser();
  const [query, setQuery] = useState('');
  const [span, setSpan] = useState<Span>('all');
  const q = query.trim();
  // Each group asks for its own page: what runs now, what comes (soonest first), what is done
  // (latest first), rather than every interview at once.
  const inProgress = usePagedList<InterviewSummary>(groupPath(inProgressStages, 'asc', q), 'interviews');
  const upcoming = usePagedList<InterviewSummary>(groupPath(upcomingStages, 'asc', q, span), 'interviews');
  const done = usePagedList<InterviewSummary>(groupPath(doneStages, 'desc', q), 'interviews');
  const timeZone = browserTimeZone();
  const queue = useResource(
    () => api.get<WorkQueueResponse>(`/work-queue?timeZone=${encodeURIComponent(timeZone)}`),
    timeZone,
  );
  const facts = useMemo(() => beforeTheDay(queue.data), [queue.data]);

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
      <p className="muted">Times are shown in your time zone, {timeZone.replace(/_/g, ' ')}.</p>
      <WorkQueuePanel queue={queue} />
      <div className="form-row">
        <div className="field">
          <label htmlFor="interview-search">Find by candidate (start of a name or email)</label>
          <input
            id="interview-search"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
      </div>
      <InterviewGroup
        title="In progress"
        list={inProgress}
        empty="Nothing running right now."
        facts={facts}
      />
      <InterviewGroup
        title="Upcoming"
        list={upcoming}
        empty={span === 'all' ? 'No interviews planned.' : 'No interviews planned in this time.'}
        facts={facts}
        filter={
          <div className="field">
            <label htmlFor="upcoming-window">Show</label>
            <select id="upcoming-window" value={span} onChange={(e) => setSpan(e.target.value as Span)}>
              <option value="today">Today</option>
              <option value="week">The next 7 days</option>
              <option value="all">All upcoming</option>
            </select>
          </div>
        }
      />
      <InterviewGroup title="Done" list={done} empty="No finished interviews yet." facts={facts} />
    </section>
  );
}

function InterviewGroup(props: {
  title: string;
  list: PagedList<InterviewSummary>;
  empty: string;
  filter?: ReactNode;
  facts: BeforeTheDayFor;
}) {
  const id = `group-${props.title.toLowerCase().replace(/\s+/g, '-')}`;
  const { list } = props;
  const interviews = list.items;
  return (
    <section aria-labelledby={id} className="interview-group">
      <h2 id={id}>
        {props.title}{' '}
        {list.answer && (
          <span className="count">
            ({interviews.length}
            {list.more ? '+' : ''})
          </span>
        )}
      </h2>
      {props.filter}
      {!list.answer ? (
        <PageState loading={list.loading} error={list.error} />
      ) : interviews.length === 0 ? (
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
            {interviews.map((interview) => (
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
                  {nextStepFor(
                    interview.stage,
                    interview.myRoles,
                    interview.myPanelState,
                    props.facts(interview),
                  )}
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
      <LoadMore list={list} label={`Show more: ${props.title.toLowerCase()}`} />
    </section>
  );
}
