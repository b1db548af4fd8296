import type { WorkItem, WorkQueueResponse } from '@pairwise/domain';
import { Link } from 'react-router';
import { PageState } from '../../components/page-state.tsx';
import type { Resource } from '../../lib/use-resource.ts';
import { formatDateTime } from '../../lib/zoned-format.ts';

/** Days to the candidate's "hear back by" date, in words; nothing when none was agreed. */
export function deadlineText(daysLeft: number | null): string | null {
  if (daysLeft === null) return null;
  if (daysLeft === 0) return "The candidate's deadline is today.";
  if (daysLeft === 1) return "1 day to the candidate's deadline.";
  if (daysLeft > 1) return `${daysLeft} days to the candidate's deadline.`;
  return `The candidate's deadline passed ${-daysLeft === 1 ? '1 day' : `${-daysLeft} days`} ago.`;
}

/**
 * The home page's work queue: one section per kind of work with its count, each item a link to
 * the place where it is done. Lists and links only, so Tab and Enter reach everything.
 */
export function WorkQueuePanel({ queue }: { queue: Resource<WorkQueueResponse> }) {
  const sections = queue.data?.sections ?? [];
  const total = sections.reduce((sum, section) => sum + section.items.length, 0);
  return (
    <section aria-labelledby="work-queue-heading" className="work-queue">
      <h2 id="work-queue-heading">
        Needs your action {queue.data && <span className="count">({total})</span>}
      </h2>
      {!queue.data ? (
        <PageState loading={queue.loading} error={queue.error} />
      ) : total === 0 ? (
        <p className="muted">Nothing needs your action right now.</p>
      ) : (
        <div className="work-queue-sections">
          {sections
            .filter((section) => section.items.length > 0)
            .map((section) => (
              <section
                key={section.section}
                aria-labelledby={`work-${section.section}-heading`}
                className="work-queue-section"
              >
                <h3 id={`work-${section.section}-heading`}>
                  {section.title} <span className="count">({section.items.length})</span>
                </h3>
                <ul>
                  {section.items.map((item) => (
                    <WorkQueueItem key={`${item.kind}-${item.interviewId}`} item={item} />
                  ))}
                </ul>
              </section>
            ))}
        </div>
      )}
      {queue.data?.truncated && (
        <p className="muted">
          The queue shows the soonest open interviews only; the lists below have every interview.
        </p>
      )}
    </section>
  );
}

function WorkQueueItem({ item }: { item: WorkItem }) {
  const deadline = deadlineText(item.daysLeft);
  return (
    <li>
      <Link to={item.href}>
        {item.candidateName}, {item.positionTitle}
      </Link>{' '}
      <span className="muted">{formatDateTime(item.startsAt)}</span>
      <br />
      {item.text}
      {deadline && (
        <>
          {' '}
          <strong className={item.daysLeft !== null && item.daysLeft < 0 ? 'overdue' : undefined}>
            {deadline}
          </strong>
        </>
      )}
    </li>
  );
}
