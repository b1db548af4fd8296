import { z } from 'zod';
import { id, isoDateTime, localDateTime, ok, timeZone } from './common.ts';
import { contract } from './contract.ts';

export const calendarProviders = ['caldav'] as const;

/**
 * A CalDAV account: the server's address (its root, a principal or a calendar), the username
 * and an app password. Checked against the server before it is saved.
 */
export const calendarConnectionRequest = z.strictObject({
  provider: z.literal('caldav'),
  serverUrl: z
    .url({ protocol: /^https?$/, error: 'Enter the calendar server address, starting with https://.' })
    .max(2_000),
  username: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1_000),
});
export type CalendarConnectionRequest = z.input<typeof calendarConnectionRequest>;

/** What the owner sees of their connection: never the password. */
export const calendarConnection = z.object({
  provider: z.enum(calendarProviders),
  serverUrl: z.string(),
  username: z.string(),
  calendarName: z.string(),
  connectedAt: isoDateTime,
  checkedAt: isoDateTime,
});
export type CalendarConnectionView = z.infer<typeof calendarConnection>;

export const calendarConnectionResponse = z.object({ connection: calendarConnection.nullable() });

/** The plan form's question: who is busy when, and which starts suit everyone. */
export const freeBusyRequest = z.strictObject({
  navigatorId: id,
  shadowIds: z.array(id).max(3).default([]),
  positionId: id.optional(),
  taskId: id.optional(),
  timeZone,
  /** The first day to look at, as a local time in `timeZone`; today when absent. */
  fromLocal: localDateTime.optional(),
  days: z.number().int().min(1).max(14).default(7),
  /** The interview being rescheduled: its own bookings are not in anyone's way. */
  interviewId: id.optional(),
});
export type FreeBusyRequest = z.input<typeof freeBusyRequest>;

const busyPeriod = z.object({
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  source: z.enum(['calendar', 'pairwise']),
});

export const freeBusyPerson = z.object({
  id,
  name: z.string(),
  role: z.enum(['navigator', 'shadow', 'line_manager']),
  /** 'unknown': the calendar did not answer in time; its busy times are missing. */
  calendar: z.enum(['connected', 'none', 'unknown']),
  busy: z.array(busyPeriod),
});

export const freeBusy = z.object({
  from: isoDateTime,
  until: isoDateTime,
  people: z.array(freeBusyPerson),
  /** Starts where everyone is free for their part, prep to debrief, in working hours. */
  proposals: z.array(z.object({ startsAt: isoDateTime, startsAtLocal: localDateTime })),
});
export type FreeBusy = z.infer<typeof freeBusy>;

export const calendarConflictView = z.object({
  personId: id,
  name: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  /** 'calendar': the person's connected calendar; 'pairwise': another interview's block. */
  source: z.enum(['calendar', 'pairwise']),
});
export type CalendarConflictView = z.infer<typeof calendarConflictView>;

/** Each person's own calendar on the account page, and the plan form's free/busy question. */
export const calendarConnectionsApi = {
  view: contract({ method: 'GET', path: '/api/account/calendar', response: calendarConnectionResponse }),
  connect: contract({
    method: 'PUT',
    path: '/api/account/calendar',
    body: calendarConnectionRequest,
    response: calendarConnectionResponse,
  }),
  disconnect: contract({ method: 'DELETE', path: '/api/account/calendar', response: ok }),
  freeBusy: contract({
    method: 'POST',
    path: '/api/interviews/free-busy',
    body: freeBusyRequest,
    response: freeBusy,
  }),
};
