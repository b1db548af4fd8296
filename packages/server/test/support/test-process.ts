import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Every process a test starts runs inside a folder that test created. A test once ran
 * `git add/commit/push` with `cwd: ''`, which Node resolves to the project root, and committed
 * a candidate's file into Pairwise itself; these helpers refuse such a cwd before spawning.
 */

const projectRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Folders created by `createTestFolder` in this test file. A worker that runs several files
 * without isolating them (integration, e2e) calls `forgetTestFolders()` before each file, so a
 * file never accepts another file's folder either.
 */
const ownFolders = new Set<string>();

/** Starts a new test file's registry: the folders of the files before it are no longer its own. */
export function forgetTestFolders(): void {
  ownFolders.clear();
  scratch = undefined;
}

export async function createTestFolder(prefix: string): Promise<string> {
  const folder = realpathSync(await mkdtemp(path.join(os.tmpdir(), `pairwise-${prefix}-`)));
  ownFolders.add(folder);
  return folder;
}

/** For a folder needed while the test file is being collected, before any hook runs. */
export function createTestFolderSync(prefix: string): string {
  const folder = realpathSync(mkdtempSync(path.join(os.tmpdir(), `pairwise-${prefix}-`)));
  ownFolders.add(folder);
  return folder;
}

export async function removeTestFolder(folder: string): Promise<void> {
  ownFolders.delete(folder);
  await rm(folder, { recursive: true, force: true });
}

const isInside = (child: string, parent: string) => {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/**
 * The rule, without touching the disk: `cwd` must be an absolute path inside one of `folders`
 * and outside the project. Returns it normalised; throws with the reason otherwise.
 */
export function checkTestCwd(cwd: unknown, folders: Iterable<string>, project = projectRoot): string {
  if (typeof cwd !== 'string' || cwd === '') {
    throw new Error(`A test process needs a cwd inside its own test folder; got ${JSON.stringify(cwd)}.`);
  }
  if (!path.isAbsolute(cwd)) throw new Error(`A test process cwd must be absolute; got "${cwd}".`);
  const normalised = path.resolve(cwd);
  if (isInside(normalised, project) || isInside(project, normalised)) {
    throw new Error(`A test process may not run in or above the project (${project}); got "${cwd}".`);
  }
  for (const folder of folders) if (isInside(normalised, folder)) return normalised;
  throw new Error(`"${cwd}" is not inside a folder this test created with createTestFolder().`);
}

/** `checkTestCwd` against this file's own folders, after resolving symlinks that could lead out. */
export function testCwd(cwd: unknown): string {
  const checked = checkTestCwd(cwd, ownFolders);
  let real = checked;
  try {
    real = realpathSync(checked);
  } catch {
    // Not there yet: the spawn fails on its own, and the lexical check above already passed.
  }
  return checkTestCwd(real, ownFolders);
}

let scratch: Promise<string> | undefined;

/** For a command that does not care where it runs (`git clone <url> <absolute path>`). */
export function scratchFolder(): Promise<string> {
  scratch ??= createTestFolder('scratch');
  return scratch;
}

/**
 * Removes the folders this file created and did not remove itself (its scratch folder, a folder
 * of a test that failed before its clean-up): test folders live in memory (decision 036).
 */
export async function removeLeftoverFolders(): Promise<void> {
  if (scratch) await scratch.catch(() => undefined);
  scratch = undefined;
  const leftovers = [...ownFolders];
  ownFolders.clear();
  await Promise.all(leftovers.map((folder) => rm(folder, { recursive: true, force: true })));
}

/**
 * Processes started by this test file that have not exited yet. A test that times out while a
 * server it started is still coming up never gets to stop it, and the worker moving on to the
 * next file would leave it running (listening, writing to its folder) until the machine reboots.
 */
const running = new Set<ChildProcess>();

/** `spawn`, refusing any cwd outside this test's own folders. */
export function spawnInTestFolder(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { cwd: string },
): ChildProcess {
  const child = spawn(command, args, { ...options, cwd: testCwd(options.cwd) });
  running.add(child);
  child.once('exit', () => running.delete(child));
  // A spawn that failed (no such command) emits no 'exit'.
  child.once('error', () => running.delete(child));
  return child;
}

/** Kills what this file's tests started and left running; their own clean-up ran before. */
export async function stopLeftoverProcesses(): Promise<void> {
  const leftovers = [...running].filter((child) => child.exitCode === null && child.signalCode === null);
  running.clear();
  await Promise.all(
    leftovers.map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          if (!child.kill('SIGKILL')) resolve();
        }),
    ),
  );
}

export interface ProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end in a test folder and collects its output. */
export function runInTestFolder(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawnInTestFolder(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
