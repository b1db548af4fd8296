import { randomUUID } from 'node:crypto';
import {
  AppError,
  type CreateServiceTokenRequest,
  forbidden,
  notFound,
  type ServiceToken,
  serviceTokensApi,
} from '@pairwise/domain';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import { hashToken, randomToken } from '../../platform/auth/tokens.ts';
import { type Clock, utcNow } from '../../platform/clock.ts';
import { implement } from '../../platform/http/route.ts';
import type { ResolvedToken } from '../api-tokens/api-tokens.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { ServiceTokensRepository } from './repository.ts';

// The service and its routes; the SQL is in repository.ts.
/**
 * Service tokens: API tokens that belong to the organisation, not to a person, so an applicant
 * tracking system keeps working when the admin who set it up leaves. An admin names one, picks its
 * scopes and expiry; it records when and from where it was last used, can be revoked, and every
 * request made with it is audited (api-tokens.ts, which resolves both kinds of token).
 *
 * It acts with the admin role, confined by its scopes (token-scopes.ts): that is what lets an ATS
 * plan an interview for any interviewer, which a person's token may only do for its owner.
 */

export const SERVICE_TOKEN_PREFIX = 'pws_';
const TOKEN_SHAPE = /^pws_[A-Za-z0-9_-]{43}$/;
const MAX_SERVICE_TOKENS = 50;
/** Last use is written at most this often, so a busy integration does not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

const requireAdmin = (actor: Actor) => {
  if (!hasRole(actor, 'admin')) throw forbidden('Only an admin can manage service tokens.');
};

export class ServiceTokensService {
  constructor(
    private readonly tokens: ServiceTokensRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  list(actor: Actor): Promise<ServiceToken[]> {
    requireAdmin(actor);
    return this.tokens.list();
  }

  async create(
    actor: Actor,
    request: CreateServiceTokenRequest,
    ip: string,
  ): Promise<{ token: string; serviceToken: ServiceToken }> {
    requireAdmin(actor);
    if ((await this.tokens.count()) >= MAX_SERVICE_TOKENS) {
      throw new AppError(
        'conflict',
        `There are ${MAX_SERVICE_TOKENS} service tokens; revoke one no longer used first.`,
      );
    }
    const token = `${SERVICE_TOKEN_PREFIX}${randomToken()}`;
    const now = utcNow(this.clock);
    const id = randomUUID();
    const serviceToken = await this.tokens.insert({
      id,
      name: request.name,
      userId: randomUUID(),
      scopes: request.scopes,
      tokenHash: hashToken(token),
      createdBy: actor,
      createdAt: now.toISO(),
      expiresAt: request.expiresInDays === null ? null : now.plus({ days: request.expiresInDays }).toISO(),
    });
    await this.audit.record({
      actor,
      action: 'service_token.created',
      subjectType: 'service_token',
      subjectId: id,
      ip,
      detail: { name: request.name, scopes: request.scopes, expiresAt: serviceToken.expiresAt },
    });
    return { token, serviceToken };
  }

  async revoke(actor: Actor, id: string, ip: string): Promise<void> {
    requireAdmin(actor);
    if (!(await this.tokens.delete(id))) throw notFound('Service token');
    await this.audit.record({
      actor,
      action: 'service_token.revoked',
      subjectType: 'service_token',
      subjectId: id,
      ip,
    });
  }

  /** The organisation as an actor confined by the token's scopes, or null when unknown, expired or revoked. */
  async resolve(token: string, ip: string): Promise<ResolvedToken | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const found = await this.tokens.findByHash(hashToken(token));
    if (!found) return null;
    const now = utcNow(this.clock);
    if (found.expiresAt && found.expiresAt <= now.toISO()) return null;
    const stale =
      !found.lastUsedAt || now.toMillis() - Date.parse(found.lastUsedAt) > LAST_USED_RESOLUTION_MS;
    if (stale || found.lastUsedIp !== ip) await this.tokens.recordUse(found.id, now.toISO(), ip);
    return {
      kind: 'service',
      tokenId: found.id,
      scopes: found.scopes,
      actor: { ...found.actor, roles: ['admin'], sessionTokenHash: '' },
    };
  }
}

export function serviceTokensRoutes(tokens: ServiceTokensService) {
  return [
    implement(serviceTokensApi.list, {
      summary: "The organisation's service tokens with scopes, expiry and last use (admin)",
      access: 'signed_in',
      handler: async ({ actor }) => ({ tokens: await tokens.list(actor) }),
    }),
    implement(serviceTokensApi.create, {
      summary: 'Create a service token; the token is shown only in this answer (admin)',
      access: 'signed_in',
      handler: async ({ actor, body, request }) => tokens.create(actor, body, request.ip),
    }),
    implement(serviceTokensApi.revoke, {
      summary: 'Revoke a service token (admin)',
      access: 'signed_in',
      handler: async ({ actor, params, request }) => {
        await tokens.revoke(actor, params.id, request.ip);
        return { ok: true as const };
      },
    }),
  ];
}
