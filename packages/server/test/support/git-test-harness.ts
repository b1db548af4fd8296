import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { CandidateRepositoryStore } from '../../src/platform/git/candidate-repository-store.ts';
import { ClonePackCache } from '../../src/platform/git/clone-pack-cache.ts';
import {
  type GitAuthorizeInput,
  type GitAuthorizeResult,
  registerGitRoutes,
} from '../../src/platform/git/git-http-backend.ts';
import type { PushEvent } from '../../src/platform/git/push-log.ts';
import {
  createTestFolder,
  type ProcessRun,
  removeTestFolder,
  runInTestFolder,
  scratchFolder,
} from './test-process.ts';

/*
 * Shared by the git engine's tests and the clone benchmark: a task snapshot repository, a real
 * Fastify server on 127.0.0.1:0 with the git routes, and the real git client with credentials
 * from a helper (never a prompt, never stored in .git/config).
 */

/** A folder of this test's own: the only kind of place its git commands may run in. */
export const tempDirectory = createTestFolder;

export type GitRun = ProcessRun;

export interface GitClientOptions {
  /** Absolute, inside a folder from `tempDirectory`; omitted: a scratch folder of this test's own. */
  cwd?: string;
  username?: string;
  password?: string;
  /** Extra `-c key=value` settings. */
  config?: Record<string, string>;
  home?: string;
  env?: Record<string, string>;
}

// The helper reads the credentials from the environment, so no value is ever parsed by a shell.
const CREDENTIAL_HELPER =
  '!f() { test "$1" = get || exit 0; printf "username=%s\\npassword=%s\\n" "$PW_TEST_USER" "$PW_TEST_PASSWORD"; }; f';

export async function git(args: readonly string[], options: GitClientOptions = {}): Promise<GitRun> {
  const config: string[] = ['-c', 'credential.helper='];
  if (options.username !== undefined) config.push('-c', `credential.helper=${CREDENTIAL_HELPER}`);
  for (const [key, value] of Object.entries(options.config ?? {})) config.push('-c', `${key}=${value}`);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: options.home ?? os.tmpdir(),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'Casey Candidate',
    GIT_AUTHOR_EMAIL: 'casey@example.com',
    GIT_COMMITTER_NAME: 'Casey Candidate',
    GIT_COMMITTER_EMAIL: 'casey@example.com',
    LC_ALL: 'C',
    PW_TEST_USER: options.username ?? '',
    PW_TEST_PASSWORD: options.password ?? '',
    ...options.env,
  };
  const cwd = 'cwd' in options ? options.cwd : await scratchFolder();
  return runInTestFolder('git', [...config, ...args], { cwd: cwd as string, env });
}

/** Like `git`, but a non-zero exit is a test failure with git's own words in it. */
export async function gitOk(args: readonly string[], options: GitClientOptions = {}): Promise<string> {
  const run = await git(args, options);
  if (run.code !== 0) throw new Error(`git ${args.join(' ')} exited ${run.code}:\n${run.stderr}`);
  return run.stdout;
}

/** A work-tree repository standing in for a task's exported snapshot. */
export async function createTaskSource(
  directory: string,
  files: Record<string, string | Buffer>,
  message = 'Task snapshot',
): Promise<{ path: string; commit: string }> {
  await mkdir(directory, { recursive: true });
  await gitOk(['init', '--quiet', '--initial-branch=main', directory], { cwd: directory });
  await writeFiles(directory, files);
  await gitOk(['add', '--all'], { cwd: directory });
  await gitOk(['commit', '--quiet', '-m', message], { cwd: directory });
  const commit = (await gitOk(['rev-parse', 'HEAD'], { cwd: directory })).trim();
  return { path: directory, commit };
}

export async function writeFiles(directory: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(directory, name);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

export async function commitFiles(
  workTree: string,
  files: Record<string, string | Buffer>,
  message: string,
): Promise<string> {
  await writeFiles(workTree, files);
  await gitOk(['add', '--all'], { cwd: workTree });
  await gitOk(['commit', '--quiet', '-m', message], { cwd: workTree });
  return (await gitOk(['rev-parse', 'HEAD'], { cwd: workTree })).trim();
}

export type Authorize = (input: GitAuthorizeInput) => GitAuthorizeResult | Promise<GitAuthorizeResult>;

export interface GitTestServer {
  app: FastifyInstance;
  baseUrl: string;
  root: string;
  store: CandidateRepositoryStore;
  /** The packs the store makes ahead and the routes serve. */
  clonePacks: ClonePackCache;
  pushes: PushEvent[];
  /** Replaceable per test. */
  setAuthorize(authorize: Authorize): void;
  /** Resolves with the next push recorded (or one already recorded after `since`). */
  nextPush(since?: number): Promise<PushEvent>;
  urlOf(slug: string): string;
  close(): Promise<void>;
}

export async function startGitServer(
  options: {
    authorize?: Authorize;
    onRequest?: (headers: Record<string, unknown>, url: string) => void;
  } = {},
): Promise<GitTestServer> {
  const root = await tempDirectory('git-root');
  const clonePacks = new ClonePackCache();
  const store = new CandidateRepositoryStore({ root, clonePacks });
  const pushes: PushEvent[] = [];
  const waiters: Array<() => void> = [];
  let authorize: Authorize = options.authorize ?? (() => ({ ok: false, status: 403, reason: 'Closed.' }));
  const app = Fastify({ logger: false });
  if (options.onRequest) {
    const observe = options.onRequest;
    app.addHook('onRequest', async (request) => observe(request.headers, request.raw.url ?? ''));
  }
  await registerGitRoutes(app, {
    projectRoot: root,
    clonePacks,
    authorize: (input) => authorize(input),
    onPush: (event) => {
      pushes.push(event);
      for (const wake of waiters.splice(0)) wake();
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    baseUrl,
    root,
    store,
    clonePacks,
    pushes,
    setAuthorize(next) {
      authorize = next;
    },
    nextPush(since = pushes.length) {
      return new Promise((resolve, reject) => {
        const timeout = setTimeout(() => reject(new Error('no push recorded within 5 s')), 5000);
        const check = () => {
          const push = pushes[since];
          if (push) {
            clearTimeout(timeout);
            resolve(push);
          } else waiters.push(check);
        };
        check();
      });
    },
    urlOf: (slug) => `${baseUrl}/git/${slug}.git`,
    async close() {
      await app.close();
      await removeTestFolder(root);
    },
  };
}

/** Credentials per repository, with a switch for the access window, like the app's authorize. */
export function windowedAuthorize(
  credentials: Record<string, { username: string; password: string }>,
  state: { open: boolean; closedReason: string },
): Authorize {
  return ({ slug, username, password }) => {
    const expected = credentials[slug];
    if (!expected || expected.username !== username || expected.password !== password) {
      return { ok: false, status: 401, reason: 'Wrong username or password for this repository.' };
    }
    if (!state.open) return { ok: false, status: 403, reason: state.closedReason };
    return { ok: true, remoteUser: username };
  };
}
