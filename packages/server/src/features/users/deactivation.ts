import type { Actor } from '../../platform/auth/actor.ts';
import type { SessionStore } from '../../platform/auth/sessions.ts';
import type { ApiTokensRepository } from '../api-tokens/repository.ts';
import type { PanelReassignment } from '../interviews/panel-reassignment.ts';
import type { UsersRepository } from './repository.ts';

/**
 * What deactivating an account does, whoever does it (an admin, or the identity provider over
 * SCIM): the account signs nothing in from this moment (its sessions and API tokens are deleted,
 * not left to expire), it is on no future panel, and the interviews it was on say who must be
 * reassigned. Its history stays: notes, scorecards and audit entries keep their author.
 */
export class AccountDeactivation {
  constructor(
    private readonly users: UsersRepository,
    private readonly apiTokens: ApiTokensRepository,
    private readonly sessions: SessionStore,
    private readonly reassignment: PanelReassignment,
  ) {}

  /** Answers what was ended, for the audit entry the caller writes. */
  async deactivate(
    user: { id: string; name: string },
    by: Actor | null,
  ): Promise<{ sessionsEnded: number; apiTokensRevoked: number }> {
    await this.users.setActive(user.id, false);
    const sessionsEnded = await this.sessions.endAllForUser(user.id);
    const apiTokensRevoked = await this.apiTokens.deleteAllForUser(user.id);
    await this.reassignment.memberDeactivated(user, by?.id ?? null);
    return { sessionsEnded, apiTokensRevoked };
  }
}
