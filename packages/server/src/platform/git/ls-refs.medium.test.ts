import { rm } from 'node:fs/promises';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commitFiles,
  createTaskSource,
  gitOk,
  tempDirectory,
} from '../../../test/support/git-test-harness.ts';
import { spawnInTestFolder } from '../../../test/support/test-process.ts';
import { CandidateRepositoryStore } from './candidate-repository-store.ts';
import { answerLsRefs, parseLsRefsRequest } from './ls-refs.ts';
import { FLUSH_PKT, pktLine } from './pkt-line.ts';

const HIDDEN = ['refs/pairwise'];
const DELIM_PKT = Buffer.from('0001');

let work: string;
let store: CandidateRepositoryStore;
let source: { path: string; commit: string };

beforeAll(async () => {
  work = await tempDirectory('ls-refs');
  store = new CandidateRepositoryStore({ root: path.join(work, 'repositories') });
  source = await createTaskSource(path.join(work, 'task'), { 'README.md': '# Task\n' });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** What a git 2.39 client sends for `git clone` (or with other arguments after the delimiter). */
function lsRefsRequest(args: string[] = ['peel', 'symrefs', 'unborn', ...clonePrefixes]): Buffer {
  return Buffer.concat([
    pktLine('command=ls-refs\n'),
    pktLine('agent=git/2.39.5\n'),
    pktLine('object-format=sha1\n'),
    DELIM_PKT,
    ...args.map((arg) => pktLine(`${arg}\n`)),
    FLUSH_PKT,
  ]);
}
const clonePrefixes = ['ref-prefix HEAD', 'ref-prefix refs/heads/', 'ref-prefix refs/tags/'];

/** git's own answer to the same request, with the same hidden refs. */
async function gitAnswer(gitDir: string, request: Buffer): Promise<string> {
  const child = spawnInTestFolder(
    'git',
    ['-c', 'transfer.hideRefs=refs/pairwise', 'upload-pack', '--stateless-rpc', '--strict', gitDir],
    {
      cwd: work,
      env: { PATH: process.env.PATH, GIT_PROTOCOL: 'version=2', GIT_CONFIG_NOSYSTEM: '1', HOME: work },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  child.stdin!.end(request);
  return (await buffer(child.stdout!)).toString('utf8');
}

async function expectSameAnswer(gitDir: string, args?: string[]): Promise<string> {
  const request = lsRefsRequest(args);
  const parsed = parseLsRefsRequest(request);
  expect(parsed).not.toBeNull();
  const ours = answerLsRefs(gitDir, parsed!, HIDDEN);
  const theirs = await gitAnswer(gitDir, request);
  expect(ours?.toString('utf8')).toBe(theirs);
  return theirs;
}

describe("ls-refs answered from the repository's files", () => {
  it("answers a clone's request byte for byte as git does, without the hidden snapshot ref", async () => {
    const { path: gitDir } = await store.create({
      slug: 'fresh',
      source: source.path,
      commit: source.commit,
    });
    const answer = await expectSameAnswer(gitDir);
    expect(answer).toContain(`${source.commit} HEAD symref-target:refs/heads/main`);
    expect(answer).not.toContain('refs/pairwise');
    // Without symrefs, without prefixes (every ref), only some prefixes.
    await expectSameAnswer(gitDir, ['peel']);
    await expectSameAnswer(gitDir, []);
    await expectSameAnswer(gitDir, ['symrefs', 'ref-prefix refs/heads/']);
    await expectSameAnswer(gitDir, ['symrefs', 'ref-prefix HEAD']);
  });

  it('answers for pushed branches, loose and packed, in git’s order', async () => {
    const { path: gitDir } = await store.create({
      slug: 'branches',
      source: source.path,
      commit: source.commit,
    });
    const clone = path.join(work, 'branches-clone');
    await gitOk(['clone', '--quiet', gitDir, clone], { cwd: work });
    await commitFiles(clone, { 'a.ts': 'export {};\n' }, 'A');
    await gitOk(['push', '--quiet', 'origin', 'main', 'main:refs/heads/zeta', 'main:refs/heads/feature/x'], {
      cwd: clone,
    });
    await expectSameAnswer(gitDir);
    await gitOk(['pack-refs', '--all'], { cwd: gitDir });
    const packed = await expectSameAnswer(gitDir);
    expect(packed).toContain('refs/heads/feature/x');
    // A loose ref newer than its packed copy wins.
    await commitFiles(clone, { 'b.ts': 'export {};\n' }, 'B');
    await gitOk(['push', '--quiet', 'origin', 'main'], { cwd: clone });
    await expectSameAnswer(gitDir);
  });

  it('answers an empty repository with its unborn HEAD, as git does', async () => {
    const gitDir = path.join(work, 'empty.git');
    await gitOk(['init', '--quiet', '--bare', '--initial-branch=main', gitDir], { cwd: work });
    const answer = await expectSameAnswer(gitDir);
    expect(answer).toContain('unborn HEAD symref-target:refs/heads/main');
    await expectSameAnswer(gitDir, ['symrefs', ...clonePrefixes]);
  });

  it('leaves a repository with a tag, or a detached HEAD, to git', async () => {
    const { path: gitDir } = await store.create({
      slug: 'tagged',
      source: source.path,
      commit: source.commit,
    });
    await gitOk(['tag', '-a', '-m', 'v1', 'v1', 'main'], { cwd: gitDir });
    expect(answerLsRefs(gitDir, parseLsRefsRequest(lsRefsRequest())!, HIDDEN)).toBeNull();
    const detached = path.join(work, 'detached.git');
    await gitOk(['clone', '--quiet', '--bare', gitDir, detached], { cwd: work });
    await gitOk(['update-ref', '--no-deref', 'HEAD', source.commit], { cwd: detached });
    await gitOk(['tag', '-d', 'v1'], { cwd: detached });
    expect(answerLsRefs(detached, parseLsRefsRequest(lsRefsRequest())!, HIDDEN)).toBeNull();
  });

  it('leaves every other request to git: a fetch, unknown arguments or capabilities, a malformed body', () => {
    const fetch = Buffer.concat([pktLine('command=fetch\n'), DELIM_PKT, pktLine('done\n'), FLUSH_PKT]);
    expect(parseLsRefsRequest(fetch)).toBeNull();
    expect(parseLsRefsRequest(lsRefsRequest(['peel', 'something-new']))).toBeNull();
    const otherFormat = Buffer.concat([
      pktLine('command=ls-refs\n'),
      pktLine('object-format=sha256\n'),
      DELIM_PKT,
      FLUSH_PKT,
    ]);
    expect(parseLsRefsRequest(otherFormat)).toBeNull();
    expect(parseLsRefsRequest(Buffer.from('00zzcommand=ls-refs'))).toBeNull();
    expect(parseLsRefsRequest(Buffer.concat([lsRefsRequest(), pktLine('more\n')]))).toBeNull();
    expect(parseLsRefsRequest(lsRefsRequest().subarray(0, 20))).toBeNull();
  });
});
