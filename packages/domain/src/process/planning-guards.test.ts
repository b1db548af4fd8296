import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  busySpan,
  guardOverlaps,
  guardStartInFuture,
  planningOverlaps,
  planningWarnings,
} from './planning-guards.ts';

const now = new Date('2030-03-04T09:00:00Z'); // a Monday

describe('guardStartInFuture', () => {
  it('refuses a start that has passed, on the field the form shows it in', () => {
    const refusal = (() => {
      try {
        guardStartInFuture('2020-01-01T10:00:00Z', now);
      } catch (error) {
        return error as AppError;
      }
    })();
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal?.code).toBe('unprocessable');
    expect(refusal?.fields?.startsAtLocal).toMatch(/not passed/);
  });

  it('refuses the very instant of now and accepts a minute later', () => {
    expect(() => guardStartInFuture(now.toISOString(), now)).toThrow(/past/);
    expect(() => guardStartInFuture('2030-03-04T09:01:00Z', now)).not.toThrow();
  });
});

describe('planningWarnings', () => {
  const codes = (startsAt: string, isHoliday?: (date: string) => boolean) =>
    planningWarnings({ startsAt, timeZone: 'Europe/Berlin', now, isHoliday }).map((w) => w.code);

  it('is quiet for a weekday a week or two away', () => {
    expect(codes('2030-03-13T09:00:00Z')).toEqual([]); // Wednesday, 9 days
    expect(codes('2030-03-11T09:00:00Z')).toEqual([]); // exactly 7 days
    expect(codes('2030-03-25T09:00:00Z')).toEqual([]); // exactly 21 days
  });

  it('warns about a lead time under 7 or over 21 days', () => {
    expect(codes('2030-03-08T09:00:00Z')).toEqual(['lead_time_short']);
    expect(codes('2030-03-26T09:00:00Z')).toEqual(['lead_time_long']);
  });

  it('warns about a weekend in the interview’s own zone', () => {
    expect(codes('2030-03-16T09:00:00Z')).toEqual(['weekend']); // Saturday
    // Sunday 23:30 UTC is already Monday in Berlin.
    expect(codes('2030-03-17T23:30:00Z')).toEqual([]);
    expect(
      planningWarnings({ startsAt: '2030-03-17T23:30:00Z', timeZone: 'UTC', now }).map((w) => w.code),
    ).toEqual(['weekend']);
  });

  it('warns about a public holiday when a region is configured', () => {
    const holiday = (date: string) => date === '2030-03-13';
    expect(codes('2030-03-13T09:00:00Z', holiday)).toEqual(['holiday']);
    expect(codes('2030-03-14T09:00:00Z', holiday)).toEqual([]);
  });

  it('says how many days away in the message', () => {
    const [warning] = planningWarnings({ startsAt: '2030-03-05T09:00:00Z', timeZone: 'UTC', now });
    expect(warning?.message).toMatch(/1 day away/);
  });
});

describe('planningOverlaps', () => {
  // The default agenda: 30 min prep, 105 min interview, 30 min refinement, 30 min debrief: 09:30 to 12:45 for a 10:00 start.
  const other = {
    id: 'other',
    startsAt: '2030-03-13T10:00:00Z',
    pairingMinutes: 60,
    navigatorId: 'nora',
    shadowIds: ['sam'],
  };
  const plan = (startsAt: string, panelIds = ['nora']) => ({ startsAt, pairingMinutes: 60, panelIds });

  it('spans prep to the end of the debrief', () => {
    expect(busySpan('2030-03-13T10:00:00Z', 60)).toEqual({
      startsAt: '2030-03-13T09:30:00Z',
      endsAt: '2030-03-13T12:45:00Z',
    });
  });

  it('finds the same navigator half an hour later', () => {
    expect(planningOverlaps(plan('2030-03-13T10:30:00Z'), [other])).toEqual([
      {
        interviewId: 'other',
        startsAt: '2030-03-13T09:30:00Z',
        endsAt: '2030-03-13T12:45:00Z',
        personIds: ['nora'],
      },
    ]);
  });

  it('counts the debrief: a start during the other’s debrief overlaps through its prep', () => {
    // A 13:00 start means prep from 12:30, inside the other's debrief (12:15–12:45).
    expect(planningOverlaps(plan('2030-03-13T13:00:00Z'), [other])).toHaveLength(1);
  });

  it('lets back-to-back spans pass', () => {
    expect(planningOverlaps(plan('2030-03-13T13:15:00Z'), [other])).toEqual([]);
  });

  it('finds a shadow of the other interview, and ignores people not on it', () => {
    expect(planningOverlaps(plan('2030-03-13T10:00:00Z', ['ola', 'sam']), [other])[0]?.personIds).toEqual([
      'sam',
    ]);
    expect(planningOverlaps(plan('2030-03-13T10:00:00Z', ['ola']), [other])).toEqual([]);
  });

  it('spans the lengths each interview was planned with', () => {
    // A 15-minute break and a 45-minute debrief on the other: it now ends at 13:05.
    const longer = { ...other, blockMinutes: { breakMinutes: 15, debriefMinutes: 45 } };
    expect(busySpan(longer.startsAt, 60, undefined, longer.blockMinutes).endsAt).toBe('2030-03-13T13:05:00Z');
    expect(planningOverlaps(plan('2030-03-13T13:15:00Z'), [longer])).toHaveLength(1);
    // A 10-minute prep on the new plan starts it at 13:05: back to back again.
    expect(
      planningOverlaps({ ...plan('2030-03-13T13:15:00Z'), blockMinutes: { prepMinutes: 10 } }, [longer]),
    ).toEqual([]);
  });

  it('never overlaps the interview being rescheduled', () => {
    expect(planningOverlaps({ ...plan('2030-03-13T10:30:00Z'), id: 'other' }, [other])).toEqual([]);
  });
});

describe('guardOverlaps', () => {
  it('refuses an overlap unless confirmed, with the overlaps as details', () => {
    expect(() => guardOverlaps([{ interviewId: 'x' }], false)).toThrow(/Confirm/);
    expect(() => guardOverlaps([{ interviewId: 'x' }], true)).not.toThrow();
    expect(() => guardOverlaps([], false)).not.toThrow();
  });
});
