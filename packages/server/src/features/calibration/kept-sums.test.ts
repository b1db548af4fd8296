import {
  CalibrationAccumulator,
  type CalibrationInterview,
  type CalibrationScorecard,
  type CalibrationSums,
} from '@pairwise/domain';
import { describe, expect, it } from 'vitest';
import { type KeptRow, PeriodTotal } from './kept-sums.ts';

/** One interview's sums, as the server keeps them per interview, with its minutes as given. */
function sumsOf(
  id: string,
  authors: Array<[string, number]>,
  pairingMinutes: number | null,
  refinementMinutes: number | null,
): CalibrationSums {
  const interview: CalibrationInterview = {
    id,
    positionId: 'p1',
    taskId: 't1',
    outcome: null,
    decidedAt: null,
    deadline: '2026-03-10',
    pairingMinutes,
    leverPulls: { easier: 0, harder: 1 },
  };
  const cards: CalibrationScorecard[] = authors.map(([authorId, score]) => ({
    interviewId: id,
    authorId,
    recommendation: 'yes',
    ratings: [{ attribute: 'collaboration', score }],
    refinementMinutes,
  }));
  const figures = new CalibrationAccumulator('');
  figures.add([interview], cards);
  figures.addBias(authors[0]![0], { words: 120, findings: 1, kept: 0 });
  return figures.sums();
}

/** A row of a period: rows are immutable once written, so each write is a new revision. */
const row = (key: string, revision: string, sign: 1 | -1, sums: CalibrationSums[]): KeptRow => {
  const total = new CalibrationAccumulator('');
  for (const s of sums) total.addSums(s);
  return { key, revision, sign, sums: structuredClone(total.sums()) };
};

/** The same rows added up from nothing, as a request without a kept total would. */
function fromNothing(rows: readonly KeptRow[]): CalibrationSums {
  const total = new CalibrationAccumulator('');
  for (const r of rows) total.addSums(r.sums, r.sign);
  return total.sums();
}

describe('a period kept added up', () => {
  // Minutes that are no whole number of milliseconds either: kept rounded to milliseconds, so
  // every figure is an integer and taking a row out leaves no residue.
  const a = sumsOf(
    'a',
    [
      ['nora', 3],
      ['sam', 2],
    ],
    47.224_283_3,
    12.345_678_9,
  );
  const b = sumsOf(
    'b',
    [
      ['nora', 4],
      ['sam', 3],
    ],
    33.333_333_3,
    0.000_01,
  );
  const c = sumsOf('c', [['lee', 1]], 1 / 3, 2 / 3);

  it('follows changed, added, taken-out and removed rows exactly as a total added from nothing', () => {
    const total = new PeriodTotal();
    // A month, less a day of it outside the period (sign −1), and a day of the next month.
    let rows = [
      row('all 2026-03', 'r1', 1, [a, b, c]),
      row('all 2026-03-31', 'r1', -1, [c]),
      row('all 2026-04-01', 'r1', 1, []),
    ];
    expect(total.update(rows).sums()).toEqual(fromNothing(rows));
    expect(total.update(rows).sums().interviewers).not.toHaveProperty('lee');

    // Interview b's minutes change (a new revision of the month), and a new interview lands in April.
    const b2 = sumsOf(
      'b',
      [
        ['nora', 4],
        ['sam', 3],
      ],
      58.876_543_21,
      7.777_777_7,
    );
    rows = [row('all 2026-03', 'r2', 1, [a, b2, c]), rows[1]!, row('all 2026-04-01', 'r2', 1, [c])];
    expect(total.update(rows).sums()).toEqual(fromNothing(rows));
    expect(total.update(rows).sums().interviewers.lee!.n).toEqual(fromNothing(rows).interviewers.lee!.n);

    // Everything of April removed (its row deleted when emptied), then b taken out of March.
    rows = [row('all 2026-03', 'r3', 1, [a, c]), rows[1]!];
    const kept = total.update(rows).sums();
    expect(kept).toEqual(fromNothing(rows));
    // Only a's figures remain for nora and sam, with nothing left over from b's fractional minutes.
    expect(kept).toEqual(fromNothing([row('only a', 'x', 1, [a])]));
  });

  it('ends empty when every row is gone', () => {
    const total = new PeriodTotal();
    total.update([row('all 2026-03', 'r1', 1, [a, b]), row('all 2026-03-02', 'r1', -1, [b])]);
    expect(total.update([]).isEmpty()).toBe(true);
  });
});
