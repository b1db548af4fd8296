import { afterEach, describe, expect, it } from 'vitest';
import { Client, databases, startTestServer, type TestServer } from './harness.ts';

/** A failed sign-in as a client behind the proxy at `forwardedFor` would send it. */
const failSignIn = (server: TestServer, email: string, forwardedFor: string) =>
  new Client(server.url).request(
    'POST',
    '/api/session',
    { email, password: 'not the password' },
    { 'x-forwarded-for': forwardedFor },
  );

describe.each(databases())('behind a reverse proxy (%s)', (database) => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  it('limits sign-ins per client, not per proxy, once TRUST_PROXY names the proxy', async () => {
    const server = await startTestServer(database, { signInAttempts: 2, trustProxy: ['127.0.0.1'] });
    servers.push(server);
    expect((await failSignIn(server, 'alice@example.com', '203.0.113.1')).status).toBe(401);
    expect((await failSignIn(server, 'alice@example.com', '203.0.113.1')).status).toBe(401);
    expect((await failSignIn(server, 'alice@example.com', '203.0.113.1')).status).toBe(429);
    // Another person behind the same proxy is not slowed by the first one's failures.
    expect((await failSignIn(server, 'alice@example.com', '203.0.113.2')).status).toBe(401);
  });

  it('believes no X-Forwarded-For by default: a client cannot pick a fresh address per attempt', async () => {
    const server = await startTestServer(database, { signInAttempts: 2 });
    servers.push(server);
    expect((await failSignIn(server, 'alice@example.com', '203.0.113.1')).status).toBe(401);
    expect((await failSignIn(server, 'alice@example.com', '203.0.113.2')).status).toBe(401);
    expect((await failSignIn(server, 'alice@example.com', '203.0.113.3')).status).toBe(429);
  });
});
