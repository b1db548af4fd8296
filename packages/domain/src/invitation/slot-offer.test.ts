import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { MAX_OFFERED_SLOTS, slotInWords, slotsInWindow } from './slot-offer.ts';

describe('slotsInWindow', () => {
  it('offers a start every slot length with the whole interview inside the window', () => {
    const slots = slotsInWindow('2030-04-02T08:00:00.000Z', '2030-04-02T12:00:00.000Z', 60, 105);
    expect(slots.map((s) => s.startsAt)).toEqual([
      '2030-04-02T08:00:00.000Z',
      '2030-04-02T09:00:00.000Z',
      '2030-04-02T10:00:00.000Z',
    ]);
    expect(slots.at(-1)!.endsAt).toBe('2030-04-02T11:45:00.000Z');
  });

  it('steps real minutes across a clock change, so the starts stay one slot apart', () => {
    // Berlin springs forward at 02:00 local (01:00 UTC) on 2030-03-31.
    const slots = slotsInWindow('2030-03-30T23:00:00.000Z', '2030-03-31T03:00:00.000Z', 60, 60);
    const gaps = slots.slice(1).map((s, i) => Date.parse(s.startsAt) - Date.parse(slots[i]!.startsAt));
    expect(new Set(gaps)).toEqual(new Set([3_600_000]));
  });

  it('refuses a window shorter than the interview, one that ends before it starts, and a timetable', () => {
    expect(() => slotsInWindow('2030-04-02T08:00:00.000Z', '2030-04-02T08:30:00.000Z', 30, 60)).toThrow(
      AppError,
    );
    expect(() => slotsInWindow('2030-04-02T08:00:00.000Z', '2030-04-02T07:00:00.000Z', 30, 60)).toThrow(
      /ends before it starts/,
    );
    expect(() => slotsInWindow('2030-04-01T00:00:00.000Z', '2030-04-10T00:00:00.000Z', 15, 60)).toThrow(
      new RegExp(`at most ${MAX_OFFERED_SLOTS}`),
    );
  });
});

describe('slotInWords', () => {
  const slot = { startsAt: '2030-03-12T09:00:00.000Z', endsAt: '2030-03-12T10:45:00.000Z' };

  it('reads the candidate’s zone first and adds the interviewers’ only when it differs', () => {
    expect(slotInWords(slot, 'America/New_York', 'Europe/Berlin')).toMatch(
      /05:00.*America\/New_York.*for the interviewers .*10:00.*Europe\/Berlin/,
    );
    expect(slotInWords(slot, 'Europe/Berlin', 'Europe/Berlin')).not.toMatch(/interviewers/);
  });
});
