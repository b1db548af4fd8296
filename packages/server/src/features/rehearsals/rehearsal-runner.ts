import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fetchCommand } from './fetch-command.ts';
import { tailLines } from './output-tail.ts';
import type { RehearsalProgressEvent, RehearsalResult, RehearsalStepResult } from './rehearsal-result.ts';
import type { RehearsalSandbox } from './rehearsal-sandbox.ts';
import { folderBytes, treeResidentBytes } from './rehearsal-sandbox.ts';
import { runStep, seconds, shell } from './rehearsal-step.ts';
import { cleanEnvironment, removeTree } from './rehearsal-workspace.ts';

/**
 * Rehearses a task's setup from scratch: a fresh clone in an empty temporary folder, then the
 * author's setup commands and test command, each run as `sh -c <command as written>` in its
 * own process group with a clean environment and a timeout (docs/decisions/010).
 * Node built-ins only, so the CLI can run it on a colleague's machine as it runs on the server.
 */

// Callers (service, CLI via index.ts) import the runner's whole vocabulary from this one module.
export { outputTailChars, tailLineCount } from './output-tail.ts';
export type {
  RehearsalProgressEvent,
  RehearsalResult,
  RehearsalStepKind,
  RehearsalStepResult,
} from './rehearsal-result.ts';

export type RehearsalOptions = {
  /** A git URL or path (cloned), or a plain folder (copied without .git and dependencies). */
  repoUrlOrPath: string;
  /** A commit, tag or branch to check out after cloning. */
  commit?: string;
  setupCommands: readonly string[];
  testCommand: string;
  stepTimeoutMs: number;
  totalTimeoutMs: number;
  budgetMs: number;
  machineLabel: string;
  onProgress?: (event: RehearsalProgressEvent) => void;
  signal?: AbortSignal;
  /** Where the temporary folder goes; the OS temp folder by default. */
  tempDir?: string;
  /**
   * Runs every setup and test step in its own sandbox (the server; docs/decisions/014). Without
   * one, steps run as the current user, which is what `pairwise rehearse` does on a colleague's
   * machine with commands that colleague can read first.
   */
  sandbox?: RehearsalSandbox;
};

