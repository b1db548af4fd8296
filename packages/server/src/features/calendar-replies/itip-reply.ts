import ICAL from 'ical.js';
import { DateTime } from 'luxon';

export type ReplyPartstat = 'ACCEPTED' | 'DECLINED' | 'TENTATIVE' | 'NEEDS-ACTION';

/** What Pairwise takes from a calendar's answer to its invitation (RFC 5546 REPLY or COUNTER). */
export interface ItipReply {
  method: 'REPLY' | 'COUNTER';
  uid: string;
  /** The SEQUENCE of the invitation the reply answers; 0 when the client left it out. */
  sequence: number;
  /**
   * Every ATTENDEE line, address lower-cased without "mailto:". A REPLY names only the one who
   * answered; a COUNTER may repeat the whole list.
   */
  attendees: Array<{ address: string; partstat: ReplyPartstat }>;
  /** The time a COUNTER proposes (UTC ISO), or null. */
  proposedStartsAt: string | null;
  proposedEndsAt: string | null;
  /** The attendee's note (COMMENT), if any. */
  comment: string | null;
}

const PARTSTATS = new Set<string>(['ACCEPTED', 'DECLINED', 'TENTATIVE', 'NEEDS-ACTION']);

/**
 * Reads one iCalendar object as an iTIP reply; null when it is not one (another METHOD, no
 * event, no UID, no attendee). Never throws: a mailbox holds whatever people send.
 */
export function parseItipReply(text: string): ItipReply | null {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch {
    return null;
  }
  const method = String(calendar.getFirstPropertyValue('method') ?? '').toUpperCase();
  if (method !== 'REPLY' && method !== 'COUNTER') return null;
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) return null;
  const uid = event.getFirstPropertyValue('uid');
  if (typeof uid !== 'string' || uid.trim() === '') return null;
  const attendees = event.getAllProperties('attendee').map((property) => {
    const partstat = String(property.getParameter('partstat') ?? 'NEEDS-ACTION').toUpperCase();
    return {
      address: String(property.getFirstValue() ?? '')
        .replace(/^mailto:/i, '')
        .trim()
        .toLowerCase(),
      partstat: (PARTSTATS.has(partstat) ? partstat : 'NEEDS-ACTION') as ReplyPartstat,
    };
  });
  if (attendees.length === 0) return null;
  const sequence = Number(event.getFirstPropertyValue('sequence') ?? 0);
  const comment = event.getFirstPropertyValue('comment');
  const zones = calendar.getAllSubcomponents('vtimezone');
  const proposed = (name: 'dtstart' | 'dtend') =>
    method === 'COUNTER' ? instantOf(event.getFirstProperty(name), zones) : null;
  return {
    method,
    uid: uid.trim(),
    sequence: Number.isInteger(sequence) && sequence >= 0 ? sequence : 0,
    attendees,
    proposedStartsAt: proposed('dtstart'),
    proposedEndsAt: proposed('dtend'),
    comment: typeof comment === 'string' && comment.trim() !== '' ? comment.trim() : null,
  };
}

/**
 * A DTSTART/DTEND as a UTC instant: UTC as given; a TZID naming an IANA zone read in that zone;
 * any other TZID (Outlook's "W. Europe Standard Time") through the VTIMEZONE the message carries.
 */
function instantOf(property: ICAL.Property | null, zones: ICAL.Component[]): string | null {
  const time = property?.getFirstValue();
  if (!property || !(time instanceof ICAL.Time)) return null;
  const iso = (millis: number) => DateTime.fromMillis(millis, { zone: 'utc' }).toISO();
  const tzid = property.getParameter('tzid');
  if (typeof tzid !== 'string' || tzid === '') return iso(time.toUnixTime() * 1000);
  const wallClock = {
    year: time.year,
    month: time.month,
    day: time.day,
    hour: time.hour,
    minute: time.minute,
    second: time.second,
  };
  const local = DateTime.fromObject(wallClock, { zone: tzid });
  if (local.isValid) return iso(local.toMillis());
  const definition = zones.find((zone) => zone.getFirstPropertyValue('tzid') === tzid);
  if (!definition) return null;
  const zoned = new ICAL.Time(wallClock, new ICAL.Timezone(definition));
  return iso(zoned.toUnixTime() * 1000);
}
