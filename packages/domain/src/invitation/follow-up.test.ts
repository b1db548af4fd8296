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

describe('reminderAt', () => {
  it('is 09:00 on the reminder day in the interview zone, across a DST change', () => {
    // Deadline Tuesday 30 March 2027 → reminded Friday 26 March, still winter time in Berlin.
    expect(reminderAt('2027-03-30', 'Europe/Berlin')).toBe('2027-03-26T08:00:00Z');
    // Deadline Wednesday 31 March → Monday 29 March, summer time (UTC+2).
    expect(reminderAt('2027-03-31', 'Europe/Berlin')).toBe('2027-03-29T07:00:00Z');
  });
});