export async function runRehearsal(options: RehearsalOptions): Promise<RehearsalResult> {
  validate(options);
  const at = new Date().toISOString();
  const started = performance.now();
  const deadline = started + options.totalTimeoutMs;
  const steps: RehearsalStepResult[] = [];
  let failedStep: RehearsalResult['failedStep'];
  const temp = await mkdtemp(path.join(options.tempDir ?? tmpdir(), 'pairwise-rehearsal-'));
  const work = path.join(temp, 'work');
  const env = cleanEnvironment(temp);
  await Promise.all([mkdir(env.HOME!), mkdir(env.TMPDIR!)]);
  const sandbox = options.sandbox;
  let release = async () => {};
  const diskLimitBytes = sandbox ? sandbox.limits.diskMib * 1024 * 1024 : 0;
  const diskLimit = async () =>
    (await folderBytes(temp)) > diskLimitBytes
      ? `stopped: the rehearsal's folders grew over the disk limit of ${sandbox?.limits.diskMib} MiB`
      : undefined;
  const memoryLimitBytes = sandbox ? sandbox.limits.memoryMib * 1024 * 1024 : 0;
  // Memory first: it is cheap to measure and grows faster than a folder.
  const runningLimit = async (pid: number) =>
    (await treeResidentBytes(pid)) > memoryLimitBytes
      ? `stopped: the step's processes together used more than the memory limit of ${sandbox?.limits.memoryMib} MiB`
      : diskLimit();

  const emit = (event: RehearsalProgressEvent) => {
    try {
      options.onProgress?.(event);
    } catch {
      // A broken listener must not break the rehearsal it is watching.
    }
  };

  try {
    const plan = [
      { kind: 'clone' as const, ...(await fetchCommand(options.repoUrlOrPath, options.commit)) },
      ...options.setupCommands.map((command) => ({ kind: 'setup' as const, command, run: shell(command) })),
      { kind: 'test' as const, command: options.testCommand, run: shell(options.testCommand) },
    ];
    for (const [index, step] of plan.entries()) {
      if (options.signal?.aborted) {
        failedStep = { index, reason: 'cancelled before this step started' };
        break;
      }
      const remaining = deadline - performance.now();
      const limitedByTotal = remaining < options.stepTimeoutMs;
      const timeoutMs = Math.max(0, Math.min(options.stepTimeoutMs, remaining));
      // The clone is Pairwise's own command on its own repository; the author's commands run
      // sandboxed, after the clone's files are handed to the sandbox's user.
      const sandboxed = sandbox && step.kind !== 'clone';
      if (sandboxed && index === 1) release = await sandbox.prepare(temp);
      const outcome = await runStep(
        sandboxed
          ? { ...step, run: sandbox.wrap(step.command, temp, sandbox.environment(), timeoutMs) }
          : step,
        {
          cwd: step.kind === 'clone' || sandboxed ? temp : work,
          env,
          timeoutMs,
          signal: options.signal,
          ...(sandboxed ? { limit: runningLimit } : {}),
          onEvent: (type, elapsedMs, tail, result) =>
            emit({
              type,
              stepIndex: index,
              command: step.command,
              elapsedMs,
              tail,
              ...(result ? { step: result } : {}),
            }),
        },
      );
      // A single file under the size limit per write can still leave the folders over it.
      if (sandboxed && !outcome.reason) {
        const over = await diskLimit();
        if (over) {
          outcome.reason = over;
          outcome.result.exitCode = null;
        }
      }
      steps.push(outcome.result);
      if (outcome.reason) {
        failedStep = {
          index,
          reason:
            outcome.result.timedOut && limitedByTotal
              ? `stopped: the rehearsal reached its total timeout of ${seconds(options.totalTimeoutMs)}`
              : outcome.reason,
        };
        break;
      }
    }
  } catch (error) {
    failedStep = { index: steps.length, reason: `could not run: ${(error as Error).message}` };
  } finally {
    await release();
    await removeTree(temp);
  }

  const totalMs = Math.round(performance.now() - started);
  const passed = failedStep === undefined && steps.length === options.setupCommands.length + 2;
  const slowest = steps.reduce<RehearsalResult['slowestStep']>(
    (best, step, index) =>
      !best || step.durationMs > best.durationMs ? { index, durationMs: step.durationMs } : best,
    undefined,
  );
  const result: RehearsalResult = {
    steps,
    totalMs,
    passed,
    withinBudget: passed && totalMs <= options.budgetMs,
    budgetMs: options.budgetMs,
    ...(slowest ? { slowestStep: slowest } : {}),
    ...(failedStep ? { failedStep } : {}),
    cancelled: options.signal?.aborted === true,
    machineLabel: options.machineLabel,
    at,
  };
  const last = steps.at(-1);
  emit({
    type: 'finished',
    stepIndex: steps.length - 1,
    command: last?.command ?? '',
    elapsedMs: totalMs,
    tail: last ? tailLines(last.outputTail) : [],
    result,
  });
  return result;
}

function validate(options: RehearsalOptions): void {
  const problems: string[] = [];
  if (!options.repoUrlOrPath) problems.push('a repository URL or path is required');
  if (!options.testCommand?.trim()) problems.push('a test command is required');
  if (options.setupCommands.some((command) => !command.trim()))
    problems.push('setup commands must not be empty');
  for (const key of ['stepTimeoutMs', 'totalTimeoutMs', 'budgetMs'] as const) {
    if (!(options[key] > 0)) problems.push(`${key} must be a positive number`);
  }
  if (problems.length > 0) throw new TypeError(`Cannot rehearse: ${problems.join('; ')}.`);
}
