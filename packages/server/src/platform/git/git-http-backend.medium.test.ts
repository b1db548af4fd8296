import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  commitFiles,
  createTaskSource,
  type GitTestServer,
  git,
  gitOk,
  startGitServer,
  tempDirectory,
  windowedAuthorize,
} from '../../../test/support/git-test-harness.ts';
import { FLUSH_PKT, pktLine } from './pkt-line.ts';

const CLOSED_REASON = 'This repository opens 5 minutes before pairing starts (at 14:55 Europe/Berlin).';
const alice = { username: 'candidate-alpha', password: 'k3Jd9sQpL0vXw2ZrT8yB4nHc' };
const bob = { username: 'candidate-bravo', password: 'Zx81mNq0PwE7rTy6UiOp3LkJ' };
const other = { username: 'candidate-other', password: 'Qw3eRt5yUi7oP9aSdFgHjKl1' };

let server: GitTestServer;
let work: string;
const seen: Array<{ url: string; headers: Record<string, unknown> }> = [];
const window = { open: true, closedReason: CLOSED_REASON };

beforeAll(async () => {
  server = await startGitServer({ onRequest: (headers, url) => seen.push({ url, headers }) });
  work = await tempDirectory('git-http');
  const source = await createTaskSource(path.join(work, 'task'), {
    'README.md': '# Bowling kata\n',
    'src/game.ts': 'export class Game {}\n',
  });
  await server.store.create({ slug: 'interview-a', source: source.path, commit: source.commit });
  await server.store.create({ slug: 'interview-b', source: source.path, commit: source.commit });
  // The 5 MiB push gets its own repository, so the other tests' clones stay small.
  await server.store.create({ slug: 'interview-big', source: source.path, commit: source.commit });
});

