import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorizeCandidates, candidateRelations, mayManageCandidates } from './policy.ts';

const actor = (id: string, roles: Actor['roles']): Actor => ({
  id,
  roles,
  email: `${id}@example.com`,
  name: id,
  sessionTokenHash: 'x',
});
const none = { createdBy: null, onPanel: false, managesPosition: false };

describe('candidate policy', () => {
  it('lets admins and interviewers manage candidates, and no one else', () => {
    expect(mayManageCandidates(actor('adm', ['admin']))).toBe(true);
    expect(mayManageCandidates(actor('int', ['interviewer']))).toBe(true);
    expect(mayManageCandidates(actor('lm', ['line_manager']))).toBe(false);
    expect(mayManageCandidates(actor('nobody', []))).toBe(false);
  });

  it('refuses a line manager with a 403 naming who may', () => {
    expect(() => authorizeCandidates(actor('lm', ['line_manager']), 'create')).toThrowError(
      /Only interviewers and admins can add/,
    );
    expect(() => authorizeCandidates(actor('lm', ['line_manager']), 'list')).toThrowError(/access/);
    expect(() => authorizeCandidates(actor('int', ['interviewer']), 'update')).not.toThrow();
  });

  it('relates each person to a candidate by role, creation, panel and position', () => {
    expect(candidateRelations(actor('adm', ['admin']), none)).toEqual(['admin']);
    expect(candidateRelations(actor('int', ['interviewer']), none)).toEqual([]);
    expect(candidateRelations(actor('int', ['interviewer']), { ...none, createdBy: 'int' })).toEqual([
      'creator',
    ]);
    expect(candidateRelations(actor('int', ['interviewer']), { ...none, onPanel: true })).toEqual(['panel']);
    expect(candidateRelations(actor('lm', ['line_manager']), { ...none, managesPosition: true })).toEqual([
      'line_manager',
    ]);
  });
});
