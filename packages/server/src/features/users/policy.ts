import { forbidden } from '@pairwise/domain';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';

/**
 * Who may do what with a colleague's account. Everyone signed in reads the directory (planning
 * names navigators, shadows and line managers from it); only admins invite, send an account
 * invitation again, see its link, or enable and disable accounts.
 */
export type UserAction =
  | 'list'
  | 'invite'
  | 'see_invitation_link'
  | 'resend_invitation'
  | 'enable_or_disable';

export function can(actor: Actor, action: UserAction): boolean {
  if (action === 'list') return true;
  return hasRole(actor, 'admin');
}

export function authorize(actor: Actor, action: UserAction): void {
  if (!can(actor, action)) throw forbidden(deniedMessage[action]);
}

const deniedMessage: Record<UserAction, string> = {
  list: '',
  invite: 'Only an admin can invite users.',
  see_invitation_link: 'Only an admin can see invitation links.',
  resend_invitation: 'Only an admin can send invitations.',
  enable_or_disable: 'Only an admin can enable or disable users.',
};
