import { DateTime } from 'luxon';

/**
 * The server is the clock: a phase stores when it started, and every device computes what is
 * left from that and its measured offset to the server, so a reload or a second device agrees.
 */
export const REFINEMENT_MINUTES = 30;

export function phaseEndsAt(startedAt: string, minutes: number): string {
  return DateTime.fromISO(startedAt, { zone: 'utc' }).plus({ minutes }).toUTC().toISO()!;
}

/** Milliseconds left until `endsAt` (negative once overrun), as seen at `now`. */
export function remainingMs(endsAt: string, now: number): number {
  return Date.parse(endsAt) - now;
}

/** Offset of a moment into the pairing session; negative for notes taken before pairing. */
export function offsetIntoPairingMs(pairingStartedAt: string | null, at: number): number | null {
  return pairingStartedAt === null ? null : at - Date.parse(pairingStartedAt);
}

/** "mm:ss" (or "h:mm:ss"), with a leading minus once a countdown is overrun. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const totalSeconds = Math.floor(Math.abs(ms) / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const mm = String(minutes).padStart(2, '0');
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${sign}${hours}:${mm}:${ss}` : `${sign}${mm}:${ss}`;
}

/** Whole calendar days from `now` until the candidate's deadline (a date), in the given zone. */
export function daysUntil(deadline: string, now: Date, timeZone: string): number {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const day = DateTime.fromISO(deadline, { zone: timeZone }).startOf('day');
  return Math.round(day.diff(today, 'days').days);
}

/**
 * Estimate of serverNow - clientNow from one request: assumes the server stamped its time
 * halfway through the round trip, which bounds the error by half the round trip.
 */
export function serverOffsetMs(sentAt: number, receivedAt: number, serverNow: number): number {
  return serverNow - (sentAt + receivedAt) / 2;
}
