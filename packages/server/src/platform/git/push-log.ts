import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type CommitRecord, readCommits } from './commit-log.ts';
import { gitEnvironment, runGit } from './git-command.ts';
import { isRepositorySlug } from './repository-slug.ts';

export interface RefUpdate {
  ref: string;
  /** Null when the push created the ref. */
  before: string | null;
  /** Null when the push deleted the ref (refused by configuration, kept for completeness). */
  after: string | null;
}

export interface PushEvent {
  /** Unique per push; a replay after a crash repeats it, so store it with a unique constraint. */
  id: string;
  slug: string;
  remoteUser: string;
  at: Date;
  refs: RefUpdate[];
  /** New commits, oldest first. */
  commits: CommitRecord[];
  /** More than `maxCommits` arrived; `commits` holds the newest ones. */
  commitsTruncated: boolean;
}

export const PUSH_LOG_VARIABLE = 'PAIRWISE_PUSH_LOG';
const ZERO_SHA = /^0+$/;
const LOG_SUFFIX = '.push';

/*
 * Why a post-receive hook rather than comparing refs before and after each request: git runs
 * post-receive once per push with exactly the refs it updated, after they are updated, and never
 * for a rejected push. A before/after comparison in Node would need a lock per repository
 * against concurrent pushes and an extra `for-each-ref` on every request, and it cannot tell a
 * refused push from a no-op. The hook does no network I/O: it writes git's own list to a file
 * this process named for the request (passed through the CGI environment), and renames it into
 * place so a half-written file is never read. Files stay until `onPush` succeeds, so a crash
 * between push and recording is replayed at the next start when the spool directory persists.
 */
const POST_RECEIVE_HOOK = `#!/bin/sh
# Installed by Pairwise (platform/git/push-log.ts); hands this push's ref updates to the server.
if [ -z "$${PUSH_LOG_VARIABLE}" ]; then cat >/dev/null; exit 0; fi
{ printf 'remote-user %s\\n' "$REMOTE_USER"; cat; } >"$${PUSH_LOG_VARIABLE}.tmp" &&
  mv "$${PUSH_LOG_VARIABLE}.tmp" "$${PUSH_LOG_VARIABLE}"
`;

export interface PushLogFile {
  id: string;
  slug: string;
  path: string;
}

export class PushRecorder {
  private constructor(
    readonly directory: string,
    readonly hooksPath: string,
    private readonly ownsDirectory: boolean,
  ) {}

  /**
   * Sets up the hooks directory and spool in `directory` (a fresh temporary directory when
   * omitted) and proves the hook runs here: a noexec mount would otherwise lose every push silently.
   */
  static async create(directory?: string): Promise<PushRecorder> {
    const root = directory ? path.resolve(directory) : await mkdtemp(path.join(os.tmpdir(), 'pairwise-git-'));
    const hooksPath = path.join(root, 'hooks');
    await mkdir(path.join(root, 'spool'), { recursive: true });
    await mkdir(hooksPath, { recursive: true });
    const hook = path.join(hooksPath, 'post-receive');
    await writeFile(hook, POST_RECEIVE_HOOK);
    await chmod(hook, 0o755);
    const recorder = new PushRecorder(root, hooksPath, !directory);
    await recorder.selfTest();
    return recorder;
  }

  newLogFile(slug: string): PushLogFile {
    const id = randomUUID();
    return { id, slug, path: path.join(this.directory, 'spool', `${slug}.${id}${LOG_SUFFIX}`) };
  }

  /** Logs written by hooks whose push was never recorded (the process stopped, or `onPush` failed). */
  async pending(): Promise<PushLogFile[]> {
    const names = await readdir(path.join(this.directory, 'spool'));
    return names.flatMap((name) => {
      const match = /^([a-z0-9-]{1,64})\.([0-9a-f-]{36})\.push$/.exec(name);
      if (!match?.[1] || !match[2] || !isRepositorySlug(match[1])) return [];
      return [{ slug: match[1], id: match[2], path: path.join(this.directory, 'spool', name) }];
    });
  }

