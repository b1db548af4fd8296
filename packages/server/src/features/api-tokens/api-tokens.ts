import { randomUUID } from 'node:crypto';
import {
  type ApiToken,
  type ApiTokenScope,
  AppError,
  apiTokenList,
  type CreateApiTokenRequest,
  createApiTokenRequest,
  createdApiToken,
  forbidden,
  idParams,
  notFound,
  ok,
  type UserRole,
} from '@pairwise/domain';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import { hashToken, randomToken } from '../../platform/auth/tokens.ts';
import type { Db } from '../../platform/db/database.ts';
import { defineRoute, type RegisteredRoute } from '../../platform/http/route.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { scopesFor, tokenMayCall } from './token-scopes.ts';

// A feature this small keeps repository, service and routes in one file.
/**
 * Personal API tokens: how `pairwise rehearse` and an applicant tracking system act for their
 * owner. Each token carries scopes (token-scopes.ts) on top of its owner's roles, so a token made
 * for rehearsals, copied into a terminal's history, still cannot read candidates or notes. Tokens
 * expire, record when and from where they were last used, and every request with one is audited.
 */

export const CLI_ROUTE_PREFIX = '/api/cli/';
const TOKEN_PREFIX = 'pw_';
const TOKEN_SHAPE = /^pw_[A-Za-z0-9_-]{43}$/;
const MAX_TOKENS_PER_USER = 20;
/** A token's last use is written at most this often, so a busy CLI does not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

interface TokenRow {
  id: string;
  label: string;
  scopes: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  last_used_ip: string | null;
}

const toApiToken = (row: TokenRow): ApiToken => ({
  id: row.id,
  label: row.label,
  scopes: JSON.parse(row.scopes) as ApiTokenScope[],
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  lastUsedAt: row.last_used_at,
  lastUsedFrom: row.last_used_ip,
});

export interface ResolvedToken {
  /** A person's token, or the organisation's (features/service-tokens). */
  kind?: 'personal' | 'service';
  actor: Actor;
  tokenId: string;
  scopes: ApiTokenScope[];
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The API token the request signed in with, if any. */
    apiTokenId: string | null;
    /** Whether that token is a person's or the organisation's, for the audit entry. */
    apiTokenKind: 'personal' | 'service';
  }
}

export class ApiTokensService {
  constructor(private readonly db: Db) {}

  async list(actor: Actor): Promise<ApiToken[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'label', 'scopes', 'created_at', 'expires_at', 'last_used_at', 'last_used_ip'])
      .where('user_id', '=', actor.id)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toApiToken);
  }

  async create(actor: Actor, request: CreateApiTokenRequest): Promise<{ token: string; apiToken: ApiToken }> {
    if (request.scopes.includes('admin') && !hasRole(actor, 'admin')) {
      throw forbidden('Only an admin can make a token with the admin scope.');
    }
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
    const now = DateTime.utc();
    const row = {
      id: randomUUID(),
      user_id: actor.id,
      label: request.label,
      scopes: JSON.stringify([...new Set(request.scopes)]),
      token_hash: hashToken(token),
      created_at: now.toISO(),
      expires_at: request.expiresInDays === null ? null : now.plus({ days: request.expiresInDays }).toISO(),
      last_used_at: null,
      last_used_ip: null,
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

  /** The token's owner as an actor, or null for an unknown, expired or revoked token or a deactivated user. */
  async resolve(token: string, ip: string): Promise<ResolvedToken | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const row = await this.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select([
        'api_tokens.id as token_id',
        'api_tokens.scopes',
        'api_tokens.expires_at',
        'api_tokens.last_used_at',
        'api_tokens.last_used_ip',
        'users.id',
        'users.email',
        'users.name',
        'users.roles',
        'users.active',
      ])
      .where('api_tokens.token_hash', '=', hashToken(token))
      .executeTakeFirst();
    const now = DateTime.utc();
    if (row?.active !== 1) return null;
    if (row.expires_at && row.expires_at <= now.toISO()) return null;
    const stale =
      !row.last_used_at || now.toMillis() - Date.parse(row.last_used_at) > LAST_USED_RESOLUTION_MS;
    if (stale || row.last_used_ip !== ip) {
      await this.db
        .updateTable('api_tokens')
        .set({ last_used_at: now.toISO(), last_used_ip: ip })
        .where('id', '=', row.token_id)
        .execute();
    }
    return {
      tokenId: row.token_id,
      scopes: JSON.parse(row.scopes) as ApiTokenScope[],
      actor: {
        id: row.id,
        email: row.email,
        name: row.name,
        roles: JSON.parse(row.roles) as UserRole[],
        // A token opens no session: the session routes are closed to every token (token-scopes.ts).
        sessionTokenHash: '',
      },
    };
  }
}

/**
 * Runs after the session cookie is resolved: on a route that needs a sign-in, `Authorization:
 * Bearer <token>` signs the request in as the token's owner if the token's scopes open that
 * route. An unknown token answers 401 in words a person in a terminal can act on; a token without
 * the scope 403 naming the scopes that would. On routes anyone may call the header is ignored.
 * Every request that used a token is audited with its route and answer.
 */
export function registerApiTokenResolution(
  fastify: FastifyInstance,
  tokens: ApiTokensService,
  routes: RegisteredRoute[],
  audit: AuditLog,
  serviceTokens?: { resolve(token: string, ip: string): Promise<ResolvedToken | null> },
): void {
  fastify.decorateRequest('apiTokenId', null);
  fastify.decorateRequest('apiTokenKind', 'personal');
  fastify.addHook('onRequest', async (request) => {
    if (request.actor || !request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (!header) return;
    const route = request.routeOptions.url ?? '';
    const registered = routes.find((entry) => entry.url === route && entry.method === request.method);
    if (!registered || registered.access === 'anonymous') return;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const given = match?.[1];
    const resolved = !given
      ? null
      : given.startsWith('pws_') && serviceTokens
        ? await serviceTokens.resolve(given, request.ip)
        : await tokens.resolve(given, request.ip);
    if (!resolved) {
      throw new AppError(
        'unauthenticated',
        'This API token is unknown, expired or was revoked. Create a new one in Pairwise under "API tokens".',
      );
    }
    request.actor = resolved.actor;
    request.apiTokenId = resolved.tokenId;
    request.apiTokenKind = resolved.kind ?? 'personal';
    const required = scopesFor(request.method, route);
    if (!tokenMayCall(resolved.scopes, required)) {
      throw forbidden(
        required === null || required.length === 0
          ? `No API token may call ${request.method} ${route}${required === null ? '' : ' except one with the admin scope'}.`
          : `This API token's scopes (${resolved.scopes.join(', ')}) do not open ${request.method} ${route}; it needs one of: ${[...required, 'admin'].join(', ')}.`,
      );
    }
  });
  fastify.addHook('onResponse', async (request, reply) => {
    if (!request.apiTokenId || !request.actor) return;
    const service = request.apiTokenKind === 'service';
    await audit.record({
      actor: request.actor,
      action: service ? 'service_token.used' : 'api_token.used',
      subjectType: service ? 'service_token' : 'api_token',
      subjectId: request.apiTokenId,
      ip: request.ip,
      detail: { route: `${request.method} ${request.routeOptions.url}`, status: reply.statusCode },
    });
  });
}

export function apiTokensRoutes(tokens: ApiTokensService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/api-tokens',
      summary: "The signed-in user's personal API tokens, with their scopes, expiry and last use",
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
      handler: async ({ actor, body }) => tokens.create(actor, body),
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
