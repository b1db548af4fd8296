import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  authorizeCommandChange,
  authorizeTasks,
  mayChangeCommands,
  mayManageTasks,
  mayOwnTasks,
} from './policy.ts';

const actor = (id: string, roles: Actor['roles']): Actor => ({
  id,
  roles,
  email: `${id}@example.com`,
  name: id,
  sessionTokenHash: 'x',
});

describe('task policy', () => {
  it('lets admins and interviewers prepare tasks, not line managers', () => {
    expect(mayManageTasks(actor('adm', ['admin']))).toBe(true);
    expect(mayManageTasks(actor('int', ['interviewer']))).toBe(true);
    expect(mayManageTasks(actor('lm', ['line_manager']))).toBe(false);
    expect(() => authorizeTasks(actor('lm', ['line_manager']), 'create')).toThrowError(/Only interviewers/);
    expect(() => authorizeTasks(actor('lm', ['line_manager']), 'view')).toThrowError(/access/);
  });

  it("lets only admins choose a task's owner", () => {
    expect(() => authorizeTasks(actor('int', ['interviewer']), 'assign_owner')).toThrowError(/Only admins/);
    expect(() => authorizeTasks(actor('adm', ['admin']), 'assign_owner')).not.toThrow();
  });

  it('lets the owner and admins change commands, naming the owner to anyone else', () => {
    const owned = { owner_id: 'own', ownerName: 'Olu' };
    expect(mayChangeCommands(actor('own', ['interviewer']), owned)).toBe(true);
    expect(mayChangeCommands(actor('adm', ['admin']), owned)).toBe(true);
    expect(mayChangeCommands(actor('int', ['interviewer']), owned)).toBe(false);
    // An owner who lost the interviewer role no longer changes commands.
    expect(mayChangeCommands(actor('own', ['line_manager']), owned)).toBe(false);
    expect(() => authorizeCommandChange(actor('int', ['interviewer']), owned)).toThrowError(/Only Olu/);
    expect(() =>
      authorizeCommandChange(actor('int', ['interviewer']), { owner_id: null, ownerName: null }),
    ).toThrowError(/Only admins/);
  });

  it('takes only active interviewers and admins as owners', () => {
    expect(mayOwnTasks({ active: true, roles: ['interviewer'] })).toBe(true);
    expect(mayOwnTasks({ active: true, roles: ['line_manager'] })).toBe(false);
    expect(mayOwnTasks({ active: false, roles: ['admin'] })).toBe(false);
  });
});
