import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/index.ts';
import { inviteToRepository, listenLive } from './candidate-repository-flows.ts';
import { Client, createWorld, databases, expectStatus, type TestServer } from './harness.ts';
import { commitFiles, gitOk } from './support/git-test-harness.ts';
import { createPostgresDatabase } from './support/postgres-database.ts';
import { createTestFolderSync } from './support/test-process.ts';

/**
 * A push whose recording a crash interrupted: git updated the refs and the post-receive hook
 * left its log in the spool, but the server stopped before storing it. The next start replays
 * the spool; a log whose push was already stored (crash after the commit, before the log was
 * removed) must not be stored twice.
 */
describe.each(databases())('pushes interrupted by a crash (%s)', (database) => {
  const dataDir = createTestFolderSync('replay');
  let databaseUrl: string | null = null;
  let dropDatabase = async () => {};
  let running: RunningServer | null = null;

  async function start(): Promise<RunningServer> {
    running = await startServer({
      dataDir,
      databaseUrl,
      port: 0,
      host: '127.0.0.1',
      webDistDir: path.join(dataDir, 'no-web'),
    });
    return running;
  }

  afterAll(async () => {
    await running?.close();
    await dropDatabase();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('records each push exactly once at the next start', async () => {
    if (database === 'postgres') {
      const database = await createPostgresDatabase('pairwise_replay');
      databaseUrl = database.url;
      dropDatabase = database.drop;
    }
    const first = await start();
    const world = await createWorld({ ...first, database, dataDir, databaseUrl } as TestServer);
    const id = await world.planInterview();
    const block = await inviteToRepository(world.navigator, id);
    const login = { username: block.username!, password: block.password! };
    const clone = path.join(dataDir, 'clone');
    await gitOk(['clone', '--quiet', block.cloneUrl!, clone], login);
    const live = await listenLive(first.url, world.navigator, id);
    await commitFiles(clone, { 'one.txt': '1\n' }, 'Recorded normally');
    await gitOk(['push', '--quiet', 'origin', 'main'], { cwd: clone, ...login });
    await live.waitFor((m) => m.type === 'push_received');
    live.close();
    const { body } = await world.navigator.get(`/api/interviews/${id}/repository/pushes`);
    const recorded = body.pushes[0];
    await first.close();
    running = null;

    // Offline: a push lands (as if through the server) and two logs wait in the spool, one of
    // them for the push already stored.
    const slug = block.cloneUrl!.split('/git/')[1]!.replace(/\.git$/, '');
    const before = recorded.refs[0].after as string;
    const after = await commitFiles(clone, { 'two.txt': '2\n' }, 'Pushed just before the crash');
    await gitOk(['push', '--quiet', `file://${path.join(dataDir, 'repositories', `${slug}.git`)}`, 'main'], {
      cwd: clone,
    });
    const spool = path.join(dataDir, 'git', 'push-spool', 'spool');
    const log = (from: string, to: string) =>
      `remote-user ${login.username}\n${from} ${to} refs/heads/main\n`;
    await writeFile(path.join(spool, `${slug}.${recorded.id}.push`), log(recorded.refs[0].before, before));
    const lostId = randomUUID();
    await writeFile(path.join(spool, `${slug}.${lostId}.push`), log(before, after));

    const second = await start();
    // The same sign-in, on the restarted server's new port.
    const navigator = new Client(second.url);
    navigator.cookie = world.navigator.cookie;
    const replayed = await expectStatus(navigator.get(`/api/interviews/${id}/repository/pushes`), 200);
    expect(replayed.pushes.map((push: { id: string }) => push.id)).toEqual([recorded.id, lostId]);
    expect(replayed.pushes[1].commits.map((commit: { message: string }) => commit.message)).toEqual([
      'Pushed just before the crash\n',
    ]);
    const { body: detail } = await navigator.get(`/api/interviews/${id}`);
    const pushEvents = detail.interview.events.filter(
      (event: { type: string }) => event.type === 'push_received',
    );
    expect(pushEvents).toHaveLength(2);
    expect(fs.readdirSync(spool)).toEqual([]);
  });
});
