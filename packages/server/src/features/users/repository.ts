import { type User, type UserRole, userRoles } from '@pairwise/domain';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { parseJsonColumn, toJsonColumn } from '../../platform/db/json-column.ts';
import type { Database } from '../../platform/db/schema.ts';

type UserRow = Database['users'];

const rolesColumn = z.array(z.enum(userRoles));

/** A user's roles from their JSON column. */
export const rolesOf = (row: Pick<UserRow, 'roles'>): UserRole[] => parseJsonColumn(rolesColumn, row.roles);
/** The roles as the column stores them, each once. */
export const rolesColumnOf = (roles: readonly UserRole[]): string => toJsonColumn([...new Set(roles)]);

export const toUser = (row: Pick<UserRow, 'id' | 'email' | 'name' | 'roles' | 'active'>): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  roles: rolesOf(row),
  active: row.active === 1,
});

export class UsersRepository {
  constructor(
    private readonly db: Db,
    /** After a change to what a signed-in request knows of the user (the sessions' cache forgets them). */
    private readonly changed: (userId: string) => void = () => {},
  ) {}

  list() {
    return this.db.selectFrom('users').selectAll().orderBy('name').execute();
  }

  findById(id: string) {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByEmail(email: string) {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
  }

  async countAdmins(): Promise<number> {
    // The roles column holds a JSON array of role names; no other role contains `"admin"`.
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('roles', 'like', '%"admin"%')
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async insert(user: UserRow): Promise<void> {
    await this.db.insertInto('users').values(user).execute();
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', userId)
      .execute();
    this.changed(userId);
  }

  async setRoles(userId: string, roles: UserRole[]): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ roles: rolesColumnOf(roles) })
      .where('id', '=', userId)
      .execute();
    this.changed(userId);
  }

  async setActive(userId: string, active: boolean): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ active: active ? 1 : 0 })
      .where('id', '=', userId)
      .execute();
    this.changed(userId);
  }

  async insertInvitation(invitation: Database['user_invitations']): Promise<void> {
    await this.db.insertInto('user_invitations').values(invitation).execute();
  }

  findInvitation(tokenHash: string) {
    return this.db
      .selectFrom('user_invitations')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  /** Each user's newest invitation nobody has used yet. */
  async pendingInvitations(): Promise<Map<string, Database['user_invitations']>> {
    const rows = await this.db
      .selectFrom('user_invitations')
      .selectAll()
      .where('used_at', 'is', null)
      .orderBy('expires_at')
      .execute();
    return new Map(rows.map((row) => [row.user_id, row]));
  }

  async pendingInvitation(userId: string) {
    return this.db
      .selectFrom('user_invitations')
      .selectAll()
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .orderBy('expires_at', 'desc')
      .executeTakeFirst();
  }

  /** Old links stop working when a new one is sent, or when the person signs in another way. */
  async voidPendingInvitations(userId: string, at: string): Promise<void> {
    await this.db
      .updateTable('user_invitations')
      .set({ used_at: at })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
  }

  async useInvitation(tokenHash: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('user_invitations')
      .set({ used_at: at })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
