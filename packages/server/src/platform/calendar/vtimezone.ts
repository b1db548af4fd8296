import { DateTime, FixedOffsetZone } from 'luxon';

/**
 * VTIMEZONE for an IANA zone, derived from the zone rules luxon (Intl) knows.
 *
 * RFC 5545 requires a VTIMEZONE for every TZID used; without one, Outlook and some
 * mobile clients fall back to guessing. Instead of recurrence rules (which would have to
 * encode each zone's "last Sunday of March" logic by hand) we list the actual transitions
 * around the events, which is always correct for the dates that matter.
 */
export function buildVTimezone(timeZone: string, from: DateTime, to: DateTime): string {
  const windowStart = from.setZone(timeZone).minus({ years: 1 }).startOf('year');
  const windowEnd = to.setZone(timeZone).plus({ years: 1 }).endOf('year');
  if (!windowStart.isValid || !windowEnd.isValid) throw new Error(`Unknown time zone: ${timeZone}`);
  // The block depends only on the zone and the window's years, and the daily scan below costs
  // ~10 ms of CPU per call (most of an invitation's rendering), so a handful of recent results
  // are kept: every invitation, block and feed of the same zone and years reuses one.
  const key = `${timeZone} ${windowStart.year} ${windowEnd.year}`;
  const known = built.get(key);
  if (known !== undefined) {
    // Re-inserted so the map's order is least recently used first.
    built.delete(key);
    built.set(key, known);
    return known;
  }
  const block = render(timeZone, windowStart, windowEnd);
  built.set(key, block);
  if (built.size > MAX_BUILT) built.delete(built.keys().next().value!);
  return block;
}

const MAX_BUILT = 64;
const built = new Map<string, string>();

function render(timeZone: string, windowStart: DateTime, windowEnd: DateTime): string {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  // The observance in force at the window start, so every instant in the window is covered.
  lines.push(...observance(windowStart, windowStart, timeZone));
  for (const transition of transitions(windowStart, windowEnd)) {
    lines.push(...observance(transition.minus({ milliseconds: 1 }), transition, timeZone));
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

function observance(before: DateTime, at: DateTime, timeZone: string): string[] {
  const old = before.setZone(timeZone);
  const now = at.setZone(timeZone);
  const kind = now.isInDST ? 'DAYLIGHT' : 'STANDARD';
  // DTSTART of an observance is the local time as read on the clock *before* the change.
  const localStart = at.setZone(FixedOffsetZone.instance(old.offset));
  const name = now.setLocale('en-US').offsetNameShort;
  return [
    `BEGIN:${kind}`,
    `DTSTART:${localStart.toFormat("yyyyLLdd'T'HHmmss")}`,
    `TZOFFSETFROM:${old.toFormat('ZZZ')}`,
    `TZOFFSETTO:${now.toFormat('ZZZ')}`,
    ...(name ? [`TZNAME:${name}`] : []),
    `END:${kind}`,
  ];
}

/** Instants at which the zone's offset changes, found by a daily scan and a binary search. */
function transitions(start: DateTime, end: DateTime): DateTime[] {
  const found: DateTime[] = [];
  let cursor = start;
  while (cursor < end) {
    const next = cursor.plus({ days: 1 });
    if (next.offset !== cursor.offset) found.push(firstWithOffsetOf(cursor, next));
    cursor = next;
  }
  return found;
}

function firstWithOffsetOf(before: DateTime, after: DateTime): DateTime {
  let lo = before.toMillis();
  let hi = after.toMillis();
  const zone = after.zone;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (DateTime.fromMillis(mid, { zone }).offset === before.offset) lo = mid;
    else hi = mid;
  }
  return DateTime.fromMillis(hi, { zone });
}
