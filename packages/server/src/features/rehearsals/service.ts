import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  AppError,
  notFound,
  type Rehearsal,
  type RehearsalPlan,
  type RehearsalStreamMessage,
  type rehearsalUpload,
  type Task,
  type TaskSnapshot,
  unprocessable,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import type { TaskSnapshotsRepository } from '../task-snapshots/repository.ts';
import { snapshotArchive, taskRepositoryPath } from '../task-snapshots/snapshot-store.ts';
import type { TasksService } from '../tasks/tasks.ts';
import { LiveRehearsals, type LiveRun } from './live-rehearsals.ts';
import { finishedRow, rehearsalJob, rehearsalJobKey } from './rehearsal-job.ts';
import { type RehearsalResult, type RehearsalStepResult, runRehearsal } from './rehearsal-runner.ts';
import type { RehearsalSandbox } from './rehearsal-sandbox.ts';
import { type RehearsalRow, type RehearsalsRepository, rehearsalTimeoutMs } from './repository.ts';

export interface RehearsalsOptions {
  /** Each step's sandbox; null when SERVER_REHEARSALS=off or =worker. */
  sandbox: RehearsalSandbox | null;
  /**
   * SERVER_REHEARSALS=worker: rehearsals are queued here for `pairwise rehearsal-worker` on
   * another machine, and this node runs no task commands (docs/decisions/021).
   */
  worker?: { jobs: JobQueue } | undefined;
  dataDir: string;
  /** How server rehearsals are labelled, e.g. "Pairwise server (build-01)". */
  machineLabel: string;
  /** Rehearsals running at once on this node; each may keep a core busy for minutes. */
  maxConcurrent: number;
  /** Where rehearsal folders go; the OS temp folder by default. */
  tempDir?: string;
  /** A background write that failed; the row then shows as interrupted once its time is up. */
  log?: (message: string, error: unknown) => void;
}

/** How often a watcher on another node (or after a restart) rereads a rehearsal it cannot hear live. */
const POLL_MS = 1_000;
/** An uploaded rehearsal must have started within this long before it is reported. */
const UPLOAD_WINDOW_MS = 24 * 3600 * 1000;

/**
 * Rehearsals of a task's snapshot: run on the server in the background with live progress,
 * queued for `pairwise rehearsal-worker` on another machine (SERVER_REHEARSALS=worker), or run by
 * `pairwise rehearse` elsewhere and uploaded. Who may: whoever may prepare tasks. The
 * commands are the task author's own, run as written (docs/decisions/010).
 */
