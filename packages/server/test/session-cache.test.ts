import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, databases, expectStatus, PASSWORD, startTestServer, type TestServer } from './harness.ts';

/**
 * A session is used again for a few seconds without being read (on SQLite by default; decision
 * 043). Everything that ends a session or changes what a request may do takes effect at the very
 * next request all the same: each check below follows a request that put the session in the cache.
 */
describe.each(databases())(
  'a cached session ends with its sign-out, password or account (%s)',
  (database) => {
    let server: TestServer;
    let admin: Client;
    let userId: string;

    const signIn = async () => {
      const client = new Client(server.url);
      await expectStatus(client.post('/api/session', { email: 'pia@example.com', password: PASSWORD }), 200);
      // Read once, so the next request may come from the cache.
      await expectStatus(client.get('/api/session'), 200);
      return client;
    };
    /** Another browser holding the same cookie: it is refused once the session is over. */
    const copyOf = (client: Client) => {
      const copy = new Client(server.url);
      copy.cookie = client.cookie;
      return copy;
    };

    beforeAll(async () => {
      server = await startTestServer(database);
      admin = new Client(server.url);
      const token = new URL(server.setupUrl!).searchParams.get('token');
      await expectStatus(
        admin.post('/api/first-run-setup', {
          token,
          email: 'admin@example.com',
          name: 'Ada',
          password: PASSWORD,
        }),
        201,
      );
      const invited = await expectStatus(
        admin.post('/api/users', { email: 'pia@example.com', name: 'Pia Panel', roles: ['interviewer'] }),
        201,
      );
      userId = invited.user.id;
      await expectStatus(
        new Client(server.url).post('/api/account-invitations/accept', {
          token: new URL(invited.invitationUrl).searchParams.get('token'),
          password: PASSWORD,
        }),
        200,
      );
    });
    afterAll(async () => {
      await server?.close();
    });

    it('refuses a signed-out session at once', async () => {
      const client = await signIn();
      const copy = copyOf(client);
      await expectStatus(client.delete('/api/session'), 200);
      expect((await copy.get('/api/session')).status).toBe(401);
    });

    it('refuses the sessions ended from the account page, one or all others, at once', async () => {
      const laptop = await signIn();
      const phone = await signIn();
      const tablet = await signIn();
      const { sessions } = await expectStatus(laptop.get('/api/account/sessions'), 200);
      const phoneSession = (await expectStatus(phone.get('/api/account/sessions'), 200)).sessions.find(
        (session: { current: boolean }) => session.current,
      );
      expect(sessions.length).toBeGreaterThanOrEqual(3);
      await expectStatus(laptop.delete(`/api/account/sessions/${phoneSession.id}`), 200);
      expect((await phone.get('/api/session')).status).toBe(401);
      await expectStatus(laptop.delete('/api/account/sessions'), 200);
      expect((await tablet.get('/api/session')).status).toBe(401);
      expect((await laptop.get('/api/session')).status).toBe(200);
    });

    it('refuses the other sessions once the password changes', async () => {
      const laptop = await signIn();
      const phone = await signIn();
      await expectStatus(
        laptop.post('/api/account/password', { currentPassword: PASSWORD, newPassword: `${PASSWORD} again` }),
        200,
      );
      expect((await phone.get('/api/session')).status).toBe(401);
      // Back to the shared password for the next test.
      const again = new Client(server.url);
      await expectStatus(
        again.post('/api/session', { email: 'pia@example.com', password: `${PASSWORD} again` }),
        200,
      );
      await expectStatus(
        again.post('/api/account/password', { currentPassword: `${PASSWORD} again`, newPassword: PASSWORD }),
        200,
      );
    });

    it('refuses a deactivated user at once', async () => {
      const client = await signIn();
      await expectStatus(admin.patch(`/api/users/${userId}`, { active: false }), 200);
      expect((await client.get('/api/session')).status).toBe(401);
      await expectStatus(admin.patch(`/api/users/${userId}`, { active: true }), 200);
    });
  },
);
