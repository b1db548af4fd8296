import { DateTime, IANAZone } from 'luxon';
import { AppError } from '../errors.ts';
import { type MessageLocale, translator } from '../i18n/translator.ts';

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

/**
 * Zones renamed in the IANA database whose old names browsers and Node still list (ICU keeps
 * CLDR's identifiers): a candidate in India should read Asia/Kolkata, not Asia/Calcutta. The
 * old and new name are the same zone, so only the name changes.
 */
const RENAMED_ZONES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** The IANA database's current name for a zone; any other name is returned as it is. */
export function canonicalTimeZone(timeZone: string): string {
  return RENAMED_ZONES[timeZone] ?? timeZone;
}

/**
 * Zone names already found valid. Luxon asks Intl anew each time (a new DateTimeFormat, ~0.1 ms),
 * and rendering one invitation asks for the same zone dozens of times. Only valid names are kept,
 * and only so many, so what people type cannot grow it without end.
 */
const validZones = new Set<string>();

export function isValidTimeZone(timeZone: string): boolean {
  if (validZones.has(timeZone)) return true;
  const valid = IANAZone.isValidZone(timeZone);
  if (valid && validZones.size < 2_000) validZones.add(timeZone);
  return valid;
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

export type Occurrence = 'earlier' | 'later';

export type LocalTime =
  | { kind: 'exact'; utc: string }
  /** Skipped by a clock change (spring forward): no such wall-clock time. */
  | { kind: 'nonexistent' }
  /** Shown twice by a clock change (fall back): both instants, the earlier first. */
  | {
      kind: 'ambiguous';
      earlier: string;
      later: string;
      /** The offsets in force at each, e.g. "UTC+02:00" and "UTC+01:00". */
      earlierOffset: string;
      laterOffset: string;
    };

/**
 * Every instant at which a zone's clock shows this wall-clock time (minute precision, as the
 * plan form sends it). Computed from the zone's offsets rather than luxon's choice, which
 * silently takes one occurrence of a repeated hour.
 */
export function resolveLocalTime(local: string, timeZone: string): LocalTime | null {
  const asUtc = DateTime.fromISO(local, { zone: 'utc' });
  if (!asUtc.isValid || !isValidTimeZone(timeZone)) return null;
  const naive = asUtc.toMillis();
  // A zone changes its offset at most once within a day on either side of any wall-clock time.
  const offsets = new Set(
    [-1, 1].map((days) => DateTime.fromMillis(naive + days * 86_400_000, { zone: timeZone }).offset),
  );
  const instants = [...offsets]
    .map((offset) => naive - offset * 60_000)
    .filter((millis) => {
      const at = DateTime.fromMillis(millis, { zone: timeZone });
      return at.toMillis() + at.offset * 60_000 === naive;
    })
    .sort((a, b) => a - b);
  // Stored as every other time is: UTC with milliseconds.
  const iso = (millis: number) => DateTime.fromMillis(millis, { zone: 'utc' }).toISO() ?? '';
  if (instants.length === 0) return { kind: 'nonexistent' };
  if (instants.length === 1) return { kind: 'exact', utc: iso(instants[0]!) };
  const earlier = instants[0]!;
  const later = instants[instants.length - 1]!;
  const offset = (millis: number) => offsetLabel(DateTime.fromMillis(millis, { zone: timeZone }));
  return {
    kind: 'ambiguous',
    earlier: iso(earlier),
    later: iso(later),
    earlierOffset: offset(earlier),
    laterOffset: offset(later),
  };
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
