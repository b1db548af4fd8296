import { describe, expect, it } from 'vitest';
import { daysUntil, formatDuration, phaseEndsAt, remainingMs, serverOffsetMs } from './interview-clock.ts';

describe('interview clock', () => {
  it('ends a 60-minute pairing exactly one hour after it started', () => {
    expect(phaseEndsAt('2026-03-01T10:00:00.000Z', 60)).toBe('2026-03-01T11:00:00.000Z');
  });

  it('counts down and goes negative on overrun', () => {
    const endsAt = '2026-03-01T11:00:00.000Z';
    expect(remainingMs(endsAt, Date.parse('2026-03-01T10:59:00.000Z'))).toBe(60_000);
    expect(remainingMs(endsAt, Date.parse('2026-03-01T11:00:05.000Z'))).toBe(-5_000);
  });

  it('formats readable timers', () => {
    expect(formatDuration(60 * 60_000)).toBe('1:00:00');
    expect(formatDuration(59 * 60_000 + 59_000)).toBe('59:59');
    expect(formatDuration(999)).toBe('00:00');
    expect(formatDuration(-65_000)).toBe('-01:05');
  });

  it('counts days to a deadline in the reader time zone', () => {
    expect(daysUntil('2026-03-10', new Date('2026-03-07T23:30:00Z'), 'Europe/Berlin')).toBe(2);
    expect(daysUntil('2026-03-10', new Date('2026-03-07T23:30:00Z'), 'America/New_York')).toBe(3);
  });

  it('estimates the server offset from the middle of the round trip', () => {
    expect(serverOffsetMs(1000, 1100, 5050)).toBe(4000);
  });
});
