import { biasCategoryLabels, biasCheckApi } from '@pairwise/domain';
import { call } from '../../lib/api-client.ts';
import { useResource } from '../../lib/use-resource.ts';

/**
 * Above the decision: every flagged phrase the panel kept rather than rewrote, with its reason
 * and who confirmed it when it was about who the candidate is, so the line manager decides
 * knowing which wording passed the bias check on purpose.
 */
export function KeptFindingsBanner({ interviewId }: { interviewId: string }) {
  const summary = useResource(
    () => call(biasCheckApi.summaries, { params: { id: interviewId } }).then((a) => a.biasChecks),
    interviewId,
  );
  const kept = (summary.data ?? []).flatMap((check) =>
    check.findings
      .filter((f) => f.resolution?.resolution === 'kept')
      .map((f) => ({ author: check.authorName, finding: f, resolution: f.resolution! })),
  );
  if (kept.length === 0) return null;
  return (
    <section aria-labelledby="kept-findings-heading" className="notice kept-findings-banner">
      <h2 id="kept-findings-heading">
        {kept.length} flagged phrase{kept.length === 1 ? '' : 's'} kept by the panel
      </h2>
      <ul>
        {kept.map(({ author, finding, resolution }) => (
          <li key={`${author}-${finding.targetId}-${finding.ruleId}-${finding.start}`}>
            <strong>“{finding.phrase}”</strong> ({biasCategoryLabels[finding.category]}) in {author}'s{' '}
            {finding.target}: {resolution.reason}{' '}
            {resolution.review ? (
              <em>
                {resolution.review.status === 'confirmed'
                  ? `Confirmed by ${resolution.review.reviewerName} on ${resolution.review.reviewedAt?.slice(0, 10)}.`
                  : 'Not confirmed by a second reviewer.'}
              </em>
            ) : (
              <em>Kept on the author's word (not a protected category).</em>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
