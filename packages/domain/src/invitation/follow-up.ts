import { DateTime } from 'luxon';
import { AppError } from '../errors.ts';
import { isValidTimeZone, toUtcIso } from './zoned-time.ts';

/** How many business days before the candidate's deadline the panel is reminded. */
export const REMINDER_BUSINESS_DAYS = 2;
/** Reminders arrive at the start of a working day in the interview's zone, not at midnight. */
export const REMINDER_HOUR = 9;

/** Whether a calendar date (YYYY-MM-DD) is a public holiday; supplied by whoever knows the region. */
export type HolidayCheck = (isoDate: string) => boolean;

const noHolidays: HolidayCheck = () => false;

/** Holidays cannot fill more than a few weeks; a check that answers "yes" for ever is a bug, not a calendar. */
const MAX_DAYS_SCANNED = 366;

/**
 * The day the line manager and navigator are reminded: two business days before the deadline
 * (Monday–Friday, skipping the public holidays `isHoliday` knows of — none unless a region is
 * configured), moved back to a business day so nobody is reminded on a weekend or a holiday.
 * A deadline on Wednesday → Monday; on Monday → the Thursday before.
 */
export function reminderDate(
  deadline: string,
  businessDays = REMINDER_BUSINESS_DAYS,
  isHoliday: HolidayCheck = noHolidays,
): string {
  let day = DateTime.fromISO(deadline, { zone: 'utc' });
  if (!day.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(deadline)) {
    throw new AppError('invalid_request', 'The deadline must be a date such as 2027-04-07.', {
      deadline: 'Invalid date.',
    });
  }
  let scanned = 0;
  const isBusinessDay = (candidate: DateTime) => {
    if (++scanned > MAX_DAYS_SCANNED) {
      throw new Error(
        `No business day within ${MAX_DAYS_SCANNED} days before ${deadline}: check the holiday calendar.`,
      );
    }
    return candidate.weekday <= 5 && !isHoliday(candidate.toISODate()!);
  };
  let counted = 0;
  while (counted < businessDays) {
    if (isBusinessDay(day)) counted += 1;
    day = day.minus({ days: 1 });
  }
  while (!isBusinessDay(day)) day = day.minus({ days: 1 });
  return day.toISODate()!;
}

/**
 * The instant of the reminder: 09:00 on `reminderDate` in the interview's time zone, as UTC.
 * The dates `isHoliday` is asked about are calendar days in that zone.
 */
export function reminderAt(deadline: string, timeZone: string, isHoliday: HolidayCheck = noHolidays): string {
  if (!isValidTimeZone(timeZone)) {
    throw new AppError('invalid_request', `Unknown time zone: ${timeZone}.`, { timeZone: 'Unknown.' });
  }
  const date = reminderDate(deadline, REMINDER_BUSINESS_DAYS, isHoliday);
  const day = DateTime.fromISO(date, { zone: timeZone }).set({ hour: REMINDER_HOUR });
  return toUtcIso(day);
}
