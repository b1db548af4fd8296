/**
 * What Pairwise needs from someone's calendar, whatever serves it (decision 032): CalDAV today,
 * Google Calendar and Microsoft 365 next. Every call takes an AbortSignal, because a calendar
 * that does not answer must not hold up planning; the caller decides how long to wait.
 */
export interface CalendarProvider {
  /**
   * Signs in and finds the calendar to use. Refuses with a `CalendarAccessError` naming what is
   * wrong (the address, the credentials, no calendar), so the form can say which field to fix.
   */
  check(signal: AbortSignal): Promise<{ calendarUrl: string; calendarName: string }>;
  /** Busy times overlapping [from, to): opaque and tentative events count, free and cancelled ones do not. */
  busy(range: { from: string; to: string }, signal: AbortSignal): Promise<CalendarBusy[]>;
  /** Creates the event with this UID or replaces it in place (same UID, so no duplicate appears). */
  putEvent(event: { uid: string; icalendar: string }, signal: AbortSignal): Promise<void>;
  /** Removes the event with this UID; one that is already gone is not an error. */
  deleteEvent(uid: string, signal: AbortSignal): Promise<void>;
  /** The event's instants if the calendar holds it, for "calendar cleared" evidence. */
  findEvent(uid: string, signal: AbortSignal): Promise<{ startsAt: string; endsAt: string } | null>;
}

export interface CalendarBusy {
  startsAt: string;
  endsAt: string;
  /** The event's UID, so events Pairwise wrote itself are not counted twice. */
  uid: string | null;
}

export type CalendarAccessField = 'serverUrl' | 'username' | 'password' | 'calendar';

/** A refusal from the calendar side, with the form field the person should look at. */
export class CalendarAccessError extends Error {
  constructor(
    readonly field: CalendarAccessField,
    message: string,
  ) {
    super(message);
    this.name = 'CalendarAccessError';
  }
}

/** The connection details a provider is built from; the secret is already decrypted. */
export interface CalendarAccount {
  provider: 'caldav';
  serverUrl: string;
  username: string;
  secret: string;
  /** Known after the first successful check. */
  calendarUrl?: string;
}
