import {
  type BiasCheckSummary,
  type BiasResolution,
  biasCategoryLabels,
  decisionLabels,
  impressionsInText,
  type Note,
  type PhaseLength,
  type Report,
  recommendationLabels,
} from '@pairwise/domain';

/**
 * The line manager's report as Markdown: the same facts as the report page, in reading order,
 * for pasting into a hiring tracker or an email. Pure, so it is tested without a server.
 */
export function renderReportMarkdown(report: Report, biasChecks: readonly BiasCheckSummary[]): string {
  const notesById = new Map(report.notes.map((note) => [note.id, note]));
  const out: string[] = [];
  out.push(`# ${report.candidateName} — ${report.positionTitle}`, '');
  out.push(`- Task: ${report.taskTitle}`);
  out.push(`- Navigator: ${report.navigatorName}`);
  out.push(`- Interview: ${report.startsAt}`);
  if (report.deadline) {
    const left = report.daysLeft === null ? '' : ` (${daysLeft(report.daysLeft)})`;
    out.push(`- Candidate's deadline: ${report.deadline}${left}`);
  }
  out.push(`- Impressions: ${impressionsInText(report.impressionsIn)}`);
  out.push(`- Time: ${report.phaseLengths.map(phaseLengthText).join('; ')}`);
  out.push(`- Decision: ${report.decision ? decisionText(report.decision) : 'not recorded yet'}`);
  if (report.decision?.proceededWithoutPanel) {
    const { reason, missing } = report.decision.proceededWithoutPanel;
    out.push(`- Decided without the impression of ${missing.join(', ')}: ${reason}`);
  }
  out.push('');

  for (const card of report.scorecards) {
    out.push(`## ${card.authorName}'s impression`, '');
    out.push(
      `Recommendation: **${card.recommendation ? recommendationLabels[card.recommendation] : 'none'}**`,
      '',
    );
    out.push(quote(card.impression), '');
    out.push('| Attribute | Rating | Evidence |', '|---|---|---|');
    for (const attribute of card.focusAttributes) {
      const rating = card.ratings.find((r) => r.attribute === attribute.id);
      if (!rating) continue;
      const anchor = attribute.anchors[rating.score - 1] ?? '';
      const evidence = rating.evidenceNoteIds
        .map((id) => notesById.get(id))
        .filter((note): note is Note => note !== undefined)
        .map((note) => `${clock(note.offsetMs)} ${note.text}`)
        .join('<br>');
      out.push(`| ${cell(attribute.label)} | ${rating.score}/4 — ${cell(anchor)} | ${cell(evidence)} |`);
    }
    out.push('');
  }

  if (report.retrospective) {
    const { answers, nextSteps } = report.retrospective;
    out.push('## Retrospective', '');
    out.push(`- How do you like our solution? ${answers.solution || '—'}`);
    out.push(`- Did you learn anything new? ${answers.learned || '—'}`);
    out.push(`- What would you change from here? ${answers.change || '—'}`);
    if (nextSteps) out.push(`- Next steps: ${nextSteps}`);
    out.push('');
  }

  out.push('## Bias check', '');
  for (const check of biasChecks) {
    out.push(`### ${check.authorName}`, '');
    if (check.findings.length === 0 && check.resolutions.length === 0) out.push('No phrases flagged.');
    for (const finding of check.findings) {
      const how = finding.resolution
        ? `kept: ${finding.resolution.reason}${reviewText(finding.resolution)}`
        : 'open';
      out.push(`- "${finding.phrase}" (${biasCategoryLabels[finding.category]}) — ${how}`);
    }
    for (const resolution of check.resolutions.filter((r) => r.resolution === 'rewritten')) {
      const category = resolution.category ? ` (${biasCategoryLabels[resolution.category]})` : '';
      out.push(`- "${resolution.phrase}"${category} — rewritten`);
    }
    for (const finding of check.structural) out.push(`- Structural: ${finding.message}`);
    out.push('');
  }

  out.push('## Notes', '');
  for (const note of [...report.notes].sort(byTime)) {
    const revised = note.revisions.length ? ' _(refined)_' : '';
    out.push(`- ${clock(note.offsetMs)} ${note.authorName}: ${note.text}${revised}`);
  }
  out.push('');
  return out.join('\n');
}

function decisionText(decision: NonNullable<Report['decision']>): string {
  const label = decisionLabels[decision.outcome as keyof typeof decisionLabels] ?? decision.outcome;
  return `${label} (${decision.decidedByName}, ${decision.decidedAt})${decision.note ? ` — ${decision.note}` : ''}`;
}

function daysLeft(days: number): string {
  if (days < 0) return `${-days} days overdue`;
  return days === 1 ? '1 day left' : `${days} days left`;
}

/** Minutes into pairing as [mm:ss]; notes before pairing have no offset. */
function clock(offsetMs: number | null): string {
  if (offsetMs === null || offsetMs < 0) return '[before pairing]';
  const seconds = Math.floor(offsetMs / 1000);
  return `[${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}]`;
}

const byTime = (a: Note, b: Note) =>
  (a.offsetMs ?? -1) - (b.offsetMs ?? -1) || a.createdAt.localeCompare(b.createdAt);
const quote = (text: string) =>
  text.trim()
    ? text
        .trim()
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n')
    : '> —';
// A pipe or line break inside a table cell would end the cell or the row.
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');

function phaseLengthText(length: PhaseLength): string {
  if (length.actualMinutes === null) return `${length.phase} —`;
  const cut = length.cutShort ? ' (cut short)' : '';
  return `${length.phase} ${length.actualMinutes} of ${length.promisedMinutes} min${cut}`;
}

/** Who confirmed a protected-category keep, as the decision banner says it. */
export function reviewText(resolution: BiasResolution): string {
  const review = resolution.review;
  if (!review) return '';
  if (review.status === 'pending') return ' (awaiting a second reviewer)';
  return ` (${review.status} by ${review.reviewerName ?? 'a removed user'}, ${review.reviewedAt?.slice(0, 10) ?? ''})`;
}

/** The text in slices of about 64 k characters, as a stream writes them; never between a surrogate pair. */
export function* slices(text: string, size = 65_536): Generator<string> {
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + size, text.length);
    const last = text.charCodeAt(end - 1);
    // A slice that would end on a pair's first half ends before it (or, one character long, after it).
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += end - 1 > start ? -1 : 1;
    yield text.slice(start, end);
    start = end;
  }
}
