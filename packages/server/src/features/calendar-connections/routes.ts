import {
  calendarConnectionRequest,
  calendarConnectionResponse,
  freeBusy,
  freeBusyRequest,
} from '@pairwise/domain';
import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import type { FreeBusyPlanner } from './free-busy-planner.ts';
import type { CalendarConnectionsService } from './service.ts';

export function calendarConnectionsRoutes(connections: CalendarConnectionsService, planner: FreeBusyPlanner) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/account/calendar',
      summary: 'Your calendar connection (never its password)',
      access: 'signed_in',
      response: calendarConnectionResponse,
      handler: async ({ actor }) => ({ connection: await connections.view(actor) }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/account/calendar',
      summary: 'Connect your calendar (CalDAV): checked against the server before it is saved',
      access: 'signed_in',
      body: calendarConnectionRequest,
      response: calendarConnectionResponse,
      handler: async ({ actor, body }) => ({ connection: await connections.connect(actor, body) }),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/account/calendar',
      summary: 'Disconnect your calendar; its stored password is deleted',
      access: 'signed_in',
      response: z.object({ ok: z.literal(true) }),
      handler: async ({ actor }) => {
        await connections.disconnect(actor);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/interviews/free-busy',
      summary: "The panel's and line manager's busy times, and starts that suit everyone",
      access: 'signed_in',
      body: freeBusyRequest,
      response: freeBusy,
      handler: async ({ actor, body }) => planner.freeBusy(actor, body),
    }),
  ];
}
