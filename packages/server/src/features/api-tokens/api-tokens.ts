import { randomUUID } from 'node:crypto';
import {
  type ApiToken,
  AppError,
  apiTokenList,
  createApiTokenRequest,
  createdApiToken,
  idParams,
  notFound,
  ok,
  type UserRole,
} from '@pairwise/domain';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import type { Actor } from '../../platform/auth/actor.ts';
import { hashToken, randomToken } from '../../platform/auth/tokens.ts';
import type { Db } from '../../platform/db/database.ts';
import { defineRoute } from '../../platform/http/route.ts';

// A feature this small keeps repository, service and routes in one file.
/**
 * Personal API tokens: how `pairwise rehearse` on a colleague's machine acts for its owner.
 * A token is accepted only on the CLI's routes (CLI_ROUTE_PREFIX), never as a general sign-in,
 * so a token copied into a terminal's history cannot read candidates or notes.
 */

export const CLI_ROUTE_PREFIX = '/api/cli/';
const TOKEN_PREFIX = 'pw_';
const TOKEN_SHAPE = /^pw_[A-Za-z0-9_-]{43}$/;
const MAX_TOKENS_PER_USER = 20;
/** A token's last use is written at most this often, so a busy CLI does not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

const toApiToken = (row: { id: string; label: string; created_at: string; last_used_at: string | null }) => ({
  id: row.id,
  label: row.label,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

export class ApiTokensService {
  constructor(private readonly db: Db) {}

  async list(actor: Actor): Promise<ApiToken[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'label', 'created_at', 'last_used_at'])
      .where('user_id', '=', actor.id)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toApiToken);
  }

  async create(actor: Actor, label: string): Promise<{ token: string; apiToken: ApiToken }> {
    const count = await this.db
      .selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('user_id', '=', actor.id)
      .executeTakeFirstOrThrow();
    if (Number(count.count) >= MAX_TOKENS_PER_USER) {
      throw new AppError(
        'conflict',
        `You have ${MAX_TOKENS_PER_USER} tokens already; revoke one you no longer use first.`,
      );
    }
    const token = `${TOKEN_PREFIX}${randomToken()}`;
    const row = {
      id: randomUUID(),
      user_id: actor.id,
      label,
      token_hash: hashToken(token),
      created_at: DateTime.utc().toISO(),
      last_used_at: null,
    };
    await this.db.insertInto('api_tokens').values(row).execute();
    return { token, apiToken: toApiToken(row) };
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    const result = await this.db
      .deleteFrom('api_tokens')
      .where('id', '=', id)
      .where('user_id', '=', actor.id)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('Token');
  }

  /** The token's owner as an actor, or null for an unknown or revoked token or a deactivated user. */
  async resolve(token: string): Promise<Actor | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const row = await this.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select([
        'api_tokens.id as token_id',
        'api_tokens.last_used_at',
        'users.id',
        'users.email',
        'users.name',
        'users.roles',
        'users.active',
      ])
      .where('api_tokens.token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (row?.active !== 1) return null;
    const now = DateTime.utc();
    if (!row.last_used_at || now.toMillis() - Date.parse(row.last_used_at) > LAST_USED_RESOLUTION_MS) {
      await this.db
        .updateTable('api_tokens')
        .set({ last_used_at: now.toISO() })
        .where('id', '=', row.token_id)
        .execute();
    }
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      roles: JSON.parse(row.roles) as UserRole[],
      // A token opens no session: the session routes are outside CLI_ROUTE_PREFIX.
      sessionTokenHash: '',
    };
  }
}

/**
 * Runs after the session cookie is resolved: on the CLI's routes, `Authorization: Bearer <token>`
 * signs the request in as the token's owner. A token that is present but unknown answers 401 with
 * a message saying so, instead of the generic "Please sign in" a person in a terminal cannot act on.
 */
export function registerApiTokenResolution(fastify: FastifyInstance, tokens: ApiTokensService): void {
  fastify.addHook('onRequest', async (request) => {
    if (request.actor || !request.url.startsWith(CLI_ROUTE_PREFIX)) return;
    const header = request.headers.authorization;
    if (!header) return;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = match ? await tokens.resolve(match[1]!) : null;
    if (!actor) {
      throw new AppError(
        'unauthenticated',
        'This API token is unknown or was revoked. Create a new one in Pairwise under "API tokens".',
      );
    }
    request.actor = actor;
  });
}

export function apiTokensRoutes(tokens: ApiTokensService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/api-tokens',
      summary: "The signed-in user's personal API tokens (for `pairwise rehearse`)",
      access: 'signed_in',
      response: apiTokenList,
      handler: async ({ actor }) => ({ tokens: await tokens.list(actor) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/api-tokens',
      summary: 'Create a personal API token; the token is shown only in this answer',
      access: 'signed_in',
      status: 201,
      body: createApiTokenRequest,
      response: createdApiToken,
      handler: async ({ actor, body }) => tokens.create(actor, body.label),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/api-tokens/:id',
      summary: 'Revoke one of your personal API tokens',
      access: 'signed_in',
      params: idParams,
      response: ok,
      handler: async ({ actor, params }) => {
        await tokens.revoke(actor, params.id);
        return { ok: true as const };
      },
    }),
  ];
}
