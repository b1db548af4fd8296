import type { Db } from '../../platform/db/database.ts';

/** The private calendar feeds' tokens and what a feed is made of: all SQL of the feature. */
export class CalendarFeedRepository {
  constructor(private readonly db: Db) {}

  async tokenCreatedAt(userId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('calendar_feed_tokens')
      .select('created_at')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.created_at ?? null;
  }

  /** One token per user: a new one replaces the previous at once. */
  async replaceToken(userId: string, tokenHash: string, createdAt: string): Promise<void> {
    const values = { token_hash: tokenHash, created_at: createdAt };
    await this.db
      .insertInto('calendar_feed_tokens')
      .values({ user_id: userId, ...values })
      .onConflict((conflict) => conflict.column('user_id').doUpdateSet(values))
      .execute();
  }

  async deleteToken(userId: string): Promise<void> {
    await this.db.deleteFrom('calendar_feed_tokens').where('user_id', '=', userId).execute();
  }

  /** The token's user, and its feed's revision, which the database raises whenever the feed's rows change. */
  ownerOfToken(tokenHash: string) {
    return this.db
      .selectFrom('calendar_feed_tokens')
      .innerJoin('users', 'users.id', 'calendar_feed_tokens.user_id')
      .select(['users.id', 'users.active', 'calendar_feed_tokens.revision'])
      .where('calendar_feed_tokens.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  /**
   * The user's interviews starting in the window: those they navigate, shadow, and those of
   * positions they manage, each read through its own index, rather than one OR that would read
   * every interview.
   */
  async interviewsInWindow(userId: string, since: string, until: string) {
    const [navigated, shadowed, managed] = await Promise.all([
      this.db
        .selectFrom('interviews')
        .select('id')
        .where('navigator_id', '=', userId)
        .where('starts_at', '>=', since)
        .where('starts_at', '<=', until)
        .execute(),
      this.db
        .selectFrom('interview_shadows')
        .innerJoin('interviews', 'interviews.id', 'interview_shadows.interview_id')
        .select(['interviews.id'])
        .where('interview_shadows.user_id', '=', userId)
        .where('interviews.starts_at', '>=', since)
        .where('interviews.starts_at', '<=', until)
        .execute(),
      this.db
        .selectFrom('positions')
        .innerJoin('interviews', 'interviews.position_id', 'positions.id')
        .select('interviews.id')
        .where('positions.line_manager_id', '=', userId)
        .where('interviews.starts_at', '>=', since)
        .where('interviews.starts_at', '<=', until)
        .execute(),
    ]);
    return {
      ids: [...new Set([...navigated, ...shadowed, ...managed].map((row) => row.id))],
      shadowOf: new Set(shadowed.map((row) => row.id)),
    };
  }

  /** The interviews among `ids` that still take place, in start order, with what their blocks show. */
  feedRows(ids: string[]) {
    return this.db
      .selectFrom('interviews')
      .innerJoin('positions', 'positions.id', 'interviews.position_id')
      .innerJoin('tasks', 'tasks.id', 'interviews.task_id')
      .innerJoin('users as manager', 'manager.id', 'positions.line_manager_id')
      .select([
        'interviews.id',
        'interviews.navigator_id',
        'interviews.starts_at',
        'interviews.time_zone',
        'interviews.place',
        'interviews.pairing_minutes',
        'interviews.setup_budget_sec',
        'interviews.day_durations',
        'interviews.calendar_sequence',
        'positions.title as position_title',
        'positions.line_manager_id',
        'tasks.title as task_title',
        'manager.name as line_manager_name',
      ])
      .where('interviews.id', 'in', ids)
      .where('interviews.stage', 'not in', ['cancelled', 'no_show'])
      .orderBy('interviews.starts_at')
      .orderBy('interviews.id')
      .execute();
  }

  /** The SEQUENCE each block was last mailed to this attendee with, so the feed repeats it. */
  sentSequences(userId: string, interviewIds: string[]) {
    return this.db
      .selectFrom('calendar_events')
      .select(['uid', 'sequence'])
      .where('attendee', '=', userId)
      .where('interview_id', 'in', interviewIds)
      .orderBy('uid')
      .execute();
  }
}
