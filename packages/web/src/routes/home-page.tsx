import { type InterviewListQuery, type InterviewSummary, interviewsApi, type Stage } from '@pairwise/domain';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { LoadMore } from '../components/load-more.tsx';
import { PageState } from '../components/page-state.tsx';
import { StageBadge } from '../components/stage-badge.tsx';
import {
  doneStages,
  inProgressStages,
  nextStepFor,
  reportStages,
  upcomingStages,
} from '../features/interview/next-step.ts';
import { hasRole, useUser } from '../features/session/session-context.tsx';
import { type BeforeTheDayFor, useWorkQueue } from '../features/work-queue/use-work-queue.ts';
import { WorkQueuePanel } from '../features/work-queue/work-queue-panel.tsx';
import { t } from '../i18n/staff-text.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { type PagedList, usePagedList } from '../lib/use-paged-list.ts';
import { browserTimeZone, formatDateTime } from '../lib/zoned-format.ts';

type Span = 'today' | 'week' | 'all';

/** The filters of one group: its stages, its order, the search and, for upcoming ones, a window. */
function groupQuery(
  groupStages: readonly Stage[],
  order: 'asc' | 'desc',
  q: string,
  span: Span = 'all',
): InterviewListQuery {
  const query: InterviewListQuery = { stages: groupStages.join(','), order, ...(q ? { q } : {}) };
  if (span === 'all') return query;
  const start = new Date();
  start.setHours(0, 0, 0, 0);
  const end = new Date(start);
  end.setDate(end.getDate() + (span === 'today' ? 1 : 7));
  return { ...query, from: start.toISOString(), to: new Date(end.getTime() - 1).toISOString() };
}

export default function HomePage() {
  useDocumentTitle(t('home.title'));
  const me = useUser();
  const [query, setQuery] = useState('');
  const [span, setSpan] = useState<Span>('all');
  const q = query.trim();
  // Each group asks for its own page: what runs now, what comes (soonest first), what is done
  // (latest first), rather than every interview at once.
  const inProgress = usePagedList(interviewsApi.list, groupQuery(inProgressStages, 'asc', q), 'interviews');
  const upcoming = usePagedList(interviewsApi.list, groupQuery(upcomingStages, 'asc', q, span), 'interviews');
  const done = usePagedList(interviewsApi.list, groupQuery(doneStages, 'desc', q), 'interviews');
  const timeZone = browserTimeZone();
  const { queue, facts } = useWorkQueue(timeZone);

  return (
    <section>
      <div className="page-heading">
        <h1>{t('home.title')}</h1>
        {hasRole(me, 'admin', 'interviewer') && (
          <Link to="/interviews/new" className="button">
            {t('home.planInterview')}
          </Link>
        )}
      </div>
      <p className="muted">{t('home.timesIn', { zone: timeZone.replace(/_/g, ' ') })}</p>
      <WorkQueuePanel queue={queue} />
      <div className="form-row">
        <div className="field">
          <label htmlFor="interview-search">{t('home.search')}</label>
          <input
            id="interview-search"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
      </div>
      <InterviewGroup
        id="group-in-progress"
        title={t('home.inProgress')}
        list={inProgress}
        empty={t('home.inProgressEmpty')}
        facts={facts}
      />
      <InterviewGroup
        id="group-upcoming"
        title={t('home.upcoming')}
        list={upcoming}
        empty={t('home.upcomingEmpty', { span })}
        facts={facts}
        filter={
          <div className="field">
            <label htmlFor="upcoming-window">{t('home.show')}</label>
            <select id="upcoming-window" value={span} onChange={(e) => setSpan(e.target.value as Span)}>
              <option value="today">{t('home.spanToday')}</option>
              <option value="week">{t('home.spanWeek')}</option>
              <option value="all">{t('home.spanAll')}</option>
            </select>
          </div>
        }
      />
      <InterviewGroup
        id="group-done"
        title={t('home.done')}
        list={done}
        empty={t('home.doneEmpty')}
        facts={facts}
      />
    </section>
  );
}

function InterviewGroup(props: {
  /** Stable whatever the language, for links and tests. */
  id: string;
  title: string;
  list: PagedList<InterviewSummary>;
  empty: string;
  filter?: ReactNode;
  facts: BeforeTheDayFor;
}) {
  const { id } = props;
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
              <th scope="col">{t('home.colCandidate')}</th>
              <th scope="col">{t('home.colPosition')}</th>
              <th scope="col">{t('home.colStarts')}</th>
              <th scope="col">{t('home.colStage')}</th>
              <th scope="col">{t('home.colNextStep')}</th>
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
                      <Link to={`/interviews/${interview.id}/report`}>{t('home.openReport')}</Link>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore list={list} label={t('home.showMore', { group: props.title.toLowerCase() })} />
    </section>
  );
}
