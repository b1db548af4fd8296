import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorizePrivacy, mayManagePrivacy } from './policy.ts';

const actor = (id: string, roles: Actor['roles']): Actor => ({
  id,
  roles,
  email: `${id}@example.com`,
  name: id,
  sessionTokenHash: 'x',
});

describe('privacy policy', () => {
  it('leaves retention, holds and data requests to admins', () => {
    expect(mayManagePrivacy(actor('adm', ['admin']))).toBe(true);
    expect(() => authorizePrivacy(actor('adm', ['admin']))).not.toThrow();
  });

  it('refuses interviewers and line managers with a 403', () => {
    for (const roles of [
      ['interviewer'],
      ['line_manager'],
      ['interviewer', 'line_manager'],
    ] as Actor['roles'][]) {
      expect(mayManagePrivacy(actor('x', roles))).toBe(false);
      expect(() => authorizePrivacy(actor('x', roles))).toThrowError(/Only an admin/);
    }
  });
});
