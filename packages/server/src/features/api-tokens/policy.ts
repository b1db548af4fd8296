import { type ApiTokenScope, forbidden, notFound } from '@pairwise/domain';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';

/** The facts about a personal API token that decide who may do what with it. */
export interface ApiTokenFacts {
  ownerId: string;
  scopes: readonly ApiTokenScope[];
}

export type ApiTokenAction = 'create' | 'revoke';

/**
 * A personal token is its owner's alone: nobody else, an admin included, makes or revokes one for
 * them (an admin ends someone's tokens by disabling the account). The admin scope is given only by
 * an admin, so a token never opens more than its owner's roles; its owner may always revoke it.
 */
export function can(actor: Actor, action: ApiTokenAction, token: ApiTokenFacts): boolean {
  if (token.ownerId !== actor.id) return false;
  // Revoking is always the owner's right, also for a token made while they were an admin.
  if (action === 'revoke') return true;
  return !token.scopes.includes('admin') || hasRole(actor, 'admin');
}

/** Someone else's token answers 404 like an unknown one, so ids cannot be probed. */
export function authorize(actor: Actor, action: ApiTokenAction, token: ApiTokenFacts): void {
  if (token.ownerId !== actor.id) throw notFound('Token');
  if (!can(actor, action, token)) throw forbidden('Only an admin can make a token with the admin scope.');
}
