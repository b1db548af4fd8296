import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '@pairwise/domain';
import { create as createTar } from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { craftTarGz, craftZip } from '../../../test/support/crafted-archives.ts';
import { createTestFolderSync, testCwd } from '../../../test/support/test-process.ts';
import { extractArchive, safeEntryPath } from './extract-archive.ts';

let work: string;

beforeEach(() => {
  work = createTestFolderSync('archive');
});

afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

function archive(name: string, bytes: Buffer): string {
  const file = path.join(work, name);
  writeFileSync(file, bytes);
  return file;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function listTree(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix + entry.name;
    return entry.isDirectory() ? listTree(path.join(dir, entry.name), `${rel}/`) : [rel];
  });
}

describe('extractArchive: well-formed archives', () => {
  it('extracts a .tar.gz made by the tar package, keeping the executable bit', async () => {
    const src = path.join(work, 'src');
    await mkdir(path.join(src, 'lib'), { recursive: true });
    await writeFile(path.join(src, 'README.md'), '# kata\n');
    await writeFile(path.join(src, 'lib', 'run.sh'), '#!/bin/sh\necho hi\n', { mode: 0o755 });
    const file = path.join(work, 'task.tar.gz');
    await createTar({ gzip: true, file, cwd: src }, ['README.md', 'lib']);

    const dest = path.join(work, 'out');
    const summary = await extractArchive(file, dest);

    expect(summary).toMatchObject({ format: 'tar.gz', fileCount: 2, totalBytes: 7 + 18 });
    expect(listTree(dest).sort()).toEqual(['README.md', 'lib/run.sh']);
    expect(statSync(path.join(dest, 'lib', 'run.sh')).mode & 0o111).not.toBe(0);
  });

  it('extracts a .zip made by the zip binary', async () => {
    const src = path.join(work, 'src');
    await mkdir(path.join(src, 'kata', 'test'), { recursive: true });
    await writeFile(path.join(src, 'kata', 'index.js'), 'export const x = 1;\n');
    await writeFile(path.join(src, 'kata', 'test', 'x.test.js'), 'test\n');
    const file = path.join(work, 'task.zip');
    execFileSync('zip', ['-qr', file, 'kata'], { cwd: testCwd(src) });

    const dest = path.join(work, 'out');
    const summary = await extractArchive(file, dest);

    expect(summary.format).toBe('zip');
    expect(summary.fileCount).toBe(2);
    expect(listTree(dest).sort()).toEqual(['kata/index.js', 'kata/test/x.test.js']);
    expect(readFileSync(path.join(dest, 'kata', 'index.js'), 'utf8')).toBe('export const x = 1;\n');
  });

  it('extracts deflated entries of a crafted zip', async () => {
    const file = archive(
      'ok.zip',
      craftZip([{ name: 'a/b.txt', data: 'hello '.repeat(100), deflate: true }]),
    );
    const dest = path.join(work, 'out');
    await extractArchive(file, dest);
    expect(readFileSync(path.join(dest, 'a', 'b.txt'), 'utf8')).toBe('hello '.repeat(100));
  });
});

