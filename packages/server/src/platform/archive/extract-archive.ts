import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@pairwise/domain';
import type { ReadEntry } from 'tar';
import type { ZipFile } from 'yauzl';

/**
 * Safe extraction of an uploaded task archive (.zip, .tar.gz or .tar) into an empty folder.
 *
 * Every entry is validated before a byte is written: only relative paths inside the folder,
 * no links of any kind (a link that is harmless today can be retargeted by a later entry),
 * no devices, and hard caps on entry count and unpacked bytes, checked against the declared
 * sizes first and against the bytes actually inflated as they stream.
 */

export type ArchiveLimits = {
  /** Size of the uploaded archive itself. */
  maxArchiveBytes: number;
  /** Sum of all unpacked file sizes. */
  maxUnpackedBytes: number;
  /** Files plus directories: a million empty folders is a bomb too. */
  maxEntries: number;
};

export const defaultArchiveLimits: ArchiveLimits = {
  maxArchiveBytes: 50 * 1024 * 1024,
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxEntries: 20_000,
};

export type ArchiveFormat = 'zip' | 'tar.gz' | 'tar';

export type ExtractionSummary = {
  format: ArchiveFormat;
  fileCount: number;
  directoryCount: number;
  totalBytes: number;
};

export async function extractArchive(
  archivePath: string,
  destDir: string,
  limits: Partial<ArchiveLimits> = {},
): Promise<ExtractionSummary> {
  const effective = { ...defaultArchiveLimits, ...limits };
  const archiveSize = (await stat(archivePath)).size;
  if (archiveSize > effective.maxArchiveBytes) {
    throw new AppError(
      'payload_too_large',
      `The archive is ${formatBytes(archiveSize)}; uploads are limited to ${formatBytes(effective.maxArchiveBytes)}.`,
    );
  }
  const format = detectArchiveFormat(await readHead(archivePath));
  if (!format) {
    throw new AppError('unprocessable', 'The upload is not a .zip, .tar.gz or .tar archive.');
  }
  const root = path.resolve(destDir);
  await ensureEmptyDirectory(root);
  const budget = new ExtractionBudget(effective);
  if (format === 'zip') await extractZip(archivePath, root, budget);
  else await extractTar(archivePath, root, budget);
  return { format, ...budget.summary() };
}

export function detectArchiveFormat(head: Buffer): ArchiveFormat | undefined {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5))
    return 'zip';
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz';
  if (head.length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
  return undefined;
}

/**
 * Validates an entry name and returns it as a normalised relative POSIX path
 * ('' for the archive root itself). Throws a refusal naming the reason.
 */
export function safeEntryPath(rawName: string): string {
  const shown = JSON.stringify(rawName.length > 200 ? `${rawName.slice(0, 200)}…` : rawName);
  if (rawName.includes('\0')) {
    throw refusal(`The archive entry ${shown} contains a NUL byte.`);
  }
  // Windows tools write backslashes; treat them as separators so "..\\x" cannot slip through.
  const name = rawName.replace(/\\/g, '/');
  if (/^[A-Za-z]:/.test(name)) {
    throw refusal(`The archive entry ${shown} starts with a drive letter; only relative paths are allowed.`);
  }
  if (name.startsWith('/')) {
    throw refusal(`The archive entry ${shown} is an absolute path; only relative paths are allowed.`);
  }
  const segments = name.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) {
    throw refusal(`The archive entry ${shown} climbs out of the folder with "..".`);
  }
  return segments.join('/');
}

class ExtractionBudget {
  private entries = 0;
  private files = 0;
  private directories = 0;
  private declaredBytes = 0;
  private writtenBytes = 0;

  constructor(private readonly limits: ArchiveLimits) {}

  expectEntries(count: number): void {
    if (count > this.limits.maxEntries) throw this.tooManyEntries(count);
  }

  addDirectory(): void {
    this.countEntry();
    this.directories += 1;
  }

  addFile(name: string, declaredSize: number): void {
    this.countEntry();
    this.files += 1;
    this.declaredBytes += declaredSize;
    if (this.declaredBytes > this.limits.maxUnpackedBytes) throw this.tooLarge(name);
  }

