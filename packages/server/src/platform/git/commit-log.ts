import { runGit } from './git-command.ts';
import { GitRepositoryError } from './repository-slug.ts';

export type FileChangeStatus = 'A' | 'C' | 'D' | 'M' | 'R' | 'T' | 'U' | 'X' | 'B';

export interface FileChange {
  status: FileChangeStatus;
  path: string;
  /** Set for renames and copies: where the file came from. */
  oldPath?: string;
}

export interface CommitRecord {
  sha: string;
  parents: string[];
  author: { name: string; email: string };
  /** Author date: when the candidate made the commit, by their clock. */
  at: Date;
  committedAt: Date;
  message: string;
  changes: FileChange[];
  /** Every path the commit touched, both sides of a rename included. */
  files: string[];
}

// Anything a candidate controls (messages, names, paths) may contain any byte but NUL, so the
// output is split on NUL only and parsed by position; the marker merely double-checks alignment.
const RECORD_MARKER = '\x1epairwise-commit ';
const LOG_FORMAT = `${RECORD_MARKER}%H%x00%P%x00%an%x00%ae%x00%aI%x00%cI%x00%B`;
const STATUS_TOKEN = /^[ACDMRTUXB][0-9]*$/;

/**
 * Commits selected by `revisions` (one per line, as for `git log --stdin`: `sha`, `^sha`, refs),
 * oldest first. Merges list the files changed relative to their first parent, which is what
 * "what did this push change" means on a branch.
 */
export async function readCommits(
  gitDir: string,
  revisions: readonly string[],
  options: { limit?: number } = {},
): Promise<CommitRecord[]> {
  for (const revision of revisions) assertRevision(revision.replace(/^\^/, ''));
  const args = [
    'log',
    '--reverse',
    '-z',
    '--name-status',
    '-M',
    '--diff-merges=first-parent',
    '--no-color',
    '--no-show-signature',
    `--format=${LOG_FORMAT}`,
  ];
  if (options.limit !== undefined) args.push(`--max-count=${options.limit}`);
  args.push('--stdin');
  // `--reverse` applies after `--max-count`, so a limit keeps the newest commits; callers that
  // need the oldest set a limit only as a guard against runaway histories.
  const { stdout } = await runGit(args, { gitDir, input: `${revisions.join('\n')}\n` });
  return parseLog(stdout.toString('utf8'));
}

export function parseLog(output: string): CommitRecord[] {
  const tokens = output.split('\0');
  const commits: CommitRecord[] = [];
  let index = 0;
  while (index < tokens.length) {
    const head = tokens[index] ?? '';
    if (head === '' && index === tokens.length - 1) break;
    if (!head.startsWith(RECORD_MARKER)) throw new Error(`Unexpected git log output near token ${index}`);
    const [sha, parents, name, email, authored, committed, message] = tokens.slice(index, index + 7);
    index += 7;
    const commit: CommitRecord = {
      sha: (sha ?? '').slice(RECORD_MARKER.length),
      parents: parents ? parents.split(' ') : [],
      author: { name: name ?? '', email: email ?? '' },
      at: new Date(authored ?? ''),
      committedAt: new Date(committed ?? ''),
      message: message ?? '',
      changes: [],
      files: [],
    };
    // The name-status block follows the message after a newline; an empty commit has none.
    while (index < tokens.length) {
      const status = (tokens[index] ?? '').replace(/^\n/, '');
      if (!STATUS_TOKEN.test(status)) break;
      const kind = status[0] as FileChangeStatus;
      if (kind === 'R' || kind === 'C') {
        commit.changes.push({
          status: kind,
          oldPath: tokens[index + 1] ?? '',
          path: tokens[index + 2] ?? '',
        });
        index += 3;
      } else {
        commit.changes.push({ status: kind, path: tokens[index + 1] ?? '' });
        index += 2;
      }
    }
    commit.files = touchedFiles(commit.changes);
    commits.push(commit);
  }
  return commits;
}

export function touchedFiles(changes: readonly FileChange[]): string[] {
  const files = new Set<string>();
  for (const change of changes) {
    if (change.oldPath !== undefined) files.add(change.oldPath);
    files.add(change.path);
  }
  return [...files];
}

// Revisions come from the app and the database, never straight from a request, but a value
// starting with a dash would be read by git as an option, so the alphabet is closed anyway.
const REVISION_PATTERN = /^(?!-)(?!.*\.\.)(?!.*@\{)[A-Za-z0-9._/-]{1,255}$/;

export function assertRevision(revision: string): void {
  if (!REVISION_PATTERN.test(revision)) {
    throw new GitRepositoryError('invalid_request', `Not a valid revision: ${JSON.stringify(revision)}`);
  }
}
