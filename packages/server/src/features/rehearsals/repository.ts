import { type Rehearsal, rehearsal, rehearsalStep } from '@pairwise/domain';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { parseJsonColumn } from '../../platform/db/json-column.ts';
import type { Database } from '../../platform/db/schema.ts';

export type RehearsalRow = Database['rehearsals'];
type RehearsalChanges = Partial<
  Pick<
    RehearsalRow,
    'status' | 'steps' | 'total_ms' | 'passed' | 'within_budget' | 'failed_step' | 'machine_label'
  >
>;

const stepList = z.array(rehearsalStep);
const failedStep = rehearsal.shape.failedStep.unwrap();

/** A running rehearsal not heard of for this long after its total timeout was interrupted. */
const INTERRUPTED_GRACE_MS = 60_000;

export class RehearsalsRepository {
  constructor(private readonly db: Db) {}

  /** A queued rehearsal's row and its job commit together: the job queue writes in this transaction. */
  async transaction<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  /** `executor`: the caller's transaction when the row goes with a queued job. */
  async insert(row: RehearsalRow, executor: Db = this.db): Promise<void> {
    await executor.insertInto('rehearsals').values(row).execute();
  }

  async update(id: string, changes: RehearsalChanges): Promise<void> {
    await this.db.updateTable('rehearsals').set(changes).where('id', '=', id).execute();
  }

  /**
   * Changes a rehearsal only while it is still running: a worker's late write never undoes a
   * cancel, and a cancel never undoes a finished result. Answers whether it changed the row.
   */
  async updateIfRunning(id: string, changes: RehearsalChanges): Promise<boolean> {
    const result = await this.db
      .updateTable('rehearsals')
      .set(changes)
      .where('id', '=', id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async listForTask(taskId: string, limit = 50): Promise<Rehearsal[]> {
    const rows = await this.selectWithPeople()
      .where('rehearsals.task_id', '=', taskId)
      .orderBy('rehearsals.at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRehearsal);
  }

  async find(taskId: string, id: string): Promise<Rehearsal | undefined> {
    const row = await this.selectWithPeople()
      .where('rehearsals.task_id', '=', taskId)
      .where('rehearsals.id', '=', id)
      .executeTakeFirst();
    return row && toRehearsal(row);
  }

  /** Finished rehearsals of one snapshot since a time, newest first: the evidence for readiness. */
  async finishedForSnapshot(snapshotId: string, since: string): Promise<Rehearsal[]> {
    const rows = await this.selectWithPeople()
      .where('rehearsals.snapshot_id', '=', snapshotId)
      .where('rehearsals.status', '=', 'finished')
      .where('rehearsals.at', '>=', since)
      .orderBy('rehearsals.at', 'desc')
      .execute();
    return rows.map(toRehearsal);
  }

  async countRunning(taskId: string): Promise<number> {
    const rows = await this.db
      .selectFrom('rehearsals')
      .select(['at', 'budget_ms'])
      .where('task_id', '=', taskId)
      .where('status', '=', 'running')
      .execute();
    return rows.filter((row) => !isInterrupted(row)).length;
  }

  private selectWithPeople() {
    return this.db
      .selectFrom('rehearsals')
      .innerJoin('users', 'users.id', 'rehearsals.ran_by')
      .innerJoin('task_snapshots', 'task_snapshots.id', 'rehearsals.snapshot_id')
      .selectAll('rehearsals')
      .select(['users.name as ran_by_name', 'task_snapshots.commit as snapshot_commit']);
  }
}

/** Twice the budget: an over-budget setup still finishes and shows by how much; a hang does not. */
export const rehearsalTimeoutMs = (budgetMs: number) => 2 * budgetMs;

function isInterrupted(row: Pick<RehearsalRow, 'at' | 'budget_ms'>): boolean {
  return Date.parse(row.at) + rehearsalTimeoutMs(row.budget_ms) + INTERRUPTED_GRACE_MS < Date.now();
}

function toRehearsal(row: RehearsalRow & { ran_by_name: string; snapshot_commit: string }): Rehearsal {
  const interrupted = row.status === 'running' && isInterrupted(row);
  const steps = parseJsonColumn(stepList, row.steps);
  return {
    id: row.id,
    taskId: row.task_id,
    snapshotId: row.snapshot_id,
    snapshotCommit: row.snapshot_commit,
    machineLabel: row.machine_label,
    origin: row.origin as Rehearsal['origin'],
    status: interrupted ? 'interrupted' : (row.status as Rehearsal['status']),
    steps,
    totalMs: row.total_ms,
    budgetMs: row.budget_ms,
    passed: row.passed === 1,
    withinBudget: row.within_budget === 1,
    failedStep: interrupted
      ? {
          index: steps.length,
          reason: 'interrupted: the server stopped while it ran',
        }
      : row.failed_step
        ? parseJsonColumn(failedStep, row.failed_step)
        : null,
    at: row.at,
    ranByName: row.ran_by_name,
  };
}
