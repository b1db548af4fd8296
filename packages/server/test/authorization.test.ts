import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  createWorld,
  databases,
  PASSWORD,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';

type Role = 'admin' | 'navigator' | 'shadow' | 'outsider' | 'lineManager' | 'otherLineManager' | 'anonymous';
const roles: Role[] = [
  'admin',
  'navigator',
  'shadow',
  'outsider',
  'lineManager',
  'otherLineManager',
  'anonymous',
];

interface Case {
  /** A request chosen so the route's authorization decides the status, and the world is left intact. */
  request: (ctx: { interviewId: string; role: Role; world: World }) => { url?: string; body?: unknown };
  expect: Record<Role, number>;
}

const everyone = (status: number, anonymous = 401): Record<Role, number> => ({
  admin: status,
  navigator: status,
  shadow: status,
  outsider: status,
  lineManager: status,
  otherLineManager: status,
  anonymous,
});
const only = (allowed: Partial<Record<Role, number>>, others: number): Record<Role, number> => ({
  ...everyone(others),
  ...allowed,
});
// The interview belongs to the navigator and shadow, on a position managed by lineManager.
const onInterview = (statuses: Partial<Record<Role, number>>): Record<Role, number> => ({
  admin: 403,
  navigator: 403,
  shadow: 403,
  lineManager: 403,
  outsider: 404,
  otherLineManager: 404,
  anonymous: 401,
  ...statuses,
});
const uniqueEmail = () => `${randomUUID()}@example.com`;

/**
 * Every route the server registers must appear here with the status each role gets; a new
 * route without a rule fails this test.
 */
const matrix: Record<string, Case> = {
  'GET /api/health': { request: () => ({}), expect: everyone(200, 200) },
  'GET /api/openapi.json': { request: () => ({}), expect: everyone(200, 200) },
  'GET /api/setup': { request: () => ({}), expect: everyone(200, 200) },
  'POST /api/setup': {
    request: () => ({ body: { token: 'used', email: uniqueEmail(), name: 'X', password: PASSWORD } }),
    expect: everyone(403, 403),
  },
  'GET /api/session': { request: () => ({}), expect: everyone(200) },
  'POST /api/session': {
    request: () => ({ body: { email: 'nobody@example.com', password: 'wrong password' } }),
    expect: everyone(401, 401),
  },
  'DELETE /api/session': { request: () => ({}), expect: everyone(200) },
  'POST /api/invitations/accept': {
    request: () => ({ body: { token: 'not-a-token', password: PASSWORD } }),
    expect: everyone(404, 404),
  },
  'GET /api/users': { request: () => ({}), expect: everyone(200) },
  'POST /api/users': {
    request: () => ({ body: { email: uniqueEmail(), name: 'New Person', roles: ['interviewer'] } }),
    expect: only({ admin: 201 }, 403),
  },
  'GET /api/positions': { request: () => ({}), expect: everyone(200) },
  'POST /api/positions': {
    request: ({ world }) => ({ body: { title: 'QA', level: '', lineManagerId: world.ids.lineManager } }),
    expect: only({ admin: 201 }, 403),
  },
  'GET /api/candidates': {
    request: () => ({}),
    expect: only({ admin: 200, navigator: 200, shadow: 200, outsider: 200 }, 403),
  },
  'POST /api/candidates': {
    request: () => ({ body: { name: 'C', email: uniqueEmail(), timeZone: 'UTC' } }),
    expect: only({ admin: 201, navigator: 201, shadow: 201, outsider: 201 }, 403),
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
      },
    }),
    // Interviewers plan their own interviews; only an admin plans for a colleague.
    expect: only({ admin: 201, navigator: 201 }, 403),
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
  'POST /api/interviews/{id}/scorecard/submit': {
    request: () => ({}),
    expect: onInterview({ navigator: 422, shadow: 422 }),
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
  'GET /api/interviews/{id}/report': {
    request: () => ({}),
    expect: onInterview({ admin: 409, navigator: 409, shadow: 409, lineManager: 409 }),
  },
  'POST /api/interviews/{id}/decision': {
    request: () => ({ body: { outcome: 'offer', note: '' } }),
    expect: onInterview({ lineManager: 409 }),
  },
};

describe.each(databases())('authorization matrix (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let interviewId: string;
  let registered: string[];

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
    interviewId = await world.planInterview();
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
      const { url, body } = matrix[route]!.request({ interviewId, role, world });
      const target = url ?? path.replace('{id}', interviewId);
      actual[role] = (await client.request(method, target, body)).status;
    }
    expect(actual).toEqual(matrix[route]!.expect);
  });

  /** Signing out must not end the shared sessions the other cases use. */
  async function clientFor(role: Role, freshSession: boolean): Promise<Client> {
    if (role === 'anonymous') return world.anonymous;
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
