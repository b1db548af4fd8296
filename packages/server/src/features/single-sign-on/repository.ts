import type { GroupRole, UserRole } from '@pairwise/domain';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';

const LOCAL_PASSWORDS_KEY = 'sso.local_passwords';
const BREAK_GLASS_KEY = 'sso.break_glass_admin';

export interface PasswordPolicy {
  localPasswords: boolean;
  breakGlassAdminId: string | null;
}

export class SingleSignOnRepository {
  constructor(private readonly db: Db) {}

  async groupRoles(): Promise<GroupRole[]> {
    const rows = await this.db
      .selectFrom('sso_group_roles')
      .selectAll()
      .orderBy('group_name')
      .orderBy('role')
      .execute();
    return rows.map((row) => ({ group: row.group_name, role: row.role as UserRole }));
  }

  async passwordPolicy(): Promise<PasswordPolicy> {
    const rows = await this.db
      .selectFrom('settings')
      .selectAll()
      .where('key', 'in', [LOCAL_PASSWORDS_KEY, BREAK_GLASS_KEY])
      .execute();
    const value = (key: string) => rows.find((row) => row.key === key)?.value ?? null;
    return {
      localPasswords: value(LOCAL_PASSWORDS_KEY) !== 'off',
      breakGlassAdminId: value(BREAK_GLASS_KEY),
    };
  }

  /** One transaction, so no node ever reads half a mapping. */
  async save(groupRoles: GroupRole[], policy: PasswordPolicy): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sso_group_roles').execute();
      const unique = new Map(groupRoles.map((entry) => [`${entry.group}\u0000${entry.role}`, entry]));
      if (unique.size > 0) {
        await trx
          .insertInto('sso_group_roles')
          .values([...unique.values()].map((entry) => ({ group_name: entry.group, role: entry.role })))
          .execute();
      }
      await trx.deleteFrom('settings').where('key', 'in', [LOCAL_PASSWORDS_KEY, BREAK_GLASS_KEY]).execute();
      await trx
        .insertInto('settings')
        .values([
          { key: LOCAL_PASSWORDS_KEY, value: policy.localPasswords ? 'on' : 'off' },
          ...(policy.breakGlassAdminId ? [{ key: BREAK_GLASS_KEY, value: policy.breakGlassAdminId }] : []),
        ])
        .execute();
    });
  }

  findIdentity(issuer: string, subject: string) {
    return this.db
      .selectFrom('user_identities')
      .selectAll()
      .where('issuer', '=', issuer)
      .where('subject', '=', subject)
      .executeTakeFirst();
  }

  async linkIdentity(identity: Database['user_identities']): Promise<void> {
    await this.db.insertInto('user_identities').values(identity).execute();
  }

  async recordIdentitySignIn(issuer: string, subject: string, at: string): Promise<void> {
    await this.db
      .updateTable('user_identities')
      .set({ last_sign_in_at: at })
      .where('issuer', '=', issuer)
      .where('subject', '=', subject)
      .execute();
  }

  async startSignIn(row: Database['sso_sign_ins'], now: string): Promise<void> {
    // Sign-ins abandoned at the provider are cleared by the next one to start.
    await this.db.deleteFrom('sso_sign_ins').where('expires_at', '<=', now).execute();
    await this.db.insertInto('sso_sign_ins').values(row).execute();
  }

  /** Single use: of two callbacks with the same cookie (a replay, a second node), one wins. */
  async takeSignIn(tokenHash: string) {
    const row = await this.db
      .selectFrom('sso_sign_ins')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return null;
    const deleted = await this.db
      .deleteFrom('sso_sign_ins')
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows) === 1 ? row : null;
  }
}
