import { DateTime } from 'luxon';
import { z } from 'zod';
import type { JobDefinition, JobQueue } from '../../platform/jobs/job-queue.ts';
import type { RetentionService } from './service.ts';

const payload = z.object({ day: z.iso.date() });
// Early in the UTC morning, when few interviews run.
const RUN_HOUR_UTC = 2;

/**
 * Erases candidates past retention once a day. Each day's run has a dedupe key of its date, so
 * several nodes starting or finishing a run enqueue it once; each run schedules the next.
 */
export class RetentionJob {
  readonly job: JobDefinition<typeof payload>;

  constructor(
    private readonly retention: RetentionService,
    private readonly jobs: JobQueue,
  ) {
    this.job = { type: 'retention.daily', payload, handle: (input) => this.run(input.day) };
    jobs.define(this.job);
  }

  /** At start-up: today's run, now (a no-op when another node ran it already). */
  async start(now = new Date()): Promise<void> {
    const day = DateTime.fromJSDate(now).toUTC().toISODate()!;
    await this.jobs.enqueue(this.job, { day }, { runAt: now, dedupeKey: `retention:${day}` });
  }

  private async run(day: string): Promise<void> {
    await this.retention.runRetention(new Date());
    const next = DateTime.fromISO(day, { zone: 'utc' }).plus({ days: 1 });
    await this.jobs.enqueue(
      this.job,
      { day: next.toISODate()! },
      { runAt: next.set({ hour: RUN_HOUR_UTC }).toJSDate(), dedupeKey: `retention:${next.toISODate()}` },
    );
  }
}
