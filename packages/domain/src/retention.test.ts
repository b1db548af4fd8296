import { describe, expect, it } from 'vitest';
import { isErasable, isUpcoming, type RetentionCandidate, retentionVerdicts } from './retention.ts';

const candidate = (overrides: Partial<RetentionCandidate> = {}): RetentionCandidate => ({
  candidateId: 'c1',
  closedAt: ['2026-01-10T12:00:00.000Z'],
  hasOpenInterview: false,
  legalHold: false,
  erasedAt: null,
  ...overrides,
});
const eu = { preset: 'eu_6_months', days: 0 } as const;

describe('retentionVerdicts', () => {
  it('counts calendar months from the end of the latest process', () => {
    const [verdict] = retentionVerdicts(
      [candidate({ closedAt: ['2025-12-01T00:00:00.000Z', '2026-01-10T12:00:00.000Z'] })],
      eu,
    );
    expect(verdict!.eraseAfter).toBe('2026-07-10T12:00:00.000Z');
  });

  it('counts days for a custom period', () => {
    const [verdict] = retentionVerdicts([candidate()], { preset: 'custom', days: 30 });
    expect(verdict!.eraseAfter).toBe('2026-02-09T12:00:00.000Z');
  });

  it('has no date before any interview finished, while one is open, or once erased', () => {
    const verdicts = retentionVerdicts(
      [
        candidate({ closedAt: [] }),
        candidate({ hasOpenInterview: true }),
        candidate({ erasedAt: '2026-08-01T00:00:00.000Z' }),
      ],
      eu,
    );
    expect(verdicts.map((verdict) => verdict.eraseAfter)).toEqual([null, null, null]);
  });

  it('erases what is due and not held; a hold still shows as upcoming', () => {
    const now = new Date('2026-07-11T00:00:00.000Z');
    const [due, held] = retentionVerdicts([candidate(), candidate({ legalHold: true })], eu);
    expect(isErasable(due!, now)).toBe(true);
    expect(isErasable(held!, now)).toBe(false);
    expect(isErasable(due!, new Date('2026-07-10T11:59:59.000Z'))).toBe(false);
    expect(isUpcoming(held!, new Date('2026-06-15T00:00:00.000Z'), 30)).toBe(true);
    expect(isUpcoming(held!, new Date('2026-05-15T00:00:00.000Z'), 30)).toBe(false);
  });
});
