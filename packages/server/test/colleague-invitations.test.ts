import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, databases, expectStatus, PASSWORD, startTestServer, type TestServer } from './harness.ts';
import { eventually } from './outreach-flows.ts';
import { SmtpSink, textPartOf } from './smtp-sink.ts';

async function signedInAdmin(server: TestServer): Promise<Client> {
  const admin = new Client(server.url);
  const token = new URL(server.setupUrl!).searchParams.get('token');
  await expectStatus(
    admin.post('/api/first-run-setup', {
      token,
      email: 'admin@example.com',
      name: 'Ada Admin',
      password: PASSWORD,
    }),
    201,
  );
  return admin;
}

const tokenOf = (url: string) => new URL(url).searchParams.get('token');
const accept = (server: TestServer, url: string) =>
  new Client(server.url).post('/api/account-invitations/accept', { token: tokenOf(url), password: PASSWORD });

describe.each(databases())('colleague invitations (%s)', (database) => {
  describe('with SMTP', () => {
    const sink = new SmtpSink();
    let server: TestServer;
    let admin: Client;

    beforeAll(async () => {
      const port = await sink.listen();
      server = await startTestServer(database, {
        smtpUrl: `smtp://127.0.0.1:${port}`,
        mailFrom: 'Pairwise at Acme <interviews@acme.example>',
      });
      admin = await signedInAdmin(server);
    });
    afterAll(async () => {
      await server?.close();
      await sink.close();
    });

    const mailTo = (address: string, count: number) =>
      eventually(async () => (sink.to(address).length >= count ? sink.to(address) : null));

    it('mails the invitation with its link and expiry, and lists the user as invited until they accept', async () => {
      const invited = await expectStatus(
        admin.post('/api/users', { email: 'pia@example.com', name: 'Pia Panel', roles: ['interviewer'] }),
        201,
      );
      expect(invited.mailed).toBe(true);
      expect(invited.user.invitationExpiresAt).toBe(invited.expiresAt);
      const [mail] = await mailTo('pia@example.com', 1);
      expect(mail!.subject).toBe('Ada Admin invited you to Pairwise');
      const text = textPartOf(mail!.message);
      expect(text).toContain('as Interviewer.');
      expect(text).toContain(`Choose your password: ${invited.invitationUrl}`);
      const until = new Date(invited.expiresAt);
      expect(text).toContain(
        `${until.getUTCDate()} ${until.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })}`,
      );

      const listed = await expectStatus(admin.get('/api/users'), 200);
      expect(listed.invitationsMailed).toBe(true);
      const pia = listed.users.find((user: { email: string }) => user.email === 'pia@example.com');
      expect(pia.invitationExpiresAt).toBe(invited.expiresAt);
      // The admin can copy the same link again: it is derived, not stored.
      const copied = await expectStatus(admin.get(`/api/users/${invited.user.id}/invitation`), 200);
      expect(copied.invitationUrl).toBe(invited.invitationUrl);

      await expectStatus(accept(server, invited.invitationUrl), 200);
      const after = await expectStatus(admin.get('/api/users'), 200);
      expect(
        after.users.find((user: { email: string }) => user.email === 'pia@example.com').invitationExpiresAt,
      ).toBeNull();
      expect((await admin.get(`/api/users/${invited.user.id}/invitation`)).status).toBe(404);
      expect((await admin.post(`/api/users/${invited.user.id}/invitation`)).status).toBe(409);
    });

    it('sends again with a new link; the previous link stops working', async () => {
      const invited = await expectStatus(
        admin.post('/api/users', { email: 'sam@example.com', name: 'Sam', roles: ['line_manager'] }),
        201,
      );
      await mailTo('sam@example.com', 1);
      const again = await expectStatus(admin.post(`/api/users/${invited.user.id}/invitation`), 200);
      expect(again.mailed).toBe(true);
      expect(again.invitationUrl).not.toBe(invited.invitationUrl);
      const mails = await mailTo('sam@example.com', 2);
      expect(textPartOf(mails[1]!.message)).toContain(again.invitationUrl);
      expect((await accept(server, invited.invitationUrl)).status).toBe(404);
      await expectStatus(accept(server, again.invitationUrl), 200);

      const { entries } = await expectStatus(admin.get('/api/audit?limit=200'), 200);
      expect(entries.map((entry: { action: string }) => entry.action)).toContain(
        'user.invitation_sent_again',
      );
    });

    it('lets only admins copy or resend a link', async () => {
      const invited = await expectStatus(
        admin.post('/api/users', { email: 'ivo@example.com', name: 'Ivo', roles: ['interviewer'] }),
        201,
      );
      const other = await expectStatus(
        admin.post('/api/users', { email: 'una@example.com', name: 'Una', roles: ['interviewer'] }),
        201,
      );
      const ivo = new Client(server.url);
      await expectStatus(
        ivo.post('/api/account-invitations/accept', {
          token: tokenOf(invited.invitationUrl),
          password: PASSWORD,
        }),
        200,
      );
      expect((await ivo.get(`/api/users/${other.user.id}/invitation`)).status).toBe(403);
      expect((await ivo.post(`/api/users/${other.user.id}/invitation`)).status).toBe(403);
      expect((await new Client(server.url).get(`/api/users/${other.user.id}/invitation`)).status).toBe(401);
    });
  });

  describe('without SMTP', () => {
    let server: TestServer;
    let admin: Client;

    beforeAll(async () => {
      server = await startTestServer(database);
      admin = await signedInAdmin(server);
    });
    afterAll(() => server?.close());

    it('mails nothing and keeps nothing in the outbox; the admin copies the link', async () => {
      const invited = await expectStatus(
        admin.post('/api/users', { email: 'kim@example.com', name: 'Kim', roles: ['interviewer'] }),
        201,
      );
      expect(invited.mailed).toBe(false);
      expect((await expectStatus(admin.get('/api/users'), 200)).invitationsMailed).toBe(false);
      const { messages } = await expectStatus(admin.get('/api/outbox'), 200);
      expect(messages).toEqual([]);
      const again = await expectStatus(admin.post(`/api/users/${invited.user.id}/invitation`), 200);
      expect(again.mailed).toBe(false);
      await expectStatus(accept(server, again.invitationUrl), 200);
    });

    it('answers the old accept path with a permanent redirect for a release, which a client follows', async () => {
      const invited = await expectStatus(
        admin.post('/api/users', { email: 'lou@example.com', name: 'Lou', roles: ['interviewer'] }),
        201,
      );
      const body = JSON.stringify({ token: tokenOf(invited.invitationUrl), password: PASSWORD });
      const headers = { 'content-type': 'application/json' };
      const moved = await fetch(`${server.url}/api/invitations/accept`, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
      });
      expect(moved.status).toBe(308);
      expect(moved.headers.get('location')).toBe('/api/account-invitations/accept');
      // 308 keeps the method and body: an older client still accepts the invitation.
      const followed = await new Client(server.url).post('/api/invitations/accept', JSON.parse(body));
      expect(followed.status).toBe(200);
      expect(followed.body.user.email).toBe('lou@example.com');
    });
  });
});
