import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/**
 * Rehearses a task's setup from scratch: a fresh clone in an empty temporary folder, then the
 * author's setup commands and test command, each run as `sh -c <command as written>` in its
 * own process group with a clean environment and a timeout (docs/decisions/010).
 * Node built-ins only, so the CLI can run it on a colleague's machine as it runs on the server.
 */

export type RehearsalStepKind = 'clone' | 'setup' | 'test';

export type RehearsalProgressEvent = {
  type: 'step-started' | 'output' | 'step-finished' | 'finished';
  /** Index into `steps`; the clone is step 0. */
  stepIndex: number;
  command: string;
  /** Since the step started ('finished': since the rehearsal started). */
  elapsedMs: number;
  /** The last lines of the step's output. */
  tail: string[];
  step?: RehearsalStepResult;
  result?: RehearsalResult;
};

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
};

export type RehearsalStepResult = {
  kind: RehearsalStepKind;
  command: string;
  /** null when the step was killed (timeout, cancel) or could not start. */
  exitCode: number | null;
  durationMs: number;
  outputTail: string;
  outputBytes: number;
  timedOut: boolean;
};

export type RehearsalResult = {
  steps: RehearsalStepResult[];
  /** Clone plus every step, as a candidate would experience it. */
  totalMs: number;
  passed: boolean;
  /** Only a passing rehearsal can show that the setup fits the budget. */
  withinBudget: boolean;
  budgetMs: number;
  slowestStep?: { index: number; durationMs: number };
  failedStep?: { index: number; reason: string };
  cancelled: boolean;
  machineLabel: string;
  /** When the rehearsal started, ISO 8601. */
  at: string;
};

/** Characters of output kept per step (64 Ki). */
export const outputTailChars = 64 * 1024;
export const tailLineCount = 20;
const killGraceMs = 2_000;
const progressIntervalMs = 250;

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
      const outcome = await runStep(step, {
        cwd: step.kind === 'clone' ? temp : work,
        env,
        timeoutMs: Math.max(0, Math.min(options.stepTimeoutMs, remaining)),
        signal: options.signal,
        onEvent: (type, elapsedMs, tail, result) =>
          emit({
            type,
            stepIndex: index,
            command: step.command,
            elapsedMs,
            tail,
            ...(result ? { step: result } : {}),
          }),
      });
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

type Runnable = { file: string; args: string[]; env?: Record<string, string> };
const shell = (command: string): Runnable => ({ file: 'sh', args: ['-c', command] });

async function fetchCommand(source: string, commit: string | undefined) {
  if (await isPlainFolder(source)) {
    // A copy leaves out what a fresh checkout would not have.
    const excludes = notCopied.map((name) => `--exclude=${name}`).join(' ');
    const script = `mkdir work && tar -C "$PAIRWISE_SOURCE" ${excludes} -cf - . | tar -C work -xf -`;
    return {
      command: `copy ${source}`,
      run: { file: 'sh', args: ['-c', script], env: { PAIRWISE_SOURCE: source } },
    };
  }
  // Neither the command shown to people nor the clone's .git/config keeps credentials from the URL.
  const publicSource = source.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
  const checkout = commit ? ' && git -C work checkout --quiet --detach "$PAIRWISE_COMMIT"' : '';
  // The values travel as environment variables, so no shell string is built from them.
  const script = `git clone --quiet --no-hardlinks -- "$PAIRWISE_SOURCE" work && git -C work remote set-url origin "$PAIRWISE_PUBLIC_SOURCE"${checkout}`;
  return {
    command: `git clone ${publicSource}${commit ? ` @ ${commit}` : ''}`,
    run: {
      file: 'sh',
      args: ['-c', script],
      env: {
        PAIRWISE_SOURCE: source,
        PAIRWISE_PUBLIC_SOURCE: publicSource,
        GIT_TERMINAL_PROMPT: '0',
        ...(commit ? { PAIRWISE_COMMIT: commit } : {}),
      },
    },
  };
}

async function isPlainFolder(source: string): Promise<boolean> {
  if (!path.isAbsolute(source)) return false;
  const kind = (p: string) =>
    stat(p).then(
      (s) => (s.isDirectory() ? 'dir' : 'file'),
      () => undefined,
    );
  if ((await kind(source)) !== 'dir') return false;
  const bare =
    (await kind(path.join(source, 'HEAD'))) === 'file' &&
    (await kind(path.join(source, 'objects'))) === 'dir';
  return !bare && (await kind(path.join(source, '.git'))) === undefined;
}

const notCopied = ['.git', 'node_modules', '.venv', 'venv', 'target', 'dist', 'build', 'coverage', '.next'];

type StepOutcome = { result: RehearsalStepResult; reason?: string };
type StepContext = {
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  onEvent: (
    type: RehearsalProgressEvent['type'],
    elapsedMs: number,
    tail: string[],
    result?: RehearsalStepResult,
  ) => void;
};

