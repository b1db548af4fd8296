import { recordedAcknowledgement, type TaskSnapshot } from '@pairwise/domain';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { parseJsonColumn } from '../../platform/db/json-column.ts';
import type { Database } from '../../platform/db/schema.ts';

export type TaskSnapshotRow = Database['task_snapshots'];
export type RecordedAcknowledgement = TaskSnapshot['acknowledgements'][number];

const pathList = z.array(z.string());
const acknowledgementList = z.array(recordedAcknowledgement);

/** The database side of task snapshots; the commits themselves are in the task repository. */
export class TaskSnapshotsRepository {
  constructor(private readonly db: Db) {}

  async insert(row: TaskSnapshotRow): Promise<void> {
    await this.db.insertInto('task_snapshots').values(row).execute();
  }

  async listForTask(taskId: string): Promise<TaskSnapshot[]> {
    const rows = await this.selectWithCreator()
      .where('task_snapshots.task_id', '=', taskId)
      .orderBy('task_snapshots.created_at', 'desc')
      .orderBy('task_snapshots.id', 'desc')
      .execute();
    return rows.map(toTaskSnapshot);
  }

  async find(taskId: string, snapshotId: string): Promise<TaskSnapshot | undefined> {
    const row = await this.selectWithCreator()
      .where('task_snapshots.task_id', '=', taskId)
      .where('task_snapshots.id', '=', snapshotId)
      .executeTakeFirst();
    return row && toTaskSnapshot(row);
  }

  async latestForTask(taskId: string): Promise<TaskSnapshot | undefined> {
    const row = await this.selectWithCreator()
      .where('task_snapshots.task_id', '=', taskId)
      // The same order as candidate-repositories' starting snapshot, ties included.
      .orderBy('task_snapshots.created_at', 'desc')
      .orderBy('task_snapshots.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toTaskSnapshot(row);
  }

  private selectWithCreator() {
    return this.db
      .selectFrom('task_snapshots')
      .innerJoin('users', 'users.id', 'task_snapshots.created_by')
      .selectAll('task_snapshots')
      .select('users.name as created_by_name');
  }
}

function toTaskSnapshot(row: TaskSnapshotRow & { created_by_name: string }): TaskSnapshot {
  return {
    id: row.id,
    taskId: row.task_id,
    commit: row.commit,
    source: row.source,
    fileCount: row.file_count,
    totalBytes: row.total_bytes,
    excludedPaths: parseJsonColumn(pathList, row.excluded_paths),
    acknowledgements: parseJsonColumn(acknowledgementList, row.acknowledgements),
    createdAt: row.created_at,
    createdByName: row.created_by_name,
  };
}
