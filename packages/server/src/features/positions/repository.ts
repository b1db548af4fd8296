import { focusAttribute, type Position } from '@pairwise/domain';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { parseJsonColumn, toJsonColumn } from '../../platform/db/json-column.ts';

const focusAttributeList = z.array(focusAttribute);
const roleList = z.array(z.string());

export interface PositionValues {
  title: string;
  level: string;
  lineManagerId: string;
  focusAttributes: Position['focusAttributes'];
}

/** The only SQL of the positions feature. */
export class PositionsRepository {
  constructor(private readonly db: Db) {}

  private query() {
    return this.db
      .selectFrom('positions')
      .innerJoin('users', 'users.id', 'positions.line_manager_id')
      .select([
        'positions.id',
        'positions.title',
        'positions.level',
        'positions.line_manager_id as lineManagerId',
        'users.name as lineManagerName',
        'positions.focus_attributes',
      ]);
  }

  async list(): Promise<Position[]> {
    return (await this.query().orderBy('positions.title').execute()).map(toPosition);
  }

  async find(id: string): Promise<Position | undefined> {
    const row = await this.query().where('positions.id', '=', id).executeTakeFirst();
    return row && toPosition(row);
  }

  async insert(id: string, values: PositionValues, createdAt: string): Promise<void> {
    await this.db
      .insertInto('positions')
      .values({
        id,
        title: values.title,
        level: values.level,
        line_manager_id: values.lineManagerId,
        created_at: createdAt,
        focus_attributes: toJsonColumn(values.focusAttributes),
      })
      .execute();
  }

  async update(id: string, values: PositionValues): Promise<void> {
    await this.db
      .updateTable('positions')
      .set({
        title: values.title,
        level: values.level,
        line_manager_id: values.lineManagerId,
        focus_attributes: toJsonColumn(values.focusAttributes),
      })
      .where('id', '=', id)
      .execute();
  }

  /** A user's roles, or undefined for no such user. */
  async rolesOf(userId: string): Promise<string[] | undefined> {
    const row = await this.db.selectFrom('users').select('roles').where('id', '=', userId).executeTakeFirst();
    return row && parseJsonColumn(roleList, row.roles);
  }
}

function toPosition({
  focus_attributes,
  ...row
}: Omit<Position, 'focusAttributes'> & { focus_attributes: string }): Position {
  return { ...row, focusAttributes: parseJsonColumn(focusAttributeList, focus_attributes) };
}
