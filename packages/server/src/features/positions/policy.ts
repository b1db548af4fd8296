import { forbidden } from '@pairwise/domain';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';

export type PositionAction = 'view' | 'create' | 'update';

/**
 * Everyone signed in sees the positions (planners choose one, line managers find theirs); only
 * admins create and edit them, since a position's focus attributes are what candidates are
 * rated on.
 */
export function mayOnPosition(actor: Actor, action: PositionAction): boolean {
  return action === 'view' || hasRole(actor, 'admin');
}

const deniedMessage: Record<PositionAction, string> = {
  view: 'You do not have access to this.',
  create: 'Only an admin can create positions.',
  update: 'Only an admin can edit positions.',
};

export function authorizePosition(actor: Actor, action: PositionAction): void {
  if (!mayOnPosition(actor, action)) throw forbidden(deniedMessage[action]);
}

/** Who may be a position's line manager: a user with that role. */
export const mayManagePosition = (roles: readonly string[] | undefined) =>
  roles?.includes('line_manager') ?? false;