async function runStep(
  step: { kind: RehearsalStepKind; command: string; run: Runnable },
  context: StepContext,
): Promise<StepOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  context.onEvent('step-started', 0, []);
  const output = new OutputTail();
  let exitCode: number | null = null;
  let timedOut = false;
  let cancelled = false;
  let startError: Error | undefined;

  const child = spawn(step.run.file, step.run.args, {
    cwd: context.cwd,
    env: { ...context.env, ...step.run.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const closed = new Promise((resolve) => child.once('close', resolve));
  let lastProgress = 0;
  let pending: NodeJS.Timeout | undefined;
  const reportOutput = () => {
    pending = undefined;
    lastProgress = performance.now();
    context.onEvent('output', elapsed(), output.lines());
  };
  const onData = (decoder: StringDecoder) => (chunk: Buffer) => {
    output.append(decoder.write(chunk), chunk.length);
    if (pending) return;
    const wait = progressIntervalMs - (performance.now() - lastProgress);
    pending = setTimeout(reportOutput, Math.max(0, wait));
  };
  child.stdout.on('data', onData(new StringDecoder('utf8')));
  child.stderr.on('data', onData(new StringDecoder('utf8')));

  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // ESRCH: the group is already gone.
    }
  };
  let escalation: NodeJS.Timeout | undefined;
  const stop = () => {
    killGroup('SIGTERM');
    escalation = setTimeout(() => killGroup('SIGKILL'), killGraceMs);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, context.timeoutMs);
  const onAbort = () => {
    cancelled = true;
    stop();
  };
  context.signal?.addEventListener('abort', onAbort, { once: true });

  await new Promise<void>((resolve) => {
    child.on('error', (error) => {
      startError = error;
      resolve();
    });
    child.on('exit', (code) => {
      exitCode = code;
      // Background processes the step left behind die with it.
      killGroup('SIGKILL');
      resolve();
    });
  });
  clearTimeout(timer);
  clearTimeout(escalation);
  context.signal?.removeEventListener('abort', onAbort);
  // Grandchildren killed above release the pipes; do not wait on them forever.
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
  child.stdout.destroy();
  child.stderr.destroy();
  if (pending) {
    // Output that arrived within the last interval is still reported before the step ends.
    clearTimeout(pending);
    reportOutput();
  }

  if (timedOut || cancelled) exitCode = null;
  const result: RehearsalStepResult = {
    kind: step.kind,
    command: step.command,
    exitCode,
    durationMs: elapsed(),
    outputTail: output.text(),
    outputBytes: output.bytes,
    timedOut,
  };
  context.onEvent('step-finished', result.durationMs, output.lines(), result);
  const reason = cancelled
    ? 'cancelled'
    : timedOut
      ? `timed out after ${seconds(context.timeoutMs)}`
      : startError
        ? `could not start: ${startError.message}`
        : exitCode !== 0
          ? `exited with code ${exitCode}`
          : undefined;
  return reason ? { result, reason } : { result };
}

/** Keeps only the end of a step's output, however much it prints. */
class OutputTail {
  bytes = 0;
  private buffer = '';
  private trimmed = false;

  append(text: string, byteCount: number): void {
    this.bytes += byteCount;
    this.buffer += text;
    if (this.buffer.length > outputTailChars * 2) {
      this.buffer = this.buffer.slice(-outputTailChars);
      this.trimmed = true;
    }
  }

  text(): string {
    const clean = stripAnsi(this.buffer);
    if (!this.trimmed && clean.length <= outputTailChars) return clean;
    // Once cut, start at a line boundary so the tail never opens with half a line.
    const cut = clean.slice(-outputTailChars);
    return cut.slice(cut.indexOf('\n') + 1);
  }

  lines(): string[] {
    return tailLines(stripAnsi(this.buffer.slice(-16_384)));
  }
}

function tailLines(text: string): string[] {
  // A carriage return redraws a progress line: keep what was drawn last.
  const lines = text.split('\n').map((line) => line.replace(/\r$/, '').split('\r').at(-1) ?? '');
  if (lines.at(-1) === '') lines.pop();
  return lines.slice(-tailLineCount);
}

function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes start with ESC.
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}

/** Only what a build needs; nothing of the server's environment (database URLs, SMTP passwords). */
function cleanEnvironment(temp: string): Record<string, string> {
  const nodeDir = path.dirname(process.execPath);
  const basePath = process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
  return {
    PATH: basePath.split(path.delimiter).includes(nodeDir)
      ? basePath
      : `${basePath}${path.delimiter}${nodeDir}`,
    HOME: path.join(temp, 'home'),
    TMPDIR: path.join(temp, 'tmp'),
    LANG: process.env.LANG ?? 'C.UTF-8',
    TERM: 'dumb',
    CI: 'true',
  };
}

async function removeTree(dir: string): Promise<void> {
  try {
    await rm(dir, { recursive: true, force: true, maxRetries: 2 });
  } catch {
    // Some tools (Go's module cache) leave read-only folders behind.
    await new Promise((resolve) =>
      spawn('chmod', ['-R', 'u+w', dir], { stdio: 'ignore' }).on('close', resolve),
    );
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
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

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
