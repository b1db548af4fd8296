import { prefixUpperBound, type Stage, stages } from '@pairwise/domain';
import { type SelectQueryBuilder, sql } from 'kysely';
import { after } from '../../platform/db/keyset.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Executor } from './repository.ts';

/** The interviews list's key query before its columns are chosen (the shadow scope joins its rows in). */
// biome-ignore lint/complexity/noBannedTypes: no columns selected yet.
type KeysQuery = SelectQueryBuilder<Database, 'interviews', {}>;

const finishedStages: readonly Stage[] = ['decided', 'cancelled', 'no_show'];
const isFinished = (stage: Stage) => finishedStages.includes(stage);

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

/**
 * The interviews list's queries: one page of keys per scope, read in list order from that scope's
 * own index, and what a page shows of the interviews it names.
 */
export class InterviewListQueries {
  constructor(private readonly db: Executor) {}

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
    const wanted = filter.stages;
    if (wanted && wanted.length > 1 && scope.kind !== 'shadow' && !wanted.some(isFinished)) {
      // Coming and running interviews are the newest few of years of history. Read in start order
      // through the scope's index with the stages as a filter, PostgreSQL walks from the oldest
      // interview (it expects the stages spread evenly over time: 44 ms for the admin's upcoming
      // page at 100,000 interviews); as IN through the stage index, it sorts every match. Each
      // stage's own page, read in order from an index that leads with (scope, stage), merged, is
      // one short index range per stage.
      const branches = wanted.map((stage, index) =>
        this.db
          .selectFrom(
            this.keysQuery({ ...filter, stages: [stage] }, scope, (query, column) =>
              query.where(sql.ref<string>(column), '=', stage),
            ).as(`stage_${index}`),
          )
          .select(['id', 'starts_at']),
      );
      let union = branches[0]!;
      for (const branch of branches.slice(1)) union = union.unionAll(branch);
      return union
        .orderBy('starts_at', filter.order)
        .orderBy('id', filter.order)
        .limit(filter.limit + 1)
        .execute();
    }
    return this.keysQuery(filter, scope, (query, column) => {
      if (!wanted) return query;
      const others = stages.filter((stage) => !wanted.includes(stage));
      // Finished interviews are most of the history: asked for, they are read in list order with
      // the few others skipped (NOT IN uses no index), instead of gathered through the stage index
      // and sorted whole. Running and coming ones are few, and the stage index finds them.
      if (wanted.some(isFinished)) {
        return others.length > 0 ? query.where(sql.ref<string>(column), 'not in', others) : query;
      }
      return query.where(sql.ref<string>(column), 'in', wanted);
    }).execute();
  }

  /** The ordered, bounded key query of one scope and filter, its stage condition added by `byStage`. */
  private keysQuery(
    filter: InterviewListFilter,
    scope: InterviewScope,
    byStage: (query: KeysQuery, stageColumn: string) => KeysQuery,
  ) {
    let query =
      scope.kind === 'shadow'
        ? (this.db
            .selectFrom('interview_shadows')
            .innerJoin('interviews', 'interviews.id', 'interview_shadows.interview_id')
            .where('interview_shadows.user_id', '=', scope.userId) as unknown as KeysQuery)
        : this.db.selectFrom('interviews');
    if (scope.kind === 'navigator') query = query.where('interviews.navigator_id', '=', scope.userId);
    if (scope.kind === 'position') query = query.where('interviews.position_id', '=', scope.positionId);
    // The shadow scope pages in its own rows' order with their own stage (their copies, migration
    // 030): the index (user, start, id, stage) then hands a page over without joining and sorting
    // all of them. sql.ref: the query's declared type is the one without the join.
    const [startsAt, id, stageColumn] =
      scope.kind === 'shadow'
        ? ([
            'interview_shadows.starts_at',
            'interview_shadows.interview_id',
            'interview_shadows.stage',
          ] as const)
        : (['interviews.starts_at', 'interviews.id', 'interviews.stage'] as const);
    query = byStage(query, stageColumn);
    if (filter.positionId) query = query.where('interviews.position_id', '=', filter.positionId);
    if (filter.navigatorId) query = query.where('interviews.navigator_id', '=', filter.navigatorId);
    if (filter.from) query = query.where(sql.ref<string>(startsAt), '>=', filter.from);
    if (filter.to) query = query.where(sql.ref<string>(startsAt), '<=', filter.to);
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
    if (cursor) query = query.where((eb) => after(eb, [startsAt, id], cursor, filter.order));
    return query
      .select(['interviews.id', 'interviews.starts_at'])
      .orderBy(sql.ref(startsAt), filter.order)
      .orderBy(sql.ref(id), filter.order)
      .limit(filter.limit + 1);
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
}
