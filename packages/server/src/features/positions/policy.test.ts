import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorizePosition, mayManagePosition, mayOnPosition } from './policy.ts';

const actor = (id: string, roles: Actor['roles']): Actor => ({
  id,
  roles,
  email: `${id}@example.com`,
  name: id,
  sessionTokenHash: 'x',
});

describe('position policy', () => {
  it('shows positions to everyone signed in', () => {
    for (const roles of [['admin'], ['interviewer'], ['line_manager'], []] as Actor['roles'][])
      expect(mayOnPosition(actor('x', roles), 'view')).toBe(true);
  });

  it('lets only admins create and edit positions', () => {
    expect(mayOnPosition(actor('adm', ['admin']), 'create')).toBe(true);
    expect(mayOnPosition(actor('adm', ['admin']), 'update')).toBe(true);
    expect(() => authorizePosition(actor('int', ['interviewer']), 'create')).toThrowError(
      /Only an admin can create/,
    );
    expect(() => authorizePosition(actor('lm', ['line_manager']), 'update')).toThrowError(
      /Only an admin can edit/,
    );
  });

  it('takes only users with the line manager role as line managers', () => {
    expect(mayManagePosition(['line_manager', 'interviewer'])).toBe(true);
    expect(mayManagePosition(['admin'])).toBe(false);
    expect(mayManagePosition(undefined)).toBe(false);
  });
});
