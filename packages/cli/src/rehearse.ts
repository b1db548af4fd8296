import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Rehearsal, RehearsalPlan, RehearsalUpload } from '@pairwise/domain';
// Only the rehearsal part of the server: the CLI a server hands out is bundled from this file.
import {
  extractArchive,
  type RehearsalResult,
  readTaskManifest,
  runRehearsal,
  TASK_MANIFEST,
} from '@pairwise/server/rehearsal';
import { RehearsalPrinter } from './rehearsal-printer.ts';

export const rehearseUsage = `Usage:
  pairwise rehearse <task-url-or-id> [--server <url>] --token <token> [--label <machine>] [--snapshot <id>]
      Downloads the task's latest snapshot (or --snapshot), runs its setup and test commands here
      from scratch, and reports the result to Pairwise labelled with this machine's name.
      The token comes from Pairwise, under "API tokens"; PAIRWISE_TOKEN works too.
  pairwise rehearse <dir> [--setup <command>]... [--test <command>] [--budget <seconds>]
      Rehearses a local folder and only prints. Commands come from <dir>/${TASK_MANIFEST} when present.
`;

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** The server takes JSON bodies up to 256 KiB; a step's output tail is trimmed to share that. */
const UPLOAD_OUTPUT_CHARS = 160_000;

export class UsageError extends Error {}

function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        server: { type: 'string' },
        token: { type: 'string' },
        label: { type: 'string' },
        snapshot: { type: 'string' },
        setup: { type: 'string', multiple: true },
        test: { type: 'string' },
        budget: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `pairwise rehearse …` with its help and its exit codes: 2 for a usage error, 1 for a failure. */
export async function runRehearseCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(rehearseUsage);
    return 0;
  }
  try {
    return await rehearse(argv);
  } catch (error) {
    // The reasons are written for people (API answers, archive refusals); a stack trace adds nothing.
    console.error(
      error instanceof UsageError ? `${error.message}\n\n${rehearseUsage}` : (error as Error).message,
    );
    return error instanceof UsageError ? 2 : 1;
  }
}

export async function rehearse(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  const [target] = positionals;
  if (!target || positionals.length > 1) throw new UsageError('Name one task (URL or id) or one folder.');
  const isUrl = /^https?:\/\//i.test(target);
  if (!values.server && !isUrl && existsSync(target) && statSync(target).isDirectory()) {
    return rehearseFolder(path.resolve(target), values);
  }
  const server = (values.server ?? (isUrl ? new URL(target).origin : undefined))?.replace(/\/$/, '');
  const taskId = uuid.exec(target)?.[0];
  if (!server) throw new UsageError(`"${target}" is no folder here; to rehearse a task, add --server <url>.`);
  if (!taskId) throw new UsageError(`"${target}" names no task: give the task's page URL or its id.`);
  const token = values.token ?? process.env.PAIRWISE_TOKEN;
  if (!token) {
    throw new UsageError(
      'Give a personal API token with --token (create one in Pairwise under "API tokens").',
    );
  }
  return rehearseTask(new PairwiseApi(server, token), taskId, {
    label: values.label ?? os.hostname(),
    snapshotId: values.snapshot,
  });
}

