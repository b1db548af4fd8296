import type { Actor } from '../../platform/auth/actor.ts';
import type { SessionStore } from '../../platform/auth/sessions.ts';
import type { Db } from '../../platform/db/database.ts';
import type { PanelReassignment } from '../interviews/panel-reassignment.ts';

/**
 * What deactivating an account does, whoever does it (an admin, or the identity provider over
 * SCIM): the account signs nothing in from this moment (its sessions and API tokens are deleted,
 * not left to expire), it is on no future panel, and the interviews it was on say who must be
 * reassigned. Its history stays: notes, scorecards and audit entries keep their author.
 */
export class AccountDeactivation {
  constructor(
    private readonly db: Db,
    private readonly sessions: SessionStore,
    private readonly reassignment: PanelReassignment,
  ) {}

  /** Answers what was ended, for the audit entry the caller writes. */
  async deactivate(
    user: { id: string; name: string },
    by: Actor | null,
  ): Promise<{ sessionsEnded: number; apiTokensRevoked: number }> {
    await this.db.updateTable('users').set({ active: 0 }).where('id', '=', user.id).execute();
    const sessionsEnded = await this.sessions.endAllForUser(user.id);
    const tokens = await this.db.deleteFrom('api_tokens').where('user_id', '=', user.id).executeTakeFirst();
    await this.reassignment.memberDeactivated(user, by?.id ?? null);
    return { sessionsEnded, apiTokensRevoked: Number(tokens.numDeletedRows) };
  }
}
