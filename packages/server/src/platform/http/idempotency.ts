import { createHash } from 'node:crypto';
import { AppError } from '@pairwise/domain';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import type { Db } from '../db/database.ts';

/** Writes an applicant tracking system retries: creating a candidate or an interview twice is the harm. */
const IDEMPOTENT_ROUTES = new Set(['POST /api/candidates', 'POST /api/interviews']);
const KEPT_HOURS = 24;
const KEY_SHAPE = /^[\x21-\x7E]{1,200}$/;

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: { actorId: string; key: string } | null;
  }
}

/**
 * `Idempotency-Key` on the writes above: the first request with a key runs and its answer is kept
 * for 24 hours per caller; a retry with the same key and the same request gets that answer again
 * (with `Idempotent-Replayed: true`) instead of creating a second candidate or interview. The same
 * key with a different request is refused (422), and one still running answers 409. A first
 * request that failed with 5xx keeps nothing, so its retry runs.
 */
export function registerIdempotency(fastify: FastifyInstance, db: Db): void {
  fastify.decorateRequest('idempotencyKey', null);
  fastify.addHook('preHandler', async (request, reply) => {
    const header = request.headers['idempotency-key'];
    if (header === undefined || !request.actor) return;
    if (!IDEMPOTENT_ROUTES.has(`${request.method} ${request.routeOptions.url}`)) return;
    if (typeof header !== 'string' || !KEY_SHAPE.test(header)) {
      throw new AppError(
        'invalid_request',
        'The Idempotency-Key header must be 1 to 200 visible ASCII characters.',
        {
          'Idempotency-Key': 'Use 1 to 200 visible ASCII characters, e.g. a UUID.',
        },
      );
    }
    const requestHash = createHash('sha256')
      .update(
        `${request.method} ${request.routeOptions.url}\0${JSON.stringify(request.params)}\0${JSON.stringify(request.body ?? null)}`,
      )
      .digest('hex');
    const now = DateTime.utc();
    await db
      .deleteFrom('idempotency_keys')
      .where('created_at', '<', now.minus({ hours: KEPT_HOURS }).toISO())
      .execute();
    const inserted = await db
      .insertInto('idempotency_keys')
      .values({
        actor_id: request.actor.id,
        key: header,
        request_hash: requestHash,
        status: null,
        response: null,
        created_at: now.toISO(),
      })
      .onConflict((conflict) => conflict.columns(['actor_id', 'key']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
      request.idempotencyKey = { actorId: request.actor.id, key: header };
      return;
    }
    const first = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('actor_id', '=', request.actor.id)
      .where('key', '=', header)
      .executeTakeFirstOrThrow();
    if (first.request_hash !== requestHash) {
      throw new AppError('unprocessable', 'This Idempotency-Key was used for a different request.', {
        'Idempotency-Key': 'Use a new key for a new request.',
      });
    }
    if (first.status === null || first.response === null) {
      throw new AppError(
        'conflict',
        'The first request with this Idempotency-Key is still running. Try again shortly.',
      );
    }
    return reply
      .code(first.status)
      .header('content-type', 'application/json; charset=utf-8')
      .header('idempotent-replayed', 'true')
      .send(first.response);
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    const claimed = request.idempotencyKey;
    if (!claimed) return payload;
    const row = db
      .updateTable('idempotency_keys')
      .where('actor_id', '=', claimed.actorId)
      .where('key', '=', claimed.key);
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      await db
        .deleteFrom('idempotency_keys')
        .where('actor_id', '=', claimed.actorId)
        .where('key', '=', claimed.key)
        .execute();
    } else {
      await row.set({ status: reply.statusCode, response: payload }).execute();
    }
    return payload;
  });
}
