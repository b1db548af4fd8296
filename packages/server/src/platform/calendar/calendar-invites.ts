import { setImmediate } from 'node:timers/promises';
import { AppError } from '@pairwise/domain';
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  type ICalEventData,
  ICalEventStatus,
  ICalEventTransparency,
} from 'ical-generator';
import { DateTime } from 'luxon';
import { buildVTimezone } from './vtimezone.ts';

export type InviteMethod = 'REQUEST' | 'CANCEL';

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarOrganizer extends CalendarPerson {
  /**
   * The person who acts for the organizer (RFC 5545 SENT-BY): Pairwise organizes from its own
   * address, so replies reach it, while clients still show who sent the invitation.
   */
  sentBy?: string;
}

export interface CalendarAttendee extends CalendarPerson {
  /** Optional attendance (e.g. a shadow); defaults to required. */
  optional?: boolean;
  /** Ask the attendee to reply; defaults to true. */
  rsvp?: boolean;
}

export interface CalendarEventInput {
  /** Stable per event for its whole life: updates and the cancellation reuse it. */
  uid: string;
  /** Stored by the caller and raised on every change, including the cancellation. */
  sequence: number;
  /** ISO instants (with offset) or Dates. */
  startsAt: string | Date;
  endsAt: string | Date;
  /**
   * Write DTSTART/DTEND with this TZID (plus a generated VTIMEZONE) instead of UTC, so
   * clients show the event in the zone it was planned in. UTC when omitted.
   */
  timeZone?: string;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  organizer: CalendarOrganizer;
  attendees: CalendarAttendee[];
  /** DTSTAMP; defaults to now. Pass one for reproducible output. */
  stamp?: string | Date;
}

export interface CalendarInviteOptions {
  /**
   * Text that must not appear anywhere but the ATTENDEE lines (e.g. the candidate's name
   * and email in an interviewer's invite). Building fails instead of leaking it.
   */
  privateTerms?: string[];
  /** The request field behind a property (e.g. LOCATION → place), for a refusal that names it. */
  privateTermFields?: Record<string, string>;
  prodId?: string;
}

export interface CalendarInvite {
  method: InviteMethod;
  /** The .ics text, ready for the mailer's `icalEvent.content`. */
  content: string;
  filename: string;
}

const DEFAULT_PROD_ID = '//Pairwise//Pairwise interviews//EN';

function instant(value: string | Date, field: string): DateTime {
  const parsed =
    typeof value === 'string' ? DateTime.fromISO(value, { setZone: true }) : DateTime.fromJSDate(value);
  if (!parsed.isValid || (typeof value === 'string' && !/(Z|[+-]\d{2}:?\d{2})$/i.test(value))) {
    throw new AppError('invalid_request', `${field} must be an ISO date-time with an offset.`, {
      [field]: 'Invalid date-time.',
    });
  }
  return parsed.toUTC();
}

type EventTimes = Omit<CalendarEventInput, 'attendees' | 'organizer'>;

function validate(event: EventTimes): { start: DateTime; end: DateTime } {
  const fields: Record<string, string> = {};
  if (!event.uid.trim() || /[\r\n]/.test(event.uid)) fields.uid = 'A non-empty single-line UID is required.';
  if (!Number.isInteger(event.sequence) || event.sequence < 0)
    fields.sequence = 'Must be a whole number ≥ 0.';
  if (event.timeZone && !DateTime.now().setZone(event.timeZone).isValid)
    fields.timeZone = 'Unknown time zone.';
  if (Object.keys(fields).length > 0)
    throw new AppError('invalid_request', 'The calendar event is not valid.', fields);
  const start = instant(event.startsAt, 'startsAt');
  const end = instant(event.endsAt, 'endsAt');
  if (end <= start)
    throw new AppError('invalid_request', 'The event must end after it starts.', { endsAt: 'Before start.' });
  return { start, end };
}

function eventData(event: EventTimes, status: ICalEventStatus | null): ICalEventData {
  const { start, end } = validate(event);
  // ical-generator reads luxon values zone-aware; a plain Date would be formatted in the
  // server's local zone once a TZID is set.
  const zone = event.timeZone ?? 'utc';
  return {
    id: event.uid,
    sequence: event.sequence,
    start: start.setZone(zone),
    end: end.setZone(zone),
    timezone: event.timeZone ?? null,
    stamp: event.stamp ? instant(event.stamp, 'stamp') : DateTime.utc(),
    summary: event.summary,
    description: event.description ?? null,
    location: event.location ?? null,
    url: event.url ?? null,
    status,
    transparency:
      status === null
        ? null
        : status === ICalEventStatus.CANCELLED
          ? ICalEventTransparency.TRANSPARENT
          : ICalEventTransparency.OPAQUE,
  };
}

