import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSecurity } from '../src/platform/http/security.ts';
import {
  Client,
  createWorld,
  databases,
  PASSWORD,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';

/** Writes behind the app's back, to move a session's clock without waiting hours. */
async function execute(server: TestServer, statement: string): Promise<void> {
  if (server.database === 'sqlite') {
    const db = new SqliteDatabase(path.join(server.dataDir, 'pairwise.sqlite'));
    db.pragma('busy_timeout = 5000');
    db.exec(statement);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: server.databaseUrl! });
  await client.connect();
  await client.query(statement);
  await client.end();
}

async function signIn(server: TestServer, email: string, password = PASSWORD) {
  const client = new Client(server.url);
  const response = await client.post('/api/session', { email, password });
  return { client, response };
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();

describe.each(databases())('security (%s)', (database) => {
  let server: TestServer;
  let world: World;
  // The failure limits' clock, moved instead of waiting.
  let clock = Date.now();

  beforeAll(async () => {
    server = await startTestServer(database, {
      // Sessions are moved in the database behind the server's back here, which a cached session
      // would not see for a few seconds; sign-outs and role changes through the server forget it.
      sessionCacheSeconds: 0,
      signInAttempts: 3,
      signInWindowSeconds: 1,
      limitsClock: () => new Date(clock),
    });
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  it('sets security headers on every answer, without HSTS over http', async () => {
    const response = await fetch(`${server.url}/api/health`);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('strict-transport-security')).toBeNull();
    const missing = await fetch(`${server.url}/api/no-such-route`);
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses state-changing requests from another site', async () => {
    const body = { title: 'Forged', level: '', lineManagerId: world.ids.lineManager };
    const forged = await world.admin.request('POST', '/api/positions', body, {
      origin: 'https://evil.example',
    });
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('forbidden');
    const crossSite = await world.admin.request('POST', '/api/positions', body, {
      'sec-fetch-site': 'cross-site',
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    const sibling = await world.admin.request('DELETE', '/api/session', undefined, {
      'sec-fetch-site': 'same-site',
    });
    expect(sibling.status).toBe(403);
    expect((await world.admin.get('/api/session')).status).toBe(200);
    // Our own pages, and clients that are no browser (the CLI, curl), are let through.
    const own = await world.admin.request('POST', '/api/positions', body, {
      origin: new URL(server.url).origin,
      'sec-fetch-site': 'same-origin',
    });
    expect(own.status).toBe(201);
    expect((await world.admin.post('/api/positions', body)).status).toBe(201);
    // Reading is not state-changing: a cross-site GET still gets its answer (CORS keeps it unreadable).
    const read = await world.admin.request('GET', '/api/session', undefined, {
      origin: 'https://evil.example',
    });
    expect(read.status).toBe(200);
  });

  it('slows failed sign-ins per account and address with a 429 that recovers', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await signIn(server, 'sam@example.com', 'wrong password!')).response.status).toBe(401);
    }
    const limited = await signIn(server, 'sam@example.com');
    expect(limited.response.status).toBe(429);
    expect(limited.response.body).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/wait/i),
    });
    // A colleague at the same address is not slowed by Sam's mistakes (failure-limits.test.ts
    // covers other addresses, the per-address budget and two nodes).
    expect((await signIn(server, 'nora@example.com')).response.status).toBe(200);
    clock += 1000;
    expect((await signIn(server, 'sam@example.com')).response.status).toBe(200);
  });

  it('starts a fresh session at every sign-in', async () => {
    const { client } = await signIn(server, 'nora@example.com');
    const first = client.cookie;
    await client.post('/api/session', { email: 'nora@example.com', password: PASSWORD });
    expect(client.cookie).not.toBe(first);
    const planted = new Client(server.url);
    planted.cookie = first;
    expect((await planted.get('/api/session')).status).toBe(200);
  });

  it('ends sessions after inactivity and after their absolute lifetime', async () => {
    const { client: idle } = await signIn(server, 'lena@example.com');
    const { client: old } = await signIn(server, 'lena@example.com');
    expect((await idle.get('/api/session')).status).toBe(200);
    const idleToken = (await idle.get('/api/account/sessions')).body.sessions.find(
      (session: { current: boolean }) => session.current,
    );
    expect(idleToken).toBeTruthy();
    // Every session of Lena's looks idle for 13 hours (the default limit is 12) ...
    await execute(
      server,
      `UPDATE sessions SET last_seen_at = '${hoursAgo(13)}', created_at = '${hoursAgo(13)}' WHERE user_id = '${world.ids.lineManager}'`,
    );
    expect((await idle.get('/api/session')).status).toBe(401);
    // ... and a session past its absolute end is over however busy it was.
    const { client: busy } = await signIn(server, 'lena@example.com');
    await execute(
      server,
      `UPDATE sessions SET expires_at = '${hoursAgo(1)}' WHERE user_id = '${world.ids.lineManager}'`,
    );
    expect((await busy.get('/api/session')).status).toBe(401);
    expect((await old.get('/api/session')).status).toBe(401);
    world.lineManager = (await signIn(server, 'lena@example.com')).client;
  });

  it('lists your sessions and ends the others', async () => {
    const { client: laptop } = await signIn(server, 'otto@example.com');
    const { client: phone } = await signIn(server, 'otto@example.com');
    const { body } = await laptop.get('/api/account/sessions');
    const current = body.sessions.filter((session: { current: boolean }) => session.current);
    expect(current).toHaveLength(1);
    const phoneSessions = (await phone.get('/api/account/sessions')).body.sessions;
    const phoneId = phoneSessions.find((session: { current: boolean }) => session.current).id;
    expect((await laptop.delete(`/api/account/sessions/${phoneId}`)).status).toBe(200);
    expect((await phone.get('/api/session')).status).toBe(401);
    // Another user's session id is not yours to end.
    expect((await world.navigator.delete(`/api/account/sessions/${current[0].id}`)).status).toBe(404);
    expect((await laptop.get('/api/session')).status).toBe(200);

    const { client: tablet } = await signIn(server, 'otto@example.com');
    const ended = await laptop.delete('/api/account/sessions');
    expect(ended.body.ended).toBeGreaterThanOrEqual(1);
    expect((await tablet.get('/api/session')).status).toBe(401);
    expect((await world.outsider.get('/api/session')).status).toBe(401);
    expect((await laptop.get('/api/session')).status).toBe(200);
    world.outsider = laptop;
  });

  it('ends every other session when the password changes', async () => {
    const { client: other } = await signIn(server, 'omar@example.com');
    const { client: me } = await signIn(server, 'omar@example.com');
    const wrong = await me.post('/api/account/password', {
      currentPassword: 'not it at all',
      newPassword: 'a brand new password',
    });
    expect(wrong.status).toBe(422);
    const before = me.cookie;
    const changed = await me.post('/api/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new password',
    });
    expect(changed.status).toBe(200);
    expect(me.cookie).not.toBe(before);
    expect((await me.get('/api/session')).status).toBe(200);
    expect((await other.get('/api/session')).status).toBe(401);
    expect((await signIn(server, 'omar@example.com', 'a brand new password')).response.status).toBe(200);
  });

  it("ends a user's sessions when an admin disables them", async () => {
    const { client: sam } = await signIn(server, 'sam@example.com');
    expect((await sam.patch(`/api/users/${world.ids.shadow}`, { active: false })).status).toBe(403);
    const disabled = await world.admin.patch(`/api/users/${world.ids.shadow}`, { active: false });
    expect(disabled.status).toBe(200);
    expect(disabled.body.user.active).toBe(false);
    expect((await sam.get('/api/session')).status).toBe(401);
    expect((await world.shadow.get('/api/session')).status).toBe(401);
    expect((await signIn(server, 'sam@example.com')).response.status).toBe(401);
    expect((await world.admin.patch(`/api/users/${world.ids.shadow}`, { active: true })).status).toBe(200);
    const back = await signIn(server, 'sam@example.com');
    expect(back.response.status).toBe(200);
    world.shadow = back.client;
  });

  it('records sign-ins, staff reads and changes in an audit log only an admin reads', async () => {
    const interviewId = await world.planInterview({ startsAtLocal: '2030-05-01T10:00' });
    expect((await world.navigator.get(`/api/interviews/${interviewId}`)).status).toBe(200);
    expect((await world.navigator.get(`/api/interviews/${interviewId}/notes`)).status).toBe(200);
    // A refused read is no read of candidate data.
    expect((await world.outsider.get(`/api/interviews/${interviewId}/notes`)).status).toBe(404);

    const { body } = await world.admin.get(`/api/audit?candidateId=${world.ids.candidate}`);
    const reads = body.entries.filter(
      (entry: { action: string; subjectId: string }) =>
        entry.action === 'interview.read' && entry.subjectId === interviewId,
    );
    expect(reads.map((entry: { detail: { route: string } }) => entry.detail.route).sort()).toEqual([
      'GET /api/interviews/:id',
      'GET /api/interviews/:id/notes',
    ]);
    expect(reads.every((entry: { actorLabel: string }) => entry.actorLabel === 'nora@example.com')).toBe(
      true,
    );
    expect(body.entries.some((entry: { action: string }) => entry.action === 'interview.planned')).toBe(true);

    const all = (await world.admin.get('/api/audit?limit=200')).body.entries as Array<{ action: string }>;
    expect(all.some((entry) => entry.action === 'session.sign_in')).toBe(true);
    expect(all.some((entry) => entry.action === 'session.sign_in_failed')).toBe(true);
    expect(all.some((entry) => entry.action === 'user.disabled')).toBe(true);
    const byUser = await world.admin.get(`/api/audit?userId=${world.ids.navigator}`);
    expect(byUser.body.entries.length).toBeGreaterThan(0);
    const future = await world.admin.get(`/api/audit?from=${encodeURIComponent('2100-01-01T00:00:00Z')}`);
    expect(future.body.entries).toEqual([]);

    const csv = await fetch(`${server.url}/api/audit.csv?candidateId=${world.ids.candidate}`, {
      headers: { cookie: world.admin.cookie! },
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe(
      'at,actor,actor_id,action,subject_type,subject_id,candidate_id,ip,detail',
    );
    expect(text).toContain('interview.read');
    expect((await world.navigator.get('/api/audit')).status).toBe(403);
    // Append-only: nothing in the app edits or deletes an entry.
    const someId = body.entries[0].id;
    expect((await world.admin.delete(`/api/audit/${someId}`)).status).toBe(404);
    expect((await world.admin.request('PATCH', `/api/audit/${someId}`, {})).status).toBe(404);
    // The candidate directory is personal data too.
    await world.navigator.get('/api/candidates');
    const directory = await world.admin.get(`/api/audit?userId=${world.ids.navigator}`);
    expect(directory.body.entries[0]).toMatchObject({
      action: 'candidates.read',
      actorLabel: 'nora@example.com',
    });
  });
});

describe('security headers over https', () => {
  it('adds HSTS and upgrades insecure requests only when PUBLIC_URL is https', async () => {
    for (const publicUrl of ['https://pairwise.example.com', 'http://pairwise.local:3000']) {
      const fastify = Fastify();
      await registerSecurity(fastify, { publicUrl });
      fastify.get('/api/health', async () => ({ ok: true }));
      const response = await fastify.inject({ url: '/api/health' });
      const https = publicUrl.startsWith('https:');
      expect(response.headers['strict-transport-security'] !== undefined).toBe(https);
      expect(String(response.headers['content-security-policy']).includes('upgrade-insecure-requests')).toBe(
        https,
      );
      await fastify.close();
    }
  });
});
