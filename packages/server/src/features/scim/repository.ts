import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';

export type ScimUserRow = Database['scim_users'] & {
  email: string;
  name: string;
  active: number;
  roles: string;
};

export type ScimTokenRow = Database['scim_tokens'];

export class ScimRepository {
  constructor(
    private readonly db: Db,
    /** After a change to what a signed-in request knows of the user (the sessions' cache forgets them). */
    private readonly changed: (userId: string) => void = () => {},
  ) {}

  // Tokens

  listTokens() {
    return this.db
      .selectFrom('scim_tokens')
      .leftJoin('users', 'users.id', 'scim_tokens.created_by')
      .select([
        'scim_tokens.id',
        'scim_tokens.label',
        'scim_tokens.created_at',
        'scim_tokens.last_used_at',
        'scim_tokens.last_used_ip',
        'scim_tokens.revoked_at',
        'users.name as created_by_name',
      ])
      .orderBy('scim_tokens.created_at', 'desc')
      .execute();
  }

  async countLiveTokens(): Promise<number> {
    const row = await this.db
      .selectFrom('scim_tokens')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async insertToken(row: ScimTokenRow): Promise<void> {
    await this.db.insertInto('scim_tokens').values(row).execute();
  }

  async revokeToken(id: string, at: string) {
    return this.db
      .updateTable('scim_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning(['id', 'label'])
      .executeTakeFirst();
  }

  findLiveToken(tokenHash: string) {
    return this.db
      .selectFrom('scim_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  }

  async recordTokenUse(id: string, at: string, ip: string): Promise<void> {
    await this.db
      .updateTable('scim_tokens')
      .set({ last_used_at: at, last_used_ip: ip })
      .where('id', '=', id)
      .execute();
  }

  // Users

  private users() {
    return this.db
      .selectFrom('scim_users')
      .innerJoin('users', 'users.id', 'scim_users.user_id')
      .selectAll('scim_users')
      .select(['users.email', 'users.name', 'users.active', 'users.roles']);
  }

  findUser(userId: string): Promise<ScimUserRow | undefined> {
    return this.users().where('scim_users.user_id', '=', userId).executeTakeFirst();
  }

  findUserByUserName(userName: string): Promise<ScimUserRow | undefined> {
    return this.users().where('scim_users.user_name_key', '=', userName.toLowerCase()).executeTakeFirst();
  }

  /** One page in creation order; SCIM pages by position (startIndex), not by cursor. */
  async listUsers(
    filter: { attribute: 'username' | 'externalid' | 'id'; value: string } | null,
    offset: number,
    limit: number,
  ) {
    let query = this.users();
    let count = this.db.selectFrom('scim_users').select((eb) => eb.fn.countAll<number>().as('count'));
    if (filter?.attribute === 'username') {
      query = query.where('scim_users.user_name_key', '=', filter.value.toLowerCase());
      count = count.where('user_name_key', '=', filter.value.toLowerCase());
    } else if (filter?.attribute === 'externalid') {
      query = query.where('scim_users.external_id', '=', filter.value);
      count = count.where('external_id', '=', filter.value);
    } else if (filter?.attribute === 'id') {
      query = query.where('scim_users.user_id', '=', filter.value);
      count = count.where('user_id', '=', filter.value);
    }
    const [rows, total] = await Promise.all([
      query
        .orderBy('scim_users.created_at')
        .orderBy('scim_users.user_id')
        .offset(offset)
        .limit(limit)
        .execute(),
      count.executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.count) };
  }

  async insertScimUser(row: Database['scim_users']): Promise<void> {
    await this.db.insertInto('scim_users').values(row).execute();
  }

  async updateScimUser(userId: string, row: Partial<Database['scim_users']>): Promise<void> {
    await this.db.updateTable('scim_users').set(row).where('user_id', '=', userId).execute();
  }

  async updateUser(userId: string, row: { email: string; name: string }): Promise<void> {
    await this.db.updateTable('users').set(row).where('id', '=', userId).execute();
    this.changed(userId);
  }

  /** DELETE unlinks the user from SCIM (the account stays, deactivated, for the interviews it was on). */
  async unlinkUser(userId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('scim_group_members').where('user_id', '=', userId).execute();
      await trx.deleteFrom('scim_users').where('user_id', '=', userId).execute();
    });
  }

  /** The names of the SCIM groups a user is in: what their roles are read from. */
  async groupNamesOf(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('scim_group_members')
      .innerJoin('scim_groups', 'scim_groups.id', 'scim_group_members.group_id')
      .select('scim_groups.display_name')
      .where('scim_group_members.user_id', '=', userId)
      .execute();
    return rows.map((row) => row.display_name);
  }

  groupsOf(userId: string) {
    return this.db
      .selectFrom('scim_group_members')
      .innerJoin('scim_groups', 'scim_groups.id', 'scim_group_members.group_id')
      .select(['scim_groups.id', 'scim_groups.display_name'])
      .where('scim_group_members.user_id', '=', userId)
      .orderBy('scim_groups.display_name')
      .execute();
  }

  // Groups

  findGroup(id: string) {
    return this.db.selectFrom('scim_groups').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findGroupByName(displayName: string) {
    return this.db
      .selectFrom('scim_groups')
      .selectAll()
      .where('display_name', '=', displayName)
      .executeTakeFirst();
  }

  async listGroups(
    filter: { attribute: 'displayname' | 'externalid' | 'id'; value: string } | null,
    offset: number,
    limit: number,
  ) {
    let query = this.db.selectFrom('scim_groups').selectAll();
    let count = this.db.selectFrom('scim_groups').select((eb) => eb.fn.countAll<number>().as('count'));
    const column =
      filter?.attribute === 'displayname'
        ? 'display_name'
        : filter?.attribute === 'externalid'
          ? 'external_id'
          : 'id';
    if (filter) {
      query = query.where(column, '=', filter.value);
      count = count.where(column, '=', filter.value);
    }
    const [rows, total] = await Promise.all([
      query.orderBy('created_at').orderBy('id').offset(offset).limit(limit).execute(),
      count.executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.count) };
  }

  members(groupIds: string[]) {
    if (groupIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('scim_group_members')
      .innerJoin('users', 'users.id', 'scim_group_members.user_id')
      .select(['scim_group_members.group_id', 'users.id', 'users.name'])
      .where('scim_group_members.group_id', 'in', groupIds)
      .orderBy('users.name')
      .execute();
  }

  /** Of these ids, the ones that are users SCIM manages: members must be provisioned users. */
  async provisionedUserIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = new Set<string>();
    // Chunks keep each statement within SQLite's bound-parameter limit.
    for (let start = 0; start < ids.length; start += 500) {
      const rows = await this.db
        .selectFrom('scim_users')
        .select('user_id')
        .where('user_id', 'in', ids.slice(start, start + 500))
        .execute();
      for (const row of rows) found.add(row.user_id);
    }
    return found;
  }

  async insertGroup(row: Database['scim_groups']): Promise<void> {
    await this.db.insertInto('scim_groups').values(row).execute();
  }

  async saveGroup(
    id: string,
    row: { display_name: string; external_id: string | null; updated_at: string },
    add: string[],
    remove: string[],
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('scim_groups').set(row).where('id', '=', id).execute();
      for (let start = 0; start < remove.length; start += 500) {
        await trx
          .deleteFrom('scim_group_members')
          .where('group_id', '=', id)
          .where('user_id', 'in', remove.slice(start, start + 500))
          .execute();
      }
      for (let start = 0; start < add.length; start += 200) {
        await trx
          .insertInto('scim_group_members')
          .values(add.slice(start, start + 200).map((userId) => ({ group_id: id, user_id: userId })))
          .execute();
      }
    });
  }

  async deleteGroup(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('scim_group_members').where('group_id', '=', id).execute();
      await trx.deleteFrom('scim_groups').where('id', '=', id).execute();
    });
  }
}