  /** Counts inflated bytes as they stream, because a zip can under-declare its sizes. */
  meter(name: string): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        this.writtenBytes += chunk.length;
        if (this.writtenBytes > this.limits.maxUnpackedBytes) callback(this.tooLarge(name));
        else callback(null, chunk);
      },
    });
  }

  summary(): Omit<ExtractionSummary, 'format'> {
    return { fileCount: this.files, directoryCount: this.directories, totalBytes: this.writtenBytes };
  }

  private countEntry(): void {
    this.entries += 1;
    if (this.entries > this.limits.maxEntries) throw this.tooManyEntries(this.entries);
  }

  private tooManyEntries(count: number): AppError {
    return new AppError(
      'payload_too_large',
      `The archive holds at least ${count} files and folders; the limit is ${this.limits.maxEntries}.`,
    );
  }

  private tooLarge(name: string): AppError {
    return new AppError(
      'payload_too_large',
      `The archive unpacks to more than ${formatBytes(this.limits.maxUnpackedBytes)} (reached at "${name}"); this looks like a zip bomb or a task with build output or dependencies in it.`,
    );
  }
}

async function extractZip(archivePath: string, root: string, budget: ExtractionBudget): Promise<void> {
  // Loaded on first use: a task upload is rare, and a server at rest should not hold the library.
  const { default: yauzl } = await import('yauzl');
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(archivePath, {
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: true,
    });
  } catch (error) {
    throw refusal(`The .zip archive could not be read (${messageOf(error)}).`);
  }
  try {
    budget.expectEntries(zip.entryCount);
    for await (const entry of zip.eachEntry()) {
      const rawName = yauzl.getFileNameLowLevel(
        entry.generalPurposeBitFlag,
        entry.fileNameRaw,
        entry.extraFields,
        false,
      );
      const rel = safeEntryPath(rawName);
      // Unix permission and type bits live in the high half, but only when made on Unix (3).
      const unixMode = entry.versionMadeBy >> 8 === 3 ? entry.externalFileAttributes >>> 16 : 0;
      const type = unixMode & 0o170000;
      if (type === 0o120000) throw linkRefusal(rawName, 'a symbolic link');
      if (type !== 0 && type !== 0o100000 && type !== 0o040000) {
        throw refusal(
          `The archive entry ${JSON.stringify(rawName)} is a special file; only files and folders are allowed.`,
        );
      }
      const isDirectory = type === 0o040000 || rawName.endsWith('/') || rawName.endsWith('\\');
      if (rel === '') continue;
      if (isDirectory) {
        budget.addDirectory();
        await mkdir(targetPath(root, rel), { recursive: true });
        continue;
      }
      if (entry.isEncrypted()) {
        throw refusal(
          `The archive entry ${JSON.stringify(rawName)} is encrypted; upload an unencrypted archive.`,
        );
      }
      budget.addFile(rel, entry.uncompressedSize);
      const stream = await zip.openReadStreamPromise(entry);
      // yauzl's size check can fire again after pipeline gave up on the stream; the first
      // error already reached pipeline, later ones must not crash the process.
      stream.on('error', () => {});
      await writeFile(root, rel, stream, unixMode, budget);
    }
  } catch (error) {
    throw error instanceof AppError
      ? error
      : refusal(`The .zip archive could not be read (${messageOf(error)}).`);
  } finally {
    zip.close();
  }
}

