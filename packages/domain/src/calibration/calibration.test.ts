import { describe, expect, it } from 'vitest';
import {
  CalibrationAccumulator,
  type CalibrationInterview,
  type CalibrationScorecard,
  calibrate,
} from './calibration.ts';

const interview = (id: string, extra: Partial<CalibrationInterview> = {}): CalibrationInterview => ({
  id,
  positionId: 'p1',
  taskId: 't1',
  outcome: null,
  decidedAt: null,
  deadline: null,
  pairingMinutes: null,
  leverPulls: { easier: 0, harder: 0 },
  ...extra,
});
const card = (
  interviewId: string,
  authorId: string,
  collaboration: number,
  extra: Partial<CalibrationScorecard> = {},
): CalibrationScorecard => ({
  interviewId,
  authorId,
  recommendation: 'yes',
  ratings: [{ attribute: 'collaboration', score: collaboration }],
  refinementMinutes: null,
  ...extra,
});

describe('calibrate', () => {
  // i1: A 3, B 2, C 2; i2: A 4, B 3; i3: A 2 alone.
  const interviews = [
    interview('i1', { outcome: 'offer', decidedAt: '2026-03-10T12:00:00.000Z', deadline: '2026-03-10' }),
    interview('i2', { outcome: 'decline', decidedAt: '2026-03-12T08:00:00.000Z', deadline: '2026-03-11' }),
    interview('i3', { taskId: 't2', pairingMinutes: 55, leverPulls: { easier: 2, harder: 1 } }),
  ];
  const scorecards = [
    card('i1', 'A', 3, { recommendation: 'strong_yes', refinementMinutes: 10 }),
    card('i1', 'B', 2),
    card('i1', 'C', 2),
    card('i2', 'A', 4, { refinementMinutes: 20 }),
    card('i2', 'B', 3, { recommendation: 'no' }),
    card('i3', 'A', 2, { recommendation: null }),
  ];
  const figures = calibrate({
    interviews,
    scorecards,
    bias: [{ authorId: 'A', words: 2000, findings: 3, kept: 1 }],
    interviewerIds: ['A', 'B'],
    now: '2026-04-01T00:00:00.000Z',
  });
  const [a, b] = figures.interviewers;

  it('measures leniency against the co-panelists who rated the same candidate', () => {
    // A: i1 3 − (2+2)/2 = +1, i2 4 − 3 = +1; i3 had no co-panelist.
    expect(a!.leniency).toBe(1);
    expect(a!.compared).toBe(2);
    expect(a!.attributes).toEqual([
      { attribute: 'collaboration', own: [0, 1, 1, 1], coPanel: [0, 2, 1, 0], leniency: 1, compared: 2 },
    ]);
    // B: i1 2 − (3+2)/2 = −0.5, i2 3 − 4 = −1: mean −0.75.
    expect(b!.leniency).toBe(-0.75);
    expect(b!.attributes[0]!.coPanel).toEqual([0, 1, 1, 1]);
  });

  it('counts interviews, recommendations and the threshold of five', () => {
    expect(a!.interviews).toBe(3);
    expect(a!.enough).toBe(false);
    expect(a!.recommendations).toEqual({ strong_yes: 1, yes: 1, no: 0, strong_no: 0 });
    expect(b!.recommendations).toEqual({ strong_yes: 0, yes: 1, no: 1, strong_no: 0 });
  });

  it('rates bias findings per 1,000 words, the share kept, refinement and pairing time', () => {
    expect(a!.biasFindingsPer1000Words).toBe(1.5);
    expect(a!.biasKeptShare).toBeCloseTo(1 / 3, 10);
    expect(a!.meanRefinementMinutes).toBe(15);
    expect(a!.meanPairingMinutes).toBe(55);
    expect(b!.biasFindingsPer1000Words).toBeNull();
    expect(b!.meanPairingMinutes).toBeNull();
  });

  it('counts a deadline met when decided by the end of that day', () => {
    expect(a!.deadlines).toEqual({ met: 1, due: 2 });
  });

  it('computes ordinal alpha per attribute over the interviews with two ratings or more', () => {
    // Units (3,2,2), (4,3), (2): hand-computed in krippendorff-alpha.test.ts as 4/9.
    expect(figures.agreement).toEqual([{ attribute: 'collaboration', alpha: expect.any(Number), units: 2 }]);
    expect(figures.agreement[0]!.alpha).toBeCloseTo(4 / 9, 10);
  });

  it('groups outcomes and lever pulls per position and task', () => {
    expect(figures.byTaskAndPosition).toEqual([
      {
        positionId: 'p1',
        taskId: 't1',
        interviews: 2,
        outcomes: { offer: 1, next_round: 0, decline: 1, undecided: 0 },
        leverPulls: { easier: 0, harder: 0, interviewsWithPulls: 0 },
      },
      {
        positionId: 'p1',
        taskId: 't2',
        interviews: 1,
        outcomes: { offer: 0, next_round: 0, decline: 0, undecided: 1 },
        leverPulls: { easier: 2, harder: 1, interviewsWithPulls: 1 },
      },
    ]);
  });

  it('gives the same figures when the interviews come in batches, as the server reads a period', () => {
    const batched = new CalibrationAccumulator('2026-04-01T00:00:00.000Z');
    for (const batch of [['i2'], ['i3', 'i1']]) {
      batched.add(
        interviews.filter((i) => batch.includes(i.id)),
        scorecards.filter((c) => batch.includes(c.interviewId)),
      );
    }
    const result = batched.result(['A', 'B'], [{ authorId: 'A', words: 2000, findings: 3, kept: 1 }]);
    expect(result.interviewers).toEqual(figures.interviewers);
    expect(result.agreement).toEqual(figures.agreement);
    expect(new Set(result.byTaskAndPosition)).toEqual(new Set(figures.byTaskAndPosition));
    expect(batched.authors().sort()).toEqual(['A', 'B', 'C']);
  });

  it('answers nulls, not a crash, for an interviewer with nothing to compare', () => {
    const empty = calibrate({
      interviews: [],
      scorecards: [],
      bias: [],
      interviewerIds: ['Z'],
      now: '2026-01-01',
    });
    expect(empty.interviewers[0]).toMatchObject({
      interviews: 0,
      enough: false,
      leniency: null,
      attributes: [],
      biasFindingsPer1000Words: null,
      deadlines: { met: 0, due: 0 },
    });
    expect(empty.agreement).toEqual([]);
  });
});
