import { describe, expect, it } from 'vitest';
import { backoffMs, waitInWords } from './failure-limiter.ts';

const policy = { freeAttempts: 3, firstDelayMs: 1000, maxDelayMs: 60_000, forgetAfterMs: 3_600_000 };

describe('backoffMs', () => {
  it('lets the free attempts through, then doubles the wait up to the ceiling', () => {
    expect([0, 1, 2].map((failures) => backoffMs(failures, policy))).toEqual([0, 0, 0]);
    expect([3, 4, 5, 8, 9, 1000].map((failures) => backoffMs(failures, policy))).toEqual([
      1000, 2000, 4000, 32_000, 60_000, 60_000,
    ]);
  });
});

describe('waitInWords', () => {
  it('says seconds for short waits and minutes for long ones', () => {
    expect(waitInWords(1)).toBe('1 second');
    expect(waitInWords(4_200)).toBe('5 seconds');
    expect(waitInWords(300_000)).toBe('5 minutes');
  });
});
