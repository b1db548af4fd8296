import { DateTime } from 'luxon';
import { AppError } from '../errors.ts';
import { type MessageLocale, translator } from '../i18n/translator.ts';
import { isValidTimeZone, type Occurrence, resolveLocalTime } from './local-time.ts';

export {
  canonicalTimeZone,
  isValidTimeZone,
  type LocalTime,
  type Occurrence,
  resolveLocalTime,
} from './local-time.ts';

// English keeps its long-standing "Sunday 28 March 2027" (en-GB, no comma); the other
// languages take Intl's full date in their own convention ("Sonntag, 28. März 2027").
// A fixed locale per language keeps names stable regardless of the server's environment.
const LOCALE = 'en-GB';
const DATE_FORMAT = 'cccc d LLLL yyyy';
const TIME_FORMAT = 'HH:mm';

function dateIn(at: DateTime, timeZone: string, locale: MessageLocale): string {
  const tr = translator(locale);
  const zoned = at.setZone(timeZone);
  if (tr.intlLocale === LOCALE) return tr.formatted(zoned.setLocale(LOCALE).toFormat(DATE_FORMAT));
  return tr.formatted(zoned.setLocale(tr.intlLocale).toLocaleString({ dateStyle: 'full' }));
}

function timeIn(at: DateTime, timeZone: string, locale: MessageLocale): string {
  return translator(locale).formatted(at.setZone(timeZone).setLocale(LOCALE).toFormat(TIME_FORMAT));
}

/** Parses an ISO instant; anything without an explicit offset is refused so no server zone leaks in. */
export function parseInstant(iso: string, field = 'startsAt'): DateTime {
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(iso);
  const parsed = DateTime.fromISO(iso, { setZone: true });
  if (!hasOffset || !parsed.isValid) {
    throw new AppError('invalid_request', `${field} must be an ISO date-time with an offset.`, {
      [field]: 'Use an ISO date-time such as 2027-03-28T08:00:00Z.',
    });
  }
  return parsed.toUTC();
}

export function toUtcIso(value: DateTime): string {
  return value.toUTC().toISO({ suppressMilliseconds: true }) ?? '';
}

/**
 * Turns a wall-clock time as the planner typed it (e.g. "2027-03-28T10:00" in
 * Europe/Berlin) into a UTC instant. The offset comes from the zone's rules on that date,
 * never from the planner's own zone or from today's offset, which is what breaks plans
 * made across a DST change. Wall-clock times that do not exist (skipped by a DST jump)
 * are refused rather than silently moved.
 */
export function zonedLocalToUtc(localDateTime: string, timeZone: string): string {
  if (!isValidTimeZone(timeZone)) {
    throw new AppError('invalid_request', `Unknown time zone: ${timeZone}.`, {
      timeZone: 'Unknown time zone.',
    });
  }
  const local = DateTime.fromISO(localDateTime, { zone: timeZone });
  if (!local.isValid || /(Z|[+-]\d{2}:?\d{2})$/i.test(localDateTime)) {
    throw new AppError('invalid_request', 'Expected a local date and time without an offset.', {
      startsAt: 'Use a local date-time such as 2027-03-28T10:00.',
    });
  }
  const typed = DateTime.fromISO(localDateTime, { zone: 'utc' });
  const sameWallClock = local.toFormat("yyyy-LL-dd'T'HH:mm:ss") === typed.toFormat("yyyy-LL-dd'T'HH:mm:ss");
  if (!sameWallClock) {
    throw new AppError('invalid_request', `${localDateTime} does not exist in ${timeZone} (clocks change).`, {
      startsAt: 'This time is skipped by a daylight-saving change; choose another time.',
    });
  }
  return toUtcIso(local);
}

/**
 * A planner's wall-clock time as one UTC instant, or a refusal naming `field` that says what is
 * wrong: a time skipped by a clock change, or one shown twice without saying which occurrence.
 */
export function localTimeToUtc(
  local: string,
  timeZone: string,
  occurrence: Occurrence | undefined,
  field = 'startsAtLocal',
): string {
  const resolved = resolveLocalTime(local, timeZone);
  if (resolved === null) {
    throw new AppError('unprocessable', 'The date and time are not valid.', {
      [field]: 'Use a local date and time such as 2027-03-28T10:00.',
    });
  }
  if (resolved.kind === 'exact') return resolved.utc;
  if (resolved.kind === 'nonexistent') {
    throw new AppError('unprocessable', `${local} does not exist in ${timeZone} (the clocks go forward).`, {
      [field]:
        'This time does not exist in the chosen time zone (a clock change skips it); choose another time.',
    });
  }
  if (occurrence) return resolved[occurrence];
  const clock = local.slice(11, 16);
  throw new AppError(
    'unprocessable',
    `${clock} happens twice in ${timeZone} that night (the clocks go back). Say which one you mean.`,
    {
      [field]:
        `${clock} happens twice here: choose the earlier occurrence (${resolved.earlierOffset}) ` +
        `or the later one (${resolved.laterOffset}), or another time.`,
    },
  );
}

export function offsetLabel(at: DateTime): string {
  return `UTC${at.toFormat('ZZ')}`;
}

/**
 * "Sunday 28 March 2027, 04:00–05:45 (America/New_York, UTC-04:00)". A range that
 * crosses midnight in that zone names both dates, so nobody misreads the end as the
 * same day. `withDate: false` drops the start date for a second line under the first.
 */
export function formatRangeInZone(
  start: DateTime,
  end: DateTime,
  timeZone: string,
  withDate = true,
  locale: MessageLocale = 'en',
): string {
  const s = start.setZone(timeZone);
  const e = end.setZone(timeZone);
  const zone = `(${timeZone}, ${offsetLabel(s)})`;
  const from = withDate
    ? `${dateIn(s, timeZone, locale)}, ${timeIn(s, timeZone, locale)}`
    : timeIn(s, timeZone, locale);
  if (s.toISODate() === e.toISODate()) return `${from}–${timeIn(e, timeZone, locale)} ${zone}`;
  return `${from} – ${dateIn(e, timeZone, locale)}, ${timeIn(e, timeZone, locale)} ${zone}`;
}

export function formatDateInZone(at: DateTime, timeZone: string, locale: MessageLocale = 'en'): string {
  return dateIn(at, timeZone, locale);
}

export function formatTimeInZone(at: DateTime, timeZone: string, locale: MessageLocale = 'en'): string {
  return timeIn(at, timeZone, locale);
}

/** Whether two zones show different wall-clock times at this instant (not merely different names). */
export function zonesDiffer(at: DateTime, a: string, b: string): boolean {
  return a !== b && at.setZone(a).offset !== at.setZone(b).offset;
}

export function describeMinutes(minutes: number, locale: MessageLocale = 'en'): string {
  return translator(locale).t('time.duration', { minutes });
}
