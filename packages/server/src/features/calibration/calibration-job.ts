import { z } from 'zod';
import { type Clock, utcNow } from '../../platform/clock.ts';
import type { JobDefinition, JobQueue } from '../../platform/jobs/job-queue.ts';
import type { CalibrationService } from './service.ts';

const payload = z.object({ slot: z.string() });
/** How often marked interviews are summed again in the background. */
const EVERY_MS = 5 * 60_000;

/**
 * Sums again the interviews the database marked changed (decision 045), in the background: at
 * start-up that is every interview after migration 031 (the backfill), later the few changed since
 * the last run, so that the calibration page, which sums what is still marked before it answers,
 * finds little left. Each run has a dedupe key of its five-minute slot, so several nodes enqueue it
 * once, and each run schedules the next.
 */
export class CalibrationJob {
  readonly job: JobDefinition<typeof payload>;

  constructor(
    private readonly calibration: CalibrationService,
    private readonly jobs: JobQueue,
    /** The queue's clock: the next run is five minutes after this one by it, so a drain ends. */
    private readonly clock: Clock,
  ) {
    this.job = {
      type: 'calibration.catch-up',
      payload,
      handle: async () => {
        await this.calibration.refreshStale();
        await this.enqueue(this.now() + EVERY_MS);
      },
    };
    jobs.define(this.job);
  }

  /** At start-up: a run now. */
  async start(): Promise<void> {
    await this.enqueue(this.now());
  }

  private now(): number {
    return utcNow(this.clock).toMillis();
  }

  private async enqueue(at: number): Promise<void> {
    const slot = new Date(Math.floor(at / EVERY_MS) * EVERY_MS).toISOString();
    await this.jobs.enqueue(
      this.job,
      { slot },
      { runAt: new Date(Math.max(at, Date.parse(slot))), dedupeKey: `calibration:${slot}` },
    );
  }
}
