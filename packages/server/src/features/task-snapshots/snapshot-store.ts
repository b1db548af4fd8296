import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '@pairwise/domain';
import type { ExportFile } from './export-tree.ts';
import { GitCommandError, runGit } from './git-command.ts';

/**
 * Task repositories: one bare repository per task under `<dataDir>/tasks/<taskId>.git`.
 * Each snapshot is a single root commit with a neutral author, behind an immutable tag
 * `snapshot/<snapshotId>`; `main` follows the latest snapshot for convenience only.
 * Interviews must reference the snapshot's commit (or tag), never `main`.
 */

export const snapshotAuthor = { name: 'Pairwise', email: 'pairwise@localhost' } as const;
export const snapshotMessage = 'Starting point';

export type SnapshotTreeEntry = { path: string; size: number };
export type SnapshotRef = { snapshotId: string; commit: string; createdAt: string };

const idPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/;

export const snapshotRef = (snapshotId: string) => `refs/tags/snapshot/${checkId(snapshotId, 'snapshot id')}`;

export function taskRepositoryPath(dataDir: string, taskId: string): string {
  return path.join(path.resolve(dataDir), 'tasks', `${checkId(taskId, 'task id')}.git`);
}

export async function ensureTaskRepository(dataDir: string, taskId: string): Promise<string> {
  const repoPath = taskRepositoryPath(dataDir, taskId);
  const exists = await stat(path.join(repoPath, 'HEAD')).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await mkdir(repoPath, { recursive: true });
    // Without --initial-branch HEAD names "master" (FIELD-NOTES).
    await runGit(['init', '--quiet', '--bare', '--initial-branch=main', repoPath]);
  }
  return repoPath;
}

/**
 * Writes the files as one root commit with git fast-import: a single process, no work tree,
 * no index, and the blobs streamed straight into a pack.
 */
export async function writeSnapshotCommit(
  repoPath: string,
  snapshotId: string,
  files: readonly ExportFile[],
  now: Date = new Date(),
): Promise<string> {
  const ref = snapshotRef(snapshotId);
  if (files.length === 0) {
    throw new AppError(
      'unprocessable',
      'Nothing is left to export: every file was ignored, dropped or excluded.',
    );
  }
  if (await resolveRef(repoPath, ref)) {
    throw new AppError('conflict', `Snapshot ${snapshotId} already exists; snapshots are never overwritten.`);
  }
  await runGit(['fast-import', '--quiet', '--done'], {
    env: { GIT_DIR: repoPath },
    input: fastImportStream(ref, files, Math.floor(now.getTime() / 1000)),
    timeoutMs: 120_000,
  });
  const commit = await resolveRef(repoPath, ref);
  if (!commit) throw new Error(`fast-import did not create ${ref}`);
  await runGit(['update-ref', 'refs/heads/main', commit], { env: { GIT_DIR: repoPath } });
  return commit;
}

async function* fastImportStream(ref: string, files: readonly ExportFile[], epochSeconds: number) {
  const identity = `${snapshotAuthor.name} <${snapshotAuthor.email}> ${epochSeconds} +0000`;
  const message = Buffer.from(`${snapshotMessage}\n`);
  yield `commit ${ref}\nauthor ${identity}\ncommitter ${identity}\ndata ${message.length}\n${message}\n`;
  for (const file of files) {
    const mode = file.symlinkTarget !== undefined ? '120000' : file.executable ? '100755' : '100644';
    yield `M ${mode} inline ${quotePath(file.path)}\ndata ${file.content.length}\n`;
    yield file.content;
    yield '\n';
  }
  yield '\ndone\n';
}

// fast-import reads C-style quoted paths; quoting every path avoids any ambiguity with spaces.
function quotePath(filePath: string): string {
  const escaped = filePath.replace(/[\\"\n\r\t]/g, (char) => {
    const escapes: Record<string, string> = {
      '\\': '\\\\',
      '"': '\\"',
      '\n': '\\n',
      '\r': '\\r',
      '\t': '\\t',
    };
    return escapes[char]!;
  });
  return `"${escaped}"`;
}

export async function listSnapshotTree(repoPath: string, commit: string): Promise<SnapshotTreeEntry[]> {
  checkRevision(commit);
  const { stdout } = await runGit(['ls-tree', '-r', '-l', '-z', '--full-tree', commit], {
    env: { GIT_DIR: repoPath },
  }).catch((error: unknown) => {
    throw notFoundIfBadRevision(error, commit);
  });
  return stdout
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      const size = line.slice(0, tab).trim().split(/\s+/)[3];
      return { path: line.slice(tab + 1), size: Number(size) };
    });
}

/**
 * The snapshot as a .tar.gz from `git archive`, its files under `prefix/`. Held in memory:
 * exports are capped at 100 MiB (export-tree) and a task is usually a few hundred KiB.
 */
export async function snapshotArchive(repoPath: string, commit: string, prefix: string): Promise<Buffer> {
  checkRevision(commit);
  const { stdout } = await runGit(['archive', '--format=tar.gz', `--prefix=${prefix}/`, commit], {
    env: { GIT_DIR: repoPath },
    timeoutMs: 120_000,
  }).catch((error: unknown) => {
    throw notFoundIfBadRevision(error, commit);
  });
  return stdout;
}

export async function resolveSnapshotCommit(
  repoPath: string,
  snapshotId: string,
): Promise<string | undefined> {
  return resolveRef(repoPath, snapshotRef(snapshotId));
}

export async function listSnapshots(repoPath: string): Promise<SnapshotRef[]> {
  const { stdout } = await runGit(
    [
      'for-each-ref',
      '--sort=creatordate',
      '--format=%(refname)%00%(objectname)%00%(creatordate:iso-strict)',
      'refs/tags/snapshot/',
    ],
    { env: { GIT_DIR: repoPath } },
  );
  return stdout
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [refname = '', commit = '', createdAt = ''] = line.split('\0');
      return { snapshotId: refname.slice('refs/tags/snapshot/'.length), commit, createdAt };
    });
}

async function resolveRef(repoPath: string, ref: string): Promise<string | undefined> {
  try {
    const { stdout } = await runGit(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
      env: { GIT_DIR: repoPath },
    });
    return stdout.toString('utf8').trim() || undefined;
  } catch (error) {
    if (error instanceof GitCommandError && error.exitCode === 1) return undefined;
    throw error;
  }
}

function checkId(id: string, what: string): string {
  if (!idPattern.test(id)) {
    throw new AppError(
      'invalid_request',
      `The ${what} "${id}" may only contain letters, digits, "-" and "_".`,
    );
  }
  return id;
}

function checkRevision(revision: string): void {
  if (!/^[0-9a-f]{4,64}$/i.test(revision) && !/^refs\/tags\/snapshot\/[A-Za-z0-9_-]+$/.test(revision)) {
    throw new AppError('invalid_request', `"${revision}" is not a commit id.`);
  }
}

function notFoundIfBadRevision(error: unknown, commit: string): unknown {
  if (
    error instanceof GitCommandError &&
    /not a tree object|bad object|Not a valid object/i.test(error.stderr)
  ) {
    return new AppError('not_found', `The snapshot commit ${commit} was not found.`);
  }
  return error;
}
