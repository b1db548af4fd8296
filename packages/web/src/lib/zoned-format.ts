import { canonicalTimeZone } from '@pairwise/domain';

/** The viewer's own IANA zone, as the browser reports it, under its current name. */
export const browserTimeZone = (): string =>
  canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');

/** "UTC+05:30" now in that zone, so a zone can be found by the offset someone knows. */
export function currentOffsetLabel(timeZone: string, at = new Date()): string {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value;
    return name === 'GMT' || !name ? 'UTC' : name.replace('GMT', 'UTC');
  } catch {
    return '';
  }
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** "Tue 10 Dec 2026, 14:00 CET" in the given zone (the viewer's by default). */
export function formatDateTime(iso: string, timeZone = browserTimeZone()): string {
  let format = dateTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    });
    dateTimeFormats.set(timeZone, format);
  }
  return format.format(new Date(iso));
}

/** "14:03:12" in the viewer's zone: for timeline entries on the day. */
export function formatClockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** A calendar date ("2026-12-24") as "Thu 24 Dec 2026", without moving it through any zone. */
export function formatCalendarDate(isoDate: string): string {
  return new Date(`${isoDate}T12:00:00Z`).toLocaleDateString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** Whether a zone shows a different wall-clock time than the viewer's right now. */
export function differsFromViewer(timeZone: string, at = new Date()): boolean {
  const viewer = browserTimeZone();
  if (timeZone === viewer) return false;
  const hm = (zone: string) =>
    at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone });
  return hm(timeZone) !== hm(viewer);
}

/**
 * Every zone the browser knows under its current IANA name (Asia/Kolkata, not Asia/Calcutta),
 * sorted, with the viewer's own guaranteed to be present.
 */
export function knownTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const own = browserTimeZone();
  const all = new Set([...zones, own, 'UTC'].map(canonicalTimeZone));
  return [...all].sort();
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock time ("2026-12-10T14:00") names in a zone, for previews only: the
 * server does the authoritative conversion and refuses times a DST change skips.
 */
export function wallClockToInstant(local: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  try {
    // Two passes settle the offset even when the guess lands on the other side of a DST change.
    const first = naive - zoneOffsetMs(naive, timeZone);
    return new Date(naive - zoneOffsetMs(first, timeZone));
  } catch {
    return null;
  }
}
