import { describe, expect, it } from 'vitest';
import { summarizeTddRhythm } from './tdd-rhythm.ts';

const min = 60_000;

describe('TDD rhythm', () => {
  it('counts a red followed by a green as one cycle and times cycles red to red', () => {
    const summary = summarizeTddRhythm(
      [
        { phase: 'red', offsetMs: 2 * min },
        { phase: 'green', offsetMs: 4 * min },
        { phase: 'refactor', offsetMs: 5 * min },
        { phase: 'red', offsetMs: 8 * min },
        { phase: 'green', offsetMs: 9 * min },
        { phase: 'red', offsetMs: 12 * min },
      ],
      60 * min,
    );
    expect(summary.cycles).toBe(2);
    expect(summary.averageCycleMs).toBe(((8 - 2) * min + (12 - 8) * min) / 2);
    expect(summary.refactors).toBe(1);
    expect(summary.segments.at(-1)).toEqual({ phase: 'red', fromMs: 12 * min, toMs: 60 * min });
  });

  it('does not count a red that never went green', () => {
    expect(summarizeTddRhythm([{ phase: 'red', offsetMs: 0 }], 60 * min)).toMatchObject({
      cycles: 0,
      averageCycleMs: null,
    });
  });

  it('orders markers that arrived out of order', () => {
    const summary = summarizeTddRhythm(
      [
        { phase: 'green', offsetMs: 3 * min },
        { phase: 'red', offsetMs: 1 * min },
      ],
      10 * min,
    );
    expect(summary.cycles).toBe(1);
    expect(summary.segments.map((s) => s.phase)).toEqual(['red', 'green']);
  });
});
