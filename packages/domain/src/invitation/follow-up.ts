import { DateTime } from 'luxon';
import { AppError } from '../errors.ts';
import { isValidTimeZone, toUtcIso } from './zoned-time.ts';

/** How many business days before the candidate's deadline the panel is reminded. */
export const REMINDER_BUSINESS_DAYS = 2;
/** Reminders arrive at the start of a working day in the interview's zone, not at midnight. */
export const REMINDER_HOUR = 9;

const isBusinessDay = (day: DateTime) => day.weekday <= 5;

/**
 * The day the line manager and navigator are reminded: two business days before the deadline
 * (Monday–Friday; public holidays are not known here), moved back to a business day so nobody
 * is reminded on a weekend. A deadline on Wednesday → Monday; on Monday → the Thursday before.
 */
export function reminderDate(deadline: string, businessDays = REMINDER_BUSINESS_DAYS): string {
  let day = DateTime.fromISO(deadline, { zone: 'utc' });
  if (!day.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(deadline)) {
    throw new AppError('invalid_request', 'The deadline must be a date such as 2027-04-07.', {
      deadline: 'Invalid date.',
    });
  }
  let counted = 0;
  while (counted < businessDays) {
    if (isBusinessDay(day)) counted += 1;
    day = day.minus({ days: 1 });
  }
  while (!isBusinessDay(day)) day = day.minus({ days: 1 });
  return day.toISODate()!;
}

/** The instant of the reminder: 09:00 on `reminderDate` in the interview's time zone, as UTC. */
export function reminderAt(deadline: string, timeZone: string): string {
  if (!isValidTimeZone(timeZone)) {
    throw new AppError('invalid_request', `Unknown time zone: ${timeZone}.`, { timeZone: 'Unknown.' });
  }
  const day = DateTime.fromISO(reminderDate(deadline), { zone: timeZone }).set({ hour: REMINDER_HOUR });
  return toUtcIso(day);
}