export class RehearsalsService {
  private readonly live = new LiveRehearsals();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly rehearsals: RehearsalsRepository,
    private readonly snapshots: TaskSnapshotsRepository,
    private readonly tasks: TasksService,
    private readonly options: RehearsalsOptions,
  ) {}

  async list(actor: Actor, taskId: string): Promise<Rehearsal[]> {
    await this.tasks.get(actor, taskId);
    return this.rehearsals.listForTask(taskId);
  }

  /** Whether "Rehearse setup" runs on this server (in a sandbox) or only on colleagues' machines. */
  get serverRehearsals(): 'sandbox' | 'off' | 'worker' {
    if (this.options.worker) return 'worker';
    return this.options.sandbox ? 'sandbox' : 'off';
  }

  /** Starts a rehearsal on the server and answers at once; progress follows on `follow`. */
  async start(actor: Actor, taskId: string, snapshotId: string | undefined): Promise<Rehearsal> {
    const task = await this.tasks.get(actor, taskId);
    if (this.options.worker) return this.enqueue(actor, task, snapshotId, this.options.worker);
    if (!this.options.sandbox) {
      throw new AppError(
        'conflict',
        'This server does not run task commands (SERVER_REHEARSALS=off); rehearse on your own machine with `pairwise rehearse`.',
      );
    }
    checkRunnable(task);
    const snapshot = await this.snapshotFor(taskId, snapshotId);
    if (this.live.size >= this.options.maxConcurrent) {
      throw new AppError(
        'conflict',
        `${this.live.size} rehearsals are running on the server already; start this one when one has finished.`,
      );
    }
    if ((await this.rehearsals.countRunning(taskId)) > 0) {
      throw new AppError(
        'conflict',
        'A rehearsal of this task is running; watch it or wait for it to finish.',
      );
    }
    const row: RehearsalRow = {
      id: randomUUID(),
      task_id: taskId,
      snapshot_id: snapshot.id,
      machine_label: this.options.machineLabel,
      origin: 'server',
      status: 'running',
      steps: '[]',
      total_ms: null,
      budget_ms: task.setupBudgetSec * 1000,
      passed: 0,
      within_budget: 0,
      failed_step: null,
      at: DateTime.utc().toISO(),
      ran_by: actor.id,
    };
    await this.rehearsals.insert(row);
    const rehearsal = (await this.rehearsals.find(taskId, row.id))!;
    const run = this.live.start(rehearsal, new AbortController());
    const done: Promise<void> = this.execute(task, snapshot, row, run).finally(() =>
      this.inFlight.delete(done),
    );
    this.inFlight.add(done);
    return rehearsal;
  }

  /**
   * Queues a rehearsal for a worker: the row and its job in one transaction, so a rehearsal is
   * never shown as running without a job that will run it. The worker writes to the same row,
   * which `follow` rereads as it does for a rehearsal on another node.
   */
  private async enqueue(
    actor: Actor,
    task: Task,
    snapshotId: string | undefined,
    worker: { jobs: JobQueue },
  ): Promise<Rehearsal> {
    checkRunnable(task);
    const snapshot = await this.snapshotFor(task.id, snapshotId);
    if ((await this.rehearsals.countRunning(task.id)) > 0) {
      throw new AppError(
        'conflict',
        'A rehearsal of this task is running or waiting for a worker; watch it or wait for it to finish.',
      );
    }
    const row: RehearsalRow = {
      id: randomUUID(),
      task_id: task.id,
      snapshot_id: snapshot.id,
      machine_label: 'Rehearsal worker (waiting for one to take it)',
      origin: 'server',
      status: 'running',
      steps: '[]',
      total_ms: null,
      budget_ms: task.setupBudgetSec * 1000,
      passed: 0,
      within_budget: 0,
      failed_step: null,
      at: DateTime.utc().toISO(),
      ran_by: actor.id,
    };
    await this.rehearsals.transaction(async (trx) => {
      await this.rehearsals.insert(row, trx);
      await worker.jobs.enqueue(
        rehearsalJob,
        {
          rehearsalId: row.id,
          taskId: task.id,
          commit: snapshot.commit,
          setupCommands: task.setupCommands,
          testCommand: task.testCommand,
          budgetMs: row.budget_ms,
          archiveToken: randomBytes(32).toString('base64url'),
        },
        { dedupeKey: rehearsalJobKey(row.id) },
        trx,
      );
    });
    return (await this.rehearsals.find(task.id, row.id))!;
  }

  /**
   * The snapshot of a queued rehearsal, for the worker that took it: shown the rehearsal's own
   * random secret, only while the rehearsal runs. Every refusal reads the same.
   */
  async workerArchive(rehearsalId: string, authorization: string | undefined): Promise<Buffer> {
    const refused = notFound('Rehearsal');
    const worker = this.options.worker;
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!worker || !token) throw refused;
    const job = await worker.jobs.pendingPayload(rehearsalJob, rehearsalJobKey(rehearsalId));
    const digest = (value: string) => createHash('sha256').update(value).digest();
    if (!job || !timingSafeEqual(digest(job.archiveToken), digest(token))) throw refused;
    const rehearsal = await this.rehearsals.find(job.taskId, rehearsalId);
    if (rehearsal?.status !== 'running') throw refused;
    return snapshotArchive(
      taskRepositoryPath(this.options.dataDir, job.taskId),
      job.commit,
      'starting-point',
    );
  }

  /**
   * Sends the rehearsal's state, then its progress until it finishes; returns the unsubscribe.
   * A rehearsal running on another node (or interrupted) is followed by rereading its row.
   */
  async follow(
    actor: Actor,
    taskId: string,
    rehearsalId: string,
    send: (message: RehearsalStreamMessage) => void,
  ): Promise<() => void> {
    await this.tasks.get(actor, taskId);
    const run = this.live.get(taskId, rehearsalId);
    if (run) {
      send(run.state());
      return run.subscribe(send);
    }
    const first = await this.rehearsals.find(taskId, rehearsalId);
    if (!first) throw notFound('Rehearsal');
    send({ kind: 'state', rehearsal: first, current: null });
    if (first.status !== 'running') {
      send({ kind: 'finished', rehearsal: first });
      return () => {};
    }
    let seenSteps = first.steps.length;
    const timer = setInterval(async () => {
      const now = await this.rehearsals.find(taskId, rehearsalId).catch(() => undefined);
      if (!now) return;
      if (now.status !== 'running') {
        clearInterval(timer);
        send({ kind: 'finished', rehearsal: now });
      } else if (now.steps.length !== seenSteps) {
        seenSteps = now.steps.length;
        send({ kind: 'state', rehearsal: now, current: null });
      }
    }, POLL_MS);
    return () => clearInterval(timer);
  }

  /** What `pairwise rehearse` runs: the same commands, budget and timeouts as the server. */
  async plan(actor: Actor, taskId: string, snapshotId: string | undefined): Promise<RehearsalPlan> {
    const task = await this.tasks.get(actor, taskId);
    checkRunnable(task);
    const snapshot = await this.snapshotFor(taskId, snapshotId);
    const budgetMs = task.setupBudgetSec * 1000;
    return {
      task: { id: task.id, title: task.title },
      snapshot: {
        id: snapshot.id,
        commit: snapshot.commit,
        archivePath: `/api/cli/tasks/${task.id}/snapshots/${snapshot.id}/archive`,
      },
      setupCommands: task.setupCommands,
      testCommand: task.testCommand,
      budgetMs,
      stepTimeoutMs: rehearsalTimeoutMs(budgetMs),
      totalTimeoutMs: rehearsalTimeoutMs(budgetMs),
    };
  }

  /** A rehearsal run by the CLI. Pass and budget are re-derived from its steps and the task's budget. */
  async record(actor: Actor, taskId: string, upload: z.output<typeof rehearsalUpload>): Promise<Rehearsal> {
    const task = await this.tasks.get(actor, taskId);
    const snapshot = await this.snapshots.find(taskId, upload.snapshotId);
    if (!snapshot) {
      throw unprocessable('This is not a snapshot of the task.', { snapshotId: 'Unknown snapshot.' });
    }
    const at = Date.parse(upload.at);
    if (at > Date.now() + 5 * 60_000 || at < Date.now() - UPLOAD_WINDOW_MS) {
      throw unprocessable('Report a rehearsal within a day of running it; check the clock of the machine.', {
        at: 'Not within the last day.',
      });
    }
    const budgetMs = task.setupBudgetSec * 1000;
    const passed =
      upload.passed &&
      upload.failedStep === null &&
      upload.steps.every((step) => step.exitCode === 0 && !step.timedOut);
    const row: RehearsalRow = {
      id: randomUUID(),
      task_id: taskId,
      snapshot_id: snapshot.id,
      machine_label: upload.machineLabel,
      origin: 'cli',
      status: 'finished',
      steps: JSON.stringify(upload.steps),
      total_ms: upload.totalMs,
      budget_ms: budgetMs,
      passed: passed ? 1 : 0,
      within_budget: passed && upload.totalMs <= budgetMs ? 1 : 0,
      failed_step: upload.failedStep ? JSON.stringify(upload.failedStep) : null,
      at: new Date(at).toISOString(),
      ran_by: actor.id,
    };
    await this.rehearsals.insert(row);
    return (await this.rehearsals.find(taskId, row.id))!;
  }

  /** Stops a rehearsal running on this node; its process group is killed and the result says "cancelled". */
  async cancel(actor: Actor, taskId: string, rehearsalId: string): Promise<void> {
    await this.tasks.get(actor, taskId);
    const run = this.live.get(taskId, rehearsalId);
    if (!run) {
      const rehearsal = await this.rehearsals.find(taskId, rehearsalId);
      if (!rehearsal) throw notFound('Rehearsal');
      // A worker's rehearsal is cancelled on its row; the worker rereads it and stops its sandbox.
      if (
        this.options.worker &&
        (await this.rehearsals.updateIfRunning(rehearsalId, {
          status: 'finished',
          passed: 0,
          within_budget: 0,
          failed_step: JSON.stringify({ index: rehearsal.steps.length, reason: 'cancelled' }),
        }))
      ) {
        return;
      }
      throw new AppError('conflict', 'This rehearsal is not running on this server (any more).');
    }
    run.controller.abort();
  }

  /** Server shutdown: cancels running rehearsals and waits until each has recorded its end. */
  async close(): Promise<void> {
    this.live.abortAll();
    await Promise.all([...this.inFlight]);
  }

  private async execute(task: Task, snapshot: TaskSnapshot, row: RehearsalRow, run: LiveRun): Promise<void> {
    const steps: RehearsalStepResult[] = [];
    // Writes go one after another, so a late step write never overwrites the final one.
    let writes = Promise.resolve();
    const write = (changes: Parameters<RehearsalsRepository['update']>[1]) => {
      writes = writes
        .then(() => this.rehearsals.update(row.id, changes))
        .catch((error: unknown) => this.options.log?.(`Could not record rehearsal ${row.id}`, error));
      return writes;
    };
    let result: RehearsalResult | undefined;
    let failure: string | undefined;
    try {
      result = await runRehearsal({
        repoUrlOrPath: taskRepositoryPath(this.options.dataDir, task.id),
        commit: snapshot.commit,
        setupCommands: task.setupCommands,
        testCommand: task.testCommand,
        stepTimeoutMs: rehearsalTimeoutMs(row.budget_ms),
        totalTimeoutMs: rehearsalTimeoutMs(row.budget_ms),
        budgetMs: row.budget_ms,
        machineLabel: row.machine_label,
        signal: run.controller.signal,
        ...(this.options.sandbox ? { sandbox: this.options.sandbox } : {}),
        ...(this.options.tempDir ? { tempDir: this.options.tempDir } : {}),
        onProgress: (event) => {
          run.progress(event);
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
    const finished = await this.rehearsals.find(task.id, row.id).catch(() => undefined);
    this.live.finish(row.id, finished ?? { ...run.state().rehearsal, status: 'finished' });
  }

  private async snapshotFor(taskId: string, snapshotId: string | undefined): Promise<TaskSnapshot> {
    const snapshot = snapshotId
      ? await this.snapshots.find(taskId, snapshotId)
      : await this.snapshots.latestForTask(taskId);
    if (!snapshot) {
      throw snapshotId
        ? notFound('Snapshot')
        : unprocessable('The task has no starting point yet: import and export it first.');
    }
    return snapshot;
  }
}

function checkRunnable(task: Task): void {
  if (!task.testCommand.trim()) {
    throw unprocessable('Give the task a test command before rehearsing it.', {
      testCommand: 'Required for a rehearsal.',
    });
  }
}
