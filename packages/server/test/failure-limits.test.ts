import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/database.ts';
import { Client, createWorld, databases, PASSWORD, startTestServer, type TestServer } from './harness.ts';

describe.each(databases())('failure limits shared by every node (%s)', (database) => {
  // The limits' clock, moved by the test instead of waiting; both nodes read the same one.
  let clock = Date.now();
  const settings = {
    signInAttempts: 3,
    signInWindowSeconds: 60,
    trustProxy: ['127.0.0.1'],
    limitsClock: () => new Date(clock),
  };
  let nodeA: TestServer;
  let nodeB: TestServer;

  beforeAll(async () => {
    nodeA = await startTestServer(database, settings);
    await createWorld(nodeA);
    nodeB = await startTestServer(database, { ...settings, sameDatabaseAs: nodeA });
  });
  afterAll(async () => {
    await nodeB?.close();
    await nodeA?.close();
  });

  /** A sign-in on `node` as a client at `address` behind the trusted proxy. */
  const signIn = (node: TestServer, email: string, address: string, password = PASSWORD) =>
    new Client(node.url).request('POST', '/api/session', { email, password }, { 'x-forwarded-for': address });

  it('counts failures on either node against one limit, and slows only that account from that address', async () => {
    const attacker = '203.0.113.7';
    expect((await signIn(nodeA, 'sam@example.com', attacker, 'guess 1')).status).toBe(401);
    expect((await signIn(nodeB, 'sam@example.com', attacker, 'guess 2')).status).toBe(401);
    expect((await signIn(nodeA, 'sam@example.com', attacker, 'guess 3')).status).toBe(401);
    // Node B saw one failure itself; the shared count is three, so it waits now.
    const slowed = await signIn(nodeB, 'sam@example.com', attacker, 'guess 4');
    expect(slowed.status).toBe(429);
    expect(slowed.body).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/Wait 1 second/),
    });
    // Refused before the password is checked, so the right one gets the same answer there ...
    expect((await signIn(nodeA, 'sam@example.com', attacker)).status).toBe(429);
    // ... while Sam from his own address, and a colleague behind the attacker's, sign in as usual.
    expect((await signIn(nodeA, 'sam@example.com', '198.51.100.2')).status).toBe(200);
    expect((await signIn(nodeB, 'nora@example.com', attacker)).status).toBe(200);
  });

  it('doubles the wait with each further failure and starts over after a success', async () => {
    const address = '203.0.113.8';
    for (let guess = 0; guess < 3; guess++) {
      expect((await signIn(nodeA, 'lena@example.com', address, `guess ${guess}`)).status).toBe(401);
    }
    clock += 1000;
    expect((await signIn(nodeB, 'lena@example.com', address, 'guess 3')).status).toBe(401);
    clock += 1000;
    const waiting = await signIn(nodeA, 'lena@example.com', address);
    expect(waiting.status).toBe(429);
    expect(waiting.body.message).toMatch(/Wait 1 second/);
    clock += 1000;
    expect((await signIn(nodeA, 'lena@example.com', address)).status).toBe(200);
    // The success forgot the count: three free tries again.
    for (let guess = 0; guess < 3; guess++) {
      expect((await signIn(nodeB, 'lena@example.com', address, `again ${guess}`)).status).toBe(401);
    }
  });

  it('slows one password tried on many accounts from one address, ten times the per-account budget', async () => {
    const address = '203.0.113.9';
    for (let account = 0; account < 30; account++) {
      const node = account % 2 === 0 ? nodeA : nodeB;
      expect((await signIn(node, `nobody${account}@example.com`, address, 'Summer2030!')).status).toBe(401);
    }
    expect((await signIn(nodeB, 'nobody99@example.com', address, 'Summer2030!')).status).toBe(429);
    expect((await signIn(nodeA, 'nobody99@example.com', '203.0.113.10', 'Summer2030!')).status).toBe(401);
  });

  it('deletes forgotten counters, which name accounts and addresses', async () => {
    const database = await openDatabase({ dataDir: nodeA.dataDir, databaseUrl: nodeA.databaseUrl });
    const counters = async () =>
      (await database.db.selectFrom('failure_counters').select('key').execute()).map((row) => row.key);
    try {
      expect((await counters()).some((key) => key.startsWith('sign-in|'))).toBe(true);
      clock += 25 * 3600_000;
      expect((await signIn(nodeA, 'nora@example.com', '198.51.100.3')).status).toBe(200);
      expect((await counters()).filter((key) => key.startsWith('sign-in'))).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
