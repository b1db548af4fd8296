import type { Stage } from '@pairwise/domain';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { onPanelOf } from '../interviews/panel-sql.ts';

export type CalendarConnectionRow = Database['calendar_connections'];
export type CalendarWriteRow = Database['calendar_writes'];

export class CalendarConnectionsRepository {
  constructor(private readonly db: Db) {}

  find(userId: string): Promise<CalendarConnectionRow | undefined> {
    return this.db
      .selectFrom('calendar_connections')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }

  findMany(userIds: readonly string[]): Promise<CalendarConnectionRow[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('calendar_connections').selectAll().where('user_id', 'in', userIds).execute();
  }

  /** One connection per person: connecting again replaces the old one. */
  async save(row: CalendarConnectionRow): Promise<void> {
    await this.db
      .insertInto('calendar_connections')
      .values(row)
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({
          provider: row.provider,
          server_url: row.server_url,
          username: row.username,
          calendar_url: row.calendar_url,
          calendar_name: row.calendar_name,
          secret_ciphertext: row.secret_ciphertext,
          created_at: row.created_at,
          checked_at: row.checked_at,
        }),
      )
      .execute();
  }

  async remove(userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('calendar_connections')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  writesFor(interviewId: string): Promise<CalendarWriteRow[]> {
    return this.db
      .selectFrom('calendar_writes')
      .selectAll()
      .where('interview_id', '=', interviewId)
      .execute();
  }

  /** UIDs Pairwise wrote into these people's calendars: already counted as Pairwise bookings. */
  async writtenUids(userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('calendar_writes')
      .select('uid')
      .where('user_id', 'in', userIds)
      .where('state', '=', 'written')
      .execute();
    return new Set(rows.map((row) => row.uid));
  }

  async recordWrite(row: CalendarWriteRow): Promise<void> {
    await this.db
      .insertInto('calendar_writes')
      .values(row)
      .onConflict((oc) =>
        oc.column('uid').doUpdateSet({
          starts_at: row.starts_at,
          ends_at: row.ends_at,
          state: row.state,
          error: row.error,
          conflict: row.conflict,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }

  // What the free-busy planner reads besides calendars: the task's lengths, the people, and the
  // time Pairwise itself has booked for them.

  taskMinutes(taskId: string) {
    return this.db
      .selectFrom('tasks')
      .select(['pairing_minutes', 'setup_budget_sec'])
      .where('id', '=', taskId)
      .executeTakeFirst();
  }

  async lineManagerOf(positionId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('positions')
      .select('line_manager_id')
      .where('id', '=', positionId)
      .executeTakeFirst();
    return row?.line_manager_id;
  }

  namesOf(userIds: readonly string[]) {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute();
  }

  /**
   * Interviews that still hold someone's time, starting in the range, where one of these people
   * navigates, shadows or manages the position.
   */
  bookingsOf(
    userIds: readonly string[],
    range: { from: string; to: string },
    releasedStages: readonly Stage[],
    exceptInterviewId: string | undefined,
  ) {
    let query = this.db
      .selectFrom('interviews')
      .innerJoin('positions', 'positions.id', 'interviews.position_id')
      .select([
        'interviews.id',
        'interviews.starts_at',
        'interviews.pairing_minutes',
        'interviews.setup_budget_sec',
        'interviews.navigator_id',
        'positions.line_manager_id',
      ])
      .where('interviews.stage', 'not in', releasedStages)
      .where('interviews.starts_at', '>', range.from)
      .where('interviews.starts_at', '<', range.to)
      .where((eb) => eb.or([onPanelOf(eb, userIds), eb('positions.line_manager_id', 'in', userIds)]));
    if (exceptInterviewId) query = query.where('interviews.id', '!=', exceptInterviewId);
    return query.execute();
  }

  shadowsOf(interviewIds: readonly string[]) {
    if (interviewIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('interview_shadows')
      .select(['interview_id', 'user_id'])
      .where('interview_id', 'in', interviewIds)
      .execute();
  }
}
