// Wall-clock times and zone names through Intl alone, without luxon: the browser needs them on the
// live-session page (the reschedule form's occurrence choice, the viewer's zone), and luxon would
// add some 20 KiB gzipped there. zoned-time.ts re-exports them beside its luxon-based formatting.

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
 * Zone names already found valid. Asking Intl builds a new DateTimeFormat (~0.1 ms), and
 * rendering one invitation asks for the same zone dozens of times. Only valid names are kept,
 * and only so many, so what people type cannot grow it without end.
 */
const validZones = new Set<string>();

/** A zone the runtime's Intl knows (as luxon's IANAZone.isValidZone decides it). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  if (validZones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone }).format();
  } catch {
    return false;
  }
  if (validZones.size < 2_000) validZones.add(timeZone);
  return true;
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

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** The wall-clock time read as if it were UTC, in milliseconds; null for a malformed or impossible one. */
function wallClockMillis(local: string): number | null {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute, second = 0] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const millisecond = Number((match[7] ?? '0').padEnd(3, '0'));
  const at = new Date(0);
  at.setUTCFullYear(year!, month! - 1, day!);
  at.setUTCHours(hour!, minute!, second, millisecond);
  // Date rolls 30 February over into March and 25:00 into the next day; such a time does not exist.
  const same =
    at.getUTCFullYear() === year &&
    at.getUTCMonth() === month! - 1 &&
    at.getUTCDate() === day &&
    at.getUTCHours() === hour &&
    at.getUTCMinutes() === minute &&
    at.getUTCSeconds() === second;
  // ISO's 24:00 is the next day's midnight (luxon, which this replaces, reads it so too).
  const endOfDay = hour === 24 && minute === 0 && second === 0 && millisecond === 0;
  if (endOfDay) return Date.UTC(year!, month! - 1, day!) + 86_400_000;
  return same ? at.getTime() : null;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in minutes, read from its wall clock as luxon does. */
function offsetMinutes(millis: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(millis));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const era = parts.find((p) => p.type === 'era')?.value;
  const year = era === 'BC' || era === 'B' ? 1 - part('year') : part('year');
  const wall = new Date(0);
  wall.setUTCFullYear(year, part('month') - 1, part('day'));
  wall.setUTCHours(part('hour') % 24, part('minute'), part('second'), 0);
  const whole = millis - (((millis % 1000) + 1000) % 1000);
  return (wall.getTime() - whole) / 60_000;
}

/** "UTC+05:30", "UTC-04:00", "UTC+00:00". */
function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.trunc(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * Every instant at which a zone's clock shows this wall-clock time (minute precision, as the
 * plan form sends it). Computed from the zone's offsets rather than a library's choice, which
 * silently takes one occurrence of a repeated hour.
 */
export function resolveLocalTime(local: string, timeZone: string): LocalTime | null {
  const naive = wallClockMillis(local);
  if (naive === null || !isValidTimeZone(timeZone)) return null;
  // A zone changes its offset at most once within a day on either side of any wall-clock time.
  const offsets = new Set([-1, 1].map((days) => offsetMinutes(naive + days * 86_400_000, timeZone)));
  const instants = [...offsets]
    .map((offset) => naive - offset * 60_000)
    .filter((millis) => millis + offsetMinutes(millis, timeZone) * 60_000 === naive)
    .sort((a, b) => a - b);
  // Stored as every other time is: UTC with milliseconds.
  const iso = (millis: number) => new Date(millis).toISOString();
  if (instants.length === 0) return { kind: 'nonexistent' };
  if (instants.length === 1) return { kind: 'exact', utc: iso(instants[0]!) };
  const earlier = instants[0]!;
  const later = instants[instants.length - 1]!;
  const offset = (millis: number) => offsetText(offsetMinutes(millis, timeZone));
  return {
    kind: 'ambiguous',
    earlier: iso(earlier),
    later: iso(later),
    earlierOffset: offset(earlier),
    laterOffset: offset(later),
  };
}
