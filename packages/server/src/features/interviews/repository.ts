import type { PanelMember } from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { Database } from '../../platform/db/schema.ts';

export type InterviewRow = Database['interviews'];
/** Either the database or an open transaction: writes that belong together take the transaction. */
export type Executor = Kysely<Database>;

export class InterviewsRepository {
  constructor(private readonly db: Executor) {}

  findById(id: string, executor: Executor = this.db) {
    return executor.selectFrom('interviews').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async shadowIds(interviewId: string, executor: Executor = this.db): Promise<string[]> {
    const rows = await executor
      .selectFrom('interview_shadows')
      .select('user_id')
      .where('interview_id', '=', interviewId)
      .execute();
    return rows.map((row) => row.user_id);
  }

  /** The panel in order (navigator first) with whether each member's scorecard is submitted. */
  async panel(
    interviewId: string,
    navigatorId: string,
    shadowIds: readonly string[],
  ): Promise<PanelMember[]> {
    const ids = [navigatorId, ...shadowIds];
    const [users, submitted] = await Promise.all([
      this.db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute(),
      this.db
        .selectFrom('scorecards')
        .select('author_id')
        .where('interview_id', '=', interviewId)
        .where('submitted_at', 'is not', null)
        .execute(),
    ]);
    const names = new Map(users.map((user) => [user.id, user.name]));
    const done = new Set(submitted.map((row) => row.author_id));
    return ids.map((id, index) => ({
      id,
      name: names.get(id) ?? '',
      role: index === 0 ? 'navigator' : 'shadow',
      submitted: done.has(id),
    }));
  }

  /** "interviewId:authorId" of every submitted scorecard: the panel states on the home page. */
  async submittedScorecards(): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('scorecards')
      .select(['interview_id', 'author_id'])
      .where('submitted_at', 'is not', null)
      .execute();
    return new Set(rows.map((row) => `${row.interview_id}:${row.author_id}`));
  }

  async lineManagerId(positionId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('positions')
      .select('line_manager_id')
      .where('id', '=', positionId)
      .executeTakeFirst();
    return row?.line_manager_id ?? null;
  }

  /** Summaries of every interview; the service filters them by what the actor may see. */
  listSummaries() {
    return this.db
      .selectFrom('interviews')
      .innerJoin('candidates', 'candidates.id', 'interviews.candidate_id')
      .innerJoin('positions', 'positions.id', 'interviews.position_id')
      .innerJoin('tasks', 'tasks.id', 'interviews.task_id')
      .innerJoin('users', 'users.id', 'interviews.navigator_id')
      .select([
        'interviews.id',
        'interviews.stage',
        'interviews.starts_at',
        'interviews.time_zone',
        'interviews.navigator_id',
        'positions.line_manager_id',
        'candidates.name as candidate_name',
        'positions.title as position_title',
        'tasks.title as task_title',
        'users.name as navigator_name',
      ])
      .orderBy('interviews.starts_at')
      .execute();
  }

  async allShadows(): Promise<Map<string, string[]>> {
    const rows = await this.db.selectFrom('interview_shadows').selectAll().execute();
    const byInterview = new Map<string, string[]>();
    for (const row of rows)
      byInterview.set(row.interview_id, [...(byInterview.get(row.interview_id) ?? []), row.user_id]);
    return byInterview;
  }

  async insert(row: InterviewRow, shadowIds: string[], executor: Executor): Promise<void> {
    await executor.insertInto('interviews').values(row).execute();
    for (const userId of shadowIds) {
      await executor
        .insertInto('interview_shadows')
        .values({ interview_id: row.id, user_id: userId })
        .execute();
    }
  }

  /**
   * Updates only if the interview is still in `expectedStage`, so two people pressing buttons
   * at once cannot both move it; returns whether this caller won.
   */
  async updateIfStage(
    id: string,
    expectedStage: string,
    changes: Partial<InterviewRow>,
    executor: Executor,
  ): Promise<boolean> {
    const result = await executor
      .updateTable('interviews')
      .set({ ...changes, updated_at: DateTime.utc().toISO() })
      .where('id', '=', id)
      .where('stage', '=', expectedStage)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  events(interviewId: string) {
    return this.db
      .selectFrom('interview_events')
      .leftJoin('users', 'users.id', 'interview_events.actor_id')
      .select([
        'interview_events.id',
        'interview_events.seq',
        'interview_events.type',
        'interview_events.at',
        'interview_events.payload',
        'users.name as actor_name',
      ])
      .where('interview_events.interview_id', '=', interviewId)
      .orderBy('interview_events.seq')
      .execute();
  }

  detailParts(row: InterviewRow) {
    return Promise.all([
      this.db
        .selectFrom('candidates')
        .selectAll()
        .where('id', '=', row.candidate_id)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('positions')
        .innerJoin('users', 'users.id', 'positions.line_manager_id')
        .select([
          'positions.id',
          'positions.title',
          'positions.focus_attributes',
          'users.name as line_manager_name',
        ])
        .where('positions.id', '=', row.position_id)
        .executeTakeFirstOrThrow(),
      this.db.selectFrom('tasks').selectAll().where('id', '=', row.task_id).executeTakeFirstOrThrow(),
      this.db
        .selectFrom('users')
        .select(['id', 'name'])
        .where('id', '=', row.navigator_id)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('interview_shadows')
        .innerJoin('users', 'users.id', 'interview_shadows.user_id')
        .select(['users.id', 'users.name'])
        .where('interview_shadows.interview_id', '=', row.id)
        .execute(),
      this.db
        .selectFrom('retrospectives')
        .select('deadline')
        .where('interview_id', '=', row.id)
        .executeTakeFirst(),
    ]);
  }
}
