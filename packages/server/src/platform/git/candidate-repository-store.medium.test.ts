import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commitFiles,
  createTaskSource,
  gitOk,
  tempDirectory,
} from '../../../test/support/git-test-harness.ts';
import { testCwd } from '../../../test/support/test-process.ts';
import { CandidateRepositoryStore, SNAPSHOT_REF } from './candidate-repository-store.ts';
import { parseLog } from './commit-log.ts';

let work: string;
let store: CandidateRepositoryStore;
let source: { path: string; commit: string };
let secondTaskCommit: string;

beforeAll(async () => {
  work = await tempDirectory('git-store');
  store = new CandidateRepositoryStore({ root: path.join(work, 'repositories') });
  source = await createTaskSource(path.join(work, 'task'), {
    'README.md': '# Task\n',
    'src/a.ts': 'export const a = 1;\n',
    'src/old-name.ts': 'export const moved = true;\n'.repeat(5),
    'logo.bin': Buffer.from([0, 1, 2, 3, 0, 255]),
  });
  // A later commit in the task source that the candidate must not get.
  secondTaskCommit = await commitFiles(source.path, { 'SOLUTION.md': 'navigator only\n' }, 'Solution notes');
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('CandidateRepositoryStore', () => {
  it('creates a bare repository whose main is the chosen snapshot commit, configured append-only', async () => {
    const created = await store.create({ slug: 'interview-1', source: source.path, commit: source.commit });
    expect(created).toEqual({
      slug: 'interview-1',
      path: path.join(store.root, 'interview-1.git'),
      snapshotCommit: source.commit,
    });
    expect(await store.exists('interview-1')).toBe(true);
    expect(await store.readRefs('interview-1')).toEqual([{ ref: 'refs/heads/main', sha: source.commit }]);
    expect(await store.snapshotCommit('interview-1')).toBe(source.commit);
    expect(await store.resolve('interview-1', secondTaskCommit)).toBeNull();
    const config = await gitOk(['config', '--list', '--local'], { cwd: created.path });
    for (const line of [
      'core.bare=true',
      'receive.denynonfastforwards=true',
      'receive.denydeletes=true',
      'http.receivepack=true',
      'http.uploadpack=true',
      'http.getanyfile=false',
      'transfer.hiderefs=refs/pairwise',
    ]) {
      expect(config).toContain(line);
    }
    expect((await readFile(path.join(created.path, 'HEAD'), 'utf8')).trim()).toBe('ref: refs/heads/main');
  });

  it('refuses a second repository with the same slug, an unknown commit and a bad slug', async () => {
    await expect(
      store.create({ slug: 'interview-1', source: source.path, commit: source.commit }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      store.create({ slug: 'interview-2', source: source.path, commit: 'f'.repeat(40) }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await store.exists('interview-2')).toBe(false);
    await expect(
      store.create({ slug: '../x', source: source.path, commit: source.commit }),
    ).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });

  it('never passes a revision git could read as an option', async () => {
    for (const revision of ['--output=/tmp/pwned', 'main..other', 'main@{1}', 'HEAD^', '']) {
      await expect(store.resolve('interview-1', revision)).rejects.toMatchObject({ code: 'invalid_request' });
    }
  });

  it('lists commits, tree, files, diff and archive for the report', async () => {
    const clone = path.join(work, 'clone');
    await gitOk(['clone', '--quiet', store.pathOf('interview-1'), clone]);
    await gitOk(['mv', 'src/old-name.ts', 'src/new-name.ts'], { cwd: clone });
    const first = await commitFiles(clone, { 'src/a.ts': 'export const a = 2;\n' }, 'Rename and change');
    await gitOk(['checkout', '--quiet', '-b', 'side'], { cwd: clone });
    await commitFiles(clone, { 'src/side.ts': 'side\n' }, 'Side work');
    await gitOk(['checkout', '--quiet', 'main'], { cwd: clone });
    await commitFiles(
      clone,
      {
        'logo.bin': Buffer.from([9, 0, 9]),
        'docs/x y.md': 'spaces\n',
        '.gitattributes': 'src/** export-ignore\n',
      },
      'Binary, spaces and an attempt to hide files from the archive',
    );
    await gitOk(['merge', '--quiet', '--no-ff', '-m', 'Merge side', 'side'], { cwd: clone });
    await gitOk(['commit', '--quiet', '--allow-empty', '-m', 'Empty\n\nbody'], { cwd: clone });
    await gitOk(['push', '--quiet', 'origin', 'main', 'side'], { cwd: clone });

    const commits = await store.listCommits('interview-1');
    expect(commits.map((commit) => commit.message.split('\n')[0])).toEqual([
      'Rename and change',
      'Side work',
      'Binary, spaces and an attempt to hide files from the archive',
      'Merge side',
      'Empty',
    ]);
    expect(commits[0]?.sha).toBe(first);
    expect(commits[0]?.changes).toEqual([
      { status: 'M', path: 'src/a.ts' },
      { status: 'R', oldPath: 'src/old-name.ts', path: 'src/new-name.ts' },
    ]);
    expect(commits[0]?.files).toEqual(['src/a.ts', 'src/old-name.ts', 'src/new-name.ts']);
    expect(commits[3]?.parents).toHaveLength(2);
    expect(commits[3]?.files).toEqual(['src/side.ts']);
    expect(commits[4]?.files).toEqual([]);
    expect(commits[4]?.message).toBe('Empty\n\nbody\n');

    const tree = await store.listTree('interview-1');
    expect(tree.map((entry) => entry.path)).toEqual([
      '.gitattributes',
      'README.md',
      'docs/x y.md',
      'logo.bin',
      'src/a.ts',
      'src/new-name.ts',
      'src/side.ts',
    ]);
    expect(tree.find((entry) => entry.path === 'logo.bin')).toMatchObject({
      type: 'blob',
      mode: '100644',
      size: 3,
    });
    expect((await store.readFile('interview-1', 'main', 'src/a.ts')).content.toString()).toBe(
      'export const a = 2;\n',
    );
    await expect(store.readFile('interview-1', 'main', 'nope.txt')).rejects.toMatchObject({
      code: 'not_found',
    });

    const diff = await store.diff('interview-1');
    expect(diff.from).toBe(source.commit);
    expect(diff.files).toEqual([
      { status: 'A', path: '.gitattributes', additions: 1, deletions: 0 },
      { status: 'A', path: 'docs/x y.md', additions: 1, deletions: 0 },
      { status: 'M', path: 'logo.bin', additions: null, deletions: null },
      { status: 'M', path: 'src/a.ts', additions: 1, deletions: 1 },
      { status: 'R', oldPath: 'src/old-name.ts', path: 'src/new-name.ts', additions: 0, deletions: 0 },
      { status: 'A', path: 'src/side.ts', additions: 1, deletions: 0 },
    ]);
    expect(diff.patch).toContain('+export const a = 2;');
    expect(diff.truncated).toBe(false);
    expect((await store.diff('interview-1', { maxPatchBytes: 100 })).truncated).toBe(true);

    const archivePath = path.join(work, 'final.tar.gz');
    await pipeline(await store.archive('interview-1'), createWriteStream(archivePath));
    const { stdout } = await promisify(execFile)('tar', ['-tzf', archivePath], { cwd: testCwd(work) });
    expect(stdout.split('\n')).toEqual(
      expect.arrayContaining(['interview-1/src/new-name.ts', 'interview-1/src/a.ts', 'interview-1/logo.bin']),
    );
  });

  it('keeps the snapshot ref out of the refs the candidate sees', async () => {
    const refs = await store.readRefs('interview-1');
    expect(refs.map((entry) => entry.ref)).toEqual(['refs/heads/main', 'refs/heads/side']);
    expect(refs.some((entry) => entry.ref === SNAPSHOT_REF)).toBe(false);
  });

  it('deletes a repository', async () => {
    await store.create({ slug: 'interview-3', source: source.path, commit: source.commit });
    expect(await store.delete('interview-3')).toBe(true);
    expect(await store.exists('interview-3')).toBe(false);
    expect(await store.delete('interview-3')).toBe(false);
    await expect(store.readRefs('interview-3')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('parseLog', () => {
  it('keeps messages and paths with any byte but NUL intact', () => {
    const marker = '\x1epairwise-commit ';
    const sha = 'a'.repeat(40);
    const output =
      `${marker}${sha}\0\0N\0n@x\x002024-01-01T10:00:00+01:00\x002024-01-01T10:00:00+01:00\0` +
      `msg with \x1epairwise-commit inside\nA\tfake\n\0\nA\0${marker}evil path\0M\0\nnewline\0`;
    const [commit] = parseLog(output);
    expect(commit?.message).toBe('msg with \x1epairwise-commit inside\nA\tfake\n');
    expect(commit?.files).toEqual([`${marker}evil path`, '\nnewline']);
    expect(commit?.at.toISOString()).toBe('2024-01-01T09:00:00.000Z');
  });
});
