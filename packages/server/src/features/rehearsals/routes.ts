import { type RehearsalStreamMessage, rehearsalParams, rehearsalsApi } from '@pairwise/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, fileBytes, implement } from '../../platform/http/route.ts';
import type { RehearsalsService } from './service.ts';

const workerArchiveParams = z.object({ rehearsalId: z.uuid() });

/** Keeps proxies from closing a quiet stream while a long `npm ci` prints nothing. */
const HEARTBEAT_MS = 15_000;

export function rehearsalsRoutes(rehearsals: RehearsalsService, fastify: FastifyInstance) {
  // Open progress streams end before the server closes, or the close would wait for them.
  const streams = new Set<() => void>();
  fastify.addHook('preClose', async () => {
    for (const end of streams) end();
    await rehearsals.close();
  });

  return [
    implement(rehearsalsApi.list, {
      summary: "The task's rehearsal history, newest first",
      access: 'signed_in',
      handler: async ({ actor, params }) => ({
        rehearsals: await rehearsals.list(actor, params.id),
        serverRehearsals: rehearsals.serverRehearsals,
      }),
    }),
    implement(rehearsalsApi.start, {
      summary: 'Rehearse the setup of a snapshot (the latest by default) on the server, in the background',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        rehearsal: await rehearsals.start(actor, params.id, body.snapshotId),
      }),
    }),
    implement(rehearsalsApi.cancel, {
      summary: 'Stop a rehearsal running on the server',
      access: 'signed_in',
      handler: async ({ actor, params }) => {
        await rehearsals.cancel(actor, params.id, params.rehearsalId);
        return { ok: true as const };
      },
    }),
    // A stream of server-sent events, not JSON: no contract.
    defineRoute({
      method: 'GET',
      url: '/api/tasks/:id/rehearsals/:rehearsalId/events',
      summary:
        'Server-sent events of a rehearsal: its state, then progress (step, elapsed time, last lines) until it finishes',
      access: 'signed_in',
      params: rehearsalParams,
      // The handler writes the stream itself and returns nothing.
      response: z.void().describe('text/event-stream of RehearsalStreamMessage'),
      handler: async ({ actor, params, request, reply }) => {
        const buffered: RehearsalStreamMessage[] = [];
        let write = (message: RehearsalStreamMessage) => void buffered.push(message);
        // Authorization and the first state happen before the stream opens, so refusals stay JSON.
        const unsubscribe = await rehearsals.follow(actor, params.id, params.rehearsalId, (message) =>
          write(message),
        );
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS);
        const end = () => {
          clearInterval(heartbeat);
          unsubscribe();
          streams.delete(end);
          if (!raw.writableEnded) raw.end();
        };
        streams.add(end);
        write = (message) => {
          if (raw.writableEnded) return;
          raw.write(`data: ${JSON.stringify(message)}\n\n`);
          if (message.kind === 'finished') end();
        };
        for (const message of buffered) write(message);
        request.raw.on('close', end);
      },
    }),
    // A file for the rehearsal worker, not JSON: no contract.
    defineRoute({
      method: 'GET',
      url: '/api/worker/rehearsals/:rehearsalId/archive',
      summary:
        "The snapshot of a queued rehearsal as .tar.gz, for the `pairwise rehearsal-worker` that took it (Bearer: the rehearsal's own secret)",
      // No session or staff token: the worker shows the random secret of this one running rehearsal.
      access: 'anonymous',
      params: workerArchiveParams,
      response: fileBytes('application/gzip'),
      handler: async ({ params, request, reply }) => {
        const data = await rehearsals.workerArchive(params.rehearsalId, request.headers.authorization);
        reply.type('application/gzip').header('cache-control', 'private, no-store');
        return data;
      },
    }),
    implement(rehearsalsApi.plan, {
      summary: 'What `pairwise rehearse` runs: the snapshot to download, the commands, budget and timeouts',
      access: 'signed_in',
      handler: async ({ actor, params, query }) => rehearsals.plan(actor, params.id, query.snapshotId),
    }),
    implement(rehearsalsApi.record, {
      summary: 'Report a rehearsal run by `pairwise rehearse` on another machine',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        rehearsal: await rehearsals.record(actor, params.id, body),
      }),
    }),
  ];
}
