import { type BiasLanguageFinding, biasCategoryLabels } from '@pairwise/domain';
import type { ReactNode } from 'react';

/** A text with each flagged phrase marked in place; overlapping findings mark the first only. */
export function HighlightedText({ text, findings }: { text: string; findings: BiasLanguageFinding[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const finding of [...findings].sort((a, b) => a.start - b.start)) {
    if (finding.start < at) continue;
    if (finding.start > at) parts.push(text.slice(at, finding.start));
    parts.push(
      <mark
        key={`${finding.start}-${finding.ruleId}`}
        className={finding.resolution ? 'bias-mark resolved' : 'bias-mark'}
        title={`${biasCategoryLabels[finding.category]}: ${finding.message}`}
      >
        {text.slice(finding.start, finding.end)}
      </mark>,
    );
    at = finding.end;
  }
  parts.push(text.slice(at));
  return <span className="highlighted-text">{parts}</span>;
}