async function extractTar(archivePath: string, root: string, budget: ExtractionBudget): Promise<void> {
  // noResume: entries stay paused until we pipe them, so no data is dropped while a folder is created.
  const { Parser } = await import('tar');
  const parser = new Parser({ strict: true, noResume: true });
  const input = createReadStream(archivePath);
  const writes: Promise<void>[] = [];
  const inFlight = new Set<ReadEntry>();
  let failure: unknown;
  const fail = (error: unknown) => {
    if (failure !== undefined) return;
    failure = error;
    const reason = error instanceof Error ? error : new Error(String(error));
    input.destroy();
    parser.abort(reason);
    // An entry cut off mid-body never ends; its write must fail rather than wait forever.
    // Entries the parser finished (remain 0) are left to finish writing.
    for (const entry of inFlight) if (entry.remain > 0) entry.destroy(reason);
  };

  parser.on('entry', (entry: ReadEntry) => {
    if (failure !== undefined) {
      entry.resume();
      return;
    }
    try {
      const rel = safeEntryPath(entry.path);
      switch (entry.type) {
        case 'SymbolicLink':
          throw linkRefusal(entry.path, `a symbolic link to ${JSON.stringify(entry.linkpath ?? '')}`);
        case 'Link':
          throw linkRefusal(entry.path, `a hard link to ${JSON.stringify(entry.linkpath ?? '')}`);
        case 'Directory':
        case 'GNUDumpDir':
          entry.resume();
          if (rel === '') return;
          budget.addDirectory();
          writes.push(mkdir(targetPath(root, rel), { recursive: true }).then(() => undefined, fail));
          return;
        case 'File':
        case 'OldFile':
        case 'ContiguousFile':
          if (rel === '') throw refusal('The archive contains a file entry without a name.');
          budget.addFile(rel, entry.size);
          inFlight.add(entry);
          writes.push(
            writeFile(root, rel, entry as unknown as Readable, entry.mode ?? 0o644, budget)
              .catch(fail)
              .finally(() => inFlight.delete(entry)),
          );
          return;
        default:
          throw refusal(
            `The archive entry ${JSON.stringify(entry.path)} is a ${entry.type} entry; only files and folders are allowed.`,
          );
      }
    } catch (error) {
      entry.resume();
      fail(error);
    }
  });

  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
    input.on('error', reject);
  });
  input.pipe(parser as unknown as NodeJS.WritableStream);
  try {
    await parsed;
  } catch (error) {
    fail(error);
  }
  await Promise.allSettled(writes);
  if (failure !== undefined) {
    throw failure instanceof AppError ? failure : tarFailure(failure);
  }
}

function tarFailure(error: unknown): AppError {
  const message = messageOf(error);
  if (/decompression ratio/i.test(message)) {
    return new AppError(
      'payload_too_large',
      `The archive decompresses more than 1000-fold (${message}); this looks like a zip bomb.`,
    );
  }
  return refusal(`The .tar.gz archive could not be read (${message}).`);
}

async function writeFile(
  root: string,
  rel: string,
  source: Readable,
  mode: number,
  budget: ExtractionBudget,
): Promise<void> {
  const target = targetPath(root, rel);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    // 'wx': an entry that appears twice must not silently replace the first one.
    const output = createWriteStream(target, { flags: 'wx', mode: mode & 0o111 ? 0o755 : 0o644 });
    await pipeline(source, budget.meter(rel), output);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw refusal(`The archive entry "${rel}" appears twice or collides with a folder of the same name.`);
    }
    if (/too many bytes|not enough bytes/.test(messageOf(error))) {
      throw refusal(
        `The archive entry "${rel}" unpacks to a different size than it declares; this looks like a tampered archive or a zip bomb.`,
      );
    }
    if (code === 'ENOTDIR') {
      throw refusal(`The archive entry "${rel}" sits below a path that is a file, not a folder.`);
    }
    throw refusal(`The archive entry "${rel}" could not be extracted (${messageOf(error)}).`);
  }
}

function targetPath(root: string, rel: string): string {
  const target = path.resolve(root, rel);
  // safeEntryPath already refused "..", this is defence in depth against anything it missed.
  if (!target.startsWith(root + path.sep)) {
    throw refusal(`The archive entry ${JSON.stringify(rel)} would be written outside the folder.`);
  }
  return target;
}

async function ensureEmptyDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) {
    throw new AppError('invalid_request', `The extraction folder ${dir} is not empty.`);
  }
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(512);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function linkRefusal(name: string, what: string): AppError {
  return refusal(
    `The archive entry ${JSON.stringify(name)} is ${what}; links are not allowed in task archives because they can point outside the task.`,
  );
}

function refusal(message: string): AppError {
  return new AppError('unprocessable', message);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
