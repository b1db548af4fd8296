import { formatDuration, type RepositoryPush } from '@pairwise/domain';
import { formatClockTime } from '../../lib/zoned-format.ts';

const branchOf = (ref: string) => ref.replace(/^refs\/heads\//, '').replace(/^refs\/tags\//, 'tag ');
const subjectOf = (message: string) => message.split('\n', 1)[0] || '(no message)';

/** Each push with when it came (clock time and offset into pairing), its commits and files. */
export function PushTimeline({
  pushes,
  headingLevel = 3,
}: {
  pushes: RepositoryPush[];
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="push-timeline" aria-labelledby="push-timeline-heading">
      <Heading id="push-timeline-heading">
        Pushes <span className="muted">({pushes.length})</span>
      </Heading>
      {pushes.length === 0 ? (
        <p className="muted">No pushes yet. Each push the candidate makes appears here within seconds.</p>
      ) : (
        <ol className="push-list">
          {pushes.map((push) => (
            <li key={push.id} className="push">
              <p className="push-when">
                <time dateTime={push.at}>{formatClockTime(push.at)}</time>{' '}
                <span className="muted">
                  {push.offsetMs === null
                    ? 'before pairing'
                    : `${formatDuration(push.offsetMs)} into pairing`}
                </span>{' '}
                <span className="push-refs">{push.refs.map((ref) => branchOf(ref.ref)).join(', ')}</span>
              </p>
              <ul className="push-commits">
                {push.commits.map((commit) => (
                  <li key={commit.sha}>
                    <code>{commit.sha.slice(0, 7)}</code> {subjectOf(commit.message)}{' '}
                    <span className="muted">
                      ({commit.changes.length} file{commit.changes.length === 1 ? '' : 's'}:{' '}
                      {commit.changes
                        .slice(0, 5)
                        .map((change) => change.path)
                        .join(', ')}
                      {commit.changes.length > 5 ? ', …' : ''})
                    </span>
                  </li>
                ))}
                {push.commitsTruncated && (
                  <li className="muted">Earlier commits of this push are not listed.</li>
                )}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
