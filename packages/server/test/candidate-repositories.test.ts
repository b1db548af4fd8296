import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PortalCloneBlock } from '@pairwise/domain';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RepositoryCredentials } from '../src/features/candidate-repositories/repository-credentials.ts';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database.ts';
import {
  basicAuth,
  inviteToRepository,
  listenLive,
  rawRequest,
  repositoryStatus,
  runInShell,
} from './candidate-repository-flows.ts';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { candidatePortalToken, sendInvitation } from './outreach-flows.ts';
import { step as processStep } from './process-flows.ts';
import { commitFiles, git, gitOk, tempDirectory } from './support/git-test-harness.ts';
import { importFolder, taskWithSnapshot, writeTree } from './task-preparation-flows.ts';

const NOT_YET =
  'fatal: remote error: This repository is not open yet. It opens at 13:55 on Tuesday 5 March 2030 ' +
  '(Europe/Berlin), 5 minutes before your interview, or earlier if your interviewer opens it.';
const PAIRING_OVER =
  'fatal: remote error: Pairing has ended, so this repository is closed. Everything you pushed has been kept for the interviewers.';
const CLOSED_BY_NAVIGATOR =
  'fatal: remote error: Your interviewer has closed this repository for now. Ask them to open it again.';
const WRONG = 'remote: Wrong username or password for this repository.';

