import ICAL from 'ical.js';
import type { createAccount, DAVCalendar } from 'tsdav';
import {
  CalendarAccessError,
  type CalendarAccount,
  type CalendarBusy,
  type CalendarProvider,
} from './calendar-provider.ts';

// A recurring event with no end could expand forever; far more occurrences than fit in two weeks.
const MAX_OCCURRENCES = 2_000;

// tsdav (and its XML and fetch dependencies) is needed only by people who connect a calendar:
// loaded at the first CalDAV request, not at the server's start.
let davClient: Promise<typeof import('tsdav')> | null = null;
const loadDavClient = () => {
  davClient ??= import('tsdav');
  return davClient;
};

/**
 * CalDAV (RFC 4791) through tsdav: discovery from the server's root, a principal or a calendar
 * address, busy times by a calendar-query with a time range (expanded here, because not every
 * server, Radicale among them, expands recurrences or answers free-busy-query), and events kept
 * at `<calendar>/<uid>.ics` so an update replaces the same resource.
 */
export class CalDavProvider implements CalendarProvider {
  constructor(private readonly account: CalendarAccount) {}

  private headers(): Record<string, string> {
    const token = Buffer.from(`${this.account.username}:${this.account.secret}`, 'utf8').toString('base64');
    return { authorization: `Basic ${token}` };
  }

  private fetchWith(signal: AbortSignal): typeof fetch {
    return (input, init) => fetch(input, { ...init, signal, redirect: 'follow' });
  }

  async check(signal: AbortSignal): Promise<{ calendarUrl: string; calendarName: string }> {
    const calendars = await this.calendars(signal);
    // A calendar address given directly wins; otherwise the first calendar that holds events.
    const wanted = this.account.calendarUrl ?? this.account.serverUrl;
    const chosen =
      calendars.find((calendar) => sameUrl(calendar.url, wanted)) ??
      calendars.find((calendar) => !calendar.components || calendar.components.includes('VEVENT'));
    if (!chosen) {
      throw new CalendarAccessError(
        'calendar',
        'Signed in, but this account has no calendar for events. Create one on the calendar server first.',
      );
    }
    const name =
      typeof chosen.displayName === 'string' && chosen.displayName ? chosen.displayName : chosen.url;
    return { calendarUrl: chosen.url, calendarName: name };
  }

  private async calendars(signal: AbortSignal): Promise<DAVCalendar[]> {
    const { createAccount, fetchCalendars } = await loadDavClient();
    const fetchFn = this.fetchWith(signal);
    let account: Awaited<ReturnType<typeof createAccount>>;
    try {
      account = await createAccount({
        account: { serverUrl: this.account.serverUrl, accountType: 'caldav' },
        headers: this.headers(),
        fetch: fetchFn,
      });
    } catch (error) {
      throw accessError(error);
    }
    try {
      return await fetchCalendars({ account, headers: this.headers(), fetch: fetchFn });
    } catch (error) {
      throw accessError(error);
    }
  }

  private calendarUrl(): string {
    if (!this.account.calendarUrl) throw new Error('The calendar connection was never checked.');
    return this.account.calendarUrl;
  }

  async busy(range: { from: string; to: string }, signal: AbortSignal): Promise<CalendarBusy[]> {
    const { fetchCalendarObjects } = await loadDavClient();
    const objects = await fetchCalendarObjects({
      calendar: { url: this.calendarUrl() },
      timeRange: { start: range.from, end: range.to },
      headers: this.headers(),
      fetch: this.fetchWith(signal),
    });
    return objects.flatMap((object) =>
      typeof object.data === 'string' ? busyPeriods(object.data, range) : [],
    );
  }

  private eventUrl(uid: string): string {
    return new URL(`${encodeURIComponent(uid)}.ics`, withSlash(this.calendarUrl())).toString();
  }

  async putEvent(event: { uid: string; icalendar: string }, signal: AbortSignal): Promise<void> {
    const response = await fetch(this.eventUrl(event.uid), {
      method: 'PUT',
      headers: { ...this.headers(), 'content-type': 'text/calendar; charset=utf-8' },
      body: event.icalendar,
      signal,
    });
    if (!response.ok)
      throw new Error(`The calendar refused the event: ${response.status} ${response.statusText}`);
  }

  async deleteEvent(uid: string, signal: AbortSignal): Promise<void> {
    const response = await fetch(this.eventUrl(uid), { method: 'DELETE', headers: this.headers(), signal });
    if (!response.ok && response.status !== 404) {
      throw new Error(`The calendar refused to remove the event: ${response.status} ${response.statusText}`);
    }
  }

