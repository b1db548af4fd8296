import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize, can, interviewRoles } from './policy.ts';

const actor = (id: string, roles: Actor['roles']): Actor => ({
  id,
  roles,
  email: `${id}@example.com`,
  name: id,
  sessionTokenHash: 'x',
});
const membership = { navigatorId: 'nav', shadowIds: ['sha'], lineManagerId: 'lm' };

describe('interview policy', () => {
  it('gives each person their roles on the interview', () => {
    expect(interviewRoles(actor('nav', ['interviewer']), membership)).toEqual(['navigator']);
    expect(interviewRoles(actor('sha', ['interviewer']), membership)).toEqual(['shadow']);
    expect(interviewRoles(actor('lm', ['line_manager']), membership)).toEqual(['line_manager']);
    expect(interviewRoles(actor('adm', ['admin']), membership)).toEqual(['admin']);
    expect(interviewRoles(actor('other', ['interviewer', 'line_manager']), membership)).toEqual([]);
  });

  it('does not count a navigator id without the interviewer role', () => {
    expect(interviewRoles(actor('nav', ['line_manager']), membership)).toEqual([]);
  });

  it('lets only the line manager decide and only the panel take notes', () => {
    expect(can(['admin'], 'decide')).toBe(false);
    expect(can(['line_manager'], 'decide')).toBe(true);
    expect(can(['line_manager'], 'take_notes')).toBe(false);
    expect(can(['shadow'], 'drive')).toBe(false);
  });

  it('hides an interview from outsiders with a 404 and refuses insiders with a 403', () => {
    expect(() => authorize([], 'view')).toThrowError(/not found/);
    expect(() => authorize(['shadow'], 'drive')).toThrowError(/Only the navigator/);
  });
});
