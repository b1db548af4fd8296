import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';

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
}
