import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/database.ts';
import { Client, databases, PASSWORD, startTestServer, type TestServer } from './harness.ts';

const tokenOf = (server: TestServer) => new URL(server.setupUrl!).searchParams.get('token')!;
const admin = (email: string) => ({ email, name: 'Ada Admin', password: PASSWORD });

/** Pretends every setup link in the server's database was printed `minutes` ago. */
async function ageLinks(server: TestServer, minutes: number) {
  const handle = await openDatabase({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
  try {
    await handle.db
      .updateTable('settings')
      .set({ value: DateTime.utc().minus({ minutes }).toISO() })
      .where('key', 'like', 'setup_token_hash:%')
      .execute();
  } finally {
    await handle.close();
  }
}

describe.each(databases())('the first start’s setup link (%s)', (database) => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0).reverse()) await server.close();
  });

  it('creates exactly one admin, and works once', async () => {
    const server = await startTestServer(database);
    servers.push(server);
    const client = new Client(server.url);
    const wrong = await client.post('/api/first-run-setup', {
      token: 'x'.repeat(43),
      ...admin('eve@example.com'),
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.message).toMatch(/not valid/);

    const token = tokenOf(server);
    expect((await client.post('/api/first-run-setup', { token, ...admin('ada@example.com') })).status).toBe(
      201,
    );
    const again = await new Client(server.url).post('/api/first-run-setup', {
      token,
      ...admin('eve@example.com'),
    });
    expect(again.status).toBe(403);
    expect((await client.get('/api/first-run-setup')).body).toMatchObject({ needed: false });
  });

  it('answers the old /api/setup paths with a permanent redirect for a release, which a client follows', async () => {
    const server = await startTestServer(database);
    servers.push(server);
    const status = await fetch(`${server.url}/api/setup`, { redirect: 'manual' });
    expect(status.status).toBe(308);
    expect(status.headers.get('location')).toBe('/api/first-run-setup');
    const body = JSON.stringify({ token: tokenOf(server), ...admin('ada@example.com') });
    const moved = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      redirect: 'manual',
    });
    expect(moved.status).toBe(308);
    expect(moved.headers.get('location')).toBe('/api/first-run-setup');
    // 308 keeps the method and body: an older client still creates the first admin.
    const client = new Client(server.url);
    expect((await client.post('/api/setup', JSON.parse(body))).status).toBe(201);
    expect((await client.get('/api/setup')).body).toMatchObject({ needed: false });
  });

  it('refuses a link printed more than a day ago', async () => {
    const server = await startTestServer(database);
    servers.push(server);
    await ageLinks(server, 24 * 60 + 1);
    const client = new Client(server.url);
    const old = await client.post('/api/first-run-setup', {
      token: tokenOf(server),
      ...admin('ada@example.com'),
    });
    expect(old.status).toBe(403);
    expect(old.body.message).toMatch(/for 24 hours\). Restart Pairwise/);
    expect((await client.get('/api/first-run-setup')).body).toMatchObject({ needed: true });
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('setup links from two nodes on one database (postgres)', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0).reverse()) await server.close();
  });

  it("keeps the first node's link working after a second node starts, and consumes both", async () => {
    const nodeA = await startTestServer('postgres');
    servers.push(nodeA);
    const nodeB = await startTestServer('postgres', { sameDatabaseAs: nodeA });
    servers.push(nodeB);
    const first = await new Client(nodeA.url).post('/api/first-run-setup', {
      token: tokenOf(nodeA),
      ...admin('ada@example.com'),
    });
    expect(first.status).toBe(201);
    const second = await new Client(nodeB.url).post('/api/first-run-setup', {
      token: tokenOf(nodeB),
      ...admin('eve@example.com'),
    });
    expect(second.status).toBe(403);
  });

  it('voids links printed more than a few minutes before a later start, as after a leak', async () => {
    const nodeA = await startTestServer('postgres');
    servers.push(nodeA);
    await ageLinks(nodeA, 11);
    const nodeB = await startTestServer('postgres', { sameDatabaseAs: nodeA });
    servers.push(nodeB);
    const leaked = await new Client(nodeA.url).post('/api/first-run-setup', {
      token: tokenOf(nodeA),
      ...admin('eve@example.com'),
    });
    expect(leaked.status).toBe(403);
    const fresh = await new Client(nodeB.url).post('/api/first-run-setup', {
      token: tokenOf(nodeB),
      ...admin('ada@example.com'),
    });
    expect(fresh.status).toBe(201);
  });

  it('lets only one of two links used at the same moment create the admin', async () => {
    const nodeA = await startTestServer('postgres');
    servers.push(nodeA);
    const nodeB = await startTestServer('postgres', { sameDatabaseAs: nodeA });
    servers.push(nodeB);
    expect(tokenOf(nodeB)).not.toBe(tokenOf(nodeA));

    const [first, second] = await Promise.all([
      new Client(nodeA.url).post('/api/first-run-setup', {
        token: tokenOf(nodeA),
        ...admin('ada@example.com'),
      }),
      new Client(nodeB.url).post('/api/first-run-setup', {
        token: tokenOf(nodeB),
        ...admin('eve@example.com'),
      }),
    ]);
    expect([first.status, second.status].sort()).toEqual([201, 403]);
    const signIn = async (email: string) =>
      (await new Client(nodeA.url).post('/api/session', { email, password: PASSWORD })).status;
    const winner = first.status === 201 ? 'ada@example.com' : 'eve@example.com';
    const loser = first.status === 201 ? 'eve@example.com' : 'ada@example.com';
    expect(await signIn(winner)).toBe(200);
    expect(await signIn(loser)).not.toBe(200);
  });
});
