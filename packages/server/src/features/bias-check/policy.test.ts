import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorizeBiasTerms, mayOnBiasTerms } from './policy.ts';

const actor = (id: string, roles: Actor['roles']): Actor => ({
  id,
  roles,
  email: `${id}@example.com`,
  name: id,
  sessionTokenHash: 'x',
});

describe('bias term policy', () => {
  it('lets admins read and change the organisation terms', () => {
    expect(mayOnBiasTerms(actor('adm', ['admin']), 'view')).toBe(true);
    expect(mayOnBiasTerms(actor('adm', ['admin']), 'change')).toBe(true);
  });

  it('refuses interviewers and line managers with a 403', () => {
    for (const roles of [['interviewer'], ['line_manager']] as Actor['roles'][]) {
      expect(() => authorizeBiasTerms(actor('x', roles), 'view')).toThrowError(/Only admins/);
      expect(() => authorizeBiasTerms(actor('x', roles), 'change')).toThrowError(/Only admins/);
    }
  });
});
