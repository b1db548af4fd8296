import { type ApiToken, apiTokenScopes, type UserRole } from '@pairwise/domain';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { parseJsonColumn, toJsonColumn } from '../../platform/db/json-column.ts';
import type { Database } from '../../platform/db/schema.ts';
import { rolesOf } from '../users/repository.ts';

const scopesColumn = z.array(z.enum(apiTokenScopes));

type TokenRow = Pick<
  Database['api_tokens'],
  'id' | 'label' | 'scopes' | 'created_at' | 'expires_at' | 'last_used_at' | 'last_used_ip'
>;

const toApiToken = (row: TokenRow): ApiToken => ({
  id: row.id,
  label: row.label,
  scopes: parseJsonColumn(scopesColumn, row.scopes),
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  lastUsedAt: row.last_used_at,
  lastUsedFrom: row.last_used_ip,
});

/** A token found by its hash, with the owner it acts for. */
export interface TokenWithOwner {
  tokenId: string;
  scopes: ApiToken['scopes'];
  expiresAt: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  owner: { id: string; email: string; name: string; roles: UserRole[]; active: boolean };
}

export class ApiTokensRepository {
  constructor(private readonly db: Db) {}

  async listForUser(userId: string): Promise<ApiToken[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'label', 'scopes', 'created_at', 'expires_at', 'last_used_at', 'last_used_ip'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toApiToken);
  }

  async countForUser(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async insert(token: {
    id: string;
    userId: string;
    label: string;
    scopes: ApiToken['scopes'];
    tokenHash: string;
    createdAt: string;
    expiresAt: string | null;
  }): Promise<ApiToken> {
    const row = {
      id: token.id,
      user_id: token.userId,
      label: token.label,
      scopes: toJsonColumn([...new Set(token.scopes)]),
      token_hash: token.tokenHash,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
      last_used_at: null,
      last_used_ip: null,
    };
    await this.db.insertInto('api_tokens').values(row).execute();
    return toApiToken(row);
  }

  /** What the policy needs to know about a token. */
  async findFacts(id: string): Promise<{ ownerId: string; scopes: ApiToken['scopes'] } | undefined> {
    const row = await this.db
      .selectFrom('api_tokens')
      .select(['user_id', 'scopes'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && { ownerId: row.user_id, scopes: parseJsonColumn(scopesColumn, row.scopes) };
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('api_tokens').where('id', '=', id).execute();
  }

  /** Every token of a deactivated account, not left to expire; answers how many. */
  async deleteAllForUser(userId: string): Promise<number> {
    const result = await this.db.deleteFrom('api_tokens').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async findByHash(tokenHash: string): Promise<TokenWithOwner | undefined> {
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
      .where('api_tokens.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      tokenId: row.token_id,
      scopes: parseJsonColumn(scopesColumn, row.scopes),
      expiresAt: row.expires_at,
      lastUsedAt: row.last_used_at,
      lastUsedIp: row.last_used_ip,
      owner: { id: row.id, email: row.email, name: row.name, roles: rolesOf(row), active: row.active === 1 },
    };
  }

  async recordUse(tokenId: string, at: string, ip: string): Promise<void> {
    await this.db
      .updateTable('api_tokens')
      .set({ last_used_at: at, last_used_ip: ip })
      .where('id', '=', tokenId)
      .execute();
  }
}
