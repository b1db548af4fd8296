import { calendarConnectionsApi } from '@pairwise/domain';
import { implement } from '../../platform/http/route.ts';
import type { FreeBusyPlanner } from './free-busy-planner.ts';
import type { CalendarConnectionsService } from './service.ts';

export function calendarConnectionsRoutes(connections: CalendarConnectionsService, planner: FreeBusyPlanner) {
  return [
    implement(calendarConnectionsApi.view, {
      summary: 'Your calendar connection (never its password)',
      access: 'signed_in',
      handler: async ({ actor }) => ({ connection: await connections.view(actor) }),
    }),
    implement(calendarConnectionsApi.connect, {
      summary: 'Connect your calendar (CalDAV): checked against the server before it is saved',
      access: 'signed_in',
      handler: async ({ actor, body }) => ({ connection: await connections.connect(actor, body) }),
    }),
    implement(calendarConnectionsApi.disconnect, {
      summary: 'Disconnect your calendar; its stored password is deleted',
      access: 'signed_in',
      handler: async ({ actor }) => {
        await connections.disconnect(actor);
        return { ok: true as const };
      },
    }),
    implement(calendarConnectionsApi.freeBusy, {
      summary: "The panel's and line manager's busy times, and starts that suit everyone",
      access: 'signed_in',
      handler: async ({ actor, body }) => planner.freeBusy(actor, body),
    }),
  ];
}
