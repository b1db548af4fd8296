import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, databases, expectStatus, PASSWORD, startTestServer, type TestServer } from './harness.ts';
import { FlowBrowser } from './single-sign-on-flows.ts';
import { startTestProvider, type TestProvider } from './support/oidc-test-provider.ts';

const MAPPING = [
  { group: 'hiring-admins', role: 'admin' },
  { group: 'engineers', role: 'interviewer' },
  { group: 'managers', role: 'line_manager' },
];

describe.each(databases())('single sign-on through an OpenID Provider (%s)', (database) => {
  let provider: TestProvider;
  let server: TestServer;
  let admin: Client;

  beforeAll(async () => {
    provider = await startTestProvider();
    server = await startTestServer(database, {
      singleSignOn: {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        groupsClaim: 'groups',
        scopes: 'openid email profile groups',
      },
    });
    await provider.registerRedirectUri(`${server.url}/api/auth/oidc/callback`);
    admin = new Client(server.url);
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
    await expectStatus(
      admin.put('/api/admin/single-sign-on', {
        groupRoles: MAPPING,
        localPasswords: true,
        breakGlassAdminId: null,
      }),
      200,
    );
  });
  afterAll(async () => {
    await server?.close();
    await provider?.close();
  });

  const sessionOf = (browser: FlowBrowser) => {
    const client = new Client(server.url);
    client.cookie = `pw_session=${browser.session}`;
    return client;
  };
  const auditActions = async () => {
    const { entries } = await expectStatus(admin.get('/api/audit?limit=200'), 200);
    return entries as Array<{ action: string; actorLabel: string; detail: Record<string, unknown> }>;
  };

  it('offers the provider on the sign-in page', async () => {
    const options = await expectStatus(new Client(server.url).get('/api/auth/options'), 200);
    expect(options).toEqual({ singleSignOn: true, localPasswords: true });
  });

  it('creates the user with the mapped role at the first sign-in, with PKCE, state and nonce', async () => {
    provider.accounts.set('ines', {
      email: 'Ines@Example.com',
      name: 'Ines Interviewer',
      groups: ['engineers'],
    });
    const browser = new FlowBrowser();
    const authorizationUrl = await browser.start(server.url, '/interviews?view=mine');
    const asked = new URL(authorizationUrl).searchParams;
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(asked.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(asked.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(asked.get('redirect_uri')).toBe(`${server.url}/api/auth/oidc/callback`);

    const landing = await browser.finish(await browser.atProvider(provider, authorizationUrl, 'ines'));
    expect(landing).toBe('/interviews?view=mine');
    const { user } = await expectStatus(sessionOf(browser).get('/api/session'), 200);
    expect(user).toMatchObject({
      email: 'ines@example.com',
      name: 'Ines Interviewer',
      roles: ['interviewer'],
    });

    const entries = await auditActions();
    expect(entries.find((entry) => entry.action === 'user.provisioned')?.actorLabel).toBe('ines@example.com');
    const signIn = entries.find(
      (entry) => entry.action === 'session.sign_in' && entry.actorLabel === 'ines@example.com',
    );
    expect(signIn?.detail).toMatchObject({ method: 'oidc', issuer: provider.issuer, roles: ['interviewer'] });
  });

  it('follows the groups at each sign-in: a removed group removes its role, no group ends the sessions', async () => {
    provider.accounts.set('lars', {
      email: 'lars@example.com',
      name: 'Lars Lead',
      groups: ['engineers', 'managers', 'unmapped'],
    });
    const first = new FlowBrowser();
    await first.signIn(server.url, provider, 'lars');
    expect((await expectStatus(sessionOf(first).get('/api/session'), 200)).user.roles).toEqual([
      'interviewer',
      'line_manager',
    ]);

    provider.accounts.set('lars', { email: 'lars@example.com', name: 'Lars Lead', groups: ['engineers'] });
    const second = new FlowBrowser();
    expect(await second.signIn(server.url, provider, 'lars')).toBe('/');
    // The role is gone for the earlier session too: roles are read per request.
    expect((await expectStatus(sessionOf(first).get('/api/session'), 200)).user.roles).toEqual([
      'interviewer',
    ]);

    provider.accounts.set('lars', { email: 'lars@example.com', name: 'Lars Lead', groups: [] });
    expect(await new FlowBrowser().signIn(server.url, provider, 'lars')).toBe('/sign-in?sso=no_group');
    expect((await sessionOf(second).get('/api/session')).status).toBe(401);
    const changes = (await auditActions()).filter(
      (entry) => entry.action === 'user.roles_changed' && entry.actorLabel === 'lars@example.com',
    );
    // Newest first: none left, then interviewer only (the first sign-in created Lars with both).
    expect(changes.map((entry) => entry.detail.to)).toEqual([[], ['interviewer']]);
  });

  it('refuses a callback whose state is not the one this browser sent', async () => {
    provider.accounts.set('sven', { email: 'sven@example.com', name: 'Sven', groups: ['engineers'] });
    const browser = new FlowBrowser();
    const callback = new URL(await browser.atProvider(provider, await browser.start(server.url), 'sven'));
    callback.searchParams.set('state', 'x'.repeat(43));
    expect(await browser.finish(callback.toString())).toBe('/sign-in?sso=state');
    expect(browser.session).toBeUndefined();
  });

  it("refuses another browser's callback (a code replayed or planted elsewhere)", async () => {
    provider.accounts.set('vera', { email: 'vera@example.com', name: 'Vera', groups: ['engineers'] });
    const victim = new FlowBrowser();
    await victim.start(server.url);
    const attacker = new FlowBrowser();
    const callback = await attacker.atProvider(provider, await attacker.start(server.url), 'vera');
    expect(await victim.finish(callback)).toBe('/sign-in?sso=state');
    expect(victim.session).toBeUndefined();
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    provider.accounts.set('nina', { email: 'nina@example.com', name: 'Nina', groups: ['engineers'] });
    const browser = new FlowBrowser();
    const authorizationUrl = new URL(await browser.start(server.url));
    authorizationUrl.searchParams.set('nonce', 'a-nonce-this-sign-in-never-sent-0123456789');
    const callback = await browser.atProvider(provider, authorizationUrl.toString(), 'nina');
    expect(await browser.finish(callback)).toBe('/sign-in?sso=nonce');
    expect(browser.session).toBeUndefined();
    const failure = (await auditActions()).find(
      (entry) => entry.action === 'session.sign_in_failed' && entry.detail.reason === 'nonce',
    );
    expect(failure?.detail.method).toBe('oidc');
  });

  it('refuses an expired code, and a code used once already', async () => {
    provider.accounts.set('emil', { email: 'emil@example.com', name: 'Emil', groups: ['engineers'] });
    const late = new FlowBrowser();
    const expiring = await late.atProvider(provider, await late.start(server.url), 'emil');
    provider.expireAuthorizationCodes();
    expect(await late.finish(expiring)).toBe('/sign-in?sso=code');
    expect(late.session).toBeUndefined();

    const browser = new FlowBrowser();
    const callback = await browser.atProvider(provider, await browser.start(server.url), 'emil');
    expect(await browser.finish(callback)).toBe('/');
    const replay = new FlowBrowser();
    replay.cookies.set('pw_sso', 'a-cookie-from-a-finished-sign-in');
    expect(await replay.finish(callback)).toBe('/sign-in?sso=expired');
    // The same browser again: its sign-in was used up by the first callback.
    browser.cookies.delete('pw_session');
    expect(await browser.finish(callback)).toBe('/sign-in?sso=expired');
    expect(browser.session).toBeUndefined();
  });

  it('refuses someone in no mapped group, and a provider error, without creating anyone', async () => {
    provider.accounts.set('sara', { email: 'sara@example.com', name: 'Sara Sales', groups: ['sales'] });
    expect(await new FlowBrowser().signIn(server.url, provider, 'sara')).toBe('/sign-in?sso=no_group');
    expect(await new FlowBrowser().signIn(server.url, provider, 'nobody-at-the-provider')).toBe(
      '/sign-in?sso=provider',
    );
    const { users } = await expectStatus(admin.get('/api/users'), 200);
    expect(users.map((user: { email: string }) => user.email)).not.toContain('sara@example.com');
  });

  it('links an account made before single sign-on only when the provider confirmed the address', async () => {
    const { user } = await expectStatus(
      admin.post('/api/users', { email: 'olga@example.com', name: 'Olga', roles: ['interviewer'] }),
      201,
    );
    provider.accounts.set('olga-unverified', {
      email: 'olga@example.com',
      name: 'Olga',
      groups: ['engineers'],
    });
    expect(await new FlowBrowser().signIn(server.url, provider, 'olga-unverified')).toBe(
      '/sign-in?sso=email_taken',
    );
    provider.accounts.set('olga', {
      email: 'olga@example.com',
      email_verified: true,
      name: 'Olga',
      groups: ['engineers', 'managers'],
    });
    const browser = new FlowBrowser();
    expect(await browser.signIn(server.url, provider, 'olga')).toBe('/');
    const session = await expectStatus(sessionOf(browser).get('/api/session'), 200);
    expect(session.user).toMatchObject({ id: user.id, roles: ['interviewer', 'line_manager'] });
  });

  it('goes on only to a path on this server after signing in', async () => {
    for (const next of [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      const answer = await new FlowBrowser().go(
        `${server.url}/api/auth/oidc/start?next=${encodeURIComponent(next)}`,
      );
      expect(answer.status, next).toBe(400);
      expect(JSON.parse(answer.text)).toMatchObject({
        code: 'invalid_request',
        fields: { next: expect.any(String) },
      });
    }
  });

  it('switches passwords off for everyone but the break-glass admin, audited', async () => {
    const { invitationUrl } = await expectStatus(
      admin.post('/api/users', { email: 'pia@example.com', name: 'Pia', roles: ['interviewer'] }),
      201,
    );
    const { user: paul, invitationUrl: paulsLink } = await expectStatus(
      admin.post('/api/users', { email: 'paul@example.com', name: 'Paul', roles: ['interviewer'] }),
      201,
    );
    await expectStatus(
      new Client(server.url).post('/api/account-invitations/accept', {
        token: new URL(paulsLink).searchParams.get('token'),
        password: PASSWORD,
      }),
      200,
    );
    const withoutBreakGlass = await admin.put('/api/admin/single-sign-on', {
      groupRoles: MAPPING,
      localPasswords: false,
      breakGlassAdminId: null,
    });
    expect(withoutBreakGlass.status).toBe(400);
    expect(withoutBreakGlass.body.fields.breakGlassAdminId).toBeTruthy();
    const notAnAdmin = await admin.put('/api/admin/single-sign-on', {
      groupRoles: MAPPING,
      localPasswords: false,
      breakGlassAdminId: paul.id,
    });
    expect(notAnAdmin.status).toBe(422);

    const { user: me } = await expectStatus(admin.get('/api/session'), 200);
    const settings = await expectStatus(
      admin.put('/api/admin/single-sign-on', {
        groupRoles: MAPPING,
        localPasswords: false,
        breakGlassAdminId: me.id,
      }),
      200,
    );
    expect(settings).toMatchObject({ configured: true, localPasswords: false, breakGlassAdminId: me.id });

    const paulSignIn = await new Client(server.url).post('/api/session', {
      email: 'paul@example.com',
      password: PASSWORD,
    });
    expect(paulSignIn.status).toBe(403);
    const pia = await new Client(server.url).post('/api/account-invitations/accept', {
      token: new URL(invitationUrl).searchParams.get('token'),
      password: PASSWORD,
    });
    expect(pia.status).toBe(403);
    await expectStatus(
      new Client(server.url).post('/api/session', { email: 'admin@example.com', password: PASSWORD }),
      200,
    );
    expect(await expectStatus(new Client(server.url).get('/api/auth/options'), 200)).toEqual({
      singleSignOn: true,
      localPasswords: false,
    });

    const change = (await auditActions()).find(
      (entry) =>
        entry.action === 'single_sign_on.settings_changed' &&
        entry.detail.after &&
        (entry.detail.after as { localPasswords: boolean }).localPasswords === false,
    );
    expect(change?.detail.before).toMatchObject({ localPasswords: true });
    await expectStatus(
      admin.put('/api/admin/single-sign-on', {
        groupRoles: MAPPING,
        localPasswords: true,
        breakGlassAdminId: null,
      }),
      200,
    );
  });

  it('lets only admins read or change the mapping', async () => {
    provider.accounts.set('ivo', { email: 'ivo@example.com', name: 'Ivo', groups: ['engineers'] });
    const browser = new FlowBrowser();
    await browser.signIn(server.url, provider, 'ivo');
    const interviewer = sessionOf(browser);
    expect((await interviewer.get('/api/admin/single-sign-on')).status).toBe(403);
    expect(
      (
        await interviewer.put('/api/admin/single-sign-on', {
          groupRoles: [],
          localPasswords: true,
          breakGlassAdminId: null,
        })
      ).status,
    ).toBe(403);
    expect((await new Client(server.url).get('/api/admin/single-sign-on')).status).toBe(401);
  });
});
