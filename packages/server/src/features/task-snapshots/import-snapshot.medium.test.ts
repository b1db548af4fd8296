import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { create as createTar } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanTree, plantedSecretTree } from '../../../test/planted-secrets.ts';
import { createTestFolder, testCwd } from '../../../test/support/test-process.ts';
import { ExportBlockedError, findingKey } from './export-gate.ts';
import { runGit } from './git-command.ts';
import { importSnapshot, previewExport } from './import-snapshot.ts';
import {
  listSnapshots,
  listSnapshotTree,
  resolveSnapshotCommit,
  taskRepositoryPath,
} from './snapshot-store.ts';

let work: string;
let dataDir: string;

beforeAll(async () => {
  work = await createTestFolder('snapshots');
  dataDir = path.join(work, 'data');
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function writeTree(root: string, files: Record<string, string>): Promise<string> {
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), content);
  }
  return root;
}

const author = ['-c', 'user.name=Author', '-c', 'user.email=author@example.com'];

async function commitAll(repo: string, message: string): Promise<string> {
  await runGit(['add', '-A'], { cwd: testCwd(repo) });
  await runGit([...author, 'commit', '--quiet', '-m', message], { cwd: testCwd(repo) });
  return (await runGit(['rev-parse', 'HEAD'], { cwd: testCwd(repo) })).stdout.toString().trim();
}

async function cloneFiles(repoPath: string, ref: string): Promise<{ dir: string; files: string[] }> {
  const dir = await mkdtemp(path.join(work, 'clone-'));
  await runGit(['clone', '--quiet', '--branch', ref, `file://${repoPath}`, dir], { cwd: testCwd(work) });
  const { stdout } = await runGit(['ls-files'], { cwd: testCwd(dir) });
  return { dir, files: stdout.toString().trim().split('\n') };
}

