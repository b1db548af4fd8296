import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { type Clock, systemClock, utcNow } from '../clock.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

export interface JobDefinition<S extends z.ZodType> {
  type: string;
  payload: S;
  /** Attempts before the job is parked as failed for an admin to look at. */
  maxAttempts?: number;
  handle(payload: z.infer<S>, job: { id: string; attempt: number }): Promise<void>;
}

export interface EnqueueOptions {
  runAt?: Date;
  /** A second enqueue with the same key is ignored, so callers can enqueue without checking first. */
  dedupeKey?: string;
}

export interface JobQueueOptions {
  pollMs?: number;
  /** How long a claimed job stays with its worker; a dead worker's job is retried after it. */
  leaseSeconds?: number;
  /** The wait before the first retry of a failed job; each later one waits four times longer. */
  firstRetrySeconds?: number;
  clock?: Clock;
  log?: (message: string, error?: unknown) => void;
}

/**
 * The one queue every background job goes through (mail, reminders, retention), kept in the
 * database so a job enqueued in a transaction is never lost and survives restarts. On
 * PostgreSQL, workers claim with FOR UPDATE SKIP LOCKED, so several nodes can share the queue.
 */
export class JobQueue {
  private readonly definitions = new Map<string, JobDefinition<z.ZodType>>();
  private readonly workerId = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  private readonly clock: Clock;

  constructor(
    private readonly database: Pick<DatabaseHandle, 'db' | 'dialect'>,
    private readonly options: JobQueueOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  private now(): DateTime<true> {
    return utcNow(this.clock);
  }

  define<S extends z.ZodType>(definition: JobDefinition<S>): void {
    this.definitions.set(definition.type, definition as unknown as JobDefinition<z.ZodType>);
  }

  /** Enqueue inside the caller's transaction when the job belongs to a change (the outbox pattern). */
  async enqueue<S extends z.ZodType>(
    definition: JobDefinition<S>,
    payload: z.infer<S>,
    options: EnqueueOptions = {},
    executor: Kysely<Database> = this.database.db,
  ): Promise<void> {
    const parsed = definition.payload.parse(payload);
    await executor
      .insertInto('jobs')
      .values({
        id: randomUUID(),
        type: definition.type,
        payload: JSON.stringify(parsed),
        dedupe_key: options.dedupeKey ?? null,
        run_at: options.runAt ? DateTime.fromJSDate(options.runAt).toUTC().toISO()! : this.now().toISO(),
        attempts: 0,
        max_attempts: definition.maxAttempts ?? 8,
        locked_by: null,
        locked_until: null,
        last_error: null,
        done_at: null,
        failed_at: null,
        created_at: this.now().toISO(),
      })
      .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
      .execute();
  }

  /** The payload of a job not yet done, by the dedupe key it was enqueued with; undefined otherwise. */
  async pendingPayload<S extends z.ZodType>(
    definition: JobDefinition<S>,
    dedupeKey: string,
  ): Promise<z.infer<S> | undefined> {
    const row = await this.database.db
      .selectFrom('jobs')
      .select('payload')
      .where('type', '=', definition.type)
      .where('dedupe_key', '=', dedupeKey)
      .where('done_at', 'is', null)
      .where('failed_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    const parsed = definition.payload.safeParse(JSON.parse(row.payload));
    return parsed.success ? parsed.data : undefined;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Runs due jobs until none is left; tests and the CLI call it directly. */
  async drain(): Promise<number> {
    let count = 0;
    while (await this.runOne()) count++;
    return count;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .catch((error) => this.options.log?.('job queue poll failed', error))
        .then(() => this.schedule(this.options.pollMs ?? 1000));
    }, delay);
  }

  private async runOne(): Promise<boolean> {
    const job = await this.claim();
    if (!job) return false;
    const definition = this.definitions.get(job.type);
    const attempt = job.attempts + 1;
    const renewal = this.renewLease(job.id);
    try {
      if (!definition) throw new Error(`No handler for job type "${job.type}".`);
      await definition.handle(definition.payload.parse(JSON.parse(job.payload)), { id: job.id, attempt });
      await renewal.stop();
      await this.database.db
        .updateTable('jobs')
        .set({ done_at: this.now().toISO(), attempts: attempt, locked_by: null, locked_until: null })
        .where('id', '=', job.id)
        .execute();
    } catch (error) {
      await renewal.stop();
      const failed = attempt >= job.max_attempts;
      this.options.log?.(`job ${job.type} ${job.id} attempt ${attempt} failed`, error);
      await this.database.db
        .updateTable('jobs')
        .set({
          attempts: attempt,
          last_error: String(error instanceof Error ? error.message : error).slice(0, 2000),
          locked_by: null,
          locked_until: null,
          run_at: this.now()
            .plus({ seconds: backoffSeconds(attempt, this.options.firstRetrySeconds) })
            .toISO(),
          failed_at: failed ? this.now().toISO() : null,
        })
        .where('id', '=', job.id)
        .execute();
    }
    return true;
  }

  /**
   * Extends a running job's lease every third of it, so a job may run far longer than the lease
   * (a rehearsal takes minutes) while a dead worker's job is still taken over one lease after it
   * stopped renewing. The update names this worker, so a lease another worker took over stays its.
   */
  private renewLease(jobId: string): { stop(): Promise<void> } {
    const leaseSeconds = this.options.leaseSeconds ?? 60;
    let pending: Promise<unknown> = Promise.resolve();
    const timer = setInterval(
      () => {
        pending = this.database.db
          .updateTable('jobs')
          .set({ locked_until: this.now().plus({ seconds: leaseSeconds }).toISO() })
          .where('id', '=', jobId)
          .where('locked_by', '=', this.workerId)
          .execute()
          .catch((error) => this.options.log?.(`could not renew the lease of job ${jobId}`, error));
      },
      (leaseSeconds * 1000) / 3,
    );
    return {
      stop: async () => {
        clearInterval(timer);
        await pending;
      },
    };
  }

  /**
   * Takes one due job under a lease. A worker that dies mid-job leaves the lease to expire,
   * after which another worker retries it: handlers must be idempotent.
   */
  private async claim() {
    // Only types this queue handles: a web node leaves rehearsals to a separate worker, and that
    // worker leaves mail and reminders to the web nodes.
    const types = [...this.definitions.keys()];
    if (types.length === 0) return null;
    const now = this.now();
    const lockUntil = now.plus({ seconds: this.options.leaseSeconds ?? 60 }).toISO();
    const skipLocked = this.database.dialect === 'postgres' ? sql`FOR UPDATE SKIP LOCKED` : sql``;
    const result = await sql<Database['jobs']>`
      UPDATE jobs SET locked_by = ${this.workerId}, locked_until = ${lockUntil}
      WHERE id = (
        SELECT id FROM jobs
        WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= ${now.toISO()}
          AND type IN (${sql.join(types)})
          AND (locked_until IS NULL OR locked_until < ${now.toISO()})
        ORDER BY run_at LIMIT 1 ${skipLocked}
      )
      RETURNING *`.execute(this.database.db);
    return result.rows[0] ?? null;
  }
}

/** 5 s, 20 s, 80 s ... capped at an hour: quick recovery from blips, no hammering of a dead SMTP server. */
export function backoffSeconds(attempt: number, firstRetrySeconds = 5): number {
  return Math.min(3600, firstRetrySeconds * 4 ** (attempt - 1));
}