function timezoneGenerator(events: Array<Pick<CalendarEventInput, 'startsAt' | 'endsAt'>>) {
  const instants = events.flatMap((e) => [instant(e.startsAt, 'startsAt'), instant(e.endsAt, 'endsAt')]);
  const from = DateTime.min(...instants) ?? DateTime.utc();
  const to = DateTime.max(...instants) ?? DateTime.utc();
  return { name: null, generator: (zone: string) => buildVTimezone(zone, from, to) };
}

function assertNoPrivateTerms(
  content: string,
  terms: string[] | undefined,
  fieldOf: Record<string, string> = {},
): void {
  const outsideAttendees = unfold(content)
    .split('\r\n')
    .filter((line) => !line.startsWith('ATTENDEE'));
  for (const term of terms ?? []) {
    const line = outsideAttendees.find((candidate) => mentionsPrivateTerm(candidate, [term]));
    if (line === undefined) continue;
    // Name what the person typed (e.g. the place), so they know what to change.
    const property = /^[A-Z-]+/.exec(line)?.[0] ?? 'event';
    const field = fieldOf[property] ?? property.toLowerCase();
    throw new AppError('unprocessable', 'This invite would carry private data outside the attendee list.', {
      [field]:
        'Mentions the candidate, and calendar entries of the panel are often visible to colleagues. Leave the candidate out of it.',
    });
  }
}

/** Whether text names any of the terms, as whole words: "Li" must not collide with "LIST" or "Lisbon". */
export function mentionsPrivateTerm(text: string, terms: string[]): boolean {
  return terms.some((term) => {
    const escaped = term.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return escaped !== '' && new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text);
  });
}

/** RFC 5545 folds long lines; checks must see them whole. */
function unfold(content: string): string {
  return content.replace(/\r\n[ \t]/g, '');
}

/**
 * One VEVENT as an iTIP message. REQUEST creates or updates (same UID, higher SEQUENCE);
 * CANCEL removes it and carries STATUS:CANCELLED, as clients expect both.
 */
