import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '@pairwise/domain';
import { type ArchiveLimits, extractArchive } from '../../platform/archive/extract-archive.ts';
import { GitCommandError, redactUrl, runGit } from './git-command.ts';
import { type GitNetworkPolicy, pinGitDestination, unreachable } from './git-destination.ts';

/**
 * Where a task's starting point comes from, and how to get it onto local disk as a folder
 * the export can walk. Temporary folders are the caller's to release with `cleanup()`.
 */

export type SnapshotSource =
  | { kind: 'directory'; path: string }
  /** `ref`: a branch, a tag or a commit id; the remote's default branch when absent. */
  | { kind: 'git'; url: string; ref?: string }
  | { kind: 'archive'; archivePath: string; limits?: Partial<ArchiveLimits> };

export type MaterializedSource = {
  root: string;
  /** For the record, without credentials: "git https://host/repo.git @ v1.2 (3f2a…)". */
  description: string;
  /** The source commit when the source is a git repository. */
  sourceCommit?: string;
  cleanup(): Promise<void>;
};

export type MaterializeOptions = {
  tempDir?: string;
  gitTimeoutMs?: number;
  /** Which non-public destinations git URLs may reach; none when absent. */
  gitNetwork?: GitNetworkPolicy;
};

export async function materializeSource(
  source: SnapshotSource,
  options: MaterializeOptions = {},
): Promise<MaterializedSource> {
  switch (source.kind) {
    case 'directory':
      return fromDirectory(source.path);
    case 'git':
      return fromGit(source.url, source.ref, options);
    case 'archive':
      return fromArchive(source.archivePath, source.limits, options);
  }
}

async function fromDirectory(dir: string): Promise<MaterializedSource> {
  if (!path.isAbsolute(dir)) {
    throw new AppError('invalid_request', `The directory "${dir}" must be an absolute path on the server.`);
  }
  const stats = await stat(dir).catch(() => undefined);
  if (!stats?.isDirectory()) {
    throw new AppError(
      'invalid_request',
      `The directory "${dir}" does not exist on the server or is not a folder.`,
    );
  }
  return { root: dir, description: `directory ${dir}`, cleanup: async () => {} };
}

const refPattern = /^(?!-)(?!.*\.\.)(?!.*@\{)[A-Za-z0-9._/-]{1,200}$/;
const commitPattern = /^[0-9a-f]{7,64}$/i;

export function checkGitUrl(url: string): void {
  const allowed =
    /^(https?|ssh|git|file):\/\/[^\s]+$/i.test(url) ||
    /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s]+$/.test(url) ||
    (path.isAbsolute(url) && !/\s/.test(url.slice(0, 1)));
  if (!allowed || url.startsWith('-')) {
    throw new AppError(
      'invalid_request',
      `"${redactUrl(url)}" is not a git repository URL: use https://, ssh://, git@host:path, file:// or an absolute path on the server.`,
    );
  }
}

async function fromGit(
  url: string,
  ref: string | undefined,
  options: MaterializeOptions,
): Promise<MaterializedSource> {
  checkGitUrl(url);
  if (ref !== undefined && !refPattern.test(ref)) {
    throw new AppError('invalid_request', `"${ref}" is not a branch, tag or commit id.`);
  }
  const pinned = await pinGitDestination(url, options.gitNetwork ?? { allowed: [] });
  const temp = await mkdtemp(path.join(options.tempDir ?? tmpdir(), 'pairwise-git-source-'));
  const cleanup = () => rm(temp, { recursive: true, force: true });
  const root = path.join(temp, 'checkout');
  const timeoutMs = options.gitTimeoutMs ?? 120_000;
  const shown = `${redactUrl(url)}${ref ? ` @ ${ref}` : ''}`;
  const clone = ['clone', ...pinned.config.flatMap((setting) => ['-c', setting])];
  try {
    if (ref && commitPattern.test(ref)) {
      // A commit cannot be fetched shallowly by name from every server: clone, then check out.
      await runGit([...clone, '--quiet', '--no-checkout', '--', pinned.url, root], {
        timeoutMs,
        env: pinned.env,
      });
      await runGit(['checkout', '--quiet', '--detach', ref], { cwd: root, timeoutMs });
    } else {
      const branch = ref ? ['--branch', ref] : [];
      await runGit(
        [...clone, '--quiet', '--depth', '1', '--single-branch', ...branch, '--', pinned.url, root],
        { timeoutMs, env: pinned.env },
      );
    }
    const { stdout } = await runGit(['rev-parse', 'HEAD'], { cwd: root });
    const sourceCommit = stdout.toString('utf8').trim();
    return { root, description: `git ${shown} (${sourceCommit.slice(0, 12)})`, sourceCommit, cleanup };
  } catch (error) {
    await cleanup();
    // Over the network, git's own reason would tell a closed port from an open one that speaks
    // no git (or a refusal from a missing branch): one text for all of them.
    if (error instanceof GitCommandError && pinned.network) throw unreachable(shown);
    if (error instanceof GitCommandError) {
      const detail = error.timedOut ? `no answer within ${timeoutMs / 1000} s` : error.reason;
      throw new AppError('unprocessable', `Could not get ${shown}: ${redactUrl(detail)}.`);
    }
    throw error;
  }
}

async function fromArchive(
  archivePath: string,
  limits: Partial<ArchiveLimits> | undefined,
  options: MaterializeOptions,
): Promise<MaterializedSource> {
  const temp = await mkdtemp(path.join(options.tempDir ?? tmpdir(), 'pairwise-archive-source-'));
  const cleanup = () => rm(temp, { recursive: true, force: true });
  try {
    const extracted = path.join(temp, 'extracted');
    const summary = await extractArchive(archivePath, extracted, limits);
    // GitHub's and most tools' archives wrap everything in one folder; the task is inside it.
    const top = await readdir(extracted, { withFileTypes: true });
    const root = top.length === 1 && top[0]!.isDirectory() ? path.join(extracted, top[0]!.name) : extracted;
    return {
      root,
      description: `${summary.format} archive (${summary.fileCount} files)`,
      cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
