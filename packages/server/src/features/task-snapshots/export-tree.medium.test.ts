import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '@pairwise/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildExportTree } from './export-tree.ts';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pairwise-export-tree-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function writeTree(files: Record<string, string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), content);
  }
}

describe('buildExportTree', () => {
  it('drops git metadata, dependencies, build output and OS clutter, and says why', async () => {
    await writeTree({
      'README.md': '# kata\n',
      'src/index.js': 'export {};\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
      'node_modules/left-pad/index.js': 'module.exports = 1;\n',
      'packages/app/node_modules/x/index.js': '1\n',
      '.venv/bin/python': '',
      'target/debug/app': '',
      'dist/bundle.js': '',
      'coverage/lcov.info': '',
      '.next/cache/x': '',
      'src/.DS_Store': '',
    });
    const tree = await buildExportTree(root);
    expect(tree.files.map((file) => file.path)).toEqual(['README.md', 'src/index.js']);
    expect(tree.dropped).toEqual([
      { path: '.git/', reason: 'git-metadata' },
      { path: '.next/', reason: 'build-output' },
      { path: '.venv/', reason: 'dependencies' },
      { path: 'coverage/', reason: 'build-output' },
      { path: 'dist/', reason: 'build-output' },
      { path: 'node_modules/', reason: 'dependencies' },
      { path: 'packages/app/node_modules/', reason: 'dependencies' },
      { path: 'target/', reason: 'build-output' },
    ]);
    expect(tree.totalBytes).toBe(7 + 11);
  });

  it('applies root and nested .gitignore files, including negations', async () => {
    await writeTree({
      '.gitignore': '*.log\nsecrets/\ntmp-*\n!keep.log\n',
      'app.log': 'x',
      'keep.log': 'kept',
      'secrets/key.txt': 'x',
      'tmp-notes.md': 'x',
      'src/.gitignore': 'generated/\n!important.log\n',
      'src/generated/out.js': 'x',
      'src/important.log': 'kept',
      'src/debug.log': 'x',
      'src/main.js': 'main',
    });
    const tree = await buildExportTree(root);
    expect(tree.files.map((file) => file.path)).toEqual([
      '.gitignore',
      'keep.log',
      'src/.gitignore',
      'src/important.log',
      'src/main.js',
    ]);
    expect(tree.dropped).toContainEqual({ path: 'secrets/', reason: 'gitignore' });
    expect(tree.dropped).toContainEqual({ path: 'src/generated/', reason: 'gitignore' });
    expect(tree.dropped).toContainEqual({ path: 'src/debug.log', reason: 'gitignore' });
  });

  it('leaves out excluded files and folders, and keeps a dependency folder when asked', async () => {
    await writeTree({
      'a.txt': 'a',
      'fixtures/big.json': '{}',
      'vendor/lib/x.go': 'package lib\n',
      'b.txt': 'b',
    });
    const tree = await buildExportTree(root, {
      excludedPaths: ['./fixtures/', 'b.txt'],
      keptPaths: ['vendor'],
    });
    expect(tree.files.map((file) => file.path)).toEqual(['a.txt', 'vendor/lib/x.go']);
    expect(tree.dropped).toEqual([
      { path: 'b.txt', reason: 'excluded' },
      { path: 'fixtures/', reason: 'excluded' },
    ]);
  });

  it('keeps executable bits, detects binary files and keeps in-tree symlinks', async () => {
    await writeTree({ 'run.sh': '#!/bin/sh\n', 'docs/guide.md': '# guide\n' });
    await chmod(path.join(root, 'run.sh'), 0o755);
    await writeFile(path.join(root, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]));
    await symlink('docs/guide.md', path.join(root, 'GUIDE.md'));
    const tree = await buildExportTree(root);
    const byPath = Object.fromEntries(tree.files.map((file) => [file.path, file]));
    expect(byPath['run.sh']).toMatchObject({ executable: true, binary: false });
    expect(byPath['logo.png']).toMatchObject({ executable: false, binary: true });
    expect(byPath['GUIDE.md']).toMatchObject({ symlinkTarget: 'docs/guide.md' });
  });

  it.each([
    ['an absolute target', '/etc/passwd'],
    ['a target outside the tree', '../../outside'],
  ])('refuses a symlink to %s', async (_what, target) => {
    await symlink(target, path.join(root, 'escape'));
    const error = await buildExportTree(root).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/"escape" is a symbolic link to .* outside the task/);
  });

  it('refuses trees above the limits with payload_too_large', async () => {
    await writeTree({ 'a.txt': 'aaaa', 'b.txt': 'bbbb', 'c.txt': 'cccc' });
    const tooMany = await buildExportTree(root, { limits: { maxFiles: 2 } }).catch(
      (caught: unknown) => caught,
    );
    expect(tooMany).toMatchObject({ code: 'payload_too_large' });
    const tooBig = await buildExportTree(root, { limits: { maxTotalBytes: 10 } }).catch(
      (caught: unknown) => caught,
    );
    expect(tooBig).toMatchObject({ code: 'payload_too_large' });
  });

  it('refuses an excluded path that climbs out of the task', async () => {
    await expect(buildExportTree(root, { excludedPaths: ['../etc'] })).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });
});
