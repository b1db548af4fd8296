import { describe, expect, it } from 'vitest';
import { scopesFor, tokenMayCall } from './token-scopes.ts';

describe('token scopes', () => {
  const may = (scopes: Parameters<typeof tokenMayCall>[0], method: string, route: string) =>
    tokenMayCall(scopes, scopesFor(method, route));

  it('opens each route only to the scopes made for it', () => {
    expect(may(['cli'], 'GET', '/api/cli/tasks/:id/rehearsal-plan')).toBe(true);
    expect(may(['cli'], 'GET', '/api/interviews')).toBe(false);
    expect(may(['interviews:read'], 'GET', '/api/interviews/:id')).toBe(true);
    expect(may(['interviews:read'], 'GET', '/api/interviews/:id/notes')).toBe(false);
    expect(may(['interviews:read'], 'POST', '/api/interviews')).toBe(false);
    expect(may(['interviews:plan'], 'POST', '/api/interviews')).toBe(true);
    expect(may(['candidates:manage'], 'POST', '/api/candidates')).toBe(true);
    expect(may(['interviews:plan'], 'POST', '/api/candidates')).toBe(false);
    expect(may(['reports:read'], 'GET', '/api/interviews/:id/report')).toBe(true);
    expect(may(['reports:read'], 'GET', '/api/interviews/:id')).toBe(false);
  });

  it('lets admin tokens do the rest, but no token reach sessions, accounts or tokens', () => {
    expect(may(['admin'], 'PATCH', '/api/users/:id')).toBe(true);
    expect(may(['interviews:plan'], 'PATCH', '/api/users/:id')).toBe(false);
    for (const route of [
      '/api/session',
      '/api/account/password',
      '/api/api-tokens',
      '/api/api-tokens/:id',
      '/api/admin/provisioning/tokens',
    ]) {
      expect(may(['admin'], 'POST', route), route).toBe(false);
    }
  });
});
