import { spawn } from 'node:child_process';
import { appendFile, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import type { ClonePackCache } from './clone-pack-cache.ts';
import { assertRevision, type CommitRecord, type FileChange, readCommits } from './commit-log.ts';
import { GitCommandError, gitEnvironment, runGit } from './git-command.ts';
import { assertRepositorySlug, GitRepositoryError } from './repository-slug.ts';

/** Where the starting snapshot is kept: hidden from the candidate (transfer.hideRefs), so it cannot be moved. */
export const SNAPSHOT_REF = 'refs/pairwise/snapshot';
export const MAIN_BRANCH = 'main';
const FULL_COMMIT_ID = /^[0-9a-fA-F]{40}$/;

export interface CandidateRepositoryStoreOptions {
  /** Directory holding one `<slug>.git` per interview; also the http-backend GIT_PROJECT_ROOT. */
  root: string;
  /** Largest pack a single push may send (receive.maxInputSize). Default 100 MiB. */
  maxPushBytes?: number;
  /** Where a new repository's clone pack is made ahead (decision 050), for the git routes to serve. */
  clonePacks?: ClonePackCache;
}

export interface CreateRepositoryInput {
  slug: string;
  /** Path of the task snapshot repository (bare or not). */
  source: string;
  /** Commit in `source` the candidate starts from; everything reachable from it is copied. */
  commit: string;
}

export interface RefEntry {
  ref: string;
  sha: string;
}

export interface TreeEntry {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  /** Bytes; null for submodule entries. */
  size: number | null;
}

export interface DiffFile extends FileChange {
  /** Null for binary files. */
  additions: number | null;
  deletions: number | null;
}

export interface RepositoryDiff {
  from: string;
  to: string;
  files: DiffFile[];
  patch: string;
  /** The patch was cut at `maxPatchBytes`; `files` is always complete. */
  truncated: boolean;
}

export interface FileContent {
  content: Buffer;
  size: number;
  truncated: boolean;
}

/** Repository configuration every candidate repository gets; see `create`. */
export const CANDIDATE_REPOSITORY_CONFIG: Readonly<Record<string, string>> = {
  // The panel reviews exactly what was pushed: history may grow but never be rewritten or removed.
  'receive.denyNonFastForwards': 'true',
  'receive.denyDeletes': 'true',
  'receive.fsckObjects': 'true',
  'http.receivepack': 'true',
  'http.uploadpack': 'true',
  // Smart HTTP only; the route never serves object files directly, and neither would git.
  'http.getanyfile': 'false',
  'transfer.hideRefs': 'refs/pairwise',
  // Bare repositories keep no reflog by default; an on-disk trail of every ref move helps disputes.
  'core.logAllRefUpdates': 'true',
};

export class CandidateRepositoryStore {
  readonly root: string;
  private readonly clonePacks: ClonePackCache | undefined;
  private readonly maxPushBytes: number;

  constructor(options: CandidateRepositoryStoreOptions) {
    this.root = path.resolve(options.root);
    this.maxPushBytes = options.maxPushBytes ?? 100 * 1024 * 1024;
    this.clonePacks = options.clonePacks;
  }

  pathOf(slug: string): string {
    assertRepositorySlug(slug);
    return path.join(this.root, `${slug}.git`);
  }

  async exists(slug: string): Promise<boolean> {
    try {
      return (await stat(path.join(this.pathOf(slug), 'HEAD'))).isFile();
    } catch {
      return false;
    }
  }

  async create(
    input: CreateRepositoryInput,
  ): Promise<{ slug: string; path: string; snapshotCommit: string }> {
    const gitDir = this.pathOf(input.slug);
    assertRevision(input.commit);
    if (await this.exists(input.slug)) {
      throw new GitRepositoryError('conflict', `Repository ${input.slug} already exists.`);
    }
    const sourceGitDir = await gitDirOf(input.source);
    // A full commit id (what the services pass) is pushed as it is, and looked up only if the
    // push fails, to say why; a name is resolved first. Every planned interview creates a
    // repository, and each git process costs a fork of the whole server.
    const knownId = FULL_COMMIT_ID.test(input.commit) ? input.commit.toLowerCase() : null;
    const snapshot = knownId ?? (await resolveIn(sourceGitDir, `${input.commit}^{commit}`));
    if (!snapshot)
      throw new GitRepositoryError('not_found', `Commit ${input.commit} is not in the task source.`);
    await mkdir(this.root, { recursive: true });
    try {
      await runGit(['init', '--quiet', '--bare', `--initial-branch=${MAIN_BRANCH}`, gitDir]);
      // Pushing from the source works for any commit, where fetching a bare sha may be refused
      // by the source's upload-pack; the source's own hooks must not run for this. Both refs in
      // one atomic push: the branch refuses anything but a commit, so neither ref is written then.
      const pushed = await runGit(
        [
          '-c',
          'core.hooksPath=/dev/null',
          'push',
          '--quiet',
          '--no-verify',
          '--atomic',
          gitDir,
          `${snapshot}:refs/heads/${MAIN_BRANCH}`,
          `${snapshot}:${SNAPSHOT_REF}`,
        ],
        { gitDir: sourceGitDir, okExitCodes: knownId ? [0, 1, 128] : [0] },
      );
      if (pushed.exitCode !== 0) {
        if (!(await resolveIn(sourceGitDir, `${snapshot}^{commit}`)))
          throw new GitRepositoryError('not_found', `Commit ${input.commit} is not in the task source.`);
        throw new GitCommandError(['push'], pushed.exitCode, pushed.stderr);
      }
      // Configured after the copy: the task's own history was vetted when it was exported, and
      // hiding refs/pairwise first would refuse the snapshot ref itself.
      // Appended to the config file `git init` just wrote, in git's own format, rather than one
      // `git config` process per key: each process costs more than the file write, and every
      // planned interview creates a repository. The keys and values are ours and need no quoting.
      await appendFile(
        path.join(gitDir, 'config'),
        configSections({
          ...CANDIDATE_REPOSITORY_CONFIG,
          'receive.maxInputSize': String(this.maxPushBytes),
        }),
      );
      // info/attributes outranks any .gitattributes the candidate pushes, so the archive the panel
      // downloads always holds every file, unaltered by export-ignore or export-subst.
      await mkdir(path.join(gitDir, 'info'), { recursive: true });
      await writeFile(path.join(gitDir, 'info', 'attributes'), '* -export-ignore -export-subst\n');
    } catch (error) {
      await rm(gitDir, { recursive: true, force: true });
      throw error;
    }
    // In the background, so the candidate's first clone finds the pack made: not on the way of
    // planning, and nothing is made when this snapshot's pack is kept already.
    this.clonePacks?.prepare(gitDir, [CANDIDATE_REPOSITORY_CONFIG['transfer.hideRefs']!]);
    return { slug: input.slug, path: gitDir, snapshotCommit: snapshot };
  }

  async delete(slug: string): Promise<boolean> {
    const existed = await this.exists(slug);
    await rm(this.pathOf(slug), { recursive: true, force: true });
    return existed;
  }

  /** Branches and tags the candidate can see, sorted by name. */
  async readRefs(slug: string): Promise<RefEntry[]> {
    const gitDir = await this.existing(slug);
    const { stdout } = await runGit(
      ['for-each-ref', '--format=%(objectname) %(refname)', 'refs/heads', 'refs/tags'],
      { gitDir },
    );
    return parseRefLines(stdout.toString('utf8'));
  }

  async snapshotCommit(slug: string): Promise<string> {
    const sha = await this.resolve(slug, SNAPSHOT_REF);
    if (!sha) throw new GitRepositoryError('not_found', `Repository ${slug} has no snapshot ref.`);
    return sha;
  }

  /** The commit a revision names, or null when it names none. */
  async resolve(slug: string, revision: string): Promise<string | null> {
    assertRevision(revision);
    return resolveIn(await this.existing(slug), `${revision}^{commit}`);
  }

  /**
   * Commits reachable from `to` (default main) and not from `from` (default the snapshot), oldest
   * first: what the candidate added.
   */
  async listCommits(
    slug: string,
    range: { from?: string; to?: string; limit?: number } = {},
  ): Promise<CommitRecord[]> {
    const gitDir = await this.existing(slug);
    const to = await this.mustResolve(slug, range.to ?? MAIN_BRANCH);
    const from =
      range.from === undefined ? await this.snapshotCommit(slug) : await this.mustResolve(slug, range.from);
    return readCommits(gitDir, [to, `^${from}`], { limit: range.limit ?? 10_000 });
  }

  async listTree(slug: string, revision: string = MAIN_BRANCH): Promise<TreeEntry[]> {
    const gitDir = await this.existing(slug);
    const commit = await this.mustResolve(slug, revision);
    const { stdout } = await runGit(['ls-tree', '-r', '-z', '--long', '--full-tree', commit], { gitDir });
    return parseTree(stdout.toString('utf8'));
  }

  async readFile(
    slug: string,
    revision: string,
    filePath: string,
    options: { maxBytes?: number } = {},
  ): Promise<FileContent> {
    const gitDir = await this.existing(slug);
    const commit = await this.mustResolve(slug, revision);
    const spec = `${commit}:${filePath.replace(/^\/+/, '')}`;
    const size = await runGit(['cat-file', '-s', spec], { gitDir, okExitCodes: [0, 128] });
    if (size.exitCode !== 0) throw new GitRepositoryError('not_found', `No file ${filePath} at ${revision}.`);
    const { stdout, truncated } = await runGit(['cat-file', 'blob', spec], {
      gitDir,
      maxOutputBytes: options.maxBytes ?? 1024 * 1024,
    });
    return { content: stdout, size: Number(size.stdout.toString('utf8').trim()), truncated };
  }

  /** The change from the starting snapshot (default) to the final main (default), for the report. */
  async diff(
    slug: string,
    range: { from?: string; to?: string; maxPatchBytes?: number } = {},
  ): Promise<RepositoryDiff> {
    const gitDir = await this.existing(slug);
    const from =
      range.from === undefined ? await this.snapshotCommit(slug) : await this.mustResolve(slug, range.from);
    const to = await this.mustResolve(slug, range.to ?? MAIN_BRANCH);
    const base = ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '-M'];
    const [nameStatus, numstat, patch] = await Promise.all([
      runGit([...base, '-z', '--name-status', from, to], { gitDir }),
      runGit([...base, '-z', '--numstat', from, to], { gitDir }),
      runGit([...base, from, to], { gitDir, maxOutputBytes: range.maxPatchBytes ?? 2 * 1024 * 1024 }),
    ]);
    const counts = parseNumstat(numstat.stdout.toString('utf8'));
    const files = parseNameStatus(nameStatus.stdout.toString('utf8')).map((change) => ({
      ...change,
      ...(counts.get(change.path) ?? { additions: null, deletions: null }),
    }));
    return { from, to, files, patch: patch.stdout.toString('utf8'), truncated: patch.truncated };
  }

  /**
   * A `.tar.gz` of the tree at `revision`, files under `<slug>/`. The revision is checked first,
   * so the stream fails only for reasons outside the caller's control (disk, killed process).
   */
  async archive(slug: string, revision: string = MAIN_BRANCH): Promise<Readable> {
    const gitDir = await this.existing(slug);
    const commit = await this.mustResolve(slug, revision);
    const child = spawn(
      'git',
      [`--git-dir=${gitDir}`, 'archive', '--format=tar.gz', `--prefix=${slug}/`, commit],
      { env: gitEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const output = new PassThrough();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.stdout.pipe(output, { end: false });
    child.on('error', (error) => output.destroy(error));
    child.on('close', (code) => {
      if (code === 0) output.end();
      else output.destroy(new GitCommandError(['archive', commit], code, stderr));
    });
    output.on('close', () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    });
    return output;
  }

  private async existing(slug: string): Promise<string> {
    if (!(await this.exists(slug)))
      throw new GitRepositoryError('not_found', `Repository ${slug} does not exist.`);
    return this.pathOf(slug);
  }

  private async mustResolve(slug: string, revision: string): Promise<string> {
    const sha = await this.resolve(slug, revision);
    if (!sha) throw new GitRepositoryError('not_found', `Repository ${slug} has no ${revision}.`);
    return sha;
  }
}

/** `section.name = value` pairs as git config text, one `[section]` header per key. */
function configSections(config: Readonly<Record<string, string>>): string {
  return Object.entries(config)
    .map(([key, value]) => {
      const dot = key.lastIndexOf('.');
      return `[${key.slice(0, dot)}]\n\t${key.slice(dot + 1)} = ${value}\n`;
    })
    .join('');
}

async function resolveIn(gitDir: string, spec: string): Promise<string | null> {
  const result = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', spec], {
    gitDir,
    okExitCodes: [0, 1, 128],
  });
  return result.exitCode === 0 ? result.stdout.toString('utf8').trim() : null;
}

