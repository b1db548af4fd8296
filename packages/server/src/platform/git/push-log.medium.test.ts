import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commitFiles,
  createTaskSource,
  git,
  gitOk,
  tempDirectory,
} from '../../../test/support/git-test-harness.ts';
import { CandidateRepositoryStore } from './candidate-repository-store.ts';
import { registerGitRoutes } from './git-http-backend.ts';
import { type PushEvent, parsePushLog } from './push-log.ts';

let work: string;
let root: string;
let spool: string;
const credentials = { username: 'candidate-alpha', password: 'pw-123456789' };

beforeAll(async () => {
  work = await tempDirectory('push-log');
  root = path.join(work, 'repositories');
  spool = path.join(work, 'spool');
  const source = await createTaskSource(path.join(work, 'task'), { 'README.md': 'task\n' });
  await new CandidateRepositoryStore({ root }).create({
    slug: 'interview-a',
    source: source.path,
    commit: source.commit,
  });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function serve(onPush: (event: PushEvent) => void | Promise<void>) {
  const app = Fastify({ logger: false });
  await registerGitRoutes(app, {
    projectRoot: root,
    spoolDirectory: spool,
    authorize: () => ({ ok: true, remoteUser: credentials.username }),
    onPush,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}/git/interview-a.git` };
}

describe('push recording', () => {
  it('keeps a push whose recording failed and replays it at the next start', async () => {
    let failed = 0;
    const first = await serve(() => {
      failed++;
      throw new Error('database is down');
    });
    const clone = path.join(work, 'clone');
    await gitOk(['clone', '--quiet', first.url, clone], credentials);
    const sha = await commitFiles(clone, { 'a.txt': 'a\n' }, 'Pushed while the database was down');
    await gitOk(['push', '--quiet', 'origin', 'main'], { cwd: clone, ...credentials });
    await expect.poll(() => failed).toBe(1);
    await first.app.close();
    expect((await readdir(path.join(spool, 'spool'))).filter((name) => name.endsWith('.push'))).toHaveLength(
      1,
    );

    const replayed: PushEvent[] = [];
    const second = await serve((event) => {
      replayed.push(event);
    });
    expect(replayed).toHaveLength(1);
    expect(replayed[0]).toMatchObject({ slug: 'interview-a', remoteUser: credentials.username });
    expect(replayed[0]?.commits.map((commit) => [commit.sha, commit.message])).toEqual([
      [sha, 'Pushed while the database was down\n'],
    ]);
    expect(await readdir(path.join(spool, 'spool'))).toEqual([]);
    await second.app.close();
  });

  it('records nothing for a push that was refused', async () => {
    const events: PushEvent[] = [];
    const server = await serve((event) => {
      events.push(event);
    });
    const clone = path.join(work, 'clone-2');
    await gitOk(['clone', '--quiet', server.url, clone], credentials);
    await gitOk(['reset', '--quiet', '--hard', 'HEAD~1'], { cwd: clone });
    await commitFiles(clone, { 'b.txt': 'b\n' }, 'Rewrite');
    const run = await git(['push', '--force', 'origin', 'main'], { cwd: clone, ...credentials });
    expect(run.stderr).toContain('[remote rejected]');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events).toEqual([]);
    expect(await readdir(path.join(spool, 'spool'))).toEqual([]);
    await server.app.close();
  });
});

describe('parsePushLog', () => {
  it('reads the hook output, creations as null', () => {
    const zero = '0'.repeat(40);
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    expect(parsePushLog(`remote-user cand\n${zero} ${a} refs/heads/x\n${a} ${b} refs/heads/main\n`)).toEqual({
      remoteUser: 'cand',
      refs: [
        { ref: 'refs/heads/x', before: null, after: a },
        { ref: 'refs/heads/main', before: a, after: b },
      ],
    });
  });
});