afterAll(async () => {
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

beforeEach(() => {
  window.open = true;
  server.setAuthorize(
    windowedAuthorize(
      { 'interview-a': alice, 'interview-b': bob, 'interview-big': alice, 'interview-other': other },
      window,
    ),
  );
});

let cloneCount = 0;
async function clone(slug = 'interview-a', credentials = alice): Promise<string> {
  const target = path.join(work, `clone-${++cloneCount}`);
  await gitOk(['clone', '--quiet', server.urlOf(slug), target], credentials);
  return target;
}

describe('within the access window', () => {
  it('clones, commits and pushes, and records the push with its commits and files', async () => {
    const clonePath = await clone();
    expect(await readFile(path.join(clonePath, 'README.md'), 'utf8')).toBe('# Bowling kata\n');
    const before = (await gitOk(['rev-parse', 'HEAD'], { cwd: clonePath })).trim();
    await commitFiles(
      clonePath,
      { 'src/game.ts': 'export class Game { score = 0; }\n' },
      'Score starts at zero',
    );
    const after = await commitFiles(
      clonePath,
      { 'test/game.test.ts': 'it("rolls")\n' },
      'First test\n\nWith a body.',
    );

    const since = server.pushes.length;
    await gitOk(['push', '--quiet', 'origin', 'main'], { cwd: clonePath, ...alice });
    const push = await server.nextPush(since);

    expect(push.slug).toBe('interview-a');
    expect(push.remoteUser).toBe(alice.username);
    expect(push.refs).toEqual([{ ref: 'refs/heads/main', before, after }]);
    expect(push.commits.map((commit) => commit.message)).toEqual([
      'Score starts at zero\n',
      'First test\n\nWith a body.\n',
    ]);
    expect(push.commits.map((commit) => commit.files)).toEqual([['src/game.ts'], ['test/game.test.ts']]);
    expect(push.commits[0]?.author).toEqual({ name: 'Casey Candidate', email: 'casey@example.com' });
    expect(push.at.getTime()).toBeGreaterThan(Date.now() - 10_000);
    expect(await server.store.resolve('interview-a', 'main')).toBe(after);
  });

  it('records only the new commits of a new branch forked from main', async () => {
    const clonePath = await clone();
    await gitOk(['checkout', '--quiet', '-b', 'spike'], { cwd: clonePath });
    const sha = await commitFiles(clonePath, { 'notes.md': 'idea\n' }, 'Spike an idea');
    const since = server.pushes.length;
    await gitOk(['push', '--quiet', 'origin', 'spike'], { cwd: clonePath, ...alice });
    const push = await server.nextPush(since);
    expect(push.refs).toEqual([{ ref: 'refs/heads/spike', before: null, after: sha }]);
    expect(push.commits.map((commit) => commit.sha)).toEqual([sha]);
  });

  it('accepts a 5 MiB push, which git sends chunked', async () => {
    const clonePath = await clone('interview-big');
    const sha = await commitFiles(
      clonePath,
      { 'fixtures/blob.bin': randomBytes(5 * 1024 * 1024) },
      'Add a big fixture',
    );
    seen.length = 0;
    const since = server.pushes.length;
    await gitOk(['push', '--quiet', 'origin', 'main'], { cwd: clonePath, ...alice });
    const push = await server.nextPush(since);
    expect(push.commits.map((commit) => commit.files)).toEqual([['fixtures/blob.bin']]);
    expect(await server.store.resolve('interview-big', 'main')).toBe(sha);
    const packPost = seen.find(
      (request) =>
        request.url.endsWith('/git-receive-pack') && request.headers['transfer-encoding'] === 'chunked',
    );
    expect(packPost).toBeDefined();
  });

  // About fifty git processes (forty local commits, two clones, a push, a fetch): a few seconds
  // on a quiet machine, over the tier's 20 s when other work shares the two cores.
  it("keeps protocol v2's capabilities after a first clone and serves them to any repository's clone, after its own checks", async () => {
    await clone();
    const other = await clone('interview-b', bob);
    expect(await readFile(path.join(other, 'README.md'), 'utf8')).toBe('# Bowling kata\n');
    expect(seen.some(({ headers }) => headers['git-protocol'] === 'version=2')).toBe(true);
    window.open = false;
    const refused = await git(['clone', server.urlOf('interview-a'), path.join(work, 'kept-refused')], alice);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(CLOSED_REASON);
    const wrong = await git(['clone', server.urlOf('interview-b'), path.join(work, 'kept-wrong')], alice);
    expect(wrong.stderr).toContain('Authentication failed');
  });

  it.each(['0', '1'])(
    'serves a protocol v%s client: clone, then a fetch of a newer push',
    async (version) => {
      const v = { 'protocol.version': version };
      const target = path.join(work, `clone-v${version}`);
      seen.length = 0;
      await gitOk(['clone', '--quiet', server.urlOf('interview-a'), target], { ...alice, config: v });
      expect(seen.some(({ headers }) => headers['git-protocol'] === 'version=2')).toBe(false);
      const ahead = await clone();
      const sha = await commitFiles(ahead, { [`src/v${version}.ts`]: 'export {};\n' }, `v${version}`);
      await gitOk(['push', '--quiet', 'origin', 'main'], { cwd: ahead, ...alice });
      await gitOk(['fetch', '--quiet', 'origin'], { cwd: target, ...alice, config: v });
      expect((await gitOk(['rev-parse', 'origin/main'], { cwd: target })).trim()).toBe(sha);
    },
  );

  it('lists a pushed tag to a v2 client (git answers ls-refs for a repository with tags)', async () => {
    const ahead = await clone();
    await gitOk(['tag', '-a', '-m', 'First frame', 'frame-1'], { cwd: ahead });
    await gitOk(['push', '--quiet', 'origin', 'frame-1'], { cwd: ahead, ...alice });
    const tags = await gitOk(['ls-remote', '--tags', server.urlOf('interview-a')], alice);
    expect(tags).toMatch(/refs\/tags\/frame-1\^\{\}/);
    const again = await clone();
    expect((await gitOk(['tag', '--list'], { cwd: again })).trim()).toBe('frame-1');
  });

  it("serves a fresh clone's pack again only to a repository whose branch tips it is", async () => {
    const first = await clone('interview-b', bob);
    const kept = await clone('interview-b', bob);
    expect(await readFile(path.join(kept, 'README.md'), 'utf8')).toBe('# Bowling kata\n');
    await gitOk(['fsck', '--strict'], { cwd: kept });
    // The same request for interview-b's tip, sent to a repository that does not hold it.
    const tip = (await gitOk(['rev-parse', 'HEAD'], { cwd: first })).trim();
    const source = await createTaskSource(path.join(work, 'other-task'), { 'OTHER.md': 'other\n' });
    await server.store.create({ slug: 'interview-other', source: source.path, commit: source.commit });
    const body = Buffer.concat([
      pktLine('command=fetch\n'),
      pktLine('agent=git/2.39.5\n'),
      pktLine('object-format=sha1\n'),
      Buffer.from('0001'),
      ...['thin-pack', 'no-progress', 'ofs-delta', `want ${tip}`, 'done'].map((line) => pktLine(`${line}\n`)),
      FLUSH_PKT,
    ]);
    const response = await fetch(`${server.baseUrl}/git/interview-other.git/git-upload-pack`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${other.username}:${other.password}`).toString('base64')}`,
        'content-type': 'application/x-git-upload-pack-request',
        'git-protocol': 'version=2',
      },
      body,
    });
    const answer = Buffer.from(await response.arrayBuffer()).toString('latin1');
    expect(answer).not.toContain('PACK');
    expect(answer).toContain('not our ref');
  });

  it("makes a new repository's pack when it is created, so even its first clone reads no object on the server", async () => {
    const source = await createTaskSource(path.join(work, 'prepared-task'), { 'MADE.md': 'made ahead\n' });
    await server.store.create({ slug: 'interview-made', source: source.path, commit: source.commit });
    await server.clonePacks.prepared();
    server.setAuthorize(windowedAuthorize({ 'interview-made': other }, window));
    // With the repository's objects gone, git on the server could not answer a fetch: only the
    // pack made at creation can (ls-refs is answered from the ref files).
    const objects = path.join(server.root, 'interview-made.git', 'objects');
    for (const entry of await readdir(objects)) {
      if (entry !== 'info' && entry !== 'pack') await rm(path.join(objects, entry), { recursive: true });
    }
    for (const entry of await readdir(path.join(objects, 'pack')))
      await rm(path.join(objects, 'pack', entry));
    for (const quiet of [true, false]) {
      const target = path.join(work, `made-${quiet}`);
      await gitOk(['clone', ...(quiet ? ['--quiet'] : []), server.urlOf('interview-made'), target], other);
      expect(await readFile(path.join(target, 'MADE.md'), 'utf8')).toBe('made ahead\n');
      await gitOk(['fsck', '--strict'], { cwd: target });
    }
    // The credentials and the window still come first.
    window.open = false;
    const refused = await git(
      ['clone', server.urlOf('interview-made'), path.join(work, 'made-closed')],
      other,
    );
    expect(refused.stderr).toContain(CLOSED_REASON);
  });

  it("keeps the pack out of git's answer to a first clone, progress and all, and serves it to the next", async () => {
    const source = await createTaskSource(path.join(work, 'kept-task'), { 'KEPT.md': 'kept\n' });
    await server.store.create({ slug: 'interview-kept', source: source.path, commit: source.commit });
    await server.clonePacks.prepared();
    server.setAuthorize(windowedAuthorize({ 'interview-kept': other }, window));
    // A commit made behind the server's back: no pack of it was made ahead, so git answers.
    const bare = path.join(server.root, 'interview-kept.git');
    const tree = (await gitOk([`--git-dir=${bare}`, 'rev-parse', 'main^{tree}'], { cwd: work })).trim();
    const moved = await gitOk([`--git-dir=${bare}`, 'commit-tree', tree, '-p', 'main', '-m', 'Moved'], {
      cwd: work,
    });
    await gitOk([`--git-dir=${bare}`, 'update-ref', 'refs/heads/main', moved.trim()], { cwd: work });
    const kept = server.clonePacks.nextKept();
    await gitOk(
      ['clone', '--progress', server.urlOf('interview-kept'), path.join(work, 'kept-first')],
      other,
    );
    await kept;
    const objects = path.join(bare, 'objects');
    for (const entry of await readdir(objects)) {
      if (entry !== 'info' && entry !== 'pack') await rm(path.join(objects, entry), { recursive: true });
    }
    for (const entry of await readdir(path.join(objects, 'pack')))
      await rm(path.join(objects, 'pack', entry));
    const again = path.join(work, 'kept-again');
    await gitOk(['clone', '--progress', server.urlOf('interview-kept'), again], other);
    expect(await readFile(path.join(again, 'KEPT.md'), 'utf8')).toBe('kept\n');
    await gitOk(['fsck', '--strict'], { cwd: again });
  });

  it('serves a gzip-encoded fetch negotiation', { timeout: 60_000 }, async () => {
    const behind = await clone();
    // Local commits the server lacks make the client send a long list of "have" lines, which it
    // gzips. Dated later than everything else, so they come first and negotiation needs a second,
    // longer round (a tie in dates could let the first round find the common commit).
    for (let index = 0; index < 40; index++) {
      const date = `2030-01-01T00:00:${String(index).padStart(2, '0')}Z`;
      await gitOk(['commit', '--quiet', '--allow-empty', '-m', `local ${index}`], {
        cwd: behind,
        env: { GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date },
      });
    }
    const ahead = await clone();
    const sha = await commitFiles(ahead, { 'src/frame.ts': 'export class Frame {}\n' }, 'Add frames');
    await gitOk(['push', '--quiet', 'origin', 'main'], { cwd: ahead, ...alice });

    seen.length = 0;
    await gitOk(['fetch', '--quiet', 'origin'], { cwd: behind, ...alice });
    expect((await gitOk(['rev-parse', 'origin/main'], { cwd: behind })).trim()).toBe(sha);
    const gzipped = seen.find((request) => request.headers['content-encoding'] === 'gzip');
    expect(gzipped?.url).toMatch(/\/git-upload-pack$/);
  });
});

