import { describe, expect, it } from 'vitest';
import {
  calendarConflicts,
  guardCalendarConflicts,
  heldSpan,
  type PersonBusy,
  proposeSlots,
} from './free-busy.ts';

// The default agenda: 30 minutes of prep, 5 of setup, 60 of pairing, then break, retro,
// refinement and the debrief: 09:30 to 12:35 for a 10:00 start.
const minutes = { pairingMinutes: 60, setupMinutes: 5 };
const person = (role: PersonBusy['role'], busy: [string, string][] = [], id = role): PersonBusy => ({
  id,
  role,
  calendar: 'connected',
  busy: busy.map(([startsAt, endsAt]) => ({ startsAt, endsAt, source: 'calendar' as const })),
});

describe('free/busy for planning', () => {
  it('holds prep to debrief for the panel and only the debrief for the line manager', () => {
    expect(heldSpan('navigator', '2031-06-02T10:00:00Z', minutes)).toEqual({
      startsAt: '2031-06-02T09:30:00Z',
      endsAt: '2031-06-02T12:35:00Z',
    });
    expect(heldSpan('line_manager', '2031-06-02T10:00:00Z', minutes)).toEqual({
      startsAt: '2031-06-02T12:05:00Z',
      endsAt: '2031-06-02T12:35:00Z',
    });
  });

  it('counts a busy time inside the held span, not one back to back with it', () => {
    const people = [
      person('navigator', [['2031-06-02T08:30:00Z', '2031-06-02T09:30:00Z']]),
      person('line_manager', [['2031-06-02T11:00:00Z', '2031-06-02T12:05:00Z']]),
    ];
    expect(calendarConflicts(people, '2031-06-02T10:00:00Z', minutes)).toEqual([]);
    const later = [person('line_manager', [['2031-06-02T12:30:00Z', '2031-06-02T13:00:00Z']])];
    expect(calendarConflicts(later, '2031-06-02T10:00:00Z', minutes)).toHaveLength(1);
  });

  it('proposes weekday starts on the half hour with prep to debrief inside working hours', () => {
    const people = [person('navigator', [['2031-06-02T08:00:00Z', '2031-06-02T12:00:00Z']])];
    const proposals = proposeSlots({
      people,
      minutes,
      timeZone: 'UTC',
      // A Saturday morning: the weekend is skipped.
      from: '2031-05-31T07:00:00Z',
      until: '2031-06-03T00:00:00Z',
      count: 3,
    });
    // Monday: busy until 12:00, so prep from 12:00; the last start leaving the debrief before 18:00 is 14:30.
    expect(proposals).toEqual(['2031-06-02T12:30:00Z', '2031-06-02T13:00:00Z', '2031-06-02T13:30:00Z']);
  });

  it('proposes in the interview zone, across a clock change', () => {
    const proposals = proposeSlots({
      people: [],
      minutes,
      timeZone: 'Europe/Berlin',
      from: '2031-03-30T00:00:00Z',
      until: '2031-04-01T00:00:00Z',
      count: 1,
    });
    // Monday 31 March 2031, 08:30 in Berlin (summer time, UTC+2) after prep from 08:00.
    expect(proposals).toEqual(['2031-03-31T06:30:00Z']);
  });

  it('needs a reason for a calendar busy time, only a confirmation for Pairwise bookings', () => {
    const calendar = [{ source: 'calendar' as const }];
    const pairwise = [{ source: 'pairwise' as const }];
    expect(() => guardCalendarConflicts(calendar, { confirmOverlap: true })).toThrow(
      expect.objectContaining({ fields: { conflictReason: expect.any(String) } }),
    );
    expect(() =>
      guardCalendarConflicts(calendar, { confirmOverlap: true, conflictReason: 'Moved' }),
    ).not.toThrow();
    expect(() => guardCalendarConflicts(pairwise, { confirmOverlap: false })).toThrow(
      expect.objectContaining({ fields: { confirmOverlap: expect.any(String) } }),
    );
    expect(() => guardCalendarConflicts(pairwise, { confirmOverlap: true })).not.toThrow();
    expect(() => guardCalendarConflicts([], { confirmOverlap: false })).not.toThrow();
  });
});
