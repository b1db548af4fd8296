import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { type Config, loadConfig, type RunningServer, startServer } from '../src/index.ts';
import { createPostgresDatabase } from './support/postgres-database.ts';
import { SQLITE_FILE } from './support/template-database.ts';

/**
 * A real server on a real database for each test file: SQLite in a temp folder, or, when
 * TEST_DATABASE_URL is set, a fresh PostgreSQL database created for the file and dropped after.
 * Both start as a copy of the run's migrated template (support/template-database.ts).
 */
export interface TestServer extends RunningServer {
  database: 'sqlite' | 'postgres';
  dataDir: string;
  databaseUrl: string | null;
}

export const databases = (): Array<'sqlite' | 'postgres'> =>
  process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** `settings` override the defaults, e.g. `{ smtpUrl }` for a test with a real mail server. */
export async function startTestServer(
  database: 'sqlite' | 'postgres',
  settings: Partial<Config> & { sameDatabaseAs?: TestServer } = {},
): Promise<TestServer> {
  const { sameDatabaseAs, ...config } = settings;
  // A second SQLite node shares the first one's data folder, which holds its database file.
  const sharedDataDir = sameDatabaseAs?.database === 'sqlite' ? sameDatabaseAs.dataDir : null;
  const dataDir = sharedDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-test-'));
  if (database === 'sqlite' && !sharedDataDir) {
    fs.copyFileSync(inject('pairwiseSqliteTemplate'), path.join(dataDir, SQLITE_FILE));
  }
  // A second node on the first one's database, for tests of what crosses nodes.
  let databaseUrl: string | null = sameDatabaseAs?.databaseUrl ?? null;
  let dropDatabase = async () => {};
  if (database === 'postgres' && !databaseUrl) {
    const database = await createPostgresDatabase('pairwise_test', inject('pairwisePostgresTemplate'));
    databaseUrl = database.url;
    dropDatabase = database.drop;
  }
  const server = await startServer({
    ...loadConfig({}),
    logLevel: 'silent',
    // Tests wait for jobs to have run; a short poll keeps each wait short.
    jobPollMs: 100,
    port: 0,
    host: '127.0.0.1',
    ...config,
    dataDir,
    databaseUrl,
    webDistDir: path.join(dataDir, 'no-web'),
  }).catch(async (error: unknown) => {
    // Tests of a refused start leave nothing behind either.
    await dropDatabase();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    ...server,
    database,
    dataDir,
    databaseUrl,
    close: async () => {
      await server.close();
      await dropDatabase();
      if (!sharedDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Response<T = any> {
  status: number;
  body: T;
}

/** A signed-in (or anonymous) HTTP client with its own cookie, like one browser. */
export class Client {
  cookie: string | null = null;

  /** Settable: a test that restarts a server process follows it to its new address. */
  constructor(public baseUrl: string) {}

  async request<T = any>(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (this.cookie) (init.headers as Record<string, string>).cookie = this.cookie;
    if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await fetch(this.baseUrl + url, init);
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const value = setCookie.split(';')[0]!;
      this.cookie = value.endsWith('=') ? null : value;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: response.status, body: parsed as T };
  }

  get = <T = any>(url: string) => this.request<T>('GET', url);
  post = <T = any>(url: string, body: unknown = {}) => this.request<T>('POST', url, body);
  put = <T = any>(url: string, body: unknown) => this.request<T>('PUT', url, body);
  patch = <T = any>(url: string, body: unknown) => this.request<T>('PATCH', url, body);
  delete = <T = any>(url: string) => this.request<T>('DELETE', url);
}

export const PASSWORD = 'correct horse battery staple';

export interface World {
  server: TestServer;
  admin: Client;
  navigator: Client;
  shadow: Client;
  outsider: Client;
  lineManager: Client;
  otherLineManager: Client;
  anonymous: Client;
  ids: Record<
    | 'navigator'
    | 'shadow'
    | 'outsider'
    | 'lineManager'
    | 'otherLineManager'
    | 'position'
    | 'candidate'
    | 'task',
    string
  >;
  planInterview(overrides?: Record<string, unknown>): Promise<string>;
}

async function expectStatus<T>(response: Promise<Response<T>>, status: number): Promise<T> {
  const result = await response;
  if (result.status !== status) {
    throw new Error(`Expected ${status}, got ${result.status}: ${JSON.stringify(result.body)}`);
  }
  return result.body;
}

/** Every role of the authorization rules, signed in through the real API. */
export async function createWorld(server: TestServer): Promise<World> {
  const admin = new Client(server.url);
  const token = new URL(server.setupUrl!).searchParams.get('token');
  await expectStatus(
    admin.post('/api/setup', { token, email: 'admin@example.com', name: 'Ada Admin', password: PASSWORD }),
    201,
  );

  const invite = async (email: string, name: string, roles: string[]) => {
    const { user, invitationUrl } = await expectStatus(admin.post('/api/users', { email, name, roles }), 201);
    const client = new Client(server.url);
    const invitation = new URL(invitationUrl).searchParams.get('token');
    await expectStatus(
      client.post('/api/invitations/accept', { token: invitation, password: PASSWORD }),
      200,
    );
    return { client, id: user.id as string };
  };
  const navigator = await invite('nora@example.com', 'Nora Navigator', ['interviewer']);
  const shadow = await invite('sam@example.com', 'Sam Shadow', ['interviewer']);
  const outsider = await invite('otto@example.com', 'Otto Outsider', ['interviewer']);
  const lineManager = await invite('lena@example.com', 'Lena Manager', ['line_manager']);
  const otherLineManager = await invite('omar@example.com', 'Omar Manager', ['line_manager']);

  const { position } = await expectStatus(
    admin.post('/api/positions', {
      title: 'Backend Engineer',
      level: 'Senior',
      lineManagerId: lineManager.id,
    }),
    201,
  );
  await expectStatus(
    admin.post('/api/positions', {
      title: 'Frontend Engineer',
      level: '',
      lineManagerId: otherLineManager.id,
    }),
    201,
  );
  const { candidate } = await expectStatus(
    navigator.client.post('/api/candidates', {
      name: 'Casey Candidate',
      email: 'casey@example.com',
      timeZone: 'Europe/Berlin',
    }),
    201,
  );
  const { task } = await expectStatus(
    navigator.client.post('/api/tasks', {
      title: 'Shopping list',
      summary: 'Pluralise an inventory report.',
      navigatorGuide: '# Guide\nLook for small steps.',
      setupCommands: ['node --version'],
      testCommand: 'node --test',
      levers: [
        { id: 'hint-tests', direction: 'easier', description: 'Provide the first failing test.' },
        { id: 'irregular', direction: 'harder', description: 'Add irregular plurals.' },
      ],
    }),
    201,
  );
  const ids = {
    navigator: navigator.id,
    shadow: shadow.id,
    outsider: outsider.id,
    lineManager: lineManager.id,
    otherLineManager: otherLineManager.id,
    position: position.id,
    candidate: candidate.id,
    task: task.id,
  };
  return {
    server,
    admin,
    navigator: navigator.client,
    shadow: shadow.client,
    outsider: outsider.client,
    lineManager: lineManager.client,
    otherLineManager: otherLineManager.client,
    anonymous: new Client(server.url),
    ids,
    planInterview: async (overrides = {}) => {
      const { interview } = await expectStatus(
        navigator.client.post('/api/interviews', {
          candidateId: ids.candidate,
          positionId: ids.position,
          taskId: ids.task,
          navigatorId: ids.navigator,
          shadowIds: [ids.shadow],
          startsAtLocal: '2030-03-05T14:00',
          timeZone: 'Europe/Berlin',
          place: 'Room 3',
          // Most tests plan several interviews at this one time; those about overlaps pass false.
          confirmOverlap: true,
          ...overrides,
        }),
        201,
      );
      return interview.id as string;
    },
  };
}

export { expectStatus };
