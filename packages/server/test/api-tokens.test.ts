import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { withToken } from './task-preparation-flows.ts';

describe.each(databases())('API tokens for the whole API (%s)', (database) => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  const tokenFor = async (client = world.navigator, scopes: string[], expiresInDays: number | null = 30) =>
    (await expectStatus(
      client.post('/api/api-tokens', { label: `ats ${randomUUID()}`, scopes, expiresInDays }),
      201,
    )) as {
      token: string;
      apiToken: { id: string; expiresAt: string | null };
    };

  it('shows a token once with its scopes and expiry, and records when and from where it was last used', async () => {
    const { token, apiToken } = await tokenFor(world.navigator, ['interviews:read'], 30);
    expect(Date.parse(apiToken.expiresAt!) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    await expectStatus(withToken(world.anonymous, token, 'GET', '/api/interviews'), 200);
    const { tokens } = await expectStatus(world.navigator.get('/api/api-tokens'), 200);
    const listed = tokens.find((entry: { id: string }) => entry.id === apiToken.id);
    expect(listed).toMatchObject({ scopes: ['interviews:read'], lastUsedFrom: expect.any(String) });
    expect(listed.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(tokens)).not.toContain(token);

    const { entries } = await expectStatus(world.admin.get('/api/audit?limit=200'), 200);
    const use = entries.find(
      (entry: { action: string; subjectId: string }) =>
        entry.action === 'api_token.used' && entry.subjectId === apiToken.id,
    );
    expect(use.detail).toEqual({ route: 'GET /api/interviews', status: 200 });
    expect(use.actorLabel).toBe('nora@example.com');
  });

  it('opens only what the scopes name, never more than the owner may do, and never tokens or sessions', async () => {
    const { token: reader } = await tokenFor(world.navigator, ['interviews:read']);
    const refused = await withToken(world.anonymous, reader, 'POST', '/api/candidates', {
      name: 'Casey Two',
      email: 'casey2@example.com',
      timeZone: 'Europe/Berlin',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/candidates:manage/);
    // A line manager cannot plan; a token of theirs with the scope cannot either.
    const { token: managers } = await tokenFor(world.lineManager, ['interviews:plan']);
    const plan = {
      candidateId: world.ids.candidate,
      positionId: world.ids.position,
      taskId: world.ids.task,
      navigatorId: world.ids.navigator,
      shadowIds: [world.ids.shadow],
      startsAtLocal: '2030-04-03T10:00',
      timeZone: 'Europe/Berlin',
      place: 'Room 3',
      confirmOverlap: true,
    };
    expect((await withToken(world.anonymous, managers, 'POST', '/api/interviews', plan)).status).toBe(403);
    expect((await world.navigator.post('/api/api-tokens', { label: 'x', scopes: ['admin'] })).status).toBe(
      403,
    );
    const { token: admins } = await tokenFor(world.admin, ['admin']);
    expect((await withToken(world.anonymous, admins, 'GET', '/api/api-tokens')).status).toBe(403);
    expect(
      (await withToken(world.anonymous, admins, 'POST', '/api/api-tokens', { label: 'more' })).status,
    ).toBe(403);
    expect((await withToken(world.anonymous, admins, 'GET', '/api/audit')).status).toBe(200);
  });

  it('refuses a revoked token', async () => {
    const { token, apiToken } = await tokenFor(world.navigator, ['interviews:read']);
    await expectStatus(world.navigator.delete(`/api/api-tokens/${apiToken.id}`), 200);
    const answer = await withToken(world.anonymous, token, 'GET', '/api/interviews');
    expect(answer.status).toBe(401);
  });

  it('creates one candidate and one interview however often an ATS retries with the same Idempotency-Key', async () => {
    const { token } = await tokenFor(world.navigator, ['candidates:manage', 'interviews:plan']);
    const send = (url: string, body: unknown, key: string) =>
      world.anonymous.request('POST', url, body, {
        authorization: `Bearer ${token}`,
        'idempotency-key': key,
      });
    const candidate = { name: 'Ida Idempotent', email: 'ida@example.com', timeZone: 'Europe/Berlin' };
    const key = randomUUID();
    const first = await send('/api/candidates', candidate, key);
    expect(first.status).toBe(201);
    const again = await send('/api/candidates', candidate, key);
    expect(again).toEqual(first);
    const other = await send('/api/candidates', { ...candidate, name: 'Someone Else' }, key);
    expect(other.status).toBe(422);
    const { candidates } = await expectStatus(world.admin.get('/api/candidates?q=Ida'), 200);
    expect(candidates.filter((entry: { name: string }) => entry.name === 'Ida Idempotent')).toHaveLength(1);

    const plan = {
      candidateId: first.body.candidate.id,
      positionId: world.ids.position,
      taskId: world.ids.task,
      navigatorId: world.ids.navigator,
      shadowIds: [world.ids.shadow],
      startsAtLocal: '2030-04-02T10:00',
      timeZone: 'Europe/Berlin',
      place: 'Room 3',
      confirmOverlap: true,
    };
    const interviewKey = randomUUID();
    const planned = await send('/api/interviews', plan, interviewKey);
    expect(planned.status).toBe(201);
    const retried = await send('/api/interviews', plan, interviewKey);
    expect(retried).toEqual(planned);
    const { interviews } = await expectStatus(world.navigator.get('/api/interviews?limit=200'), 200);
    expect(interviews.filter((entry: { id: string }) => entry.id === planned.body.interview.id)).toHaveLength(
      1,
    );
    expect(
      interviews.filter((entry: { startsAt: string }) => entry.startsAt === planned.body.interview.startsAt),
    ).toHaveLength(1);
    const bad = await world.anonymous.request('POST', '/api/candidates', candidate, {
      authorization: `Bearer ${token}`,
      'idempotency-key': 'ä'.repeat(3),
    });
    expect(bad.status).toBe(400);
  });
});
