import { type Lever, lever } from '@pairwise/domain';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { parseJsonColumn } from '../../platform/db/json-column.ts';
import type { Database } from '../../platform/db/schema.ts';

export type TaskRow = Database['tasks'];
export type TaskRowWithNames = TaskRow & {
  owner_name: string | null;
  commands_changed_by_name: string | null;
};

const leverList = z.array(lever);
const commandList = z.array(z.string());
const roleList = z.array(z.string());

/**
 * A task's difficulty levers as stored. Every feature that reads the `tasks` row (planning,
 * pairing, the interview's detail, the work queue) reads its levers through this one parse.
 */
export function parseLevers(text: string): Lever[] {
  return parseJsonColumn(leverList, text);
}

export function parseSetupCommands(text: string): string[] {
  return parseJsonColumn(commandList, text);
}

/** Someone who might own a task: whether they are active, and their roles. */
export interface OwnerCandidate {
  id: string;
  name: string;
  roles: string[];
  active: boolean;
}

/** The only SQL of the task library. */
export class TasksRepository {
  constructor(private readonly db: Db) {}

  private query() {
    return this.db
      .selectFrom('tasks')
      .leftJoin('users as owner', 'owner.id', 'tasks.owner_id')
      .leftJoin('users as changer', 'changer.id', 'tasks.commands_changed_by')
      .selectAll('tasks')
      .select(['owner.name as owner_name', 'changer.name as commands_changed_by_name']);
  }

  async list(): Promise<TaskRowWithNames[]> {
    return this.query().orderBy('title').execute();
  }

  async find(id: string): Promise<TaskRowWithNames | undefined> {
    return this.query().where('tasks.id', '=', id).executeTakeFirst();
  }

  /** A task's levers, or none for an unknown task. */
  async levers(id: string): Promise<Lever[]> {
    const row = await this.db.selectFrom('tasks').select('levers').where('id', '=', id).executeTakeFirst();
    return row ? parseLevers(row.levers) : [];
  }

  async insert(row: TaskRow): Promise<void> {
    await this.db.insertInto('tasks').values(row).execute();
  }

  async update(id: string, changes: Partial<Omit<TaskRow, 'id' | 'created_at'>>): Promise<void> {
    await this.db.updateTable('tasks').set(changes).where('id', '=', id).execute();
  }

  async ownerCandidate(userId: string): Promise<OwnerCandidate | undefined> {
    const row = await this.db
      .selectFrom('users')
      .select(['id', 'name', 'roles', 'active'])
      .where('id', '=', userId)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        name: row.name,
        roles: parseJsonColumn(roleList, row.roles),
        active: row.active === 1,
      }
    );
  }
}
