import type { ApiTokenScope } from '@pairwise/domain';

/**
 * Which scopes open a route (its method and Fastify URL template) to an API token, or null when no
 * token may use it: sessions, accounts and tokens themselves, so a leaked token cannot mint
 * another or lock its owner out. `admin` opens every other route; the owner's roles still apply.
 */
export function scopesFor(method: string, route: string): ApiTokenScope[] | null {
  if (NEVER.some((prefix) => route === prefix || route.startsWith(`${prefix}/`))) return null;
  if (route.startsWith('/api/cli/')) return ['cli'];
  const read = method === 'GET';
  if (
    read &&
    (route === '/api/interviews' || route === '/api/interviews/:id' || route === '/api/work-queue')
  ) {
    return ['interviews:read', 'interviews:plan'];
  }
  if (
    read &&
    (route === '/api/interviews/:id/report' ||
      route === '/api/interviews/:id/report/notes' ||
      route === '/api/interviews/:id/report.md')
  ) {
    return ['reports:read'];
  }
  if (
    method === 'POST' &&
    (route === '/api/interviews' ||
      route === '/api/interviews/plan-preview' ||
      route === '/api/interviews/free-busy')
  ) {
    return ['interviews:plan'];
  }
  if (route === '/api/candidates')
    return ['candidates:manage', ...(read ? (['interviews:plan'] as const) : [])];
  // An ATS sets the candidate's language after creating them.
  if (method === 'PATCH' && route === '/api/candidates/:id') return ['candidates:manage'];
  // What planning chooses from: positions, tasks and colleagues.
  if (read && (route === '/api/positions' || route === '/api/tasks' || route === '/api/users')) {
    return ['interviews:plan', 'candidates:manage'];
  }
  return [];
}

const NEVER = [
  '/api/session',
  '/api/account',
  '/api/api-tokens',
  '/api/service-tokens',
  '/api/first-run-setup',
  '/api/account-invitations',
  '/api/auth',
  // SCIM tokens create and deactivate accounts: only a signed-in admin hands one out.
  '/api/admin/provisioning',
];

/** Whether a token with `granted` scopes may call a route that `required` opens. */
export function tokenMayCall(granted: readonly ApiTokenScope[], required: ApiTokenScope[] | null): boolean {
  if (required === null) return false;
  return granted.includes('admin') || required.some((scope) => granted.includes(scope));
}
