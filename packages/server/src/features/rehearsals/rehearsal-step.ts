import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { OutputTail } from './output-tail.ts';
import type { RehearsalProgressEvent, RehearsalStepKind, RehearsalStepResult } from './rehearsal-result.ts';

/**
 * One step of a rehearsal, spawned detached so it leads its own process group: a timeout or a
 * cancel can then stop everything the step started, not just its shell (docs/decisions/010).
 */

const killGraceMs = 2_000;
const progressIntervalMs = 250;
const limitCheckMs = 250;

export type Runnable = {
  file: string;
  args: string[];
  env?: Record<string, string>;
  /** Start with `env` only, not the rehearsal's environment (a sandbox passes that inside). */
  replaceEnv?: boolean;
  /** The host user to run as (a root server drops to nobody for sandboxed steps). */
  user?: { uid: number; gid: number };
};
export const shell = (command: string): Runnable => ({ file: 'sh', args: ['-c', command] });

type StepOutcome = { result: RehearsalStepResult; reason?: string };
type StepContext = {
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /**
   * Checked while the step runs, with the step's process id; a reason stops the step (e.g. its
   * folders grew over the disk limit, or its processes over the memory limit together).
   */
  limit?: (pid: number) => Promise<string | undefined>;
  onEvent: (
    type: RehearsalProgressEvent['type'],
    elapsedMs: number,
    tail: string[],
    result?: RehearsalStepResult,
  ) => void;
};

export async function runStep(
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
  let overLimit: string | undefined;
  let startError: Error | undefined;

  const child = spawn(step.run.file, step.run.args, {
    cwd: context.cwd,
    env: step.run.replaceEnv ? { ...step.run.env } : { ...context.env, ...step.run.env },
    detached: true,
    ...(step.run.user ?? {}),
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
  let running = true;
  const watchLimit = async () => {
    while (running && context.limit && child.pid !== undefined && !overLimit) {
      const checkStarted = performance.now();
      const reason = await context.limit(child.pid).catch(() => undefined);
      if (!running) return;
      if (reason) {
        overLimit = reason;
        // No grace period: a step filling the disk would go on filling it.
        killGroup('SIGKILL');
        return;
      }
      // A large tree takes a while to measure; measuring must not become the step's main work.
      const wait = Math.max(limitCheckMs, 4 * (performance.now() - checkStarted));
      await new Promise((resolve) => setTimeout(resolve, wait).unref());
    }
  };
  void watchLimit();

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
  running = false;
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

  if (timedOut || cancelled || overLimit) exitCode = null;
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
    : overLimit
      ? overLimit
      : timedOut
        ? `timed out after ${seconds(context.timeoutMs)}`
        : startError
          ? `could not start: ${startError.message}`
          : exitCode !== 0
            ? `exited with code ${exitCode}`
            : undefined;
  return reason ? { result, reason } : { result };
}

export function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
