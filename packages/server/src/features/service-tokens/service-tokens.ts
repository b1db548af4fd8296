import { randomUUID } from 'node:crypto';
import {
  AppError,
  type CreateServiceTokenRequest,
  createdServiceToken,
  createServiceTokenRequest,
  forbidden,
  idParams,
  notFound,
  ok,
  type ServiceToken,
  type ServiceTokenScope,
  serviceTokenList,
} from '@pairwise/domain';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import { hashToken, randomToken } from '../../platform/auth/tokens.ts';
import { type Clock, utcNow } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { defineRoute } from '../../platform/http/route.ts';
import type { ResolvedToken } from '../api-tokens/api-tokens.ts';
import type { AuditLog } from '../audit/audit-log.ts';

// A feature this small keeps repository, service and routes in one file.
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

type Row = Database['service_tokens'];

const toServiceToken = (row: Row & { creator: string | null }): ServiceToken => ({
  id: row.id,
  name: row.name,
  scopes: JSON.parse(row.scopes) as ServiceTokenScope[],
  createdBy: row.creator ?? row.created_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  lastUsedAt: row.last_used_at,
  lastUsedFrom: row.last_used_ip,
});

const requireAdmin = (actor: Actor) => {
  if (!hasRole(actor, 'admin')) throw forbidden('Only an admin can manage service tokens.');
};

export class ServiceTokensService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor): Promise<ServiceToken[]> {
    requireAdmin(actor);
    const rows = await this.db
      .selectFrom('service_tokens')
      .leftJoin('users', 'users.id', 'service_tokens.created_by')
      .selectAll('service_tokens')
      .select('users.email as creator')
      .orderBy('service_tokens.created_at', 'desc')
      .execute();
    return rows.map(toServiceToken);
  }

  async create(
    actor: Actor,
    request: CreateServiceTokenRequest,
    ip: string,
  ): Promise<{ token: string; serviceToken: ServiceToken }> {
    requireAdmin(actor);
    const count = await this.db
      .selectFrom('service_tokens')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    if (Number(count.count) >= MAX_SERVICE_TOKENS) {
      throw new AppError(
        'conflict',
        `There are ${MAX_SERVICE_TOKENS} service tokens; revoke one no longer used first.`,
      );
    }
    const token = `${SERVICE_TOKEN_PREFIX}${randomToken()}`;
    const now = utcNow(this.clock);
    const id = randomUUID();
    const row: Row = {
      id,
      name: request.name,
      user_id: randomUUID(),
      scopes: JSON.stringify([...new Set(request.scopes)]),
      token_hash: hashToken(token),
      created_by: actor.id,
      created_at: now.toISO(),
      expires_at: request.expiresInDays === null ? null : now.plus({ days: request.expiresInDays }).toISO(),
      last_used_at: null,
      last_used_ip: null,
    };
    await this.db.transaction().execute(async (trx) => {
      // Never active, no roles, no password: this row cannot sign in; it only names the creator.
      await trx
        .insertInto('users')
        .values({
          id: row.user_id,
          email: `service-token-${id}@service.invalid`,
          name: `${request.name} (service token)`,
          roles: '[]',
          password_hash: null,
          active: 0,
          created_at: row.created_at,
        })
        .execute();
      await trx.insertInto('service_tokens').values(row).execute();
    });
    await this.audit.record({
      actor,
      action: 'service_token.created',
      subjectType: 'service_token',
      subjectId: id,
      ip,
      detail: { name: request.name, scopes: request.scopes, expiresAt: row.expires_at },
    });
    return { token, serviceToken: toServiceToken({ ...row, creator: actor.email }) };
  }

  async revoke(actor: Actor, id: string, ip: string): Promise<void> {
    requireAdmin(actor);
    const result = await this.db.deleteFrom('service_tokens').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('Service token');
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
    const row = await this.db
      .selectFrom('service_tokens')
      .innerJoin('users', 'users.id', 'service_tokens.user_id')
      .selectAll('service_tokens')
      .select(['users.email', 'users.name'])
      .where('service_tokens.token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row) return null;
    const now = utcNow(this.clock);
    if (row.expires_at && row.expires_at <= now.toISO()) return null;
    const stale =
      !row.last_used_at || now.toMillis() - Date.parse(row.last_used_at) > LAST_USED_RESOLUTION_MS;
    if (stale || row.last_used_ip !== ip) {
      await this.db
        .updateTable('service_tokens')
        .set({ last_used_at: now.toISO(), last_used_ip: ip })
        .where('id', '=', row.id)
        .execute();
    }
    return {
      kind: 'service',
      tokenId: row.id,
      scopes: JSON.parse(row.scopes) as ServiceTokenScope[],
      actor: { id: row.user_id, email: row.email, name: row.name, roles: ['admin'], sessionTokenHash: '' },
    };
  }
}

export function serviceTokensRoutes(tokens: ServiceTokensService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/service-tokens',
      summary: "The organisation's service tokens with scopes, expiry and last use (admin)",
      access: 'signed_in',
      response: serviceTokenList,
      handler: async ({ actor }) => ({ tokens: await tokens.list(actor) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/service-tokens',
      summary: 'Create a service token; the token is shown only in this answer (admin)',
      access: 'signed_in',
      status: 201,
      body: createServiceTokenRequest,
      response: createdServiceToken,
      handler: async ({ actor, body, request }) => tokens.create(actor, body, request.ip),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/service-tokens/:id',
      summary: 'Revoke a service token (admin)',
      access: 'signed_in',
      params: idParams,
      response: ok,
      handler: async ({ actor, params, request }) => {
        await tokens.revoke(actor, params.id, request.ip);
        return { ok: true as const };
      },
    }),
  ];
}
