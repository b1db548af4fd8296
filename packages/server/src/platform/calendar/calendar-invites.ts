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
  organizer: CalendarPerson;
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

function eventData(event: EventTimes, status: ICalEventStatus): ICalEventData {
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
      status === ICalEventStatus.CANCELLED ? ICalEventTransparency.TRANSPARENT : ICalEventTransparency.OPAQUE,
  };
}

function timezoneGenerator(events: Array<Pick<CalendarEventInput, 'startsAt' | 'endsAt'>>) {
  const instants = events.flatMap((e) => [instant(e.startsAt, 'startsAt'), instant(e.endsAt, 'endsAt')]);
  const from = DateTime.min(...instants) ?? DateTime.utc();
  const to = DateTime.max(...instants) ?? DateTime.utc();
  return { name: null, generator: (zone: string) => buildVTimezone(zone, from, to) };
}

function assertNoPrivateTerms(content: string, terms: string[] | undefined): void {
  const outsideAttendees = unfold(content)
    .split('\r\n')
    .filter((line) => !line.startsWith('ATTENDEE'))
    .join('\n');
  for (const term of terms ?? []) {
    // Whole words only: a candidate called "Li" must not collide with "LIST" or "Lisbon".
    const escaped = term.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (
      escaped &&
      new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(outsideAttendees)
    ) {
      throw new AppError(
        'invalid_request',
        'This invite would carry private data outside the attendee list.',
      );
    }
  }
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
  const calendar = ical({
    prodId: options.prodId ?? DEFAULT_PROD_ID,
    method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    ...(event.timeZone ? { timezone: timezoneGenerator([event]) } : {}),
  });
  const vevent = calendar.createEvent(eventData(event, status));
  vevent.organizer({ name: event.organizer.name, email: event.organizer.email });
  for (const attendee of event.attendees) {
    vevent.createAttendee({
      name: attendee.name,
      email: attendee.email,
      role: attendee.optional ? ICalAttendeeRole.OPT : ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: method === 'REQUEST' ? (attendee.rsvp ?? true) : null,
    });
  }
  const content = calendar.toString();
  assertNoPrivateTerms(content, options.privateTerms);
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
}

/**
 * A user's private subscription feed (METHOD:PUBLISH). The URL is a bearer secret that
 * tends to end up in third-party calendar services, so events carry no attendees or
 * organizer: only times, titles and descriptions the caller already chose to share.
 */
export function buildCalendarFeed(feed: CalendarFeedInput): string {
  const zoned = feed.events.filter((e) => e.timeZone);
  const calendar = ical({
    prodId: feed.prodId ?? DEFAULT_PROD_ID,
    method: ICalCalendarMethod.PUBLISH,
    name: feed.name,
    description: feed.description ?? null,
    ttl: (feed.refreshMinutes ?? 15) * 60,
    ...(zoned.length > 0 ? { timezone: timezoneGenerator(zoned) } : {}),
  });
  for (const event of feed.events) {
    calendar.createEvent(
      eventData(event, event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED),
    );
  }
  return calendar.toString();
}