describe.each(databases())('candidate repositories over git (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let db: DatabaseHandle;
  let work: string;
  let snapshotId: string;
  let taskId: string;
  /** The interview most tests share: planned for 2030, invited. */
  let id: string;
  let slug: string;
  let login: { username: string; password: string };
  let clonePath: string;

  const urlOf = (repositorySlug: string) => `${server.url}/git/${repositorySlug}.git`;
  const step = (interviewId: string, action: string) => processStep(world.navigator, interviewId, action);
  const derivedPassword = async (interviewId: string, generation = 1) =>
    (await RepositoryCredentials.load(server.dataDir)).password(interviewId, generation);
  let counter = 0;
  const target = (name: string) => path.join(work, `${name}-${++counter}`);
  // The failure limits' clock, moved instead of waiting.
  let clock = Date.now();

  beforeAll(async () => {
    server = await startTestServer(database, { limitsClock: () => new Date(clock) });
    world = await createWorld(server);
    db = await openDatabase({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
    work = await tempDirectory('candidate-repositories');
    ({ taskId, snapshotId } = await taskWithSnapshot(world, { title: 'Bowling kata' }));
    id = await world.planInterview({ taskId, startsAtLocal: '2030-03-05T14:00' });
    await sendInvitation(world.navigator, id);
  });

  afterAll(async () => {
    await db?.close();
    await server?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('creates the repository at planning from the task snapshot, with its own login, closed', async () => {
    const status = await repositoryStatus(world.navigator, id);
    slug = status.slug;
    expect(status).toMatchObject({
      slug: expect.stringMatching(/^bowling-kata-[a-z2-7]{8}$/),
      cloneUrl: `${server.url}/git/${status.slug}.git`,
      username: expect.stringMatching(/^candidate-[a-z2-7]{8}$/),
      window: { state: 'not_yet', opensAt: '2030-03-05T12:55:00.000Z', closesAt: null },
      startingPoint: { snapshotId },
      pushCount: 0,
      cloneBlock: null,
    });
    login = { username: status.username, password: await derivedPassword(id) };
    const { body: tree } = await world.lineManager.get(`/api/interviews/${id}/repository/tree`);
    expect(tree.entries.map((entry: { path: string }) => entry.path)).toEqual([
      'package.json',
      'test/sum.test.js',
    ]);
    // Only a hash of the password is in the database.
    const row = await db.db
      .selectFrom('candidate_repositories')
      .selectAll()
      .where('interview_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(login.password);
  });

  it('starts an interview whose task has no snapshot from an empty starting point, re-seeded before first use', async () => {
    const bare = await world.planInterview({ startsAtLocal: '2030-04-01T10:00' });
    const before = await repositoryStatus(world.navigator, bare);
    expect(before.startingPoint.snapshotId).toBeNull();
    const { body: empty } = await world.navigator.get(`/api/interviews/${bare}/repository/tree`);
    expect(empty.entries.map((entry: { path: string }) => entry.path)).toEqual(['README.md']);

    let exports = 0;
    const exportSnapshot = async (files: Record<string, string>) => {
      const dir = await writeTree(importFolder(world, `shopping-list-${++exports}`), files);
      const { snapshot } = await expectStatus(
        world.navigator.post(`/api/tasks/${world.ids.task}/snapshots`, {
          source: { kind: 'directory', path: dir },
        }),
        201,
      );
      return snapshot.id as string;
    };
    const first = await exportSnapshot({ 'list.js': 'export const version = 1;\n' });
    const second = await exportSnapshot({ 'list.js': 'export const version = 2;\n' });
    // The task's latest snapshot, until the navigator chooses one.
    expect((await repositoryStatus(world.navigator, bare)).startingPoint.snapshotId).toBe(second);
    await expectStatus(world.navigator.put(`/api/interviews/${bare}/snapshot`, { snapshotId: first }), 200);
    expect((await repositoryStatus(world.navigator, bare)).startingPoint.snapshotId).toBe(first);
    const { body: file } = await world.navigator.get(`/api/interviews/${bare}/repository/file?path=list.js`);
    expect(file.content).toBe('export const version = 1;\n');
  });

  it('refuses clone and push before the window opens, saying when it opens', async () => {
    const refused = await git(['clone', urlOf(slug), target('early')], login);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(NOT_YET);

    const local = target('local');
    await gitOk(['init', '--quiet', '--initial-branch=main', local]);
    await commitFiles(local, { 'early.txt': 'early\n' }, 'Too early');
    const push = await git(['push', urlOf(slug), 'main'], { cwd: local, ...login });
    expect(push.code).not.toBe(0);
    expect(push.stderr).toContain(NOT_YET);
  });

  it('opens on invitation; the shown commands clone, commit and push; the push reaches the timeline and the live view', async () => {
    const live = await listenLive(server.url, world.navigator, id);
    const block = await inviteToRepository(world.navigator, id);
    expect(block).toMatchObject({ state: 'open', username: login.username, password: login.password });
    // A home whose global git config would store any password it is given.
    const home = target('home');
    await mkdir(home, { recursive: true });
    await writeFile(path.join(home, '.gitconfig'), '[credential]\n\thelper = store\n');
    const desk = target('desk');
    await mkdir(desk, { recursive: true });
    const script = [
      ...block.commands,
      "printf 'export const frame = 1;\\n' > frame.js",
      'git add frame.js',
      "git commit --quiet -m 'Add frames'",
      'git push --quiet origin main',
    ].join('\n');
    const run = await runInShell(script, { cwd: desk, home });
    expect(run.code, run.stderr).toBe(0);
    clonePath = path.join(desk, slug);

    expect(existsSync(path.join(home, '.git-credentials'))).toBe(false);
    expect(await readFile(path.join(clonePath, '.git', 'config'), 'utf8')).not.toContain(login.password);
    const message = await live.waitFor((m) => m.type === 'push_received');
    live.close();
    expect(message.payload).toMatchObject({ commitCount: 1, fileCount: 1, offsetMs: null });

    const { body } = await world.shadow.get(`/api/interviews/${id}/repository/pushes`);
    expect(body.pushes).toHaveLength(1);
    expect(body.pushes[0]).toMatchObject({
      refs: [{ ref: 'refs/heads/main' }],
      commits: [{ message: 'Add frames\n', changes: [{ status: 'A', path: 'frame.js' }] }],
      offsetMs: null,
    });
    const status = await repositoryStatus(world.navigator, id);
    expect(status).toMatchObject({ pushCount: 1, window: { state: 'open', openedBy: 'navigator' } });
    expect(status.firstAccessAt).not.toBeNull();
    // Shadows and line managers see the state, never the password.
    expect((await repositoryStatus(world.shadow, id)).cloneBlock).toBeNull();

    const token = await candidatePortalToken(world, id);
    const { portal } = await expectStatus(world.anonymous.get(`/api/portal/${token}`), 200);
    expect(portal.repository).toMatchObject({ state: 'open', password: login.password });
  });

  it("refuses a wrong password, an unknown repository and another interview's credentials, inside and outside its window", async () => {
    const other = await world.planInterview({ taskId, startsAtLocal: '2030-03-06T10:00' });
    const otherBlock = await inviteToRepository(world.navigator, other);
    const otherLogin = { username: otherBlock.username!, password: otherBlock.password! };

    const wrong = await git(['clone', urlOf(slug), target('wrong')], { ...login, password: 'x'.repeat(32) });
    expect(wrong.stderr).toContain(WRONG);
    expect(wrong.stderr).toContain(`fatal: Authentication failed for '${urlOf(slug)}/'`);
    const unknown = await git(['clone', urlOf('no-such-repository'), target('unknown')], login);
    expect(unknown.stderr).toContain(WRONG);

    for (const open of [true, false]) {
      if (!open) {
        await expectStatus(
          world.navigator.put(`/api/interviews/${other}/repository/window`, { open: false }),
          200,
        );
      }
      const crossed = await git(['clone', urlOf(slug), target('crossed')], otherLogin);
      expect(crossed.code).not.toBe(0);
      expect(crossed.stderr).toContain(WRONG);
    }
    const own = await git(['clone', otherBlock.cloneUrl!, target('own-closed')], otherLogin);
    expect(own.stderr).toContain(CLOSED_BY_NAVIGATOR);
    const pushAcross = await git(['push', otherBlock.cloneUrl!, 'main'], { cwd: clonePath, ...login });
    expect(pushAcross.stderr).toContain(WRONG);
  });

  it('refuses a force-push and a branch deletion', async () => {
    await commitFiles(clonePath, { 'keep.txt': 'keep\n' }, 'Keep me');
    await gitOk(['push', '--quiet', 'origin', 'main', 'main:refs/heads/spike'], { cwd: clonePath, ...login });
    await gitOk(['reset', '--quiet', '--hard', 'HEAD~1'], { cwd: clonePath });
    await commitFiles(clonePath, { 'rewrite.txt': 'x\n' }, 'Rewrite history');
    const forced = await git(['push', '--force', 'origin', 'main'], { cwd: clonePath, ...login });
    expect(forced.code).not.toBe(0);
    expect(forced.stderr).toContain(
      'remote: error: denying non-fast-forward refs/heads/main (you should pull first)',
    );
    expect(forced.stderr).toContain('! [remote rejected] main -> main (non-fast-forward)');
    const deleted = await git(['push', 'origin', '--delete', 'spike'], { cwd: clonePath, ...login });
    expect(deleted.stderr).toContain('! [remote rejected] spike (deletion prohibited)');
    await gitOk(['reset', '--quiet', '--hard', 'origin/main'], { cwd: clonePath });
  });

  it('accepts a 5 MiB push and records its file', async () => {
    const live = await listenLive(server.url, world.navigator, id);
    const sha = await commitFiles(
      clonePath,
      { 'fixtures/big.bin': randomBytes(5 * 1024 * 1024) },
      'Add a big fixture',
    );
    await gitOk(['push', '--quiet', 'origin', 'main'], { cwd: clonePath, ...login });
    const message = await live.waitFor(
      (m) => m.type === 'push_received' && JSON.stringify(m.payload).includes(sha),
    );
    live.close();
    expect(message.payload).toMatchObject({ commitCount: 1, fileCount: 1 });
    const { body } = await world.navigator.get(`/api/interviews/${id}/repository/pushes`);
    const last = body.pushes.at(-1);
    expect(last.commits.at(-1)).toMatchObject({ sha, changes: [{ path: 'fixtures/big.bin' }] });
  });

  it('serves only the three smart-HTTP requests: traversal and direct file paths are 404 through the full app', async () => {
    const auth = { authorization: basicAuth(login.username, login.password) };
    const key = await readFile(path.join(server.dataDir, 'secrets', 'repository-credentials.key'), 'utf8');
    const attempts = [
      `/git/${slug}.git/../../secrets/repository-credentials.key`,
      `/git/${slug}.git/%2e%2e/%2e%2e/secrets/repository-credentials.key`,
      `/git/%2e%2e/repositories/${slug}.git/config`,
      `/git/${slug}.git/config`,
      `/git/${slug}.git/HEAD`,
      `/git/${slug}.git/objects/info/packs`,
      `/git/${slug}.git/hooks/post-receive`,
      `/git/${slug}.git/info/refs`,
      `/git/${slug}.git/info/refs?service=git-upload-pack&x=1`,
      `/git/${slug}.git/info/refs%3Fservice=git-upload-pack`,
      `/git/${slug}.git//info/refs?service=git-upload-pack`,
      `/git/${slug.toUpperCase()}.git/info/refs?service=git-upload-pack`,
    ];
    for (const attempt of attempts) {
      const response = await rawRequest(server.url, attempt, auth);
      expect([attempt, response.status]).toEqual([attempt, 404]);
      expect(response.body).not.toContain(key.trim());
      expect(response.body).not.toContain('[core]');
    }
    const encoded = await git(['ls-remote', `${server.url}/git/%2e%2e/${slug}.git`], login);
    expect(encoded.stderr).toContain('not found');
    // The same credentials on the real path work, so the 404s are the pattern's doing.
    const real = await rawRequest(server.url, `/git/${slug}.git/info/refs?service=git-upload-pack`, auth);
    expect(real.status).toBe(200);
  });

  it('opens no repository to a staff session cookie alone', async () => {
    const cookie = { cookie: world.navigator.cookie! };
    const bare = await rawRequest(server.url, `/git/${slug}.git/info/refs?service=git-upload-pack`, cookie);
    expect(bare.status).toBe(401);
    expect(bare.headers['www-authenticate']).toMatch(/^Basic /);
    const staffLogin = await rawRequest(server.url, `/git/${slug}.git/info/refs?service=git-upload-pack`, {
      ...cookie,
      authorization: basicAuth('nora@example.com', 'correct horse battery staple'),
    });
    expect(staffLogin.status).toBe(401);
    const clone = await git(['clone', urlOf(slug), target('cookie')], {
      config: { 'http.extraHeader': `Cookie: ${world.navigator.cookie}` },
    });
    expect(clone.code).not.toBe(0);
    expect(clone.stderr).toContain("fatal: could not read Username for 'http://localhost");
  });

  it('rotating the password stops the old one at once', async () => {
    const { repository } = await expectStatus(
      world.navigator.post(`/api/interviews/${id}/repository/credentials`),
      200,
    );
    const fresh = { username: repository.cloneBlock.username, password: repository.cloneBlock.password };
    expect(fresh.password).not.toBe(login.password);
    const old = await git(['ls-remote', urlOf(slug)], login);
    expect(old.stderr).toContain(WRONG);
    await gitOk(['ls-remote', urlOf(slug)], fresh);
    login = fresh;
  });

  it('records pushes during pairing with their offset, and closes when pairing ends', async () => {
    await expectStatus(
      world.navigator.post(`/api/interviews/${id}/wellness`, { well: true, startEarly: true }),
      200,
    );
    await step(id, 'start_setup');
    await step(id, 'start_pairing');
    const live = await listenLive(server.url, world.navigator, id);
    const sha = await commitFiles(clonePath, { 'frame.js': 'export const frame = 2;\n' }, 'Score a frame');
    await gitOk(['push', '--quiet', 'origin', 'main'], { cwd: clonePath, ...login });
    // git's answer comes before the post-receive record; the live event says it is stored.
    await live.waitFor((m) => m.type === 'push_received' && JSON.stringify(m.payload).includes(sha));
    live.close();
    const { body } = await world.navigator.get(`/api/interviews/${id}/repository/pushes`);
    expect(body.pushes.at(-1).offsetMs).toBeGreaterThanOrEqual(0);

    await step(id, 'end_pairing');
    await commitFiles(clonePath, { 'late.txt': 'late\n' }, 'Too late');
    const push = await git(['push', 'origin', 'main'], { cwd: clonePath, ...login });
    expect(push.code).not.toBe(0);
    expect(push.stderr).toContain(PAIRING_OVER);
    const clone = await git(['clone', urlOf(slug), target('late')], login);
    expect(clone.stderr).toContain(PAIRING_OVER);
    const status = await repositoryStatus(world.navigator, id);
    expect(status.window).toMatchObject({ state: 'closed', closedBy: 'pairing_ended' });
    const reopen = await world.navigator.put(`/api/interviews/${id}/repository/window`, { open: true });
    expect(reopen.status).toBe(409);
  });

  it('lets the panel read the final tree, a file, the diff from the snapshot and the archive', async () => {
    const { body: diff } = await world.lineManager.get(`/api/interviews/${id}/repository/diff`);
    expect(diff.files.map((file: { path: string }) => file.path).sort()).toEqual([
      'fixtures/big.bin',
      'frame.js',
      'keep.txt',
    ]);
    expect(diff.patch).toContain('+export const frame = 2;');
    const { body: file } = await world.shadow.get(`/api/interviews/${id}/repository/file?path=frame.js`);
    expect(file).toMatchObject({ content: 'export const frame = 2;\n', binary: false });
    const { body: binary } = await world.shadow.get(
      `/api/interviews/${id}/repository/file?path=fixtures/big.bin`,
    );
    expect(binary).toMatchObject({ binary: true, content: '' });
    const missing = await world.shadow.get(`/api/interviews/${id}/repository/file?path=../../etc/passwd`);
    expect(missing.status).toBe(404);

    const response = await fetch(`${server.url}/api/interviews/${id}/repository/archive`, {
      headers: { cookie: world.lineManager.cookie! },
    });
    expect(response.headers.get('content-type')).toBe('application/gzip');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${slug}.tar.gz"`);
    const archive = path.join(work, 'final.tar.gz');
    await writeFile(archive, Buffer.from(await response.arrayBuffer()));
    const listing = await runInShell(`tar -tzf ${archive}`, { cwd: work, home: work });
    expect(listing.stdout).toContain(`${slug}/frame.js`);
    expect(listing.stdout).toContain(`${slug}/package.json`);
  });

  it('closes at the alarm even while the navigator has not ended pairing', async () => {
    const late = await world.planInterview({ taskId, startsAtLocal: '2030-03-07T10:00' });
    await sendInvitation(world.navigator, late);
    await expectStatus(
      world.navigator.post(`/api/interviews/${late}/wellness`, { well: true, startEarly: true }),
      200,
    );
    await step(late, 'start_setup');
    const open = await repositoryStatus(world.navigator, late);
    expect(open.window).toMatchObject({ state: 'open', openedBy: 'setup' });
    await step(late, 'start_pairing');
    const startedAt = DateTime.utc().minus({ minutes: 61 }).toISO();
    await db.db
      .updateTable('interviews')
      .set({ pairing_started_at: startedAt })
      .where('id', '=', late)
      .execute();
    const lateLogin = { username: open.username, password: open.cloneBlock!.password! };
    const clone = await git(['clone', open.cloneUrl, target('alarm')], lateLogin);
    expect(clone.stderr).toContain(PAIRING_OVER);
    expect((await repositoryStatus(world.navigator, late)).window).toMatchObject({
      state: 'closed',
      closedBy: 'alarm',
    });
  });

  it('opens by itself a few minutes before the interview starts', async () => {
    const soon = DateTime.utc().plus({ minutes: 3 }).toFormat("yyyy-MM-dd'T'HH:mm");
    const upcoming = await world.planInterview({ taskId, timeZone: 'UTC', startsAtLocal: soon });
    const status = await repositoryStatus(world.navigator, upcoming);
    expect(status.window).toMatchObject({ state: 'open', openedBy: 'schedule' });
    const block = status.cloneBlock as PortalCloneBlock;
    await gitOk(['clone', '--quiet', block.cloneUrl!, target('scheduled')], {
      username: block.username!,
      password: block.password!,
    });
  });

  it('slows wrong passwords per repository credential and address, says so to git, and starts over on rotation', async () => {
    const other = await world.planInterview({ taskId, startsAtLocal: '2030-03-08T10:00' });
    const block = await inviteToRepository(world.navigator, other);
    const neighbour = await inviteToRepository(
      world.navigator,
      await world.planInterview({ taskId, startsAtLocal: '2030-03-08T14:00' }),
    );
    const path_ = `/git/${block.cloneUrl!.split('/git/')[1]}/info/refs?service=git-upload-pack`;
    for (let attempt = 0; attempt < 10; attempt++) {
      const guess = await rawRequest(server.url, path_, {
        authorization: basicAuth(block.username!, `guess-${attempt}`),
      });
      expect(guess.status).toBe(401);
    }
    const login = { username: block.username!, password: block.password! };
    const run = await git(['ls-remote', block.cloneUrl!], login);
    expect(run.stderr).toMatch(
      /fatal: remote error: Too many wrong passwords\. Try again in 1 second, or ask your interviewer\./,
    );
    // Another candidate behind the same address keeps their own budget.
    await gitOk(['ls-remote', neighbour.cloneUrl!], {
      username: neighbour.username!,
      password: neighbour.password!,
    });
    // The back-off passes with time ...
    clock += 1000;
    await gitOk(['ls-remote', block.cloneUrl!], login);
    for (let attempt = 0; attempt < 11; attempt++) {
      await rawRequest(server.url, path_, { authorization: basicAuth(block.username!, `again-${attempt}`) });
    }
    expect((await git(['ls-remote', block.cloneUrl!], login)).stderr).toMatch(/Too many wrong passwords/);
    // ... and a new password starts a fresh count at once.
    const { repository } = await expectStatus(
      world.navigator.post(`/api/interviews/${other}/repository/credentials`),
      200,
    );
    await gitOk(['ls-remote', block.cloneUrl!], {
      username: repository.cloneBlock.username,
      password: repository.cloneBlock.password,
    });
  });
});
