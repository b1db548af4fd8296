import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Config, ConfigError } from '../../config.ts';
import { extractArchive } from '../../platform/archive/extract-archive.ts';
import { openDatabase } from '../../platform/db/database.ts';
import { JobQueue } from '../../platform/jobs/job-queue.ts';
import { finishedRow, type RehearsalJobPayload, rehearsalJob } from './rehearsal-job.ts';
import { type RehearsalResult, type RehearsalStepResult, runRehearsal } from './rehearsal-runner.ts';
import { RehearsalSandbox } from './rehearsal-sandbox.ts';
import {
  RehearsalsRepository,
  type RehearsalsRepository as Repository,
  rehearsalTimeoutMs,
} from './repository.ts';

export interface RehearsalWorkerOptions {
  /** The Pairwise server the snapshots are downloaded from (its PUBLIC_URL). */
  serverUrl: string;
  /** How the rehearsal page names this worker, e.g. "Rehearsal worker (build-02)". */
  label: string;
  /** Where rehearsal folders go; the OS temp folder by default. */
  tempDir?: string;
  log: (message: string, error?: unknown) => void;
}

export interface RunningWorker {
  close(): Promise<void>;
}

/** A snapshot is a small source tree; a download slower than this is retried later. */
const DOWNLOAD_TIMEOUT_MS = 120_000;
/** How often a running rehearsal's row is reread for a cancel pressed on the page. */
const CANCEL_POLL_MS = 1_000;

/**
 * `pairwise rehearsal-worker`: takes the rehearsals a web node with SERVER_REHEARSALS=worker
 * queued, runs each in this machine's sandbox and writes every finished step to the rehearsal's
 * row, which the page follows as it follows a rehearsal on another node (docs/decisions/021).
 * It needs the database and the server's URL; never the server's DATA_DIR or credentials key.
 */
export async function startRehearsalWorker(
  config: Config,
  options: RehearsalWorkerOptions,
): Promise<RunningWorker> {
  const sandbox = await RehearsalSandbox.create(config.rehearsalLimits, {
    egress: config.rehearsalEgressHosts,
    ...(options.tempDir ? { tempDir: options.tempDir } : {}),
  }).catch((error: unknown) => {
    // A worker exists to run commands in a sandbox; without one it must not take any job.
    throw new ConfigError(
      `pairwise rehearsal-worker runs every step in a sandbox, but this machine cannot create one: ${(error as Error).message}. ` +
        'Install bubblewrap (Debian: apt-get install bubblewrap) and allow unprivileged user namespaces.',
    );
  });
  const database = await openDatabase(config);
  const repository = new RehearsalsRepository(database.db);
  const jobs = new JobQueue(database, {
    leaseSeconds: config.jobLeaseSeconds,
    firstRetrySeconds: config.jobFirstRetrySeconds,
    pollMs: config.jobPollMs,
    clock: config.clock,
    log: options.log,
  });
  const running = new Set<AbortController>();
  jobs.define({
    ...rehearsalJob,
    handle: async (payload, job) => {
      const controller = new AbortController();
      running.add(controller);
      try {
        await runQueued(payload, job.attempt, { repository, sandbox, options, signal: controller.signal });
      } finally {
        running.delete(controller);
      }
    },
  });
  jobs.start();
  return {
    close: async () => {
      for (const controller of running) controller.abort();
      await jobs.stop();
      await database.close();
    },
  };
}

async function runQueued(
  payload: RehearsalJobPayload,
  attempt: number,
  context: {
    repository: Repository;
    sandbox: RehearsalSandbox;
    options: RehearsalWorkerOptions;
    signal: AbortSignal;
  },
): Promise<void> {
  const { repository, sandbox, options } = context;
  const id = payload.rehearsalId;
  // Cancelled while it waited, or already finished by an attempt whose lease then ran out.
  if ((await repository.find(payload.taskId, id))?.status !== 'running') return;
  // An earlier attempt's worker died mid-run: its steps are forgotten and the rehearsal starts again.
  if (!(await repository.updateIfRunning(id, { machine_label: options.label, steps: '[]' }))) return;
  options.log(`Rehearsal ${id}: taken (attempt ${attempt}).`);
  const temp = await mkdtemp(path.join(options.tempDir ?? os.tmpdir(), 'pairwise-worker-'));
  const controller = new AbortController();
  context.signal.addEventListener('abort', () => controller.abort(), { once: true });
  const cancelWatch = setInterval(async () => {
    const now = await repository.find(payload.taskId, id).catch(() => undefined);
    if (now && now.status !== 'running') controller.abort();
  }, CANCEL_POLL_MS);
  const steps: RehearsalStepResult[] = [];
  let writes = Promise.resolve();
  const write = (changes: Parameters<Repository['updateIfRunning']>[1]) => {
    writes = writes
      .then(() => repository.updateIfRunning(id, changes))
      .then(
        () => {},
        (error: unknown) => options.log(`Could not record rehearsal ${id}`, error),
      );
    return writes;
  };
  try {
    const archive = path.join(temp, 'snapshot.tar.gz');
    await writeFile(archive, await download(options.serverUrl, payload));
    // The same checks as an uploaded archive: no links, no paths out of the folder.
    await extractArchive(archive, path.join(temp, 'snapshot'));
    let result: RehearsalResult | undefined;
    let failure: string | undefined;
    try {
      result = await runRehearsal({
        repoUrlOrPath: path.join(temp, 'snapshot', 'starting-point'),
        setupCommands: payload.setupCommands,
        testCommand: payload.testCommand,
        stepTimeoutMs: rehearsalTimeoutMs(payload.budgetMs),
        totalTimeoutMs: rehearsalTimeoutMs(payload.budgetMs),
        budgetMs: payload.budgetMs,
        machineLabel: options.label,
        signal: controller.signal,
        sandbox,
        ...(options.tempDir ? { tempDir: options.tempDir } : {}),
        onProgress: (event) => {
          if (event.type === 'step-finished' && event.step) {
            steps.push(event.step);
            void write({ steps: JSON.stringify(steps) });
          }
        },
      });
    } catch (error) {
      failure = `could not run: ${(error as Error).message}`;
    }
    await write(finishedRow(result, steps, failure));
    options.log(`Rehearsal ${id}: ${result?.passed ? 'passed' : 'did not pass'}.`);
  } catch (error) {
    // Not reaching the server is worth a retry; after the last attempt the page says why.
    if (attempt >= (rehearsalJob.maxAttempts ?? 1)) {
      await write(finishedRow(undefined, steps, `could not run: ${(error as Error).message}`));
    }
    throw error;
  } finally {
    clearInterval(cancelWatch);
    await writes;
    await rm(temp, { recursive: true, force: true });
  }
}

async function download(serverUrl: string, payload: RehearsalJobPayload): Promise<Buffer> {
  const url = `${serverUrl.replace(/\/$/, '')}/api/worker/rehearsals/${payload.rehearsalId}/archive`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${payload.archiveToken}` },
      // A server that accepts and never answers would otherwise hold the job (its lease renewed) forever.
      signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
    });
  } catch (error) {
    throw new Error(`cannot reach Pairwise at ${serverUrl} for the snapshot: ${(error as Error).message}`);
  }
  if (!response.ok) throw new Error(`Pairwise answered ${response.status} for the snapshot`);
  return Buffer.from(await response.arrayBuffer());
}
