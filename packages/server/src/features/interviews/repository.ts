import {
  type InterviewEvent,
  type PanelMember,
  prefixUpperBound,
  readInterviewEvent,
  type Stage,
  stages,
} from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { after } from '../../platform/db/keyset.ts';
import { preparedQuery } from '../../platform/db/prepared-query.ts';
import type { Database } from '../../platform/db/schema.ts';

export type InterviewRow = Database['interviews'];
/** Either the database or an open transaction: writes that belong together take the transaction. */
export type Executor = Kysely<Database>;

const finishedStages: readonly Stage[] = ['decided', 'cancelled', 'no_show'];

export interface InterviewListFilter {
  stages?: Stage[] | undefined;
  positionId?: string | undefined;
  navigatorId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Search words, each the start of a term of the candidate (see candidate-search in the domain). */
  words: string[];
  order: 'asc' | 'desc';
  cursor?: string[] | undefined;
  limit: number;
}

export type InterviewScope =
  | { kind: 'all' }
  | { kind: 'navigator'; userId: string }
  | { kind: 'shadow'; userId: string }
  | { kind: 'position'; positionId: string };

export class InterviewsRepository {
  constructor(private readonly db: Executor) {}

  findById(id: string, executor: Executor = this.db) {
    return executor.selectFrom('interviews').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * What an access check needs, in one query: the interview, its shadows and its position's line
   * manager. Every request on an interview (each note saved, too) starts here, so it is one
   * round trip rather than three.
   */
  // Every interview request's access check, the live note save's included: compiled once.
  private readonly accessRows = preparedQuery(['interviewId'] as const, (slot) =>
    this.db
      .selectFrom('interviews')
      .leftJoin('positions', 'positions.id', 'interviews.position_id')
      .leftJoin('interview_shadows', 'interview_shadows.interview_id', 'interviews.id')
      .selectAll('interviews')
      .select([
        'positions.line_manager_id as access_line_manager_id',
        'interview_shadows.user_id as access_shadow_id',
      ])
      .where('interviews.id', '=', slot.interviewId)
      .orderBy('interview_shadows.user_id'),
  );

  async accessFacts(
    interviewId: string,
  ): Promise<{ interview: InterviewRow; shadowIds: string[]; lineManagerId: string | null } | undefined> {
    const { rows } = await this.accessRows(this.db, { interviewId });
    const first = rows[0];
    if (!first) return undefined;
    const { access_line_manager_id: lineManagerId, access_shadow_id: _shadow, ...interview } = first;
    return {
      interview,
      shadowIds: rows.flatMap((row) => (row.access_shadow_id ? [row.access_shadow_id] : [])),
      lineManagerId,
    };
  }

  /** The panel in order (navigator first) with whether each member's scorecard is submitted. */
  async panel(
    interviewId: string,
    navigatorId: string,
    shadowIds: readonly string[],
  ): Promise<PanelMember[]> {
    const ids = [navigatorId, ...shadowIds];
    // One query: names and submissions together (a panel is a few people).
    const rows = await this.db
      .selectFrom('users')
      .leftJoin('scorecards', (join) =>
        join
          .onRef('scorecards.author_id', '=', 'users.id')
          .on('scorecards.interview_id', '=', interviewId)
          .on('scorecards.submitted_at', 'is not', null),
      )
      .select(['users.id', 'users.name', 'scorecards.author_id as submitted_by'])
      .where('users.id', 'in', ids)
      .execute();
    const names = new Map(rows.map((row) => [row.id, row.name]));
    const done = new Set(rows.flatMap((row) => (row.submitted_by ? [row.submitted_by] : [])));
    return ids.map((id, index) => ({
      id,
      name: names.get(id) ?? '',
      role: index === 0 ? 'navigator' : 'shadow',
      submitted: done.has(id),
    }));
  }

  /** Which of these interviews the author has submitted a scorecard on: their panel state on one page of a list. */
  async submittedBy(authorId: string, interviewIds: string[]): Promise<Set<string>> {
    if (interviewIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('scorecards')
      .select('interview_id')
      .where('author_id', '=', authorId)
      .where('interview_id', 'in', interviewIds)
      .where('submitted_at', 'is not', null)
      .execute();
    return new Set(rows.map((row) => row.interview_id));
  }

  /**
   * One page of interview keys (start time, id) in `scope`: every interview, those a user
   * navigates or shadows, or those of one position. Each scope reads its own index in list
   * order, so a page costs about `limit` rows whoever asks.
   */
  pageKeys(
    filter: InterviewListFilter,
    scope: InterviewScope,
  ): Promise<Array<{ id: string; starts_at: string }>> {
    let query =
      scope.kind === 'shadow'
        ? this.db
            .selectFrom('interview_shadows')
            .innerJoin('interviews', 'interviews.id', 'interview_shadows.interview_id')
            .where('interview_shadows.user_id', '=', scope.userId)
        : this.db.selectFrom('interviews');
    if (scope.kind === 'navigator') query = query.where('interviews.navigator_id', '=', scope.userId);
    if (scope.kind === 'position') query = query.where('interviews.position_id', '=', scope.positionId);
    if (filter.stages) {
      const wanted = filter.stages;
      const others = stages.filter((stage) => !wanted.includes(stage));
      // Finished interviews are most of the history: asked for, they are read in list order with
      // the few others skipped (NOT IN uses no index), instead of gathered through the stage index
      // and sorted whole. Running and coming ones are few, and the stage index finds them.
      if (wanted.some((stage) => finishedStages.includes(stage))) {
        if (others.length > 0) query = query.where('interviews.stage', 'not in', others);
      } else query = query.where('interviews.stage', 'in', wanted);
    }
    if (filter.positionId) query = query.where('interviews.position_id', '=', filter.positionId);
    if (filter.navigatorId) query = query.where('interviews.navigator_id', '=', filter.navigatorId);
    if (filter.from) query = query.where('interviews.starts_at', '>=', filter.from);
    if (filter.to) query = query.where('interviews.starts_at', '<=', filter.to);
    for (const word of filter.words) {
      query = query.where('interviews.candidate_id', 'in', (eb) =>
        eb
          .selectFrom('candidate_terms')
          .select('candidate_terms.candidate_id')
          .where('candidate_terms.term', '>=', word)
          .where('candidate_terms.term', '<', prefixUpperBound(word)),
      );
    }
    const cursor = filter.cursor;
    if (cursor)
      query = query.where((eb) => after(eb, ['interviews.starts_at', 'interviews.id'], cursor, filter.order));
    return query
      .select(['interviews.id', 'interviews.starts_at'])
      .orderBy('interviews.starts_at', filter.order)
      .orderBy('interviews.id', filter.order)
      .limit(filter.limit + 1)
      .execute();
  }

  /** What a list shows of the given interviews, with their shadows (for the reader's roles). */
  async summaries(ids: string[]) {
    if (ids.length === 0) return { rows: [], shadows: new Map<string, string[]>() };
    const [rows, shadowRows] = await Promise.all([
      this.db
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
        .where('interviews.id', 'in', ids)
        .execute(),
      this.db.selectFrom('interview_shadows').selectAll().where('interview_id', 'in', ids).execute(),
    ]);
    const shadows = new Map<string, string[]>();
    for (const row of shadowRows)
      shadows.set(row.interview_id, [...(shadows.get(row.interview_id) ?? []), row.user_id]);
    return { rows, shadows };
  }

  async managedPositionIds(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('positions')
      .select('id')
      .where('line_manager_id', '=', userId)
      .execute();
    return rows.map((row) => row.id);
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
    expectedStage: Stage,
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

  /** The interview's log (after `since`, when given), oldest first, each payload read through its type's schema. */
  async events(interviewId: string, since = 0): Promise<InterviewEvent[]> {
    const rows = await this.db
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
      .where('interview_events.seq', '>', since)
      .orderBy('interview_events.seq')
      .execute();
    // Every stored type was written by this code base; one it does not know (written by a newer
    // version during a rolling upgrade) is left out rather than shown as something it is not.
    return rows.flatMap((row) => {
      const event = readInterviewEvent(row.type, JSON.parse(row.payload));
      return event ? [{ id: row.id, seq: row.seq, at: row.at, actorName: row.actor_name, ...event }] : [];
    });
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
      this.db
        .selectFrom('accommodation_requests')
        .select(['text', 'created_at'])
        .where('interview_id', '=', row.id)
        .orderBy('created_at')
        .execute(),
    ]);
  }
}