describe('refusals the git client shows in words', () => {
  it('refuses a clone outside the window with the reason', async () => {
    window.open = false;
    const run = await git(['clone', server.urlOf('interview-a'), path.join(work, 'refused-clone')], alice);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`fatal: remote error: ${CLOSED_REASON}`);
  });

  it('refuses a push outside the window with the reason, leaving main unchanged', async () => {
    const clonePath = await clone();
    await commitFiles(clonePath, { 'late.txt': 'late\n' }, 'Too late');
    const main = await server.store.resolve('interview-a', 'main');
    window.open = false;
    const run = await git(['push', 'origin', 'main'], { cwd: clonePath, ...alice });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`fatal: remote error: ${CLOSED_REASON}`);
    expect(await server.store.resolve('interview-a', 'main')).toBe(main);
  });

  it('refuses a push whose window closed between the ref advertisement and the pack', async () => {
    const clonePath = await clone();
    await commitFiles(clonePath, { 'race.txt': 'race\n' }, 'Racing the alarm');
    const main = await server.store.resolve('interview-a', 'main');
    const open = windowedAuthorize({ 'interview-a': alice }, window);
    server.setAuthorize((input) => {
      if (input.service === 'receive-pack' && seen.at(-1)?.url.endsWith('/git-receive-pack')) {
        return { ok: false, status: 403, reason: 'Pairing has ended; the repository is closed.' };
      }
      return open(input);
    });
    const run = await git(['push', 'origin', 'main'], { cwd: clonePath, ...alice });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('remote: Pairing has ended; the repository is closed.');
    expect(run.stderr).toContain(
      '! [remote rejected] main -> main (Pairing has ended; the repository is closed.)',
    );
    expect(await server.store.resolve('interview-a', 'main')).toBe(main);
  });

  it('refuses a large (probed, chunked) push whose window closed mid-way, with the reason', async () => {
    const clonePath = await clone('interview-big');
    await commitFiles(clonePath, { 'fixtures/late.bin': randomBytes(2 * 1024 * 1024) }, 'Large and late');
    const main = await server.store.resolve('interview-big', 'main');
    const open = windowedAuthorize({ 'interview-big': alice }, window);
    server.setAuthorize((input) =>
      seen.at(-1)?.url.endsWith('/git-receive-pack')
        ? { ok: false, status: 403, reason: 'Pairing has ended; the repository is closed.' }
        : open(input),
    );
    seen.length = 0;
    const run = await git(['push', 'origin', 'main'], { cwd: clonePath, ...alice });
    expect(run.stderr).toContain(
      '! [remote rejected] main -> main (Pairing has ended; the repository is closed.)',
    );
    expect(seen.filter((request) => request.url.endsWith('/git-receive-pack'))).toHaveLength(2); // probe + pack
    expect(await server.store.resolve('interview-big', 'main')).toBe(main);
  });

  it('refuses a fetch whose window closed between the ref advertisement and the pack', async () => {
    const open = windowedAuthorize({ 'interview-a': alice }, window);
    server.setAuthorize((input) =>
      seen.at(-1)?.url.endsWith('/git-upload-pack')
        ? { ok: false, status: 403, reason: 'Pairing has ended; the repository is closed.' }
        : open(input),
    );
    const run = await git(['clone', server.urlOf('interview-a'), path.join(work, 'race-clone')], alice);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('fatal: remote error: Pairing has ended; the repository is closed.');
  });

  it('refuses a wrong password', async () => {
    const run = await git(['clone', server.urlOf('interview-a'), path.join(work, 'wrong-password')], {
      username: alice.username,
      password: 'not-the-password',
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('remote: Wrong username or password for this repository.');
    expect(run.stderr).toContain(`fatal: Authentication failed for '${server.urlOf('interview-a')}/'`);
  });

  it("refuses another interview's credentials, inside and outside the window", async () => {
    for (const open of [true, false]) {
      window.open = open;
      const run = await git(['clone', server.urlOf('interview-a'), path.join(work, `other-${open}`)], bob);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain('fatal: Authentication failed');
    }
    window.open = true;
    const clonePath = await clone('interview-b', bob);
    await commitFiles(clonePath, { 'x.txt': 'x\n' }, 'Cross push');
    const run = await git(['push', server.urlOf('interview-a'), 'main'], { cwd: clonePath, ...bob });
    expect(run.stderr).toContain('fatal: Authentication failed');
  });

  it('asks for credentials and fails cleanly without any', async () => {
    const run = await git(['clone', server.urlOf('interview-a'), path.join(work, 'anonymous')]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("fatal: could not read Username for 'http://127.0.0.1");
  });

  it('says "not found" when authorize answers 404', async () => {
    server.setAuthorize(() => ({ ok: false, status: 404, reason: 'There is no such interview repository.' }));
    const run = await git(['clone', server.urlOf('no-such-interview'), path.join(work, 'missing')], alice);
    expect(run.stderr).toContain('remote: There is no such interview repository.');
    expect(run.stderr).toContain(`fatal: repository '${server.urlOf('no-such-interview')}/' not found`);
  });

  it('refuses a force-push', async () => {
    const clonePath = await clone();
    await commitFiles(clonePath, { 'a.txt': 'a\n' }, 'Keep me');
    await gitOk(['push', '--quiet', 'origin', 'main'], { cwd: clonePath, ...alice });
    const kept = await server.store.resolve('interview-a', 'main');
    await gitOk(['reset', '--quiet', '--hard', 'HEAD~1'], { cwd: clonePath });
    await commitFiles(clonePath, { 'b.txt': 'b\n' }, 'Rewrite history');
    const run = await git(['push', '--force', 'origin', 'main'], { cwd: clonePath, ...alice });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      'remote: error: denying non-fast-forward refs/heads/main (you should pull first)',
    );
    expect(run.stderr).toContain('! [remote rejected] main -> main (non-fast-forward)');
    expect(await server.store.resolve('interview-a', 'main')).toBe(kept);
  });

  it('refuses deleting a branch', async () => {
    const clonePath = await clone();
    await gitOk(['push', '--quiet', 'origin', 'main:refs/heads/to-delete'], { cwd: clonePath, ...alice });
    const run = await git(['push', 'origin', '--delete', 'to-delete'], { cwd: clonePath, ...alice });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('remote: error: denying ref deletion for refs/heads/to-delete');
    expect(run.stderr).toContain('! [remote rejected] to-delete (deletion prohibited)');
    expect(await server.store.resolve('interview-a', 'to-delete')).not.toBeNull();
  });

  it('keeps a repository made without the store append-only too', async () => {
    const handMade = path.join(server.root, 'hand-made.git');
    await gitOk(['init', '--quiet', '--bare', '--initial-branch=main', handMade]);
    await gitOk(['config', 'http.receivepack', 'true'], { cwd: handMade });
    const open = windowedAuthorize({ 'hand-made': alice }, window);
    server.setAuthorize(open);
    const clonePath = path.join(work, 'hand-made');
    await gitOk(['init', '--quiet', '--initial-branch=main', clonePath]);
    await commitFiles(clonePath, { 'a.txt': 'a\n' }, 'First');
    await gitOk(['push', '--quiet', server.urlOf('hand-made'), 'main'], { cwd: clonePath, ...alice });
    await gitOk(['commit', '--quiet', '--amend', '-m', 'Amended'], { cwd: clonePath });
    const run = await git(['push', '--force', server.urlOf('hand-made'), 'main'], {
      cwd: clonePath,
      ...alice,
    });
    expect(run.stderr).toContain('! [remote rejected] main -> main (non-fast-forward)');
  });

  it('refuses moving the hidden snapshot ref', async () => {
    const clonePath = await clone();
    await commitFiles(clonePath, { 'c.txt': 'c\n' }, 'Try the snapshot');
    const snapshot = await server.store.snapshotCommit('interview-a');
    const run = await git(['push', 'origin', 'HEAD:refs/pairwise/snapshot'], { cwd: clonePath, ...alice });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('(deny updating a hidden ref)');
    expect(await server.store.snapshotCommit('interview-a')).toBe(snapshot);
  });
});
