import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  formatRangeInZone,
  localTimeToUtc,
  parseInstant,
  zonedLocalToUtc,
  zonesDiffer,
} from './zoned-time.ts';

describe('zonedLocalToUtc', () => {
  it('uses the offset in force on the interview day, not on the planning day', () => {
    // Berlin moves to summer time at 02:00 on 2027-03-28; a week earlier it is still UTC+1.
    expect(zonedLocalToUtc('2027-03-21T10:00', 'Europe/Berlin')).toBe('2027-03-21T09:00:00Z');
    expect(zonedLocalToUtc('2027-03-28T10:00', 'Europe/Berlin')).toBe('2027-03-28T08:00:00Z');
  });

  it('refuses a wall-clock time skipped by the DST jump instead of moving it', () => {
    expect(() => zonedLocalToUtc('2027-03-28T02:30', 'Europe/Berlin')).toThrow(AppError);
  });

  it('refuses unknown zones and inputs that already carry an offset', () => {
    expect(() => zonedLocalToUtc('2027-03-28T10:00', 'Mars/Olympus')).toThrow(/Unknown time zone/);
    expect(() => zonedLocalToUtc('2027-03-28T10:00Z', 'Europe/Berlin')).toThrow(AppError);
  });
});

describe('parseInstant', () => {
  it('accepts Z and numeric offsets and refuses a bare local time', () => {
    expect(parseInstant('2027-03-28T10:00:00+02:00').toISO()).toBe('2027-03-28T08:00:00.000Z');
    expect(() => parseInstant('2027-03-28T10:00:00')).toThrow(AppError);
  });
});

describe('formatRangeInZone', () => {
  it('names both dates when the range crosses midnight in that zone', () => {
    const start = DateTime.fromISO('2027-03-28T03:30:00Z');
    const end = start.plus({ minutes: 105 });
    expect(formatRangeInZone(start, end, 'America/Los_Angeles')).toBe(
      'Saturday 27 March 2027, 20:30–22:15 (America/Los_Angeles, UTC-07:00)',
    );
    expect(formatRangeInZone(start, end, 'Asia/Tokyo')).toBe(
      'Sunday 28 March 2027, 12:30–14:15 (Asia/Tokyo, UTC+09:00)',
    );
    const late = DateTime.fromISO('2027-03-28T21:30:00Z');
    expect(formatRangeInZone(late, late.plus({ minutes: 105 }), 'Europe/Berlin')).toBe(
      'Sunday 28 March 2027, 23:30 – Monday 29 March 2027, 01:15 (Europe/Berlin, UTC+02:00)',
    );
  });
});

describe('zonesDiffer', () => {
  it('compares the clocks at that instant, not the zone names', () => {
    const at = DateTime.fromISO('2027-03-28T08:00:00Z');
    expect(zonesDiffer(at, 'Europe/Paris', 'Europe/Berlin')).toBe(false);
    expect(zonesDiffer(at, 'Europe/London', 'Europe/Berlin')).toBe(true);
  });
});

describe('localTimeToUtc', () => {
  it('asks which occurrence of a repeated fall-back time is meant, naming the field', () => {
    let refusal: unknown;
    try {
      localTimeToUtc('2027-10-31T02:30', 'Europe/Berlin', undefined);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(AppError);
    const { code, fields } = refusal as AppError;
    expect(code).toBe('unprocessable');
    expect(fields?.startsAtLocal).toMatch(/twice.*earlier.*UTC\+02:00.*later.*UTC\+01:00/);
  });

  it('takes the occurrence the planner chose (RFC 5545 reads the bare time as the earlier one)', () => {
    expect(localTimeToUtc('2027-10-31T02:30', 'Europe/Berlin', 'earlier')).toBe('2027-10-31T00:30:00.000Z');
    expect(localTimeToUtc('2027-10-31T02:30', 'Europe/Berlin', 'later')).toBe('2027-10-31T01:30:00.000Z');
  });

  it('still refuses a time the spring-forward change skips', () => {
    expect(() => localTimeToUtc('2027-03-28T02:30', 'Europe/Berlin', 'earlier')).toThrow(/does not exist/);
  });

  it('converts ordinary times exactly, on both sides of a change and far from one', () => {
    expect(localTimeToUtc('2027-10-31T03:00', 'Europe/Berlin', undefined)).toBe('2027-10-31T02:00:00.000Z');
    expect(localTimeToUtc('2027-10-31T01:59', 'Europe/Berlin', undefined)).toBe('2027-10-30T23:59:00.000Z');
    expect(localTimeToUtc('2027-03-28T10:00', 'America/New_York', undefined)).toBe(
      '2027-03-28T14:00:00.000Z',
    );
    expect(localTimeToUtc('2027-11-07T01:30', 'America/New_York', 'later')).toBe('2027-11-07T06:30:00.000Z');
    expect(localTimeToUtc('2027-06-01T09:00', 'Asia/Kolkata', undefined)).toBe('2027-06-01T03:30:00.000Z');
  });
});
