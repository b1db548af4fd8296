import type { CalibrationResponse } from '@pairwise/domain';

/**
 * The same figures as a long table (one measure per row), which every spreadsheet can pivot;
 * interviewers below the minimum appear with their count only.
 */
export function calibrationCsv(figures: CalibrationResponse): string {
  const rows: Array<Array<string | number | null>> = [['section', 'subject', 'detail', 'measure', 'value']];
  const label = new Map(figures.attributes.map((a) => [a.id, a.label]));
  for (const row of figures.interviewers) {
    rows.push(['interviewer', row.name, '', 'interviews', row.interviews]);
    const f = row.figures;
    if (!f) continue;
    rows.push(['interviewer', row.name, '', 'leniency', f.leniency]);
    for (const a of f.attributes) {
      const attribute = label.get(a.attribute) ?? a.attribute;
      rows.push(['interviewer', row.name, attribute, 'leniency', a.leniency]);
      a.own.forEach((count, i) => {
        rows.push(['interviewer', row.name, attribute, `rated ${i + 1}`, count]);
      });
      a.coPanel.forEach((count, i) => {
        rows.push(['interviewer', row.name, attribute, `co-panelists rated ${i + 1}`, count]);
      });
    }
    for (const [recommendation, count] of Object.entries(f.recommendations)) {
      rows.push(['interviewer', row.name, '', `recommended ${recommendation}`, count]);
    }
    rows.push(['interviewer', row.name, '', 'bias findings per 1000 words', f.biasFindingsPer1000Words]);
    rows.push(['interviewer', row.name, '', 'bias findings kept (share)', f.biasKeptShare]);
    rows.push(['interviewer', row.name, '', 'mean refinement minutes', f.meanRefinementMinutes]);
    rows.push(['interviewer', row.name, '', 'mean pairing minutes', f.meanPairingMinutes]);
    rows.push(['interviewer', row.name, '', 'deadlines met', f.deadlines.met]);
    rows.push(['interviewer', row.name, '', 'deadlines due', f.deadlines.due]);
  }
  for (const row of figures.agreement) {
    const attribute = label.get(row.attribute) ?? row.attribute;
    rows.push(['agreement', attribute, '', "Krippendorff's alpha (ordinal)", row.alpha]);
    rows.push(['agreement', attribute, '', 'interviews rated by two or more', row.units]);
  }
  for (const row of figures.byTaskAndPosition) {
    const subject = `${row.positionTitle} / ${row.taskTitle}`;
    rows.push(['task and position', subject, '', 'interviews', row.interviews]);
    for (const [outcome, count] of Object.entries(row.outcomes)) {
      rows.push(['task and position', subject, '', `outcome ${outcome}`, count]);
    }
    rows.push(['task and position', subject, '', 'lever pulls easier', row.leverPulls.easier]);
    rows.push(['task and position', subject, '', 'lever pulls harder', row.leverPulls.harder]);
  }
  for (const position of figures.survey) {
    for (const month of position.months) {
      rows.push(['survey', position.title, month.month, 'responses', month.responses]);
      rows.push(['survey', position.title, month.month, 'average score', month.averageScore]);
    }
  }
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** RFC 4180 quoting, and a leading quote for text a spreadsheet would run as a formula. */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