describe('importSnapshot from a directory', () => {
  it('writes one neutral commit with the export tree, behind an immutable snapshot tag', async () => {
    const source = await writeTree(path.join(work, 'dir-source'), {
      ...cleanTree(),
      '.gitignore': 'dist/\n*.log\n',
      'debug.log': 'x',
      'node_modules/x/index.js': 'x',
      'bin/run tests.sh': '#!/bin/sh\nnode --test\n',
      'docs/naïve "quotes".md': 'unicode and quotes\n',
    });
    await chmod(path.join(source, 'bin/run tests.sh'), 0o755);

    const result = await importSnapshot({
      dataDir,
      taskId: 'task-1',
      source: { kind: 'directory', path: source },
    });

    const repoPath = taskRepositoryPath(dataDir, 'task-1');
    expect(result.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(await resolveSnapshotCommit(repoPath, result.snapshotId)).toBe(result.commit);
    const expectedPaths = [
      ...Object.keys(cleanTree()),
      '.gitignore',
      'bin/run tests.sh',
      'docs/naïve "quotes".md',
    ];
    expect(result.tree.map((entry) => entry.path).sort()).toEqual(expectedPaths.sort());
    expect(result.fileCount).toBe(expectedPaths.length);
    expect(result.dropped).toEqual(
      expect.arrayContaining([
        { path: 'debug.log', reason: 'gitignore' },
        { path: 'node_modules/', reason: 'dependencies' },
      ]),
    );

    const { stdout } = await runGit(['log', '--format=%an <%ae>|%cn <%ce>|%s|%P', result.commit], {
      cwd: testCwd(work),
      env: { GIT_DIR: repoPath },
    });
    expect(stdout.toString().trim()).toBe(
      'Pairwise <pairwise@localhost>|Pairwise <pairwise@localhost>|Starting point|',
    );

    const clone = await cloneFiles(repoPath, `snapshot/${result.snapshotId}`);
    expect(clone.files.length).toBe(expectedPaths.length);
    expect((await stat(path.join(clone.dir, 'bin/run tests.sh'))).mode & 0o111).not.toBe(0);
    expect(await readFile(path.join(clone.dir, 'docs/naïve "quotes".md'), 'utf8')).toBe(
      'unicode and quotes\n',
    );
    expect(result.totalBytes).toBe(result.tree.reduce((sum, entry) => sum + entry.size, 0));
  });

  it('re-importing creates a new snapshot and leaves the old one untouched', async () => {
    const source = await writeTree(path.join(work, 'reimport'), { 'a.txt': 'one\n' });
    const first = await importSnapshot({
      dataDir,
      taskId: 'task-2',
      source: { kind: 'directory', path: source },
    });
    await writeFile(path.join(source, 'a.txt'), 'two\n');
    await writeFile(path.join(source, 'b.txt'), 'new\n');
    const second = await importSnapshot({
      dataDir,
      taskId: 'task-2',
      source: { kind: 'directory', path: source },
    });

    const repoPath = taskRepositoryPath(dataDir, 'task-2');
    expect(second.snapshotId).not.toBe(first.snapshotId);
    expect(await listSnapshotTree(repoPath, first.commit)).toEqual([{ path: 'a.txt', size: 4 }]);
    expect(await listSnapshotTree(repoPath, second.commit)).toEqual([
      { path: 'a.txt', size: 4 },
      { path: 'b.txt', size: 4 },
    ]);
    expect((await listSnapshots(repoPath)).map((snapshot) => snapshot.commit).sort()).toEqual(
      [first.commit, second.commit].sort(),
    );
    const main = await runGit(['rev-parse', 'main'], { cwd: testCwd(work), env: { GIT_DIR: repoPath } });
    expect(main.stdout.toString().trim()).toBe(second.commit);
  });

  it('refuses to overwrite an existing snapshot id', async () => {
    const source = await writeTree(path.join(work, 'same-id'), { 'a.txt': 'a' });
    const input = {
      dataDir,
      taskId: 'task-3',
      snapshotId: 'fixed',
      source: { kind: 'directory' as const, path: source },
    };
    await importSnapshot(input);
    await expect(importSnapshot(input)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses a tree with nothing left to export', async () => {
    const source = await writeTree(path.join(work, 'empty'), { 'node_modules/x.js': 'x' });
    await expect(
      importSnapshot({ dataDir, taskId: 'task-4', source: { kind: 'directory', path: source } }),
    ).rejects.toMatchObject({
      code: 'unprocessable',
      message: expect.stringMatching(/Nothing is left to export/),
    });
  });

  it('refuses a relative or missing directory', async () => {
    await expect(previewExport({ kind: 'directory', path: 'relative/dir' })).rejects.toMatchObject({
      code: 'invalid_request',
    });
    await expect(previewExport({ kind: 'directory', path: path.join(work, 'nope') })).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });
});

describe('the secret-scan gate', () => {
  it('blocks an export with planted secrets and lists every one of them', async () => {
    const planted = plantedSecretTree();
    const source = await writeTree(path.join(work, 'planted'), planted.files);

    const preview = await previewExport({ kind: 'directory', path: source });
    expect(preview.blockingCount).toBe(planted.secrets.length);
    expect(preview.findings.map((finding) => `${finding.path} ${finding.ruleId}`).sort()).toEqual(
      planted.secrets.map((secret) => `${secret.path} ${secret.ruleId}`).sort(),
    );

    const error = await importSnapshot({
      dataDir,
      taskId: 'planted',
      source: { kind: 'directory', path: source },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExportBlockedError);
    expect((error as ExportBlockedError).code).toBe('unprocessable');
    expect((error as ExportBlockedError).findings).toHaveLength(planted.secrets.length);
    expect((error as ExportBlockedError).message).toMatch(/blocked by 9 possible secrets/);
    // Nothing was written for a blocked export.
    await expect(stat(taskRepositoryPath(dataDir, 'planted'))).rejects.toThrow();
  });

  it('exports once each finding is excluded or acknowledged with a reason', async () => {
    const planted = plantedSecretTree();
    const source = await writeTree(path.join(work, 'resolved'), planted.files);
    const preview = await previewExport({ kind: 'directory', path: source });
    const dbFinding = preview.findings.find((finding) => finding.path === 'src/db.js')!;
    const acknowledgements = [
      {
        path: dbFinding.path,
        line: dbFinding.line,
        ruleId: dbFinding.ruleId,
        reason: 'Throwaway demo database',
      },
    ];
    const excludedPaths = ['src/aws-client.js', 'certs', 'scripts/release.sh', '.env'];

    await expect(
      importSnapshot({
        dataDir,
        taskId: 'resolved',
        source: { kind: 'directory', path: source },
        excludedPaths,
      }),
    ).rejects.toBeInstanceOf(ExportBlockedError);

    const result = await importSnapshot({
      dataDir,
      taskId: 'resolved',
      source: { kind: 'directory', path: source },
      excludedPaths,
      acknowledgements,
    });
    expect(result.tree.map((entry) => entry.path).sort()).toEqual(['README.md', 'src/db.js']);
    expect(result.acknowledged).toHaveLength(1);
    expect(findingKey(result.acknowledged[0]!)).toBe(findingKey(dbFinding));
    expect(result.acknowledged[0]).toMatchObject({
      status: 'acknowledged',
      acknowledgement: { reason: 'Throwaway demo database' },
    });
    expect(result.dropped).toEqual(expect.arrayContaining([{ path: 'certs/', reason: 'excluded' }]));
  });

  it('refuses an acknowledgement without a reason', async () => {
    const source = await writeTree(path.join(work, 'no-reason'), cleanTree());
    await expect(
      previewExport(
        { kind: 'directory', path: source },
        { acknowledgements: [{ path: 'a', line: 1, ruleId: 'r', reason: '  ' }] },
      ),
    ).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('passes a clean tree', async () => {
    const source = await writeTree(path.join(work, 'clean'), cleanTree());
    const preview = await previewExport({ kind: 'directory', path: source });
    expect(preview.findings).toEqual([]);
    expect(preview.blockingCount).toBe(0);
  });
});

describe('importSnapshot from git', () => {
  let repo: string;
  let firstCommit: string;

  beforeAll(async () => {
    repo = path.join(work, 'git-source');
    await mkdir(repo);
    await runGit(['init', '--quiet', '--initial-branch=main'], { cwd: testCwd(repo) });
    await writeTree(repo, { 'README.md': 'v1\n', '.gitignore': 'local/\n' });
    firstCommit = await commitAll(repo, 'first');
    await runGit(['tag', 'v1'], { cwd: testCwd(repo) });
    await runGit(['checkout', '--quiet', '-b', 'feature'], { cwd: testCwd(repo) });
    await writeTree(repo, { 'README.md': 'feature\n', 'src/feature.js': 'export {};\n' });
    await commitAll(repo, 'feature');
    await runGit(['checkout', '--quiet', 'main'], { cwd: testCwd(repo) });
    await writeTree(repo, { 'README.md': 'v2\n' });
    await commitAll(repo, 'second');
  });

  it.each([
    ['the default branch', undefined, 'v2\n', ['.gitignore', 'README.md']],
    ['a branch', 'feature', 'feature\n', ['.gitignore', 'README.md', 'src/feature.js']],
    ['a tag', 'v1', 'v1\n', ['.gitignore', 'README.md']],
  ])('clones %s', async (_what, ref, readme, paths) => {
    const result = await importSnapshot({
      dataDir,
      taskId: 'from-git',
      source: { kind: 'git', url: `file://${repo}`, ...(ref ? { ref } : {}) },
    });
    expect(result.tree.map((entry) => entry.path)).toEqual(paths);
    expect(result.source).toMatch(/^git file:\/\//);
    const clone = await cloneFiles(taskRepositoryPath(dataDir, 'from-git'), `snapshot/${result.snapshotId}`);
    expect(await readFile(path.join(clone.dir, 'README.md'), 'utf8')).toBe(readme);
  });

  it('checks out a commit id, from a plain path too', async () => {
    const result = await importSnapshot({
      dataDir,
      taskId: 'from-git',
      source: { kind: 'git', url: repo, ref: firstCommit.slice(0, 10) },
    });
    expect(result.sourceCommit).toBe(firstCommit);
    expect(result.commit).not.toBe(firstCommit);
  });

  it('names the reason when the ref or the URL is wrong', async () => {
    await expect(
      previewExport({ kind: 'git', url: `file://${repo}`, ref: 'no-such-branch' }),
    ).rejects.toMatchObject({
      code: 'unprocessable',
      message: expect.stringMatching(/Could not get file:.*no-such-branch/),
    });
    await expect(previewExport({ kind: 'git', url: '--upload-pack=touch /tmp/x' })).rejects.toMatchObject({
      code: 'invalid_request',
    });
    await expect(previewExport({ kind: 'git', url: 'ext::sh -c touch% /tmp/pwned' })).rejects.toMatchObject({
      code: 'invalid_request',
    });
    await expect(
      previewExport({ kind: 'git', url: `file://${repo}`, ref: '--orphan' }),
    ).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });
});

describe('the bundled demo task', () => {
  it('exports cleanly, without the navigator guide', async () => {
    const demo = path.resolve(import.meta.dirname, '../../../demo-task');
    const result = await importSnapshot({
      dataDir,
      taskId: 'demo',
      source: { kind: 'directory', path: path.join(demo, 'starting-point') },
    });
    expect(result.acknowledged).toEqual([]);
    expect(result.tree.map((entry) => entry.path)).toEqual([
      '.gitignore',
      'README.md',
      'package.json',
      'src/inventory-report.js',
      'src/quantity.js',
      'test/inventory-report.test.js',
      'test/quantity.test.js',
    ]);
  });
});

describe('importSnapshot from an archive', () => {
  it('extracts the archive and unwraps its single top folder', async () => {
    const staging = await writeTree(path.join(work, 'archive-staging'), {
      'kata-main/README.md': '# kata\n',
      'kata-main/src/index.js': 'export {};\n',
      'kata-main/node_modules/x/index.js': 'x\n',
    });
    const archivePath = path.join(work, 'kata.tar.gz');
    await createTar({ gzip: true, file: archivePath, cwd: staging }, ['kata-main']);
    const result = await importSnapshot({
      dataDir,
      taskId: 'from-archive',
      source: { kind: 'archive', archivePath },
    });
    expect(result.tree.map((entry) => entry.path)).toEqual(['README.md', 'src/index.js']);
    expect(result.source).toBe('tar.gz archive (3 files)');
  });
});
