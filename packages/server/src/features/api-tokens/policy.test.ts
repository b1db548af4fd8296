import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize, can } from './policy.ts';

const actor = (id: string, roles: Actor['roles']): Actor => ({
  id,
  roles,
  email: `${id}@example.com`,
  name: id,
  sessionTokenHash: 'x',
});

describe('API token policy', () => {
  it('lets each role make tokens for themselves with the scopes of their work', () => {
    for (const roles of [['admin'], ['interviewer'], ['line_manager']] as const) {
      const owner = actor('me', [...roles]);
      expect(can(owner, 'create', { ownerId: 'me', scopes: ['cli'] })).toBe(true);
      expect(can(owner, 'revoke', { ownerId: 'me', scopes: ['cli'] })).toBe(true);
    }
  });

  it('gives the admin scope only to admins', () => {
    const token = { ownerId: 'me', scopes: ['admin'] as const };
    expect(can(actor('me', ['admin']), 'create', token)).toBe(true);
    expect(can(actor('me', ['interviewer']), 'create', token)).toBe(false);
    expect(can(actor('me', ['line_manager']), 'create', token)).toBe(false);
    expect(() => authorize(actor('me', ['interviewer']), 'create', token)).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
  });

  it('lets an owner who is no longer an admin still revoke their admin-scoped token', () => {
    expect(can(actor('me', ['interviewer']), 'revoke', { ownerId: 'me', scopes: ['admin'] })).toBe(true);
  });

  it("keeps another person's token out of reach, an admin's reach included, as if unknown", () => {
    for (const roles of [['admin'], ['interviewer'], ['line_manager']] as const) {
      const other = actor('other', [...roles]);
      expect(can(other, 'revoke', { ownerId: 'me', scopes: ['cli'] })).toBe(false);
      expect(() => authorize(other, 'revoke', { ownerId: 'me', scopes: ['cli'] })).toThrow(
        expect.objectContaining({ code: 'not_found' }),
      );
    }
  });
});
