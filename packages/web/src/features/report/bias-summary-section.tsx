import { type BiasCheckSummary, biasCategoryLabels, biasCheckApi } from '@pairwise/domain';
import { PageState } from '../../components/page-state.tsx';
import { call } from '../../lib/api-client.ts';
import { useResource } from '../../lib/use-resource.ts';
import '../scorecard/bias-check.css';

/** How each panel member's flagged phrases were resolved, and what the structural checks found. */
export function BiasSummarySection({ interviewId }: { interviewId: string }) {
  const summary = useResource(
    () => call(biasCheckApi.summaries, { params: { id: interviewId } }).then((a) => a.biasChecks),
    interviewId,
  );
  return (
    <section aria-labelledby="bias-summary-heading" className="bias-summary">
      <h2 id="bias-summary-heading">Bias check</h2>
      {!summary.data ? (
        <PageState loading={summary.loading} error={summary.error} />
      ) : (
        summary.data.map((check) => <AuthorSummary key={check.authorId} check={check} />)
      )}
    </section>
  );
}

function AuthorSummary({ check }: { check: BiasCheckSummary }) {
  const rewritten = check.resolutions.filter((r) => r.resolution === 'rewritten');
  const rows = [
    ...check.findings.map((f) => ({
      key: `${f.targetId}-${f.start}-${f.ruleId}`,
      phrase: f.phrase,
      category: biasCategoryLabels[f.category],
      where: f.target === 'note' ? 'note' : 'impression',
      how: f.resolution
        ? `Kept: ${f.resolution.reason}${
            f.resolution.review?.status === 'confirmed'
              ? ` (confirmed by ${f.resolution.review.reviewerName})`
              : f.resolution.review
                ? ' (not confirmed by a second reviewer)'
                : ''
          }`
        : 'Open',
    })),
    ...rewritten.map((r) => ({
      key: `${r.targetId}-${r.ruleId}-${r.phrase}`,
      phrase: r.phrase,
      category: r.category ? biasCategoryLabels[r.category] : '',
      where: r.target === 'note' ? 'note' : 'impression',
      how: 'Rewritten',
    })),
  ];
  return (
    <div className="card stack">
      <h3>{check.authorName}</h3>
      {rows.length === 0 ? (
        <p className="muted">No phrases flagged in the notes or the impression.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Phrase</th>
              <th scope="col">May reflect</th>
              <th scope="col">In</th>
              <th scope="col">Resolved</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <td>“{row.phrase}”</td>
                <td>{row.category || '—'}</td>
                <td>{row.where}</td>
                <td>{row.how}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {check.structural.length > 0 && (
        <ul>
          {check.structural.map((s) => (
            <li key={s.checkId}>
              {s.message} <span className="muted">{s.advice}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