/**
 * A task source may be a work tree or a bare repository. It is addressed with --git-dir rather
 * than -C, so a path that is not a repository fails instead of finding an enclosing one.
 */
async function gitDirOf(repository: string): Promise<string> {
  const dotGit = path.join(repository, '.git');
  try {
    await stat(dotGit);
    return dotGit;
  } catch {
    return repository;
  }
}

export function parseRefLines(output: string): RefEntry[] {
  return output
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const space = line.indexOf(' ');
      return { sha: line.slice(0, space), ref: line.slice(space + 1) };
    });
}

function parseTree(output: string): TreeEntry[] {
  return output
    .split('\0')
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const tab = entry.indexOf('\t');
      const [mode = '', type = '', sha = '', size = '-'] = entry.slice(0, tab).split(/ +/);
      return {
        path: entry.slice(tab + 1),
        mode,
        type: type as TreeEntry['type'],
        sha,
        size: size === '-' ? null : Number(size),
      };
    });
}

function parseNameStatus(output: string): FileChange[] {
  const tokens = output.split('\0');
  const changes: FileChange[] = [];
  for (let index = 0; index < tokens.length - 1; ) {
    const kind = (tokens[index] ?? '')[0] as FileChange['status'];
    if (kind === 'R' || kind === 'C') {
      changes.push({ status: kind, oldPath: tokens[index + 1] ?? '', path: tokens[index + 2] ?? '' });
      index += 3;
    } else {
      changes.push({ status: kind, path: tokens[index + 1] ?? '' });
      index += 2;
    }
  }
  return changes;
}

/** Keyed by the new path; `-z` puts a rename's two paths in their own fields after an empty one. */
function parseNumstat(output: string): Map<string, { additions: number | null; deletions: number | null }> {
  const tokens = output.split('\0');
  const counts = new Map<string, { additions: number | null; deletions: number | null }>();
  for (let index = 0; index < tokens.length - 1; ) {
    const [added = '-', deleted = '-', name = ''] = (tokens[index] ?? '').split('\t');
    let filePath = name;
    index += 1;
    if (name === '') {
      filePath = tokens[index + 1] ?? '';
      index += 2;
    }
    counts.set(filePath, {
      additions: added === '-' ? null : Number(added),
      deletions: deleted === '-' ? null : Number(deleted),
    });
  }
  return counts;
}