describe('extractArchive: refusals', () => {
  it('refuses an upload above the size limit before reading it', async () => {
    const file = archive('big.zip', craftZip([{ name: 'a.txt', data: 'x'.repeat(4096) }]));
    const error = await refusal(extractArchive(file, path.join(work, 'out'), { maxArchiveBytes: 1024 }));
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toMatch(/uploads are limited to 1\.0 KiB/);
  });

  it('refuses something that is not an archive', async () => {
    const file = archive('notes.zip', Buffer.from('just some text, not a zip'));
    const error = await refusal(extractArchive(file, path.join(work, 'out')));
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/not a \.zip, \.tar\.gz or \.tar archive/);
  });

  it.each([
    ['zip', () => craftZip([{ name: '../evil.txt', data: 'x' }])],
    ['zip (nested)', () => craftZip([{ name: 'ok/../../evil.txt', data: 'x' }])],
    ['zip (backslashes)', () => craftZip([{ name: '..\\evil.txt', data: 'x' }])],
    ['tar.gz', () => craftTarGz([{ path: '../evil.txt', data: 'x' }])],
  ])('refuses path traversal with ".." (%s)', async (_kind, build) => {
    const file = archive('traversal.bin', build());
    const error = await refusal(extractArchive(file, path.join(work, 'out')));
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/climbs out of the folder with "\.\."/);
    expect(readdirSync(work)).not.toContain('evil.txt');
  });

  it.each([
    ['zip', () => craftZip([{ name: '/tmp/evil.txt', data: 'x' }])],
    ['tar.gz', () => craftTarGz([{ path: '/tmp/evil.txt', data: 'x' }])],
  ])('refuses absolute paths (%s)', async (_kind, build) => {
    const error = await refusal(extractArchive(archive('abs.bin', build()), path.join(work, 'out')));
    expect(error.message).toMatch(/is an absolute path/);
  });

  it('refuses drive letters', async () => {
    const file = archive('drive.zip', craftZip([{ name: 'C:\\Windows\\evil.txt', data: 'x' }]));
    const error = await refusal(extractArchive(file, path.join(work, 'out')));
    expect(error.message).toMatch(/drive letter/);
  });

  it('refuses a symlink in a zip', async () => {
    const file = archive('link.zip', craftZip([{ name: 'passwd', data: '/etc/passwd', unixMode: 0o120777 }]));
    const error = await refusal(extractArchive(file, path.join(work, 'out')));
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/"passwd" is a symbolic link; links are not allowed/);
  });

  it('refuses a symlink stored by the zip binary with -y', async () => {
    const src = path.join(work, 'src');
    await mkdir(src);
    await symlink('/etc/passwd', path.join(src, 'passwd'));
    const file = path.join(work, 'y.zip');
    execFileSync('zip', ['-qy', file, 'passwd'], { cwd: testCwd(src) });
    const error = await refusal(extractArchive(file, path.join(work, 'out')));
    expect(error.message).toMatch(/symbolic link/);
  });

  it('refuses symlinks and hard links in a tar, naming the target', async () => {
    const sym = archive(
      'sym.tgz',
      craftTarGz([{ path: 'escape', type: 'SymbolicLink', linkpath: '../../etc' }]),
    );
    expect((await refusal(extractArchive(sym, path.join(work, 'o1')))).message).toMatch(
      /"escape" is a symbolic link to "\.\.\/\.\.\/etc"/,
    );
    const hard = archive('hard.tgz', craftTarGz([{ path: 'shadow', type: 'Link', linkpath: '/etc/shadow' }]));
    expect((await refusal(extractArchive(hard, path.join(work, 'o2')))).message).toMatch(
      /"shadow" is a hard link to "\/etc\/shadow"/,
    );
  });

  it('refuses device files and FIFOs', async () => {
    const fifo = archive('fifo.tgz', craftTarGz([{ path: 'pipe', type: 'FIFO' }]));
    expect((await refusal(extractArchive(fifo, path.join(work, 'out')))).message).toMatch(
      /FIFO entry; only files and folders/,
    );
  });

  it('refuses a zip bomb by its declared size', async () => {
    const zeros = Buffer.alloc(8 * 1024 * 1024);
    const file = archive('bomb.zip', craftZip([{ name: 'zeros.bin', data: zeros, deflate: true }]));
    expect(statSync(file).size).toBeLessThan(64 * 1024);
    const error = await refusal(
      extractArchive(file, path.join(work, 'out'), { maxUnpackedBytes: 1024 * 1024 }),
    );
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toMatch(/unpacks to more than 1\.0 MiB.*zip bomb/);
  });

  it('refuses a zip bomb that lies about its size', async () => {
    const zeros = Buffer.alloc(8 * 1024 * 1024);
    const file = archive(
      'liar.zip',
      craftZip([{ name: 'zeros.bin', data: zeros, deflate: true, declaredSize: 10 }]),
    );
    const error = await refusal(
      extractArchive(file, path.join(work, 'out'), { maxUnpackedBytes: 1024 * 1024 }),
    );
    expect(error.message).toMatch(/"zeros\.bin" unpacks to a different size than it declares/);
    // The refusal may come before the file is created; either way at most the limit was written.
    const partial = path.join(work, 'out', 'zeros.bin');
    expect(existsSync(partial) ? statSync(partial).size : 0).toBeLessThanOrEqual(1024 * 1024);
  });

  it('refuses a tar.gz bomb', async () => {
    const file = archive(
      'bomb.tgz',
      craftTarGz([{ path: 'zeros.bin', data: Buffer.alloc(4 * 1024 * 1024) }]),
    );
    const error = await refusal(
      extractArchive(file, path.join(work, 'out'), { maxUnpackedBytes: 1024 * 1024 }),
    );
    expect(error.code).toBe('payload_too_large');
  });

  it('refuses too many entries', async () => {
    const entries = Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' }));
    const zipError = await refusal(
      extractArchive(archive('many.zip', craftZip(entries)), path.join(work, 'o1'), { maxEntries: 10 }),
    );
    expect(zipError.code).toBe('payload_too_large');
    expect(zipError.message).toMatch(/at least 30 files and folders; the limit is 10/);

    const tarEntries = entries.map((entry) => ({ path: entry.name, data: entry.data }));
    const tarError = await refusal(
      extractArchive(archive('many.tgz', craftTarGz(tarEntries)), path.join(work, 'o2'), { maxEntries: 10 }),
    );
    expect(tarError.message).toMatch(/the limit is 10/);
  });

  it.each([
    ['zip', (bytes: Buffer) => craftZip([{ name: 'data.bin', data: bytes, deflate: true }])],
    ['tar.gz', (bytes: Buffer) => craftTarGz([{ path: 'data.bin', data: bytes }])],
  ])('refuses a truncated archive without hanging (%s)', async (_kind, build) => {
    const whole = build(randomBytes(256 * 1024));
    const file = archive('cut.bin', whole.subarray(0, Math.floor(whole.length / 2)));
    const error = await refusal(extractArchive(file, path.join(work, 'out')));
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/could not be (read|extracted)/);
  });

  it('refuses an entry that appears twice', async () => {
    const file = archive(
      'dup.tgz',
      craftTarGz([
        { path: 'a.txt', data: 'one' },
        { path: 'a.txt', data: 'two' },
      ]),
    );
    const error = await refusal(extractArchive(file, path.join(work, 'out')));
    expect(error.message).toMatch(/"a.txt" appears twice/);
  });

  it('refuses to extract into a folder that is not empty', async () => {
    const dest = path.join(work, 'out');
    await mkdir(dest);
    await writeFile(path.join(dest, 'existing'), 'x');
    const error = await refusal(
      extractArchive(archive('ok.zip', craftZip([{ name: 'a', data: 'x' }])), dest),
    );
    expect(error.code).toBe('invalid_request');
  });
});

describe('safeEntryPath', () => {
  it('normalises harmless names', () => {
    expect(safeEntryPath('./a//b/./c.txt')).toBe('a/b/c.txt');
    expect(safeEntryPath('dir/')).toBe('dir');
    expect(safeEntryPath('./')).toBe('');
    expect(safeEntryPath('a..b/c')).toBe('a..b/c');
  });
});
