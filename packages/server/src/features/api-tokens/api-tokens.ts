import { randomUUID } from 'node:crypto';
import {
  type ApiToken,
  type ApiTokenScope,
  AppError,
  apiTokensApi,
  type CreateApiTokenRequest,
  forbidden,
  notFound,
} from '@pairwise/domain';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import type { Actor } from '../../platform/auth/actor.ts';
import { hashToken, randomToken } from '../../platform/auth/tokens.ts';
import { implement, type RegisteredRoute } from '../../platform/http/route.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { authorize } from './policy.ts';
import type { ApiTokensRepository } from './repository.ts';
import { scopesFor, tokenMayCall } from './token-scopes.ts';

// The service, its request hook and its routes; the SQL is in repository.ts.
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
  constructor(private readonly tokens: ApiTokensRepository) {}

  list(actor: Actor): Promise<ApiToken[]> {
    return this.tokens.listForUser(actor.id);
  }

  async create(actor: Actor, request: CreateApiTokenRequest): Promise<{ token: string; apiToken: ApiToken }> {
    authorize(actor, 'create', { ownerId: actor.id, scopes: request.scopes });
    if ((await this.tokens.countForUser(actor.id)) >= MAX_TOKENS_PER_USER) {
      throw new AppError(
        'conflict',
        `You have ${MAX_TOKENS_PER_USER} tokens already; revoke one you no longer use first.`,
      );
    }
    const token = `${TOKEN_PREFIX}${randomToken()}`;
    const now = DateTime.utc();
    const apiToken = await this.tokens.insert({
      id: randomUUID(),
      userId: actor.id,
      label: request.label,
      scopes: request.scopes,
      tokenHash: hashToken(token),
      createdAt: now.toISO(),
      expiresAt: request.expiresInDays === null ? null : now.plus({ days: request.expiresInDays }).toISO(),
    });
    return { token, apiToken };
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    const token = await this.tokens.findFacts(id);
    if (!token) throw notFound('Token');
    authorize(actor, 'revoke', token);
    await this.tokens.delete(id);
  }

  /** The token's owner as an actor, or null for an unknown, expired or revoked token or a deactivated user. */
  async resolve(token: string, ip: string): Promise<ResolvedToken | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const found = await this.tokens.findByHash(hashToken(token));
    const now = DateTime.utc();
    if (!found?.owner.active) return null;
    if (found.expiresAt && found.expiresAt <= now.toISO()) return null;
    const stale =
      !found.lastUsedAt || now.toMillis() - Date.parse(found.lastUsedAt) > LAST_USED_RESOLUTION_MS;
    if (stale || found.lastUsedIp !== ip) await this.tokens.recordUse(found.tokenId, now.toISO(), ip);
    const { id, email, name, roles } = found.owner;
    return {
      tokenId: found.tokenId,
      scopes: found.scopes,
      // A token opens no session: the session routes are closed to every token (token-scopes.ts).
      actor: { id, email, name, roles, sessionTokenHash: '' },
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
  // Before the answer leaves, not after: a client that reads the audit log next finds the use
  // there, and a server that stops right after answering has still recorded it.
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (!request.apiTokenId || !request.actor) return payload;
    const service = request.apiTokenKind === 'service';
    try {
      await audit.record({
        actor: request.actor,
        action: service ? 'service_token.used' : 'api_token.used',
        subjectType: service ? 'service_token' : 'api_token',
        subjectId: request.apiTokenId,
        ip: request.ip,
        detail: { route: `${request.method} ${request.routeOptions.url}`, status: reply.statusCode },
      });
    } catch (error) {
      // The request's own work is done and committed: its answer stays true, the gap is logged.
      request.log.error({ err: error }, 'the API token use was not audited');
    }
    return payload;
  });
}

export function apiTokensRoutes(tokens: ApiTokensService) {
  return [
    implement(apiTokensApi.list, {
      summary: "The signed-in user's personal API tokens, with their scopes, expiry and last use",
      access: 'signed_in',
      handler: async ({ actor }) => ({ tokens: await tokens.list(actor) }),
    }),
    implement(apiTokensApi.create, {
      summary: 'Create a personal API token; the token is shown only in this answer',
      access: 'signed_in',
      handler: async ({ actor, body }) => tokens.create(actor, body),
    }),
    implement(apiTokensApi.revoke, {
      summary: 'Revoke one of your personal API tokens',
      access: 'signed_in',
      handler: async ({ actor, params }) => {
        await tokens.revoke(actor, params.id);
        return { ok: true as const };
      },
    }),
  ];
}