  async findEvent(uid: string, signal: AbortSignal): Promise<{ startsAt: string; endsAt: string } | null> {
    const response = await fetch(this.eventUrl(uid), { headers: this.headers(), signal });
    if (response.status === 404) return null;
    if (!response.ok)
      throw new Error(`The calendar did not answer: ${response.status} ${response.statusText}`);
    const event = firstEvent(await response.text());
    if (!event) return null;
    return { startsAt: toIso(event.startDate), endsAt: toIso(event.endDate) };
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function sameUrl(a: string, b: string): boolean {
  try {
    return withSlash(new URL(a).toString()) === withSlash(new URL(b).toString());
  } catch {
    return false;
  }
}

/** tsdav reports HTTP failures as messages; this turns them into the field the person should fix. */
function accessError(error: unknown): Error {
  if (error instanceof CalendarAccessError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'AbortError') return error;
  if (/401|403|Invalid credentials|Unauthorized|Forbidden/i.test(message)) {
    return new CalendarAccessError('password', 'The calendar server refused this username and app password.');
  }
  // The server's own words stay out of the answer: the address may be anything a colleague typed.
  return new CalendarAccessError('serverUrl', 'No CalDAV calendar answered at this address.');
}

/** Whole-second UTC instants, written like every other instant Pairwise answers with. */
function instant(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function toIso(time: ICAL.Time): string {
  return instant(time.toJSDate().getTime());
}

function parse(data: string): ICAL.Component | null {
  try {
    const component = new ICAL.Component(ICAL.parse(data));
    // Zones defined in the object itself; ical.js looks TZIDs up in its shared registry.
    for (const zone of component.getAllSubcomponents('vtimezone')) {
      const tzid = zone.getFirstPropertyValue('tzid');
      if (typeof tzid === 'string' && !ICAL.TimezoneService.has(tzid)) {
        ICAL.TimezoneService.register(new ICAL.Timezone(zone));
      }
    }
    return component;
  } catch {
    // One unreadable object in someone's calendar should not hide the rest of their week.
    return null;
  }
}

function firstEvent(data: string): ICAL.Event | null {
  const vevent = parse(data)?.getFirstSubcomponent('vevent');
  return vevent ? new ICAL.Event(vevent) : null;
}

/** The busy instants of one calendar object inside the range, recurrences expanded. */
export function busyPeriods(data: string, range: { from: string; to: string }): CalendarBusy[] {
  const component = parse(data);
  if (!component) return [];
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const periods: CalendarBusy[] = [];
  const vevents = component.getAllSubcomponents('vevent');
  // Exceptions (RECURRENCE-ID) are applied through their master event; standalone ones are read as-is.
  const masters = vevents.filter((vevent) => !vevent.hasProperty('recurrence-id'));
  const exceptions = vevents.filter((vevent) => vevent.hasProperty('recurrence-id'));
  for (const vevent of masters.length > 0 ? masters : exceptions) {
    const event = new ICAL.Event(vevent, { exceptions: masters.length > 0 ? exceptions : [] });
    const push = (start: ICAL.Time, end: ICAL.Time, item: ICAL.Component) => {
      if (!blocksTime(item)) return;
      const startsAt = start.toJSDate().getTime();
      const endsAt = end.toJSDate().getTime();
      if (startsAt < to && endsAt > from) {
        periods.push({
          startsAt: instant(startsAt),
          endsAt: instant(endsAt),
          uid: event.uid ?? null,
        });
      }
    };
    if (!event.isRecurring()) {
      push(event.startDate, event.endDate, vevent);
      continue;
    }
    const iterator = event.iterator();
    for (
      let count = 0, next = iterator.next();
      next && count < MAX_OCCURRENCES;
      next = iterator.next(), count++
    ) {
      if (next.toJSDate().getTime() >= to) break;
      const details = event.getOccurrenceDetails(next);
      push(details.startDate, details.endDate, details.item.component);
    }
  }
  return periods;
}

/** Free (TRANSP:TRANSPARENT) and cancelled events do not take anyone's time. */
function blocksTime(vevent: ICAL.Component): boolean {
  const transparency = String(vevent.getFirstPropertyValue('transp') ?? '').toUpperCase();
  const status = String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase();
  return transparency !== 'TRANSPARENT' && status !== 'CANCELLED';
}
