import type { FocusAttribute } from '@pairwise/domain';
import './interview.css';

const scores = [1, 2, 3, 4] as const;

/**
 * What the panel rates after the session, from the position: read while planning, and at hand
 * (folded) while pairing, so the notes gather evidence for each attribute rather than a verdict.
 */
export function FocusAttributesSummary({
  attributes,
  folded = false,
}: {
  attributes: readonly FocusAttribute[];
  folded?: boolean;
}) {
  const list = (
    <dl className="focus-attributes-summary">
      {attributes.map((attribute) => (
        <div key={attribute.id}>
          <dt>{attribute.label}</dt>
          <dd>
            <ol className="anchor-scale">
              {scores.map((score) => (
                <li key={score}>{attribute.anchors[score - 1]}</li>
              ))}
            </ol>
          </dd>
        </div>
      ))}
    </dl>
  );
  if (folded) {
    return (
      <details className="focus-attributes-folded">
        <summary>What you rate afterwards: {attributes.length} focus attributes, with their anchors</summary>
        {list}
      </details>
    );
  }
  return (
    <section aria-labelledby="focus-attributes-heading" className="card">
      <h2 id="focus-attributes-heading">What the panel rates afterwards</h2>
      <p className="hint">
        The position’s focus attributes, each on a 1–4 scale. Take notes of what you see that bears on them;
        each rating will need a note as its evidence.
      </p>
      {list}
    </section>
  );
}
