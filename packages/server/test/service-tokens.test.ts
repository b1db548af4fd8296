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

/**
 * Service tokens: the organisation's, made by an admin, confined by scopes. The server's clock is
 * the test's, so expiry is reached by moving it.
 */
describe.each(databases())('service tokens (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let now = Date.now();

  beforeAll(async () => {
    server = await startTestServer(database, {
      clock: () => new Date(now),
      sessionTtlHours: 24 * 800,
      sessionIdleHours: 24 * 800,
    });
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  const create = async (name: string, scopes: string[], expiresInDays: number | null = 30) =>
    (await expectStatus(world.admin.post('/api/service-tokens', { name, scopes, expiresInDays }), 201)) as {
      token: string;
      serviceToken: { id: string; expiresAt: string | null; createdBy: string };
    };
  const call = (token: string, method: string, url: string, body?: unknown) =>
    withToken(world.anonymous, token, method, url, body);
  const interviewBody = (day: number) => ({
    candidateId: world.ids.candidate,
    positionId: world.ids.position,
    taskId: world.ids.task,
    navigatorId: world.ids.navigator,
    shadowIds: [],
    startsAtLocal: `2030-07-${String(day).padStart(2, '0')}T10:00`,
    timeZone: 'Europe/Berlin',
    place: 'Room 3',
    confirmOverlap: true,
  });

  it('is made by an admin, shown once, and records its last use; every use is audited', async () => {
    const { token, serviceToken } = await create('Greenhouse', ['candidates:manage', 'interviews:plan']);
    expect(token).toMatch(/^pws_/);
    expect(serviceToken.createdBy).toBe('admin@example.com');
    const { candidate } = await expectStatus(
      call(token, 'POST', '/api/candidates', {
        name: 'Sam Service',
        email: 'sam@example.com',
        timeZone: 'UTC',
      }),
      201,
    );
    // Planned for an interviewer other than itself: what a person's token cannot do.
    const { interview } = await expectStatus(
      call(token, 'POST', '/api/interviews', { ...interviewBody(1), candidateId: candidate.id }),
      201,
    );
    expect(interview.id).toEqual(expect.any(String));

    const { tokens } = await expectStatus(world.admin.get('/api/service-tokens'), 200);
    const listed = tokens.find((entry: { id: string }) => entry.id === serviceToken.id);
    expect(listed).toMatchObject({ name: 'Greenhouse', lastUsedFrom: expect.any(String) });
    expect(listed.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(tokens)).not.toContain(token);

    const { entries } = await expectStatus(world.admin.get('/api/audit?limit=200'), 200);
    const uses = entries.filter(
      (entry: { action: string; subjectId: string }) =>
        entry.action === 'service_token.used' && entry.subjectId === serviceToken.id,
    );
    expect(uses.map((entry: { detail: { route: string } }) => entry.detail.route).sort()).toEqual([
      'POST /api/candidates',
      'POST /api/interviews',
    ]);
    expect(
      entries.some(
        (entry: { action: string; subjectId: string }) =>
          entry.action === 'service_token.created' && entry.subjectId === serviceToken.id,
      ),
    ).toBe(true);

    // The user row that names it as creator cannot sign in: never active, no roles, no password.
    const signIn = await world.anonymous.post('/api/session', { email: uses[0].actorLabel, password: 'x' });
    expect(signIn.status).toBeGreaterThanOrEqual(400);
    expect(signIn.status).toBeLessThan(500);
  });

  it('opens exactly what each scope names, and never tokens, sessions or admin pages', async () => {
    const interviewId = await world.planInterview({ startsAtLocal: '2030-07-10T10:00' });
    // [method, url, body, the scopes that open it]
    const matrix: Array<[string, string, unknown, string[]]> = [
      ['GET', '/api/interviews', undefined, ['interviews:read', 'interviews:plan']],
      ['GET', `/api/interviews/${interviewId}`, undefined, ['interviews:read', 'interviews:plan']],
      ['POST', '/api/interviews', interviewBody(11), ['interviews:plan']],
      ['GET', '/api/candidates', undefined, ['candidates:manage', 'interviews:plan']],
      [
        'POST',
        '/api/candidates',
        { name: 'Matrix Person', email: 'matrix@example.com', timeZone: 'UTC' },
        ['candidates:manage'],
      ],
      ['GET', `/api/interviews/${interviewId}/report`, undefined, ['reports:read']],
      ['GET', '/api/positions', undefined, ['interviews:plan', 'candidates:manage']],
      ['GET', '/api/webhooks', undefined, []],
      ['GET', '/api/audit', undefined, []],
      ['GET', '/api/service-tokens', undefined, []],
      ['POST', '/api/service-tokens', { name: 'x', scopes: ['reports:read'] }, []],
      ['POST', '/api/api-tokens', { label: 'x', scopes: ['cli'] }, []],
      ['GET', '/api/session', undefined, []],
    ];
    for (const scope of ['interviews:read', 'interviews:plan', 'candidates:manage', 'reports:read']) {
      const { token } = await create(`matrix ${scope}`, [scope]);
      for (const [method, url, body, opening] of matrix) {
        const response = await call(token, method, url, body);
        const label = `${scope}: ${method} ${url} → ${response.status} ${JSON.stringify(response.body)}`;
        if (opening.includes(scope)) {
          expect(response.status, label).not.toBe(403);
          expect(response.status, label).toBeLessThan(500);
          expect(response.status, label).not.toBe(401);
        } else {
          expect(response.status, label).toBe(403);
        }
      }
    }
  });

  it('stops working when revoked or expired', async () => {
    const revoked = await create('revoked', ['interviews:read']);
    await expectStatus(call(revoked.token, 'GET', '/api/interviews'), 200);
    await expectStatus(world.admin.delete(`/api/service-tokens/${revoked.serviceToken.id}`), 200);
    expect((await call(revoked.token, 'GET', '/api/interviews')).status).toBe(401);
    expect((await world.admin.delete(`/api/service-tokens/${revoked.serviceToken.id}`)).status).toBe(404);

    const expiring = await create('expiring', ['interviews:read'], 1);
    await expectStatus(call(expiring.token, 'GET', '/api/interviews'), 200);
    now += 86_400_000 + 1_000;
    expect((await call(expiring.token, 'GET', '/api/interviews')).status).toBe(401);
    expect((await call('pws_not-a-token', 'GET', '/api/interviews')).status).toBe(401);
  });

  it('is managed by admins only, with valid names, scopes and expiry', async () => {
    for (const client of [world.navigator, world.lineManager]) {
      expect((await client.get('/api/service-tokens')).status).toBe(403);
      expect((await client.post('/api/service-tokens', { name: 'x', scopes: ['reports:read'] })).status).toBe(
        403,
      );
    }
    for (const body of [
      { name: '', scopes: ['reports:read'] },
      { name: 'x', scopes: [] },
      { name: 'x', scopes: ['admin'] },
      { name: 'x', scopes: ['cli'] },
      { name: 'x', scopes: ['reports:read'], expiresInDays: 0 },
      { name: 'x', scopes: ['reports:read'], owner: 'me' },
    ]) {
      const refused = await world.admin.post('/api/service-tokens', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    expect((await world.admin.delete('/api/service-tokens/not-an-id')).status).toBe(400);
  });
});
