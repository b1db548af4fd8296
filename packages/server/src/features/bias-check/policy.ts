import { forbidden } from '@pairwise/domain';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';

export type BiasTermAction = 'view' | 'change';

/**
 * The organisation's own bias terms are the admins': they decide which words the check flags for
 * every panel member, so only they read the list where it is edited and change it.
 */
export const mayOnBiasTerms = (actor: Actor, _action: BiasTermAction) => hasRole(actor, 'admin');

export function authorizeBiasTerms(actor: Actor, action: BiasTermAction): void {
  if (!mayOnBiasTerms(actor, action)) throw forbidden("Only admins manage the organisation's bias terms.");
}