export function buildCalendarInvite(
  method: InviteMethod,
  event: CalendarEventInput,
  options: CalendarInviteOptions = {},
): CalendarInvite {
  const status = method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED;
  const zone = event.timeZone ? timezoneGenerator([event]) : null;
  const calendar = ical({
    prodId: options.prodId ?? DEFAULT_PROD_ID,
    method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  /*
   * The calendar is put together here, in the order ical-generator writes it (its properties,
   * the VTIMEZONE, the event), instead of by calendar.toString(): its line folding encodes every
   * character with a new TextEncoder, ~1 ms for an invitation with its zone and agenda, on every
   * invitation, update and block sent. wellFormed folds it the same way.
   */
  const empty = calendar.toString();
  const vevent = calendar.createEvent(eventData(event, status));
  vevent.organizer({
    name: event.organizer.name,
    email: event.organizer.email,
    ...(event.organizer.sentBy ? { sentBy: event.organizer.sentBy } : {}),
  });
  for (const attendee of event.attendees) {
    vevent.createAttendee({
      name: attendee.name,
      email: attendee.email,
      role: attendee.optional ? ICalAttendeeRole.OPT : ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: method === 'REQUEST' ? (attendee.rsvp ?? true) : null,
    });
  }
  // The zones the library would write a VTIMEZONE for: none for UTC, which it writes as …Z.
  const tzid = vevent.timezone();
  const vtimezone = zone && tzid && !tzid.startsWith('/') ? zone.generator(tzid) : '';
  const content = wellFormed(
    empty.slice(0, empty.lastIndexOf('END:VCALENDAR')) +
      (vtimezone ? `${vtimezone.replace(/\r?\n/g, '\r\n').trim()}\r\n` : '') +
      vevent.toString() +
      'END:VCALENDAR\r\n',
  );
  assertNoPrivateTerms(content, options.privateTerms, options.privateTermFields);
  return { method, content, filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics' };
}

export interface CalendarFeedEvent extends Omit<CalendarEventInput, 'attendees' | 'organizer'> {
  cancelled?: boolean;
}

export interface CalendarFeedInput {
  /** Shown as the calendar's name in the subscriber's app. */
  name: string;
  description?: string;
  events: CalendarFeedEvent[];
  /** How often subscribers should re-fetch; default 15 minutes. */
  refreshMinutes?: number;
  prodId?: string;
  /** The zone whose VTIMEZONE an empty feed carries; UTC when omitted. */
  timeZone?: string;
}

/**
 * A user's private subscription feed (METHOD:PUBLISH). The URL is a bearer secret that
 * tends to end up in third-party calendar services, so events carry no attendees or
 * organizer: only times, titles and descriptions the caller already chose to share.
 *
 * A busy interviewer's feed has thousands of events. ical-generator renders each event well,
 * but its final line folding encodes every character with a new TextEncoder (about 1 ms per
 * event) and renders the whole calendar in one synchronous call, which held the event loop for
 * seconds. So each VEVENT is rendered by ical-generator on its own, folded here (the same rule:
 * at most 75 octets a line, never inside a character), and the work yields to the event loop
 * every few milliseconds.
 */
export async function buildCalendarFeed(feed: CalendarFeedInput): Promise<string> {
  const calendar = ical({
    prodId: feed.prodId ?? DEFAULT_PROD_ID,
    method: ICalCalendarMethod.PUBLISH,
    name: feed.name,
    description: feed.description ?? null,
    ttl: (feed.refreshMinutes ?? 15) * 60,
  });
  if (feed.events.length === 0) {
    // RFC 5545 asks for at least one component; a feed with nothing booked carries its zone.
    const now = DateTime.utc();
    const zone = feed.timeZone ?? 'UTC';
    return wellFormed(
      calendar.toString().replace(/END:VCALENDAR\s*$/, `${buildVTimezone(zone, now, now)}\r\nEND:VCALENDAR`),
    );
  }
  // The calendar's own properties, rendered by the library while it has no events.
  const empty = calendar.toString();
  const parts = [wellFormed(empty.slice(0, empty.lastIndexOf('END:VCALENDAR')))];
  const slice = timeSlicer();
  const data: ICalEventData[] = [];
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const event of feed.events) {
    await slice();
    // A confirmed, busy event is what a VEVENT without STATUS and TRANSP is (TRANSP's default is
    // OPAQUE): only a cancelled one says so, which spares a busy feed 33 bytes an event.
    const item = eventData(event, event.cancelled ? ICalEventStatus.CANCELLED : null);
    if (event.timeZone) {
      from = Math.min(from, (item.start as DateTime).toMillis());
      to = Math.max(to, (item.end as DateTime).toMillis());
    }
    data.push(item);
  }
  // One VTIMEZONE per zone used, covering every event, as the library's generator hook writes it.
  for (const zone of new Set(feed.events.flatMap((e) => (e.timeZone ? [e.timeZone] : [])))) {
    const vtimezone = buildVTimezone(zone, DateTime.fromMillis(from), DateTime.fromMillis(to));
    parts.push(wellFormed(vtimezone.trim()));
  }
  for (const item of data) {
    await slice();
    parts.push(wellFormed(calendar.createEvent(item).toString()));
  }
  parts.push('END:VCALENDAR\r\n');
  return parts.join('');
}

/**
 * What ical-generator writes, brought to RFC 5545's grammar: person names in ORGANIZER and
 * ATTENDEE parameters caret-encoded (RFC 6868) instead of backslash-escaped, which parameter
 * values do not allow and which made readers drop or truncate the attendee; lines folded at 75
 * octets without splitting a character; and every line, the last included, ending in CRLF.
 */
export function wellFormed(content: string): string {
  return unfold(content)
    .split(/\r\n/)
    .filter((line, index, lines) => line !== '' || index < lines.length - 1)
    .map((line) => (/^(ORGANIZER|ATTENDEE)[;:]/.test(line) ? caretEncodeNames(line) : line))
    .map(foldLine)
    .join('\r\n')
    .concat('\r\n');
}

/** CN="…" as ical-generator escapes it (\\, \", \n) becomes the RFC 6868 form (^^, ^', ^n). */
function caretEncodeNames(line: string): string {
  return line.replace(/;CN="((?:[^"\\]|\\.)*)"/g, (_match, escaped: string) => {
    const name = escaped.replace(/\\(.)/g, (_m, ch: string) => (ch === 'n' ? '\n' : ch));
    return `;CN="${caretEncode(name)}"`;
  });
}

/** RFC 6868: the only way to carry ^, a line break or a double quote inside a parameter value. */
export function caretEncode(value: string): string {
  return value.replace(/\^/g, '^^').replace(/\r?\n/g, '^n').replace(/"/g, "^'");
}

/** How long a long rendering may hold the event loop before it lets other work run. */
const SLICE_MS = 8;

/** Resolves at once until SLICE_MS have passed since the last yield, then yields (setImmediate). */
export function timeSlicer(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < sliceMs) return undefined;
    return setImmediate().then(() => {
      since = performance.now();
    });
  };
}

/**
 * RFC 5545 3.1: lines longer than 75 octets are folded (CRLF and one space), never inside a
 * UTF-8 sequence. The same rule as ical-generator's foldLines (74 octets of content a line),
 * counting octets from UTF-16 code units instead of encoding each character.
 */
export function foldLines(content: string): string {
  return content.split('\r\n').map(foldLine).join('\r\n');
}

function foldLine(line: string): string {
  // A UTF-16 code unit is at most 3 octets: short lines need no counting.
  if (line.length <= 24) return line;
  let folded = '';
  let start = 0;
  let octets = 0;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    const next = line.charCodeAt(i + 1);
    const pair = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
    const size = pair ? 4 : code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
    if (octets + size > 74) {
      folded += `${line.slice(start, i)}\r\n `;
      start = i;
      octets = 0;
    }
    octets += size;
    if (pair) i++;
  }
  return folded + line.slice(start);
}
