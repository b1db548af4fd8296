import { forbidden } from '@pairwise/domain';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';

/**
 * Candidate data retention, legal holds and candidates' copy and erasure requests are the
 * admins' alone: they decide what is kept and hand a candidate their data.
 */
export const mayManagePrivacy = (actor: Actor) => hasRole(actor, 'admin');

export function authorizePrivacy(actor: Actor): void {
  if (!mayManagePrivacy(actor)) throw forbidden('Only an admin can manage candidate data retention.');
}
