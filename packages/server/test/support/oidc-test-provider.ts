import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Adapter, type AdapterPayload } from 'oidc-provider';

/**
 * A real, certified OpenID Provider (oidc-provider) inside the test process. Only its login page
 * is the test's own: a form with the account's name and no password, since what is under test is
 * Pairwise's side of the flow. Accounts and their groups are whatever the test sets.
 */
export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, { email: string; email_verified?: boolean; name: string; groups: string[] }>;
  /** Pairwise's redirect URI is known only once it listens; registered then. */
  registerRedirectUri(uri: string): Promise<void>;
  /** Makes every authorization code issued so far expired, as the provider's own clock would. */
  expireAuthorizationCodes(): void;
  close(): Promise<void>;
}

const CLIENT_ID = 'pairwise';
const CLIENT_SECRET = 'test-client-secret-that-is-long-enough-0123456789';

/** Stores what the provider stores, in memory, where the test can reach the codes. */
function memoryAdapter(stores: Map<string, Map<string, AdapterPayload>>) {
  return class MemoryAdapter implements Adapter {
    private readonly store: Map<string, AdapterPayload>;

    constructor(model: string) {
      const store = stores.get(model) ?? new Map<string, AdapterPayload>();
      stores.set(model, store);
      this.store = store;
    }

    async upsert(id: string, payload: AdapterPayload): Promise<void> {
      this.store.set(id, { ...payload });
    }
    async find(id: string): Promise<AdapterPayload | undefined> {
      const payload = this.store.get(id);
      return payload ? { ...payload } : undefined;
    }
    async findByUserCode(): Promise<undefined> {
      return undefined;
    }
    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return [...this.store.values()].find((payload) => payload.uid === uid);
    }
    async consume(id: string): Promise<void> {
      const payload = this.store.get(id);
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string): Promise<void> {
      this.store.delete(id);
    }
    async revokeByGrantId(grantId: string): Promise<void> {
      for (const [id, payload] of this.store) if (payload.grantId === grantId) this.store.delete(id);
    }
  };
}

export async function startTestProvider(): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts: TestProvider['accounts'] = new Map();
  const stores = new Map<string, Map<string, AdapterPayload>>();
  const adapter = memoryAdapter(stores);

  const provider = new Provider(issuer, {
    adapter,
    clients: [],
    // A key of its own, so the provider does not fall back to its published development keys.
    jwks: {
      keys: [generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })],
    },
    cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    scopes: ['openid', 'email', 'profile', 'groups'],
    // PKCE is required for every client here, so a sign-in without it would fail the tests.
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    // Consent is the provider's business, not Pairwise's: every scope asked for is granted.
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope(String(ctx.oidc.params?.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
    ttl: {
      AuthorizationCode: 60,
      Session: 600,
      Interaction: 600,
      Grant: 600,
      AccessToken: 600,
      IdToken: 600,
    },
  });
  const handle = provider.callback();

  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    const match = /^\/interaction\/([\w-]+)$/.exec(request.url ?? '');
    if (!match) return void handle(request, response);
    void (async () => {
      try {
        if (request.method === 'GET') {
          await provider.interactionDetails(request, response);
          response.setHeader('content-type', 'text/html; charset=utf-8');
          response.end(
            `<!doctype html><html lang="en"><title>Company sign-in</title><main><h1>Company sign-in</h1>` +
              `<form method="post" action="/interaction/${match[1]}"><label>Account <input name="login" autofocus></label>` +
              `<button type="submit">Continue</button></form></main></html>`,
          );
          return;
        }
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const login = new URLSearchParams(Buffer.concat(chunks).toString()).get('login') ?? '';
        await provider.interactionFinished(
          request,
          response,
          accounts.has(login) ? { login: { accountId: login } } : { error: 'access_denied' },
          { mergeWithLastSubmission: false },
        );
      } catch (error) {
        response.statusCode = 500;
        response.end(String(error));
      }
    })();
  });

  return {
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    accounts,
    async registerRedirectUri(uri) {
      const clients = stores.get('Client') ?? new Map();
      stores.set('Client', clients);
      clients.set(CLIENT_ID, {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [uri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: 'openid email profile groups',
      });
    },
    expireAuthorizationCodes() {
      const past = Math.floor(Date.now() / 1000) - 1;
      for (const payload of stores.get('AuthorizationCode')?.values() ?? []) payload.exp = past;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
