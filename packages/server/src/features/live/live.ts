import { AppError, discloseEvent, type InterviewRole, idParams } from '@pairwise/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseInput, type RegisteredRoute } from '../../platform/http/route.ts';
import type { LiveMessage, RealtimeHub } from '../../platform/realtime/realtime-hub.ts';
import type { InterviewEventLog } from '../interviews/event-log.ts';
import type { InterviewsRepository } from '../interviews/repository.ts';
import type { InterviewsService } from '../interviews/service.ts';

const HEARTBEAT_MS = 10_000;

declare module 'fastify' {
  interface FastifyRequest {
    /** The actor's roles on the interview, resolved before the upgrade. */
    interviewRoles?: InterviewRole[];
  }
}
const liveQuery = z.strictObject({ since: z.coerce.number().int().min(0).default(0) });

/**
 * One WebSocket per open interview page. A client that reconnects passes the last `seq` it
 * saw and first receives every event after it, so nothing is missed across a drop; heartbeats
 * carry the server time and let the client notice a dead connection.
 */
export function registerLiveChannel(
  fastify: FastifyInstance,
  registry: RegisteredRoute[],
  deps: {
    interviews: InterviewsService;
    interviewsRepository: InterviewsRepository;
    hub: RealtimeHub;
    events: InterviewEventLog;
  },
): void {
  deps.events.onCommitted(({ id: _id, interviewId, actorId: _actor, ...event }) =>
    deps.hub.publish(interviewId, { kind: 'event', ...event }),
  );

  const route: RegisteredRoute = {
    method: 'GET',
    url: '/api/interviews/:id/live',
    summary: 'WebSocket: live events of an interview (phase, levers, pushes); plain GET answers 426',
    access: 'signed_in',
    params: idParams,
    query: liveQuery,
    response: z.object({ code: z.literal('upgrade_required'), message: z.string() }),
  };
  registry.push(route);

  fastify.route({
    method: 'GET',
    url: route.url,
    preValidation: async (request) => {
      if (!request.actor) throw new AppError('unauthenticated', 'Please sign in.');
      const { id } = parseInput(idParams, request.params, 'path');
      parseInput(liveQuery, request.query, 'query');
      const { roles } = await deps.interviews.access(request.actor, id, 'view');
      request.interviewRoles = roles;
    },
    handler: async (_request, reply) =>
      reply.status(426).send({ code: 'upgrade_required', message: 'Connect with a WebSocket.' }),
    wsHandler: async (socket, request) => {
      const actor = request.actor!;
      const { id } = idParams.parse(request.params);
      const { since } = liveQuery.parse(request.query);
      const roles = request.interviewRoles ?? [];
      const send = (message: LiveMessage) => {
        if (message.kind === 'notes_changed' && message.authorId !== actor.id) return;
        // The same disclosure as the timeline: a line manager never hears a wellness answer.
        const shown = message.kind === 'event' ? discloseEvent(message, roles) : message;
        if (shown && socket.readyState === socket.OPEN) socket.send(JSON.stringify(shown));
      };
      // Subscribe before reading the backlog so an event committed in between is not lost;
      // the client ignores a seq it has already seen.
      const unsubscribe = deps.hub.subscribe(id, send);
      const heartbeat = setInterval(
        () => send({ kind: 'heartbeat', serverNow: new Date().toISOString() }),
        HEARTBEAT_MS,
      );
      socket.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
      for (const { id: _id, actorName: _actor, ...event } of await deps.interviewsRepository.events(
        id,
        since,
      )) {
        send({ kind: 'event', ...event });
      }
      send({ kind: 'heartbeat', serverNow: new Date().toISOString() });
    },
  });
}
