import { DateTime } from 'luxon';

/**
 * Where the server reads the time for its timers (job leases and retries, session expiry): the
 * wall clock in production, a clock the test moves on in tests, so no test waits real seconds.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** The clock's time in UTC; a clock that returns an invalid date is a bug, not a state to carry. */
export function utcNow(clock: Clock): DateTime<true> {
  const now = DateTime.fromJSDate(clock(), { zone: 'utc' });
  if (!now.isValid) throw new Error('The clock returned an invalid date.');
  return now;
}