  /** The push a log describes, or null when the hook did not run (nothing was updated). */
  async read(
    file: PushLogFile,
    gitDir: string,
    options: { at?: Date; maxCommits?: number } = {},
  ): Promise<PushEvent | null> {
    let text: string;
    let modified: Date;
    try {
      [text, modified] = await Promise.all([
        readFile(file.path, 'utf8'),
        stat(file.path).then((s) => s.mtime),
      ]);
    } catch {
      return null;
    }
    const { remoteUser, refs } = parsePushLog(text);
    if (refs.length === 0) return null;
    const maxCommits = options.maxCommits ?? 1000;
    const commits = await newCommits(gitDir, refs, maxCommits + 1);
    return {
      id: file.id,
      slug: file.slug,
      remoteUser,
      at: options.at ?? modified,
      refs,
      commits: commits.slice(-maxCommits),
      commitsTruncated: commits.length > maxCommits,
    };
  }

  async discard(file: PushLogFile): Promise<void> {
    await rm(file.path, { force: true });
    await rm(`${file.path}.tmp`, { force: true });
  }

  async close(): Promise<void> {
    if (this.ownsDirectory) await rm(this.directory, { recursive: true, force: true });
  }

  /** Environment that makes http-backend's receive-pack run this recorder's hook into `file`. */
  hookEnvironment(file: PushLogFile | null): Record<string, string> {
    return file ? { [PUSH_LOG_VARIABLE]: file.path } : {};
  }

  private async selfTest(): Promise<void> {
    // Run the hook the way git would (exec, no shell); a noexec mount fails here instead of later.
    const file = { id: 'self-test', slug: 'self-test', path: path.join(this.directory, 'self-test.push') };
    const line = `${'0'.repeat(40)} ${'1'.repeat(40)} refs/heads/probe\n`;
    try {
      await new Promise<void>((resolve, reject) => {
        const child = execFile(
          path.join(this.hooksPath, 'post-receive'),
          [],
          { env: gitEnvironment({ ...this.hookEnvironment(file), REMOTE_USER: 'self-test' }) },
          (error) => (error ? reject(error) : resolve()),
        );
        child.stdin?.end(line);
      });
      const written = await readFile(file.path, 'utf8');
      if (!written.includes('refs/heads/probe')) throw new Error('the hook wrote nothing');
    } catch (error) {
      throw new Error(
        `The post-receive hook in ${this.hooksPath} does not run (${(error as Error).message}); ` +
          'pushes could not be recorded. Is the directory on a noexec mount?',
      );
    } finally {
      await rm(file.path, { force: true });
    }
  }
}

export function parsePushLog(text: string): { remoteUser: string; refs: RefUpdate[] } {
  let remoteUser = '';
  const refs: RefUpdate[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('remote-user ')) {
      remoteUser = line.slice('remote-user '.length);
      continue;
    }
    const match = /^([0-9a-f]{40,64}) ([0-9a-f]{40,64}) (\S+)$/.exec(line);
    if (!match?.[1] || !match[2] || !match[3]) continue;
    refs.push({
      ref: match[3],
      before: ZERO_SHA.test(match[1]) ? null : match[1],
      after: ZERO_SHA.test(match[2]) ? null : match[2],
    });
  }
  return { remoteUser, refs };
}

/**
 * Commits the push brought: reachable from the updated refs' new values and from none of the
 * old values or the refs the push left alone (which, for a new branch forked from another one,
 * keeps the other branch's history out).
 */
async function newCommits(
  gitDir: string,
  refs: readonly RefUpdate[],
  limit: number,
): Promise<CommitRecord[]> {
  const updated = new Set(refs.map((update) => update.ref));
  const { stdout } = await runGit(['for-each-ref', '--format=%(objectname) %(refname)'], { gitDir });
  const untouched = stdout
    .toString('utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .flatMap((line) => {
      const [sha = '', ref = ''] = line.split(' ');
      return updated.has(ref) ? [] : [sha];
    });
  const include = refs.flatMap((update) => (update.after ? [update.after] : []));
  if (include.length === 0) return [];
  const exclude = [...refs.flatMap((update) => (update.before ? [update.before] : [])), ...untouched];
  const revisions = [...new Set(include), ...[...new Set(exclude)].map((sha) => `^${sha}`)];
  return readCommits(gitDir, revisions, { limit });
}
