import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTaskDir } from '../src/features/task-snapshots/task-manifest.ts';
import {
  Client,
  createWorld,
  databases,
  PASSWORD,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { candidatePortalToken, sendInvitation } from './outreach-flows.ts';
import { cancelInterview, scorecardFor, step } from './process-flows.ts';
import { createApiToken, withToken } from './task-preparation-flows.ts';

type Role =
  | 'admin'
  | 'navigator'
  | 'shadow'
  | 'outsider'
  | 'lineManager'
  | 'otherLineManager'
  | 'anonymous'
  // Not signed in, holding a candidate's portal link that is valid, or that has expired.
  | 'candidateToken'
  | 'expiredToken'
  // Not signed in, sending the navigator's rehearsal API token (scope `cli`) as `Authorization: Bearer`.
  | 'apiToken'
  // API tokens with other scopes: the navigator's `interviews:read`, the navigator's
  // `interviews:plan` + `candidates:manage`, the line manager's `reports:read`, the admin's `admin`.
  | TokenRole;
type TokenRole = 'readToken' | 'planToken' | 'reportToken' | 'adminToken';
type Statuses = Record<Exclude<Role, TokenRole>, number>;
const tokenOwners: Record<TokenRole, Role> = {
  readToken: 'navigator',
  planToken: 'navigator',
  reportToken: 'lineManager',
  adminToken: 'admin',
};
const tokenScopes: Record<TokenRole, string[]> = {
  readToken: ['interviews:read'],
  planToken: ['interviews:plan', 'candidates:manage'],
  reportToken: ['reports:read'],
  adminToken: ['admin'],
};
const isTokenRole = (role: Role): role is TokenRole => role in tokenOwners;
const roles: Role[] = [
  'admin',
  'navigator',
  'shadow',
  'outsider',
  'lineManager',
  'otherLineManager',
  'anonymous',
  'candidateToken',
  'expiredToken',
  'apiToken',
  'readToken',
  'planToken',
  'reportToken',
  'adminToken',
];

interface Case {
  /** A request chosen so the route's authorization decides the status, and the world is left intact. */
  request: (ctx: {
    interviewId: string;
    role: Role;
    world: World;
    tokens: PortalTokens;
    /** The demo task, its snapshot and a finished rehearsal of it. */
    prepared: Prepared;
  }) => {
    url?: string;
    body?: unknown;
  };
  /** Token roles: by default like the rehearsal token (out of scope); see `inScope` for the rest. */
  expect: Statuses;
}

/**
 * The routes each scoped token may call, and whose rights it then has (its owner's). Every other
 * route answers a scoped token like the rehearsal token; the admin token acts as the admin
 * everywhere except on sessions, accounts and tokens.
 */
const inScope: Record<string, Partial<Record<TokenRole, true>>> = {
  'GET /api/interviews': { readToken: true, planToken: true },
  'GET /api/interviews/{id}': { readToken: true, planToken: true },
  'GET /api/work-queue': { readToken: true, planToken: true },
  'POST /api/interviews': { planToken: true },
  'POST /api/interviews/plan-preview': { planToken: true },
  'POST /api/interviews/free-busy': { planToken: true },
  'GET /api/candidates': { planToken: true },
  'POST /api/candidates': { planToken: true },
  'PATCH /api/candidates/{id}': { planToken: true },
  'GET /api/positions': { planToken: true },
  'GET /api/tasks': { planToken: true },
  'GET /api/users': { planToken: true },
  'GET /api/interviews/{id}/report': { reportToken: true },
  'GET /api/interviews/{id}/report.md': { reportToken: true },
  'GET /api/interviews/{id}/report/notes': { reportToken: true },
};
const closedToTokens = /^[A-Z]+ \/api\/(session|account|api-tokens|service-tokens|admin\/provisioning)(\/|$)/;

function expectedFor(route: string, expect: Case['expect']): Record<Role, number> {
  const expected: Record<Role, number> = { ...expect } as Record<Role, number>;
  // The rehearsal token is in scope on the CLI's routes; there the others are refused like it is elsewhere.
  const outOfScope = route.includes(' /api/cli/') ? 403 : expect.apiToken;
  for (const role of Object.keys(tokenOwners) as TokenRole[]) {
    const inside = role === 'adminToken' ? !closedToTokens.test(route) : inScope[route]?.[role];
    expected[role] = inside ? expect[tokenOwners[role] as Exclude<Role, TokenRole>] : outOfScope;
  }
  return expected;
}

const everyone = (status: number, anonymous = 401): Statuses => ({
  admin: status,
  navigator: status,
  shadow: status,
  outsider: status,
  lineManager: status,
  otherLineManager: status,
  anonymous,
  // A portal link is no sign-in: outside the portal its holder is anonymous.
  candidateToken: anonymous,
  expiredToken: anonymous,
  // A rehearsal token opens the CLI's routes only: elsewhere 403 where a sign-in is needed, and
  // it is ignored where none is.
  apiToken: anonymous === 401 ? 403 : anonymous,
});
const only = (allowed: Partial<Statuses>, others: number): Statuses => ({
  ...everyone(others),
  ...allowed,
});
// The interview belongs to the navigator and shadow, on a position managed by lineManager.
const onInterview = (statuses: Partial<Statuses>): Statuses => ({
  admin: 403,
  navigator: 403,
  shadow: 403,
  lineManager: 403,
  outsider: 404,
  otherLineManager: 404,
  anonymous: 401,
  candidateToken: 401,
  expiredToken: 401,
  apiToken: 403,
  ...statuses,
});
const uniqueEmail = () => `${randomUUID()}@example.com`;

interface Prepared {
  taskId: string;
  snapshotId: string;
  rehearsalId: string;
}
// Tasks are prepared by interviewers and admins, whoever planned the interview.
const taskManagers = (status: number) =>
  only({ admin: status, navigator: status, shadow: status, outsider: status }, 403);
// The CLI's routes also take the navigator's API token.
const cliRoute = (status: number) => ({ ...taskManagers(status), apiToken: status });
const onTask =
  (suffix = '') =>
  ({ prepared }: { prepared: Prepared }) => ({ url: `/api/tasks/${prepared.taskId}${suffix}` });

/** Portal links of interviews other than the planned one: one invited, one cancelled (expired at once). */
interface PortalTokens {
  candidate: string;
  expired: string;
}
// Signed-in staff and anonymous callers try a made-up link: a session opens no portal.
const unknownToken = 'Zm9yZ2VkLWxpbmstZm9yZ2VkLWxpbmstZm9yZ2VkLWw';
const portalUrl =
  (suffix = '') =>
  ({ role, tokens }: { role: Role; tokens: PortalTokens }) => ({
    url: `/api/portal/${role === 'candidateToken' ? tokens.candidate : role === 'expiredToken' ? tokens.expired : unknownToken}${suffix}`,
  });
const onPortal = (candidateToken: number): Statuses => ({
  ...everyone(404, 404),
  candidateToken,
});

/**
 * Every route the server registers must appear here with the status each role gets; a new
 * route without a rule fails this test.
 */
const matrix: Record<string, Case> = {
  'GET /api/health': { request: () => ({}), expect: everyone(200, 200) },
  'GET /api/openapi.json': { request: () => ({}), expect: everyone(200, 200) },
  'GET /api/first-run-setup': { request: () => ({}), expect: everyone(200, 200) },
  'POST /api/first-run-setup': {
    request: () => ({ body: { token: 'used', email: uniqueEmail(), name: 'X', password: PASSWORD } }),
    expect: everyone(403, 403),
  },
  'GET /api/session': { request: () => ({}), expect: everyone(200) },
  'POST /api/session': {
    request: () => ({ body: { email: 'nobody@example.com', password: 'wrong password' } }),
    // Anyone may try to sign in: a token there is ignored.
    expect: { ...everyone(401, 401), apiToken: 401 },
  },
  'DELETE /api/session': { request: () => ({}), expect: everyone(200) },
  'POST /api/account-invitations/accept': {
    request: () => ({ body: { token: 'not-a-token', password: PASSWORD } }),
    expect: everyone(404, 404),
  },
  'GET /api/users': { request: () => ({}), expect: everyone(200) },
  'POST /api/users': {
    request: () => ({ body: { email: uniqueEmail(), name: 'New Person', roles: ['interviewer'] } }),
    expect: only({ admin: 201 }, 403),
  },
  // Disabling users, your own password and sessions, and the audit log.
  'PATCH /api/users/{id}': {
    request: () => ({ url: `/api/users/${randomUUID()}`, body: { active: false } }),
    expect: only({ admin: 404 }, 403),
  },
  'POST /api/account/password': {
    request: () => ({ body: { currentPassword: 'not the password', newPassword: 'a new long password' } }),
    expect: everyone(422),
  },
  'GET /api/account/sessions': { request: () => ({}), expect: everyone(200) },
  // Each person's own calendar: nobody connects or disconnects another's.
  'GET /api/account/calendar': { request: () => ({}), expect: everyone(200) },
  // Checked against the server before saving: nothing answers on port 9, whoever asks.
  'PUT /api/account/calendar': {
    request: () => ({
      body: { provider: 'caldav', serverUrl: 'http://127.0.0.1:9/', username: 'me', password: 'x' },
    }),
    expect: everyone(422),
  },
  'DELETE /api/account/calendar': { request: () => ({}), expect: everyone(404) },
  // The shared clients' own sessions survive: only their other sessions end.
  'DELETE /api/account/sessions': { request: () => ({}), expect: everyone(200) },
  'DELETE /api/account/sessions/{id}': {
    request: () => ({ url: `/api/account/sessions/${'0'.repeat(32)}` }),
    expect: everyone(404),
  },
  'GET /api/audit': { request: () => ({}), expect: only({ admin: 200 }, 403) },
  'GET /api/audit.csv': { request: () => ({}), expect: only({ admin: 200 }, 403) },
  // Webhooks and service tokens are the admin's alone (an unknown id: 404 for the admin only).
  'GET /api/webhooks': { request: () => ({}), expect: only({ admin: 200 }, 403) },
  'POST /api/webhooks': {
    // A public documentation address: nothing subscribed here is ever sent during this test.
    request: () => ({ body: { url: 'https://203.0.113.10/hooks', events: ['candidate.erased'] } }),
    expect: only({ admin: 201 }, 403),
  },
  'DELETE /api/webhooks/{id}': { request: () => ({}), expect: only({ admin: 404 }, 403) },
  'GET /api/webhooks/{id}/deliveries': { request: () => ({}), expect: only({ admin: 404 }, 403) },
  'GET /api/webhook-deliveries/{id}': { request: () => ({}), expect: only({ admin: 404 }, 403) },
  'POST /api/webhook-deliveries/{id}/redeliver': { request: () => ({}), expect: only({ admin: 404 }, 403) },
  'GET /api/service-tokens': { request: () => ({}), expect: only({ admin: 200 }, 403) },
  'POST /api/service-tokens': {
    request: () => ({ body: { name: 'ATS', scopes: ['interviews:read'] } }),
    expect: only({ admin: 201 }, 403),
  },
  'DELETE /api/service-tokens/{id}': { request: () => ({}), expect: only({ admin: 404 }, 403) },
  // Retention, legal holds and candidates' data requests are the admin's alone.
  'GET /api/privacy/retention': { request: () => ({}), expect: only({ admin: 200 }, 403) },
  'PUT /api/privacy/retention': {
    request: () => ({ body: { preset: 'eu_6_months', days: 183 } }),
    expect: only({ admin: 200 }, 403),
  },
  'GET /api/privacy/erasures': { request: () => ({}), expect: only({ admin: 200 }, 403) },
  // Nothing in this world is past retention, so running it erases nothing.
  'POST /api/privacy/erasures/run': { request: () => ({}), expect: only({ admin: 200 }, 403) },
  'GET /api/privacy/legal-holds': { request: () => ({}), expect: only({ admin: 200 }, 403) },
  'PUT /api/privacy/legal-holds/{id}': {
    request: ({ world }) => ({
      url: `/api/privacy/legal-holds/${world.ids.candidate}`,
      body: { reason: 'Pending litigation' },
    }),
    expect: only({ admin: 200 }, 403),
  },
  'DELETE /api/privacy/legal-holds/{id}': {
    request: ({ world }) => ({ url: `/api/privacy/legal-holds/${world.ids.candidate}` }),
    expect: only({ admin: 200 }, 403),
  },
  'GET /api/privacy/requests': { request: () => ({}), expect: only({ admin: 200 }, 403) },
  // The organisation's settings and its words to candidates are the admin's alone.
  'GET /api/settings': { request: () => ({}), expect: only({ admin: 200 }, 403) },
  'PUT /api/settings': {
    request: () => ({
      body: {
        durations: { breakMinutes: 10 },
        defaultLocale: 'en',
        organisationName: null,
        replyTo: null,
      },
    }),
    expect: only({ admin: 200 }, 403),
  },
  'GET /api/settings/templates': { request: () => ({}), expect: only({ admin: 200 }, 403) },
  'PUT /api/settings/templates/{locale}/{part}': {
    request: () => ({ url: '/api/settings/templates/fr/welcome', body: { text: 'Bonjour {candidateName}' } }),
    expect: only({ admin: 200 }, 403),
  },
  'DELETE /api/settings/templates/{locale}/{part}': {
    request: () => ({ url: '/api/settings/templates/fr/welcome' }),
    expect: only({ admin: 200 }, 403),
  },
  'POST /api/settings/templates/preview': {
    request: () => ({ body: { locale: 'en', part: 'welcome', text: 'Hello {candidateName}' } }),
    expect: only({ admin: 200 }, 403),
  },
  'POST /api/privacy/requests/{id}/erasure': {
    request: () => ({ url: `/api/privacy/requests/${randomUUID()}/erasure` }),
    expect: only({ admin: 404 }, 403),
  },
  'GET /api/privacy/requests/{id}/copy': {
    request: () => ({ url: `/api/privacy/requests/${randomUUID()}/copy` }),
    expect: only({ admin: 404 }, 403),
  },
  'GET /api/positions': { request: () => ({}), expect: everyone(200) },
  'POST /api/positions': {
    request: ({ world }) => ({ body: { title: 'QA', level: '', lineManagerId: world.ids.lineManager } }),
    expect: only({ admin: 201 }, 403),
  },
  'PATCH /api/positions/{id}': {
    // An empty change: the admin's 200 leaves the world's position as it was.
    request: ({ world }) => ({ url: `/api/positions/${world.ids.position}`, body: {} }),
    expect: only({ admin: 200 }, 403),
  },
  'GET /api/candidates': {
    request: () => ({}),
    expect: only({ admin: 200, navigator: 200, shadow: 200, outsider: 200 }, 403),
  },
  'POST /api/candidates': {
    request: () => ({ body: { name: 'C', email: uniqueEmail(), timeZone: 'UTC' } }),
    expect: only({ admin: 201, navigator: 201, shadow: 201, outsider: 201 }, 403),
  },
  // The language is changed by those who see the candidate's contact details; to an interviewer
  // on none of their interviews the candidate is not there.
  'PATCH /api/candidates/{id}': {
    request: ({ world }) => ({ url: `/api/candidates/${world.ids.candidate}`, body: { locale: 'en' } }),
    expect: only({ admin: 200, navigator: 200, shadow: 200, outsider: 404 }, 403),
  },
  'GET /api/tasks': {
    request: () => ({}),
    expect: only({ admin: 200, navigator: 200, shadow: 200, outsider: 200 }, 403),
  },
  'POST /api/tasks': {
    request: () => ({
      body: { title: 'T', summary: '', navigatorGuide: '', setupCommands: [], testCommand: '' },
    }),
    expect: only({ admin: 201, navigator: 201, shadow: 201, outsider: 201 }, 403),
  },
  'GET /api/tasks/{id}': {
    request: ({ world }) => ({ url: `/api/tasks/${world.ids.task}` }),
    expect: only({ admin: 200, navigator: 200, shadow: 200, outsider: 200 }, 403),
  },
  // Names the navigator, who owns the task already: allowed callers change nothing.
  'PUT /api/tasks/{id}/owner': {
    request: ({ world }) => ({
      url: `/api/tasks/${world.ids.task}/owner`,
      body: { ownerId: world.ids.navigator },
    }),
    expect: only({ admin: 200 }, 403),
  },
  'PUT /api/tasks/{id}': {
    request: ({ world }) => ({
      url: `/api/tasks/${world.ids.task}`,
      body: {
        title: 'Shopping list',
        summary: 'Pluralise',
        navigatorGuide: '# Guide',
        setupCommands: [],
        testCommand: 'node --test',
        levers: [{ id: 'hint-tests', direction: 'easier', description: 'Give a test.' }],
      },
    }),
    expect: only({ admin: 200, navigator: 200, shadow: 200, outsider: 200 }, 403),
  },
  'GET /api/interviews': { request: () => ({}), expect: everyone(200) },
  // Everyone signed in has a queue; what is in it is tested per role in work-queue.test.ts.
  'GET /api/work-queue': { request: () => ({}), expect: everyone(200) },
  'POST /api/interviews': {
    request: ({ world }) => ({
      body: {
        candidateId: world.ids.candidate,
        positionId: world.ids.position,
        taskId: world.ids.task,
        navigatorId: world.ids.navigator,
        startsAtLocal: '2030-01-01T10:00',
        timeZone: 'UTC',
        place: 'Room 1',
        // The admin's and the navigator's plans book the same navigator at the same time.
        confirmOverlap: true,
      },
    }),
    // Interviewers plan their own interviews; only an admin plans for a colleague.
    expect: only({ admin: 201, navigator: 201 }, 403),
  },
  'POST /api/interviews/plan-preview': {
    request: ({ world }) => ({
      body: { navigatorId: world.ids.navigator, startsAtLocal: '2030-01-01T10:00', timeZone: 'UTC' },
    }),
    // Only those who plan check a time: the answer names colleagues' bookings.
    expect: only({ admin: 200, navigator: 200, shadow: 200, outsider: 200 }, 403),
  },
  'POST /api/interviews/free-busy': {
    request: ({ world }) => ({
      body: { navigatorId: world.ids.navigator, timeZone: 'UTC', fromLocal: '2030-01-01T00:00', days: 1 },
    }),
    // Like the plan preview: busy times of colleagues are for those who plan.
    expect: only({ admin: 200, navigator: 200, shadow: 200, outsider: 200 }, 403),
  },
  'GET /api/interviews/{id}': {
    request: () => ({}),
    expect: onInterview({ admin: 200, navigator: 200, shadow: 200, lineManager: 200 }),
  },
  // Allowed callers reach the lifecycle rules, which refuse this step on a planned interview (409).
  'POST /api/interviews/{id}/transitions': {
    request: () => ({ body: { action: 'start_retrospective' } }),
    expect: onInterview({ admin: 409, navigator: 409 }),
  },
  'POST /api/interviews/{id}/wellness': {
    request: () => ({ body: { well: true } }),
    expect: onInterview({ admin: 409, navigator: 409 }),
  },
  'PUT /api/interviews/{id}/checklist/{itemId}': {
    request: ({ interviewId }) => ({
      url: `/api/interviews/${interviewId}/checklist/guide_read`,
      body: { done: true },
    }),
    expect: onInterview({ admin: 200, navigator: 200 }),
  },
  'PUT /api/interviews/{id}/difficulty-plan': {
    request: () => ({ body: { leverIds: ['hint-tests'] } }),
    expect: onInterview({ admin: 200, navigator: 200 }),
  },
  'POST /api/interviews/{id}/repository-deletion': {
    request: () => ({ body: { confirmed: true } }),
    expect: onInterview({ admin: 409, navigator: 409 }),
  },
  'GET /api/interviews/{id}/notes': {
    request: () => ({}),
    expect: onInterview({ navigator: 200, shadow: 200 }),
  },
  'PUT /api/interviews/{id}/notes/{noteId}': {
    request: ({ interviewId }) => ({
      url: `/api/interviews/${interviewId}/notes/${randomUUID()}`,
      body: { text: 'x', tags: [], offsetMs: 0 },
    }),
    expect: onInterview({ navigator: 409, shadow: 409 }),
  },
  'PATCH /api/interviews/{id}/notes/{noteId}': {
    request: ({ interviewId }) => ({
      url: `/api/interviews/${interviewId}/notes/${randomUUID()}`,
      body: { text: 'x', tags: [] },
    }),
    expect: onInterview({ navigator: 404, shadow: 404 }),
  },
  'DELETE /api/interviews/{id}/notes/{noteId}': {
    request: ({ interviewId }) => ({ url: `/api/interviews/${interviewId}/notes/${randomUUID()}` }),
    expect: onInterview({ navigator: 404, shadow: 404 }),
  },
  'GET /api/interviews/{id}/retrospective': {
    request: () => ({}),
    expect: onInterview({ admin: 200, navigator: 200, shadow: 200, lineManager: 200 }),
  },
  'PUT /api/interviews/{id}/retrospective': {
    request: () => ({
      body: {
        sharedNoteIds: [],
        answers: { solution: '', learned: '', change: '' },
        deadline: null,
        nextSteps: '',
      },
    }),
    expect: onInterview({ admin: 409, navigator: 409 }),
  },
  'GET /api/interviews/{id}/scorecard': {
    request: () => ({}),
    expect: onInterview({ navigator: 200, shadow: 200 }),
  },
  'PUT /api/interviews/{id}/scorecard': {
    request: () => ({ body: { ratings: [], impression: '', recommendation: null, biasChecklist: {} } }),
    expect: onInterview({ navigator: 409, shadow: 409 }),
  },
  // A planned interview: nobody's scorecard path has started yet.
  'POST /api/interviews/{id}/scorecard/submit': {
    request: () => ({}),
    expect: onInterview({ navigator: 409, shadow: 409 }),
  },
  'POST /api/interviews/{id}/levers': {
    request: () => ({ body: { leverId: 'hint-tests' } }),
    expect: onInterview({ admin: 409, navigator: 409 }),
  },
  'POST /api/interviews/{id}/tdd-markers': {
    request: () => ({ body: { phase: 'red' } }),
    expect: onInterview({ navigator: 409, shadow: 409 }),
  },
  // A plain GET on the WebSocket route: allowed viewers are told to upgrade.
  'GET /api/interviews/{id}/live': {
    request: () => ({}),
    expect: onInterview({ admin: 426, navigator: 426, shadow: 426, lineManager: 426 }),
  },
  // Candidate repository: the panel reads it, drivers act on it. The planned interview's task has
  // no snapshot, so the repository holds Pairwise's empty starting point (a README.md).
  'GET /api/interviews/{id}/repository': {
    request: () => ({}),
    expect: onInterview({ admin: 200, navigator: 200, shadow: 200, lineManager: 200 }),
  },
  // Closing a window that has not opened changes nothing, so the world stays as it is.
  'PUT /api/interviews/{id}/repository/window': {
    request: () => ({ body: { open: false } }),
    expect: onInterview({ admin: 200, navigator: 200 }),
  },
  'POST /api/interviews/{id}/repository/credentials': {
    request: () => ({}),
    expect: onInterview({ admin: 200, navigator: 200 }),
  },
  'GET /api/interviews/{id}/repository/pushes': {
    request: () => ({}),
    expect: onInterview({ admin: 200, navigator: 200, shadow: 200, lineManager: 200 }),
  },
  'GET /api/interviews/{id}/repository/tree': {
    request: () => ({}),
    expect: onInterview({ admin: 200, navigator: 200, shadow: 200, lineManager: 200 }),
  },
  'GET /api/interviews/{id}/repository/file': {
    request: ({ interviewId }) => ({ url: `/api/interviews/${interviewId}/repository/file?path=README.md` }),
    expect: onInterview({ admin: 200, navigator: 200, shadow: 200, lineManager: 200 }),
  },
  'GET /api/interviews/{id}/repository/diff': {
    request: () => ({}),
    expect: onInterview({ admin: 200, navigator: 200, shadow: 200, lineManager: 200 }),
  },
  'GET /api/interviews/{id}/repository/archive': {
    request: () => ({}),
    expect: onInterview({ admin: 200, navigator: 200, shadow: 200, lineManager: 200 }),
  },
  'GET /api/interviews/{id}/report': {
    request: () => ({}),
    expect: onInterview({ admin: 409, navigator: 409, shadow: 409, lineManager: 409 }),
  },
  'GET /api/interviews/{id}/report/notes': {
    request: () => ({}),
    expect: onInterview({ admin: 409, navigator: 409, shadow: 409, lineManager: 409 }),
  },
  'POST /api/interviews/{id}/decision': {
    request: () => ({ body: { outcome: 'offer', note: '' } }),
    expect: onInterview({ lineManager: 409 }),
  },
  // Bias check: each panel member checks their own texts; the planned interview has no
  // report yet, and phrases are resolved only during refinement.
  'GET /api/interviews/{id}/bias-check': {
    request: () => ({}),
    expect: onInterview({ navigator: 200, shadow: 200 }),
  },
  'PUT /api/interviews/{id}/bias-check/resolutions': {
    request: () => ({
      body: {
        target: 'note',
        targetId: randomUUID(),
        ruleId: 'culture-fit',
        phrase: 'culture fit',
        reason: 'Quoted.',
      },
    }),
    expect: onInterview({ navigator: 409, shadow: 409 }),
  },
  // A protected-category keep is reviewed by an admin or another panel member who has submitted;
  // nobody has submitted on the planned interview, and it has no keep to review.
  'GET /api/interviews/{id}/bias-check/reviews': {
    request: () => ({}),
    expect: onInterview({ admin: 200 }),
  },
  'PUT /api/interviews/{id}/bias-check/reviews': {
    request: ({ world }) => ({
      body: {
        authorId: world.ids.navigator,
        target: 'note',
        targetId: randomUUID(),
        ruleId: 'age-reference',
        phrase: 'his age',
        verdict: 'confirm',
      },
    }),
    expect: onInterview({ admin: 422 }),
  },
  'GET /api/interviews/{id}/bias-check/summary': {
    request: () => ({}),
    expect: onInterview({ admin: 409, navigator: 409, shadow: 409, lineManager: 409 }),
  },
  'GET /api/interviews/{id}/report.md': {
    request: () => ({}),
    expect: onInterview({ admin: 409, navigator: 409, shadow: 409, lineManager: 409 }),
  },
  'GET /api/bias-terms': { request: () => ({}), expect: only({ admin: 200 }, 403) },
  'POST /api/bias-terms': {
    request: () => ({
      body: {
        phrase: `term ${randomUUID()}`,
        category: 'vague_judgement',
        message: 'Says nothing observable.',
        suggestion: 'Name the behaviour.',
      },
    }),
    expect: only({ admin: 201 }, 403),
  },
  // A term that does not exist: admins reach the lookup (404), nothing changes.
  'PUT /api/bias-terms/{id}': {
    request: () => ({
      url: `/api/bias-terms/${randomUUID()}`,
      body: { phrase: 'guild material', category: 'affinity', message: 'In-group.', suggestion: 'Observe.' },
    }),
    expect: only({ admin: 404 }, 403),
  },
  'DELETE /api/bias-terms/{id}': {
    request: () => ({ url: `/api/bias-terms/${randomUUID()}` }),
    expect: only({ admin: 404 }, 403),
  },
  'GET /api/interviews/{id}/invitation': {
    request: () => ({}),
    expect: onInterview({ admin: 200, navigator: 200, shadow: 200, lineManager: 200 }),
  },
  // A digest of no preview: allowed callers reach the check that they previewed what they send.
  'POST /api/interviews/{id}/invitation': {
    request: () => ({ body: { previewDigest: '0'.repeat(64) } }),
    expect: onInterview({ admin: 409, navigator: 409 }),
  },
  // Offering times to pick from: the panel and line manager see the offer; only drivers preview
  // and send it, and a digest of no preview reaches the check that they previewed it (409).
  'GET /api/interviews/{id}/slot-offer': {
    request: () => ({}),
    expect: onInterview({ admin: 200, navigator: 200, shadow: 200, lineManager: 200 }),
  },
  'POST /api/interviews/{id}/slot-offer/preview': {
    request: () => ({ body: { timeZone: 'UTC', slots: ['2031-02-04T10:00'] } }),
    expect: onInterview({ admin: 200, navigator: 200 }),
  },
  'POST /api/interviews/{id}/slot-offer': {
    request: () => ({
      body: { timeZone: 'UTC', slots: ['2031-02-04T10:00'], previewDigest: '0'.repeat(64) },
    }),
    expect: onInterview({ admin: 409, navigator: 409 }),
  },
  // Nothing is sent before the invitation: drivers get an empty preview, and the world stays as it is.
  'POST /api/interviews/{id}/place/preview': {
    request: () => ({ body: { place: 'Room 9' } }),
    expect: onInterview({ admin: 200, navigator: 200 }),
  },
  // The place it has already: drivers reach the check that something changes.
  'PUT /api/interviews/{id}/place': {
    request: () => ({ body: { place: 'Room 3' } }),
    expect: onInterview({ admin: 422, navigator: 422 }),
  },
  // A new time and a cancellation are previewed by those who drive; a digest of no preview reaches
  // the check that they previewed what they send (409), so nothing moves.
  // A request that does not exist: drivers reach the lookup (404), nothing is sent.
  'POST /api/interviews/{id}/accommodations/{requestId}/answer/preview': {
    request: ({ interviewId }) => ({
      url: `/api/interviews/${interviewId}/accommodations/${randomUUID()}/answer/preview`,
      body: { answer: 'Yes, of course.' },
    }),
    expect: onInterview({ admin: 404, navigator: 404 }),
  },
  'POST /api/interviews/{id}/accommodations/{requestId}/answer': {
    request: ({ interviewId }) => ({
      url: `/api/interviews/${interviewId}/accommodations/${randomUUID()}/answer`,
      body: { answer: 'Yes, of course.', previewDigest: '0'.repeat(64) },
    }),
    expect: onInterview({ admin: 404, navigator: 404 }),
  },
  'POST /api/interviews/{id}/reschedule/preview': {
    request: () => ({ body: { startsAtLocal: '2030-01-02T10:00', timeZone: 'UTC', reason: 'other' } }),
    expect: onInterview({ admin: 200, navigator: 200 }),
  },
  'POST /api/interviews/{id}/reschedule': {
    request: () => ({
      body: {
        startsAtLocal: '2030-01-02T10:00',
        timeZone: 'UTC',
        reason: 'other',
        previewDigest: '0'.repeat(64),
      },
    }),
    expect: onInterview({ admin: 409, navigator: 409 }),
  },
  'POST /api/interviews/{id}/cancellation/preview': {
    request: () => ({ body: {} }),
    expect: onInterview({ admin: 200, navigator: 200 }),
  },
  'POST /api/interviews/{id}/cancellation': {
    request: () => ({ body: { previewDigest: '0'.repeat(64) } }),
    expect: onInterview({ admin: 409, navigator: 409 }),
  },
  'GET /api/interviews/{id}/decision-message': {
    request: () => ({}),
    expect: onInterview({ admin: 200, navigator: 200, shadow: 200, lineManager: 200 }),
  },
  'POST /api/interviews/{id}/decision-message/preview': {
    request: () => ({ body: { message: 'Thank you.' } }),
    expect: onInterview({ lineManager: 409 }),
  },
  'POST /api/interviews/{id}/decision-message': {
    request: () => ({ body: { message: 'Thank you.', previewDigest: '0'.repeat(64) } }),
    expect: onInterview({ lineManager: 409 }),
  },
  'GET /api/outbox': { request: () => ({}), expect: only({ admin: 200 }, 403) },
  'GET /api/outbox/{id}': {
    request: () => ({ url: `/api/outbox/${randomUUID()}` }),
    expect: only({ admin: 404 }, 403),
  },
  'GET /api/calendar-feed': { request: () => ({}), expect: everyone(200) },
  'POST /api/calendar-feed': { request: () => ({}), expect: everyone(201) },
  'DELETE /api/calendar-feed': { request: () => ({}), expect: everyone(200) },
  // The feed token is the credential; a session or a portal link opens nothing here.
  'GET /calendar/{token}.ics': {
    request: ({ role, tokens }) => ({
      url: `/calendar/${role === 'candidateToken' ? tokens.candidate : unknownToken}.ics`,
    }),
    expect: everyone(404, 404),
  },
  'GET /api/candidate-feedback': { request: () => ({}), expect: everyone(200) },
  // Every staff member has a calibration page; what it holds is scoped by role (calibration.test.ts).
  'GET /api/calibration': { request: () => ({}), expect: everyone(200) },
  'GET /api/calibration.csv': { request: () => ({}), expect: everyone(200) },
  'GET /api/portal/{token}': { request: portalUrl(), expect: onPortal(200) },
  'POST /api/portal/{token}/confirmation': { request: portalUrl('/confirmation'), expect: onPortal(200) },
  'POST /api/portal/{token}/reschedule-request': {
    request: (ctx) => ({ ...portalUrl('/reschedule-request')(ctx), body: {} }),
    expect: onPortal(200),
  },
  // No times were offered to this candidate: their link reaches the rule that there is nothing to pick (409).
  'POST /api/portal/{token}/slot-pick': {
    request: (ctx) => ({ ...portalUrl('/slot-pick')(ctx), body: { slotId: randomUUID() } }),
    expect: onPortal(409),
  },
  'PUT /api/portal/{token}/locale': {
    request: (ctx) => ({ ...portalUrl('/locale')(ctx), body: { locale: 'en' } }),
    expect: onPortal(200),
  },
  'POST /api/portal/{token}/accommodations': {
    request: (ctx) => ({ ...portalUrl('/accommodations')(ctx), body: { text: 'Larger font, please.' } }),
    expect: onPortal(200),
  },
  // Before the interview the candidate's link reaches the rule that asks only afterwards (409).
  'PUT /api/portal/{token}/hear-back': {
    request: (ctx) => ({ ...portalUrl('/hear-back')(ctx), body: { deadline: '2031-01-01' } }),
    expect: onPortal(409),
  },
  'POST /api/portal/{token}/survey': {
    request: (ctx) => ({ ...portalUrl('/survey')(ctx), body: { preparedScore: 3 } }),
    expect: onPortal(409),
  },
  'POST /api/portal/{token}/data-requests': {
    request: (ctx) => ({ ...portalUrl('/data-requests')(ctx), body: { kind: 'copy' } }),
    expect: onPortal(200),
  },
  // Task preparation. The demo task exists (beforeAll), so adding it returns it.
  'POST /api/tasks/demo': { request: () => ({}), expect: taskManagers(200) },
  'POST /api/tasks/{id}/snapshot-preview': {
    request: (ctx) => ({
      ...onTask('/snapshot-preview')(ctx),
      body: { source: { kind: 'directory', path: `${demoTaskDir}/starting-point` } },
    }),
    expect: taskManagers(200),
  },
  // An upload that does not exist: allowed callers reach the lookup (404), the world stays as it is.
  'POST /api/tasks/{id}/snapshots': {
    request: (ctx) => ({
      ...onTask('/snapshots')(ctx),
      body: { source: { kind: 'archive', uploadId: randomUUID() } },
    }),
    expect: taskManagers(404),
  },
  'GET /api/tasks/{id}/snapshots': { request: onTask('/snapshots'), expect: taskManagers(200) },
  'GET /api/tasks/{id}/snapshots/{snapshotId}': {
    request: (ctx) => onTask(`/snapshots/${ctx.prepared.snapshotId}`)(ctx),
    expect: taskManagers(200),
  },
  // A JSON body instead of an archive: allowed callers are told how to send one (400).
  'POST /api/tasks/{id}/archive-uploads': {
    request: (ctx) => ({ ...onTask('/archive-uploads')(ctx), body: { file: 'kata.zip' } }),
    expect: taskManagers(400),
  },
  'GET /api/tasks/{id}/rehearsals': { request: onTask('/rehearsals'), expect: taskManagers(200) },
  // A snapshot that does not exist, so nothing starts running.
  'POST /api/tasks/{id}/rehearsals': {
    request: (ctx) => ({ ...onTask('/rehearsals')(ctx), body: { snapshotId: randomUUID() } }),
    expect: taskManagers(404),
  },
  'POST /api/tasks/{id}/rehearsals/{rehearsalId}/cancel': {
    request: (ctx) => onTask(`/rehearsals/${randomUUID()}/cancel`)(ctx),
    expect: taskManagers(404),
  },
  // The finished rehearsal's stream: its state, then "finished", then the stream ends.
  'GET /api/tasks/{id}/rehearsals/{rehearsalId}/events': {
    request: (ctx) => onTask(`/rehearsals/${ctx.prepared.rehearsalId}/events`)(ctx),
    expect: taskManagers(200),
  },
  // Only a worker holding the queued rehearsal's own secret: no session, token or role opens it.
  'GET /api/worker/rehearsals/{rehearsalId}/archive': {
    request: ({ prepared }) => ({ url: `/api/worker/rehearsals/${prepared.rehearsalId}/archive` }),
    expect: everyone(404, 404),
  },
  'GET /api/cli/tasks/{id}/rehearsal-plan': {
    request: ({ prepared }) => ({ url: `/api/cli/tasks/${prepared.taskId}/rehearsal-plan` }),
    expect: cliRoute(200),
  },
  'GET /api/cli/tasks/{id}/snapshots/{snapshotId}/archive': {
    request: ({ prepared }) => ({
      url: `/api/cli/tasks/${prepared.taskId}/snapshots/${prepared.snapshotId}/archive`,
    }),
    expect: cliRoute(200),
  },
  // A report for a snapshot of another task: allowed callers reach the check (422), nothing is recorded.
  'POST /api/cli/tasks/{id}/rehearsals': {
    request: ({ prepared }) => ({
      url: `/api/cli/tasks/${prepared.taskId}/rehearsals`,
      body: {
        snapshotId: randomUUID(),
        machineLabel: 'laptop',
        steps: [
          {
            kind: 'test',
            command: 'x',
            exitCode: 0,
            durationMs: 1,
            outputTail: '',
            outputBytes: 0,
            timedOut: false,
          },
        ],
        totalMs: 1,
        passed: true,
        at: new Date().toISOString(),
      },
    }),
    expect: cliRoute(422),
  },
  // The demo snapshot is not of this interview's task: drivers reach that check (422).
  'PUT /api/interviews/{id}/snapshot': {
    request: ({ prepared }) => ({ body: { snapshotId: prepared.snapshotId } }),
    expect: onInterview({ admin: 422, navigator: 422 }),
  },
  'GET /api/api-tokens': { request: () => ({}), expect: everyone(200) },
  'POST /api/api-tokens': { request: () => ({ body: { label: 'laptop' } }), expect: everyone(201) },
  'DELETE /api/api-tokens/{id}': {
    request: () => ({ url: `/api/api-tokens/${randomUUID()}` }),
    expect: everyone(404),
  },
  'GET /api/users/{id}/invitation': {
    request: () => ({ url: `/api/users/${randomUUID()}/invitation` }),
    expect: only({ admin: 404 }, 403),
  },
  'POST /api/users/{id}/invitation': {
    request: () => ({ url: `/api/users/${randomUUID()}/invitation` }),
    expect: only({ admin: 404 }, 403),
  },
  'GET /api/auth/options': { request: () => ({}), expect: everyone(200, 200) },
  // Single sign-on is not set up on this server: its routes say so to everyone (tested set up in
  // single-sign-on.test.ts).
  'GET /api/auth/oidc/start': { request: () => ({}), expect: everyone(404, 404) },
  'GET /api/auth/oidc/callback': { request: () => ({}), expect: everyone(404, 404) },
  'GET /api/admin/single-sign-on': { request: () => ({}), expect: only({ admin: 200 }, 403) },
  'PUT /api/admin/single-sign-on': {
    request: () => ({ body: { groupRoles: [], localPasswords: true, breakGlassAdminId: null } }),
    expect: only({ admin: 200 }, 403),
  },
  'GET /api/admin/provisioning': { request: () => ({}), expect: only({ admin: 200 }, 403) },
  'POST /api/admin/provisioning/tokens': {
    request: () => ({ body: { label: 'Matrix' } }),
    expect: only({ admin: 201 }, 403),
  },
  'DELETE /api/admin/provisioning/tokens/{id}': {
    request: () => ({ url: `/api/admin/provisioning/tokens/${randomUUID()}` }),
    expect: only({ admin: 404 }, 403),
  },
  'GET /api/admin/interviews-to-reassign': { request: () => ({}), expect: only({ admin: 200 }, 403) },
  'GET /api/cli-package': { request: () => ({}), expect: everyone(200) },
};

// --- The stage dimension -------------------------------------------------------------------

const stagedStages = [
  'planned',
  'invited',
  'checked_in',
  'setup',
  'pairing',
  'wrap',
  'break',
  'retrospective',
  'refinement',
  // The navigator submitted; the shadow is still refining.
  'reported',
  // Both submitted, then the line manager decided.
  'decided',
  'cancelled',
] as const;
type StagedStage = (typeof stagedStages)[number];
type StagedRole = 'admin' | 'navigator' | 'shadow' | 'outsider' | 'lineManager' | 'otherLineManager';
// Callers without a session are refused before any stage is read (the matrix above covers them).
const stagedRoles: StagedRole[] = [
  'admin',
  'navigator',
  'shadow',
  'outsider',
  'lineManager',
  'otherLineManager',
];

const beforePairing: readonly StagedStage[] = ['planned', 'invited', 'checked_in', 'setup'];
const liveStages: readonly StagedStage[] = [
  'checked_in',
  'setup',
  'pairing',
  'wrap',
  'break',
  'retrospective',
];
const reportStages: readonly StagedStage[] = ['reported', 'decided'];

/** Outsiders never learn the interview exists; insiders without the right get 403. */
const insider = (role: StagedRole, allowed: Partial<Record<StagedRole, number>>): number =>
  allowed[role] ?? (role === 'outsider' || role === 'otherLineManager' ? 404 : 403);
/** A panel member's own path: open from check-in until they submit (the shadow after the navigator reported). */
const pathOpen = (stage: StagedStage, role: StagedRole) =>
  liveStages.includes(stage) || stage === 'refinement' || (stage === 'reported' && role === 'shadow');
/** Rating starts with the retrospective and ends at one's own submission. */
const ratingOpen = (stage: StagedStage, role: StagedRole) =>
  stage === 'retrospective' || stage === 'refinement' || (stage === 'reported' && role === 'shadow');
/** The report: once the navigator reported, for everyone who sees the interview and is not still refining. */
const reportStatus = (stage: StagedStage, role: StagedRole) =>
  !reportStages.includes(stage) || (stage === 'reported' && role === 'shadow') ? 409 : 200;
const viewers =
  (status: (stage: StagedStage, role: StagedRole) => number) => (stage: StagedStage, role: StagedRole) =>
    insider(role, {
      admin: status(stage, role),
      navigator: status(stage, role),
      shadow: status(stage, role),
      lineManager: status(stage, role),
    });
const panel =
  (status: (stage: StagedStage, role: StagedRole) => number) => (stage: StagedStage, role: StagedRole) =>
    insider(role, { navigator: status(stage, role), shadow: status(stage, role) });
const drivers = (status: (stage: StagedStage) => number) => (stage: StagedStage, role: StagedRole) =>
  insider(role, { admin: status(stage), navigator: status(stage) });

interface StagedCase {
  /** A request that leaves the interview in its stage, whatever the answer. */
  request: (id: string) => { url?: string; body?: unknown };
  expect: (stage: StagedStage, role: StagedRole) => number;
}

const stageMatrix: Record<string, StagedCase> = {
  'GET /api/interviews/{id}': { request: () => ({}), expect: viewers(() => 200) },
  'GET /api/interviews/{id}/notes': { request: () => ({}), expect: panel(() => 200) },
  'PUT /api/interviews/{id}/notes/{noteId}': {
    request: (id) => ({
      url: `/api/interviews/${id}/notes/${randomUUID()}`,
      body: { text: 'Asked about the edge cases', tags: [], offsetMs: 0 },
    }),
    expect: panel((stage, role) => (pathOpen(stage, role) ? 200 : 409)),
  },
  'GET /api/interviews/{id}/scorecard': { request: () => ({}), expect: panel(() => 200) },
  'PUT /api/interviews/{id}/scorecard': {
    request: () => ({ body: { ratings: [], impression: '', recommendation: null, biasChecklist: {} } }),
    expect: panel((stage, role) => (ratingOpen(stage, role) ? 200 : 409)),
  },
  'GET /api/interviews/{id}/retrospective': { request: () => ({}), expect: viewers(() => 200) },
  'PUT /api/interviews/{id}/retrospective': {
    request: () => ({
      body: {
        sharedNoteIds: [],
        answers: { solution: '', learned: '', change: '' },
        deadline: null,
        nextSteps: '',
      },
    }),
    expect: drivers((stage) => (stage === 'retrospective' || stage === 'refinement' ? 200 : 409)),
  },
  'GET /api/interviews/{id}/report': { request: () => ({}), expect: viewers(reportStatus) },
  'GET /api/interviews/{id}/report/notes': { request: () => ({}), expect: viewers(reportStatus) },
  'GET /api/interviews/{id}/report.md': { request: () => ({}), expect: viewers(reportStatus) },
  'GET /api/interviews/{id}/bias-check/summary': { request: () => ({}), expect: viewers(reportStatus) },
  // Without the override: refused while the shadow is open, and once decided.
  'POST /api/interviews/{id}/decision': {
    request: () => ({ body: { outcome: 'offer', note: '' } }),
    expect: (_stage, role) => insider(role, { lineManager: 409 }),
  },
  'POST /api/interviews/{id}/decision-message/preview': {
    request: () => ({ body: { message: 'Thank you.' } }),
    expect: (stage, role) => insider(role, { lineManager: stage === 'decided' ? 200 : 409 }),
  },
  // The generic route never sends the invitation, in any stage.
  'POST /api/interviews/{id}/transitions': {
    request: () => ({ body: { action: 'invite' } }),
    expect: drivers(() => 409),
  },
  'POST /api/interviews/{id}/tdd-markers': {
    request: () => ({ body: { phase: 'red' } }),
    expect: panel((stage) => (stage === 'pairing' ? 200 : 409)),
  },
  'POST /api/interviews/{id}/reschedule/preview': {
    request: () => ({ body: { startsAtLocal: '2030-09-02T10:00', timeZone: 'UTC', reason: 'other' } }),
    expect: drivers((stage) => (beforePairing.includes(stage) ? 200 : 409)),
  },
  'POST /api/interviews/{id}/cancellation/preview': {
    request: () => ({ body: {} }),
    expect: drivers((stage) => (beforePairing.includes(stage) ? 200 : 409)),
  },
  'GET /api/interviews/{id}/repository': { request: () => ({}), expect: viewers(() => 200) },
  'GET /api/interviews/{id}/invitation': { request: () => ({}), expect: viewers(() => 200) },
  'GET /api/interviews/{id}/bias-check': { request: () => ({}), expect: panel(() => 200) },
};

/** One interview driven to the stage, the way the process allows on a day that is not the interview's. */
async function interviewIn(world: World, stage: StagedStage, taskId: string): Promise<string> {
  const { navigator, shadow, lineManager } = world;
  const id = await world.planInterview({ startsAtLocal: '2030-08-06T10:00', taskId });
  const order: StagedStage[] = [
    'planned',
    'invited',
    'checked_in',
    'setup',
    'pairing',
    'wrap',
    'break',
    'retrospective',
    'refinement',
    'reported',
    'decided',
  ];
  const target = stage === 'cancelled' ? 1 : order.indexOf(stage);
  const ok = async (response: Promise<{ status: number; body: unknown }>) => {
    const { status, body } = await response;
    if (status !== 200) throw new Error(`driving to ${stage}: ${status} ${JSON.stringify(body)}`);
    return body as any;
  };
  const submit = async (client: Client) => {
    const noteId = randomUUID();
    await ok(
      client.put(`/api/interviews/${id}/notes/${noteId}`, {
        text: 'Tested first',
        tags: ['positive'],
        offsetMs: 0,
      }),
    );
    await ok(client.put(`/api/interviews/${id}/scorecard`, scorecardFor([noteId])));
    await ok(client.post(`/api/interviews/${id}/scorecard/submit`, { confirmEarly: true }));
  };
  for (let index = 1; index <= target; index++) {
    const next = order[index]!;
    if (next === 'checked_in')
      await ok(navigator.post(`/api/interviews/${id}/wellness`, { well: true, startEarly: true }));
    else if (next === 'break') {
      await ok(navigator.post(`/api/interviews/${id}/repository-deletion`, { confirmed: true }));
      await step(navigator, id, 'start_break');
    } else if (next === 'refinement') {
      await ok(
        navigator.put(`/api/interviews/${id}/retrospective`, {
          sharedNoteIds: [],
          answers: { solution: '', learned: '', change: '' },
          deadline: '2031-01-31',
          nextSteps: '',
        }),
      );
      await step(navigator, id, 'start_refinement');
    } else if (next === 'reported') await submit(navigator);
    else if (next === 'decided') {
      await submit(shadow);
      await ok(lineManager.post(`/api/interviews/${id}/decision`, { outcome: 'offer' }));
    } else {
      const action = {
        invited: 'invite',
        setup: 'start_setup',
        pairing: 'start_pairing',
        wrap: 'end_pairing',
        retrospective: 'start_retrospective',
      }[next as string]!;
      await step(navigator, id, action);
    }
  }
  if (stage === 'cancelled') await cancelInterview(navigator, id);
  return id;
}

describe.each(databases())('authorization matrix (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let interviewId: string;
  let registered: string[];
  const tokens: PortalTokens = { candidate: '', expired: '' };
  const prepared: Prepared = { taskId: '', snapshotId: '', rehearsalId: '' };
  let apiToken = '';
  const scopedTokens = {} as Record<TokenRole, string>;

  beforeAll(async () => {
    // Links end with the decision or cancellation here, so a cancelled interview's link is expired.
    // Failed sign-ins and made-up portal links from every role share one address here; the
    // limits have their own tests (failure-limits, portal), so here each reading of the limits'
    // clock is an hour later and every failure is already forgotten.
    let limitsClock = Date.now();
    server = await startTestServer(database, {
      portalDaysAfterDecision: 0,
      signInAttempts: 1000,
      limitsClock: () => {
        limitsClock += 3600_000;
        return new Date(limitsClock);
      },
    });
    world = await createWorld(server);
    interviewId = await world.planInterview();
    const invited = await world.planInterview({ startsAtLocal: '2030-03-06T10:00' });
    await sendInvitation(world.navigator, invited);
    tokens.candidate = await candidatePortalToken(world, invited);
    const cancelled = await world.planInterview({ startsAtLocal: '2030-03-07T10:00' });
    await sendInvitation(world.navigator, cancelled);
    tokens.expired = await candidatePortalToken(world, cancelled);
    await cancelInterview(world.navigator, cancelled);
    const demo = await world.admin.post('/api/tasks/demo', {});
    prepared.taskId = demo.body.task.id;
    prepared.snapshotId = demo.body.snapshot.id;
    apiToken = await createApiToken(world.navigator);
    for (const role of Object.keys(tokenOwners) as TokenRole[]) {
      const owner = world[tokenOwners[role] as 'navigator' | 'lineManager' | 'admin'];
      const { body: created } = await owner.post('/api/api-tokens', {
        label: role,
        scopes: tokenScopes[role],
      });
      scopedTokens[role] = created.token;
    }
    const { body: reported } = await withToken(
      world.anonymous,
      apiToken,
      'POST',
      `/api/cli/tasks/${prepared.taskId}/rehearsals`,
      {
        snapshotId: prepared.snapshotId,
        machineLabel: 'laptop',
        steps: [
          {
            kind: 'test',
            command: 'node --test',
            exitCode: 0,
            durationMs: 5,
            outputTail: '',
            outputBytes: 0,
            timedOut: false,
          },
        ],
        totalMs: 5,
        passed: true,
        at: new Date().toISOString(),
      },
    );
    prepared.rehearsalId = reported.rehearsal.id;
    const { body } = await world.anonymous.get('/api/openapi.json');
    registered = Object.entries(body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
  });
  afterAll(() => server.close());

  it('has a rule for every registered route, and no rule for a route that does not exist', () => {
    expect(registered.filter((route) => !(route in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((route) => !registered.includes(route))).toEqual([]);
  });

  it.each(Object.keys(matrix))('%s answers each role as expected', async (route) => {
    const [method, path] = route.split(' ') as [string, string];
    const actual: Record<string, number> = {};
    for (const role of roles) {
      const client = await clientFor(role, method === 'DELETE' && path === '/api/session');
      // A token's request is the one its owner would send.
      const actingAs = isTokenRole(role) ? tokenOwners[role] : role;
      const { url, body } = matrix[route]!.request({ interviewId, role: actingAs, world, tokens, prepared });
      const target = url ?? path.replace('{id}', interviewId);
      const bearer = role === 'apiToken' ? apiToken : isTokenRole(role) ? scopedTokens[role] : null;
      const headers: Record<string, string> = bearer ? { authorization: `Bearer ${bearer}` } : {};
      actual[role] = (await client.request(method, target, body, headers)).status;
    }
    expect(actual).toEqual(expectedFor(route, matrix[route]!.expect));
  });

  /**
   * The stage dimension: the routes whose answer depends on where the interview is, asked by every
   * signed-in role of one interview in each stage. The expected statuses are the process's promises
   * written out here, apart from the server's code: who writes notes, rates, reads the report,
   * decides and previews a candidate message, in which stage.
   */
  describe('route × role × stage', () => {
    const staged: Partial<Record<StagedStage, string>> = {};

    // Each stage's interview is driven on its own; together they take a while on a busy machine.
    beforeAll(async () => {
      // A task paired test-first, so TDD markers are a matter of the stage alone.
      const { body } = await world.navigator.post('/api/tasks', {
        title: 'Test-first kata',
        summary: '',
        navigatorGuide: '',
        setupCommands: [],
        testCommand: 'node --test',
        tddRhythm: true,
      });
      const ids = await Promise.all(stagedStages.map((stage) => interviewIn(world, stage, body.task.id)));
      stagedStages.forEach((stage, index) => {
        staged[stage] = ids[index];
      });
    }, 240_000);

    it('has an interview in every stage it asks about', async () => {
      for (const stage of stagedStages) {
        const { interview } = (await world.admin.get(`/api/interviews/${staged[stage]}`)).body;
        expect(interview.stage, stage).toBe(stage);
      }
    });

    it.each(Object.keys(stageMatrix))('%s answers each role as expected in each stage', async (route) => {
      const [method, path] = route.split(' ') as [string, string];
      const rule = stageMatrix[route]!;
      const actual: Record<string, Record<string, number>> = {};
      const expected: Record<string, Record<string, number>> = {};
      for (const stage of stagedStages) {
        const id = staged[stage]!;
        actual[stage] = {};
        expected[stage] = {};
        for (const role of stagedRoles) {
          const { url, body } = rule.request(id);
          const target = url ?? path.replace('{id}', id);
          actual[stage][role] = (await world[role].request(method, target, body)).status;
          expected[stage][role] = rule.expect(stage, role);
        }
      }
      expect(actual).toEqual(expected);
    });
  });

  /** Signing out must not end the shared sessions the other cases use. */
  async function clientFor(role: Role, freshSession: boolean): Promise<Client> {
    if (
      role === 'anonymous' ||
      role === 'candidateToken' ||
      role === 'expiredToken' ||
      role === 'apiToken' ||
      isTokenRole(role)
    ) {
      return world.anonymous;
    }
    if (!freshSession) return world[role];
    const email = {
      admin: 'admin',
      navigator: 'nora',
      shadow: 'sam',
      outsider: 'otto',
      lineManager: 'lena',
      otherLineManager: 'omar',
    }[role];
    const client = new Client(server.url);
    await client.post('/api/session', { email: `${email}@example.com`, password: PASSWORD });
    return client;
  }
});
