import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '@pairwise/domain';
import ignore, { type Ignore } from 'ignore';

/**
 * Decides which files of a task's source go into the candidate's starting point: the
 * source's own .gitignore files (nested ones too), minus git metadata, dependency folders
 * and build output, which a candidate must produce by setting the task up, never receive.
 */

export type ExportFile = {
  /** Relative POSIX path. */
  path: string;
  size: number;
  executable: boolean;
  /** Set for symbolic links (pointing inside the tree); content is then the target. */
  symlinkTarget?: string;
  content: Buffer;
  /** Git's heuristic: a NUL byte in the first 8,000 bytes. */
  binary: boolean;
};

export type DropReason =
  | 'git-metadata'
  | 'dependencies'
  | 'build-output'
  | 'gitignore'
  | 'excluded'
  | 'special-file';

/** The top of each dropped subtree, so the UI can say "node_modules/ (dependencies)". */
export type DroppedPath = { path: string; reason: DropReason };

export type ExportTree = { files: ExportFile[]; dropped: DroppedPath[]; totalBytes: number };

export type ExportLimits = { maxFiles: number; maxTotalBytes: number };

export const defaultExportLimits: ExportLimits = { maxFiles: 20_000, maxTotalBytes: 100 * 1024 * 1024 };

export type ExportTreeOptions = {
  /** Paths the interviewer excluded: a file, or a folder (its whole subtree). */
  excludedPaths?: readonly string[];
  /** Folders to keep although their name marks them as dependencies or build output (e.g. a Go vendor/). */
  keptPaths?: readonly string[];
  limits?: Partial<ExportLimits>;
};

export const dependencyFolderNames: ReadonlySet<string> = new Set([
  'node_modules',
  'bower_components',
  'jspm_packages',
  '.pnpm-store',
  '.yarn',
  'vendor',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.gradle',
  '.m2',
  '.bundle',
  'Pods',
  '.dart_tool',
  'elm-stuff',
  'deps',
  '_build',
]);

export const buildOutputFolderNames: ReadonlySet<string> = new Set([
  'dist',
  'build',
  'out',
  'target',
  'coverage',
  '.nyc_output',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.turbo',
  '.parcel-cache',
  '.vite',
  '.cache',
  '.output',
  'storybook-static',
]);

const gitMetadataNames: ReadonlySet<string> = new Set(['.git', '.hg', '.svn']);
const osClutterNames: ReadonlySet<string> = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

type IgnoreLevel = { base: string; rules: Ignore };

export async function buildExportTree(rootDir: string, options: ExportTreeOptions = {}): Promise<ExportTree> {
  const root = path.resolve(rootDir);
  const limits = { ...defaultExportLimits, ...options.limits };
  const excluded = (options.excludedPaths ?? []).map(normaliseRelativePath);
  const kept = new Set((options.keptPaths ?? []).map(normaliseRelativePath));
  const tree: ExportTree = { files: [], dropped: [], totalBytes: 0 };

  const walk = async (dirRel: string, levels: IgnoreLevel[]): Promise<void> => {
    const dirAbs = path.join(root, dirRel);
    const entries = (await readdir(dirAbs, { withFileTypes: true })).sort((a, b) => compare(a.name, b.name));
    const gitignore = entries.find((entry) => entry.name === '.gitignore' && entry.isFile());
    const scoped = gitignore
      ? [...levels, await loadIgnoreLevel(dirRel, path.join(dirAbs, '.gitignore'))]
      : levels;

    for (const entry of entries) {
      const rel = dirRel ? `${dirRel}/${entry.name}` : entry.name;
      const isDirectory = entry.isDirectory();
      const reason = dropReason(entry, rel, isDirectory, scoped, excluded, kept);
      if (reason) {
        if (reason !== 'os-clutter') tree.dropped.push({ path: isDirectory ? `${rel}/` : rel, reason });
        continue;
      }
      if (isDirectory) {
        await walk(rel, scoped);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        const file = await readExportFile(root, rel, entry);
        tree.files.push(file);
        tree.totalBytes += file.size;
        enforceLimits(tree, limits);
      } else {
        tree.dropped.push({ path: rel, reason: 'special-file' });
      }
    }
  };

  await walk('', []);
  return tree;
}

function dropReason(
  entry: Dirent,
  rel: string,
  isDirectory: boolean,
  levels: IgnoreLevel[],
  excluded: string[],
  kept: ReadonlySet<string>,
): DropReason | 'os-clutter' | undefined {
  if (gitMetadataNames.has(entry.name)) return 'git-metadata';
  if (isDirectory && !kept.has(rel) && dependencyFolderNames.has(entry.name)) return 'dependencies';
  if (isDirectory && !kept.has(rel) && buildOutputFolderNames.has(entry.name)) return 'build-output';
  if (!isDirectory && osClutterNames.has(entry.name)) return 'os-clutter';
  if (excluded.some((prefix) => rel === prefix || rel.startsWith(`${prefix}/`))) return 'excluded';
  if (isIgnored(rel, isDirectory, levels)) return 'gitignore';
  return undefined;
}

// The deepest .gitignore with an opinion wins, as in git; `!pattern` can re-include.
function isIgnored(rel: string, isDirectory: boolean, levels: IgnoreLevel[]): boolean {
  for (let index = levels.length - 1; index >= 0; index -= 1) {
    const level = levels[index]!;
    const relToBase = level.base ? rel.slice(level.base.length + 1) : rel;
    const result = level.rules.test(isDirectory ? `${relToBase}/` : relToBase);
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

async function loadIgnoreLevel(base: string, file: string): Promise<IgnoreLevel> {
  return { base, rules: ignore().add(await readFile(file, 'utf8')) };
}

async function readExportFile(root: string, rel: string, entry: Dirent): Promise<ExportFile> {
  const abs = path.join(root, rel);
  if (entry.isSymbolicLink()) {
    const target = await readlink(abs);
    const resolved = path.resolve(path.dirname(abs), target);
    if (path.isAbsolute(target) || !(resolved === root || resolved.startsWith(root + path.sep))) {
      throw new AppError(
        'unprocessable',
        `"${rel}" is a symbolic link to "${target}", outside the task; replace it with the file or remove it.`,
      );
    }
    const content = Buffer.from(target, 'utf8');
    return {
      path: rel,
      size: content.length,
      executable: false,
      symlinkTarget: target,
      content,
      binary: false,
    };
  }
  const [stats, content] = await Promise.all([lstat(abs), readFile(abs)]);
  return {
    path: rel,
    size: content.length,
    executable: (stats.mode & 0o111) !== 0,
    content,
    binary: content.subarray(0, 8000).includes(0),
  };
}

function enforceLimits(tree: ExportTree, limits: ExportLimits): void {
  if (tree.files.length > limits.maxFiles) {
    throw new AppError(
      'payload_too_large',
      `The task has more than ${limits.maxFiles} files after dropping dependencies and build output; add the extra folders to .gitignore or exclude them.`,
    );
  }
  if (tree.totalBytes > limits.maxTotalBytes) {
    throw new AppError(
      'payload_too_large',
      `The task is larger than ${Math.round(limits.maxTotalBytes / (1024 * 1024))} MiB after dropping dependencies and build output; add the large files to .gitignore or exclude them.`,
    );
  }
}

function normaliseRelativePath(raw: string): string {
  const normalised = raw
    .replace(/\\/g, '/')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/');
  if (!normalised || normalised.split('/').includes('..')) {
    throw new AppError('invalid_request', `"${raw}" is not a path inside the task.`);
  }
  return normalised;
}

// Byte order, like git, so listings match `git ls-tree`.
function compare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