async function rehearseTask(
  api: PairwiseApi,
  taskId: string,
  options: { label: string; snapshotId: string | undefined },
): Promise<number> {
  const query = options.snapshotId ? `?snapshotId=${encodeURIComponent(options.snapshotId)}` : '';
  const plan = await api.json<RehearsalPlan>('GET', `/api/cli/tasks/${taskId}/rehearsal-plan${query}`);
  console.log(
    `Rehearsing "${plan.task.title}" (snapshot ${plan.snapshot.commit.slice(0, 12)}) on ${options.label}, budget ${Math.round(plan.budgetMs / 1000)} s.`,
  );
  const work = await mkdtemp(path.join(os.tmpdir(), 'pairwise-cli-'));
  try {
    const archive = path.join(work, 'snapshot.tar.gz');
    await writeFile(archive, await api.download(plan.snapshot.archivePath));
    // The same checks as an upload to the server: no links, no paths out of the folder.
    await extractArchive(archive, path.join(work, 'snapshot'));
    const result = await runWithPrinter({
      repoUrlOrPath: path.join(work, 'snapshot', 'starting-point'),
      setupCommands: plan.setupCommands,
      testCommand: plan.testCommand,
      stepTimeoutMs: plan.stepTimeoutMs,
      totalTimeoutMs: plan.totalTimeoutMs,
      budgetMs: plan.budgetMs,
      machineLabel: options.label,
    });
    const upload: RehearsalUpload = {
      snapshotId: plan.snapshot.id,
      machineLabel: result.machineLabel,
      steps: trimForUpload(result.steps),
      totalMs: result.totalMs,
      passed: result.passed,
      failedStep: result.failedStep ?? null,
      at: result.at,
    };
    const { rehearsal } = await api.json<{ rehearsal: Rehearsal }>(
      'POST',
      `/api/cli/tasks/${taskId}/rehearsals`,
      upload,
    );
    console.log(`Reported to Pairwise: ${api.server}/tasks/${taskId}#rehearsal-${rehearsal.id}`);
    return rehearsal.passed && rehearsal.withinBudget ? 0 : 1;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function rehearseFolder(
  dir: string,
  flags: { setup?: string[] | undefined; test?: string | undefined; budget?: string | undefined },
): Promise<number> {
  const manifest = existsSync(path.join(dir, TASK_MANIFEST)) ? await readTaskManifest(dir) : undefined;
  const testCommand = flags.test ?? manifest?.task.testCommand;
  if (!testCommand) {
    throw new UsageError(`Give the test command with --test, or describe the task in ${TASK_MANIFEST}.`);
  }
  const budgetSec = flags.budget ? Number(flags.budget) : (manifest?.task.setupBudgetSec ?? 300);
  if (!(budgetSec > 0)) throw new UsageError('--budget takes a number of seconds.');
  const source = manifest?.sourceDir ?? dir;
  const budgetMs = budgetSec * 1000;
  console.log(`Rehearsing ${source} from scratch (only printed, nothing is reported).`);
  const result = await runWithPrinter({
    repoUrlOrPath: source,
    setupCommands: flags.setup ?? manifest?.task.setupCommands ?? [],
    testCommand,
    stepTimeoutMs: 2 * budgetMs,
    totalTimeoutMs: 2 * budgetMs,
    budgetMs,
    machineLabel: os.hostname(),
  });
  return result.passed && result.withinBudget ? 0 : 1;
}

type RunOptions = Omit<Parameters<typeof runRehearsal>[0], 'onProgress' | 'signal'>;

/** Runs with live progress; Ctrl-C stops the running step's whole process group, a second one quits. */
async function runWithPrinter(options: RunOptions): Promise<RehearsalResult> {
  const printer = new RehearsalPrinter(options.setupCommands.length + 2);
  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(130);
    console.log('\nStopping the rehearsal…');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    const result = await runRehearsal({
      ...options,
      onProgress: printer.onProgress,
      signal: controller.signal,
    });
    console.log(printer.summary(result));
    return result;
  } finally {
    printer.stop();
    process.off('SIGINT', onInterrupt);
  }
}

function trimForUpload(steps: RehearsalResult['steps']): RehearsalUpload['steps'] {
  const share = Math.floor(UPLOAD_OUTPUT_CHARS / Math.max(1, steps.length));
  return steps.map((step) => {
    if (step.outputTail.length <= share) return step;
    const cut = step.outputTail.slice(-share);
    return { ...step, outputTail: cut.slice(cut.indexOf('\n') + 1) };
  });
}

/** The few calls the CLI makes, with the token and the server's own error messages. */
class PairwiseApi {
  constructor(
    readonly server: string,
    private readonly token: string,
  ) {}

  async json<T>(method: string, apiPath: string, body?: unknown): Promise<T> {
    const response = await this.fetch(method, apiPath, body);
    return (await response.json()) as T;
  }

  async download(apiPath: string): Promise<Buffer> {
    return Buffer.from(await (await this.fetch('GET', apiPath)).arrayBuffer());
  }

  private async fetch(method: string, apiPath: string, body?: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.server}${apiPath}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new Error(`Cannot reach Pairwise at ${this.server}: ${(error as Error).message}`);
    }
    if (!response.ok) {
      const answer = (await response.json().catch(() => ({}))) as { message?: string };
      throw new Error(`Pairwise answered ${response.status}: ${answer.message ?? response.statusText}`);
    }
    return response;
  }
}
