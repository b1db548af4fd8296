import { type ServiceToken, type ServiceTokenScope, serviceTokenScopes } from '@pairwise/domain';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { parseJsonColumn, toJsonColumn } from '../../platform/db/json-column.ts';
import type { Database } from '../../platform/db/schema.ts';

type Row = Database['service_tokens'];

const scopesColumn = z.array(z.enum(serviceTokenScopes));

const toServiceToken = (row: Row & { creator: string | null }): ServiceToken => ({
  id: row.id,
  name: row.name,
  scopes: parseJsonColumn(scopesColumn, row.scopes),
  createdBy: row.creator ?? row.created_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  lastUsedAt: row.last_used_at,
  lastUsedFrom: row.last_used_ip,
});

/** A service token found by its hash, with the user row that acts for it. */
export interface ServiceTokenWithActor {
  id: string;
  scopes: ServiceTokenScope[];
  expiresAt: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  actor: { id: string; email: string; name: string };
}

export class ServiceTokensRepository {
  constructor(private readonly db: Db) {}

  async list(): Promise<ServiceToken[]> {
    const rows = await this.db
      .selectFrom('service_tokens')
      .leftJoin('users', 'users.id', 'service_tokens.created_by')
      .selectAll('service_tokens')
      .select('users.email as creator')
      .orderBy('service_tokens.created_at', 'desc')
      .execute();
    return rows.map(toServiceToken);
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('service_tokens')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** The token and the user row of its own that acts for it, in one transaction. */
  async insert(token: {
    id: string;
    name: string;
    userId: string;
    scopes: ServiceTokenScope[];
    tokenHash: string;
    createdBy: { id: string; email: string };
    createdAt: string;
    expiresAt: string | null;
  }): Promise<ServiceToken> {
    const row: Row = {
      id: token.id,
      name: token.name,
      user_id: token.userId,
      scopes: toJsonColumn([...new Set(token.scopes)]),
      token_hash: token.tokenHash,
      created_by: token.createdBy.id,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
      last_used_at: null,
      last_used_ip: null,
    };
    await this.db.transaction().execute(async (trx) => {
      // Never active, no roles, no password: this row cannot sign in; it only names the creator.
      await trx
        .insertInto('users')
        .values({
          id: row.user_id,
          email: `service-token-${token.id}@service.invalid`,
          name: `${token.name} (service token)`,
          roles: toJsonColumn([]),
          password_hash: null,
          active: 0,
          created_at: row.created_at,
        })
        .execute();
      await trx.insertInto('service_tokens').values(row).execute();
    });
    return toServiceToken({ ...row, creator: token.createdBy.email });
  }

  /** False when there is no such token. */
  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('service_tokens').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async findByHash(tokenHash: string): Promise<ServiceTokenWithActor | undefined> {
    const row = await this.db
      .selectFrom('service_tokens')
      .innerJoin('users', 'users.id', 'service_tokens.user_id')
      .selectAll('service_tokens')
      .select(['users.email', 'users.name as user_name'])
      .where('service_tokens.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      scopes: parseJsonColumn(scopesColumn, row.scopes),
      expiresAt: row.expires_at,
      lastUsedAt: row.last_used_at,
      lastUsedIp: row.last_used_ip,
      actor: { id: row.user_id, email: row.email, name: row.user_name },
    };
  }

  async recordUse(id: string, at: string, ip: string): Promise<void> {
    await this.db
      .updateTable('service_tokens')
      .set({ last_used_at: at, last_used_ip: ip })
      .where('id', '=', id)
      .execute();
  }
}
