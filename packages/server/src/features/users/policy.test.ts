import { AppError } from '@pairwise/domain';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize, can, type UserAction } from './policy.ts';

const actor = (roles: Actor['roles']): Actor => ({
  id: 'someone',
  roles,
  email: 'someone@example.com',
  name: 'Someone',
  sessionTokenHash: 'x',
});
const adminOnly: UserAction[] = ['invite', 'see_invitation_link', 'resend_invitation', 'enable_or_disable'];

describe('user policy', () => {
  it('lets everyone signed in read the directory', () => {
    for (const roles of [['admin'], ['interviewer'], ['line_manager']] as const) {
      expect(can(actor([...roles]), 'list')).toBe(true);
    }
  });

  it('leaves account invitations and enabling or disabling to admins', () => {
    for (const action of adminOnly) {
      expect(can(actor(['admin']), action)).toBe(true);
      expect(can(actor(['interviewer']), action)).toBe(false);
      expect(can(actor(['line_manager']), action)).toBe(false);
      expect(can(actor(['interviewer', 'line_manager']), action)).toBe(false);
    }
  });

  it('refuses with a 403 that says who may', () => {
    expect(() => authorize(actor(['interviewer']), 'invite')).toThrow(
      expect.objectContaining({ code: 'forbidden', message: 'Only an admin can invite users.' }),
    );
    expect(() => authorize(actor(['line_manager']), 'enable_or_disable')).toThrow(AppError);
    expect(() => authorize(actor(['admin']), 'enable_or_disable')).not.toThrow();
  });
});
