import { z } from 'zod';
import type { JobDefinition } from '../../platform/jobs/job-queue.ts';
import type { RehearsalResult, RehearsalStepResult } from './rehearsal-runner.ts';
import type { RehearsalRow } from './repository.ts';

/**
 * A rehearsal waiting for a separate `pairwise rehearsal-worker` (SERVER_REHEARSALS=worker;
 * docs/decisions/021). The payload is what was asked when "Rehearse setup" was pressed, so a
 * later edit of the commands does not change a rehearsal already queued.
 */
export const rehearsalJobPayload = z.object({
  rehearsalId: z.uuid(),
  taskId: z.uuid(),
  commit: z.string().min(1),
  setupCommands: z.array(z.string()),
  testCommand: z.string().min(1),
  budgetMs: z.number().int().positive(),
  /**
   * A random secret for this one rehearsal: the worker shows it to download the snapshot from the
   * server, so a worker needs the database and the server's URL, not a staff member's API token.
   */
  archiveToken: z.string().min(32),
});
export type RehearsalJobPayload = z.infer<typeof rehearsalJobPayload>;

/**
 * Only the worker handles the job; web nodes enqueue it and, not defining it, never claim it.
 * Three attempts: a worker that died mid-run (its lease ran out) or could not reach the server.
 */
export const rehearsalJob: JobDefinition<typeof rehearsalJobPayload> = {
  type: 'rehearsal.run',
  payload: rehearsalJobPayload,
  maxAttempts: 3,
  handle: () => Promise.reject(new Error('Rehearsals run in `pairwise rehearsal-worker`, not here.')),
};

export const rehearsalJobKey = (rehearsalId: string) => `rehearsal:${rehearsalId}`;

/** The row's final state from a run's result, the same for in-process and worker runs. */
export function finishedRow(
  result: RehearsalResult | undefined,
  stepsSoFar: RehearsalStepResult[],
  failure: string | undefined,
): Pick<RehearsalRow, 'status' | 'steps' | 'total_ms' | 'passed' | 'within_budget' | 'failed_step'> {
  const failedStep = result?.passed
    ? null
    : (result?.failedStep ?? { index: stepsSoFar.length, reason: failure ?? 'did not finish' });
  return {
    status: 'finished',
    steps: JSON.stringify(result?.steps ?? stepsSoFar),
    total_ms: result?.totalMs ?? null,
    passed: result?.passed ? 1 : 0,
    within_budget: result?.withinBudget ? 1 : 0,
    failed_step: failedStep ? JSON.stringify(failedStep) : null,
  };
}
