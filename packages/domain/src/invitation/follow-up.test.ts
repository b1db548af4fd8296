import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { reminderAt, reminderDate } from './follow-up.ts';

describe('reminderDate: two business days before the deadline', () => {
  it.each([
    ['2027-04-07', '2027-04-05', 'Wednesday → Monday'],
    ['2027-04-09', '2027-04-07', 'Friday → Wednesday'],
    ['2027-04-05', '2027-04-01', 'Monday → the Thursday before'],
    ['2027-04-06', '2027-04-02', 'Tuesday → Friday, never the Sunday'],
    ['2027-04-10', '2027-04-07', 'Saturday → Wednesday'],
    ['2027-04-11', '2027-04-07', 'Sunday → Wednesday'],
  ])('%s gives %s (%s)', (deadline, expected) => {
    expect(reminderDate(deadline)).toBe(expected);
  });

  it('refuses what is not a calendar date', () => {
    expect(() => reminderDate('2027-02-30')).toThrow(AppError);
    expect(() => reminderDate('next week')).toThrow(AppError);
  });
});

// Public holidays in Germany, as date-holidays 3.37 lists them (type "public", nationwide); 24 and
// 31 December are only half-day bank holidays there, so they stay business days.
const GERMAN_HOLIDAYS = new Set([
  '2026-04-03',
  '2026-04-06',
  '2026-12-25',
  '2026-12-26',
  '2027-03-26',
  '2027-03-29',
]);
const inGermany = (isoDate: string) => GERMAN_HOLIDAYS.has(isoDate);

describe('reminderDate with public holidays', () => {
  it.each([
    [
      '2026-12-28',
      '2026-12-24',
      '2026-12-23',
      'Monday after Christmas → 23 December, 24 December counts as a business day',
    ],
    ['2027-03-30', '2027-03-26', '2027-03-24', 'Tuesday after Easter → the Wednesday before Good Friday'],
    ['2026-04-08', '2026-04-06', '2026-04-02', 'lands on Easter Monday → moved back past Good Friday too'],
    ['2026-12-30', '2026-12-28', '2026-12-28', 'no holiday in the way → unchanged'],
  ])('%s: %s on weekends only, %s with holidays (%s)', (deadline, weekendsOnly, withHolidays) => {
    expect(reminderDate(deadline)).toBe(weekendsOnly);
    expect(reminderDate(deadline, undefined, inGermany)).toBe(withHolidays);
  });

  it('asks about calendar dates, and stops on a calendar that has no business days', () => {
    const asked: string[] = [];
    reminderDate('2026-12-28', undefined, (isoDate) => {
      asked.push(isoDate);
      return inGermany(isoDate);
    });
    expect(asked).toEqual(['2026-12-28', '2026-12-25', '2026-12-24', '2026-12-23']);
    expect(() => reminderDate('2026-12-28', undefined, () => true)).toThrow(/holiday calendar/);
  });
});

describe('reminderAt', () => {
  it('is 09:00 on the reminder day in the interview zone, across a DST change', () => {
    // Deadline Tuesday 30 March 2027 → reminded Friday 26 March, still winter time in Berlin.
    expect(reminderAt('2027-03-30', 'Europe/Berlin')).toBe('2027-03-26T08:00:00Z');
    // Deadline Wednesday 31 March → Monday 29 March, summer time (UTC+2).
    expect(reminderAt('2027-03-31', 'Europe/Berlin')).toBe('2027-03-29T07:00:00Z');
  });

  it('skips the holidays it is given, at 09:00 in the interview zone', () => {
    // Deadline Monday 28 December 2026: 25 and 26 December are holidays → Wednesday 23 December.
    expect(reminderAt('2026-12-28', 'Europe/Berlin', inGermany)).toBe('2026-12-23T08:00:00Z');
    expect(reminderAt('2026-12-28', 'Europe/Berlin')).toBe('2026-12-24T08:00:00Z');
    // Easter 2027 around the DST change: Friday 26 and Monday 29 March are holidays → Wednesday 24 March.
    expect(reminderAt('2027-03-30', 'Europe/Berlin', inGermany)).toBe('2027-03-24T08:00:00Z');
    expect(reminderAt('2026-12-28', 'America/Los_Angeles', inGermany)).toBe('2026-12-23T17:00:00Z');
  });
});
