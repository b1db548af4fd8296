import {
  type FocusAttribute,
  focusAttribute,
  type InterviewEvent,
  type InterviewEventInput,
  type Lever,
  lever,
  type PanelMember,
  prefixUpperBound,
  readInterviewEvent,
  type Stage,
  stages,
} from '@pairwise/domain';
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { parseJsonColumn, toJsonColumn } from '../../platform/db/json-column.ts';
import { after } from '../../platform/db/keyset.ts';
import { preparedQuery } from '../../platform/db/prepared-query.ts';
import type { Database } from '../../platform/db/schema.ts';
import { onPanelOf } from './panel-sql.ts';

export type InterviewRow = Database['interviews'];

/** What an interview's own panel member's writing (a note) needs of it: who navigates, its stage, whose data. */
export type MemberInterview = Pick<InterviewRow, 'id' | 'candidate_id' | 'navigator_id' | 'stage'>;
const memberInterviewColumns = [
  'interviews.id',
  'interviews.candidate_id',
  'interviews.navigator_id',
  'interviews.stage',
] as const;

/** Either the database or an open transaction: writes that belong together take the transaction. */
export type Executor = Kysely<Database>;
/** The interviews list's key query before its columns are chosen (the shadow scope joins its rows in). */
// biome-ignore lint/complexity/noBannedTypes: no columns selected yet.
type KeysQuery = SelectQueryBuilder<Database, 'interviews', {}>;

const finishedStages: readonly Stage[] = ['decided', 'cancelled', 'no_show'];
const isFinished = (stage: Stage) => finishedStages.includes(stage);

const idList = z.array(z.string());
const leverList = z.array(lever);
const roleList = z.array(z.string());

/** The planning items ticked by hand, as the interview row stores them. */
export const checklistOf = (row: Pick<InterviewRow, 'checklist'>): string[] =>
  parseJsonColumn(idList, row.checklist);
/** The levers the navigator may pull, as the interview row stores them. */
export const difficultyPlanOf = (row: Pick<InterviewRow, 'difficulty_plan'>): string[] =>
  parseJsonColumn(idList, row.difficulty_plan);
/** A task's easier/harder levers, as the tasks table stores them. */
export const leversOf = (text: string): Lever[] => parseJsonColumn(leverList, text);
/** A position's focus attributes, as the positions table stores them. */
export const focusAttributesOf = (text: string): FocusAttribute[] =>
  parseJsonColumn(z.array(focusAttribute), text);

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

  /**
   * `accessFacts` plus whether this person submitted their scorecard: all a note save's window
   * needs of the panel (their own path), in the same single query, compiled once. The full panel
   * (`panel`) is another query with a list in it, which a save at the live session's pace need not pay.
   * Only the columns a member's own writing needs: the whole row (its checklist and plan are JSON
   * texts) was copied into JavaScript and taken apart on every save, for four of its values.
   */
  private readonly authorRows = preparedQuery(['interviewId', 'authorId'] as const, (slot) =>
    this.db
      .selectFrom('interviews')
      .leftJoin('positions', 'positions.id', 'interviews.position_id')
      .leftJoin('interview_shadows', 'interview_shadows.interview_id', 'interviews.id')
      .leftJoin('scorecards', (join) =>
        join
          .onRef('scorecards.interview_id', '=', 'interviews.id')
          .on('scorecards.author_id', '=', slot.authorId)
          .on('scorecards.submitted_at', 'is not', null),
      )
      .select([
        ...memberInterviewColumns,
        'positions.line_manager_id as access_line_manager_id',
        'interview_shadows.user_id as access_shadow_id',
        'scorecards.author_id as access_submitted_by',
      ])
      .where('interviews.id', '=', slot.interviewId)
      .orderBy('interview_shadows.user_id'),
  );

  async authorFacts(
    interviewId: string,
    authorId: string,
  ): Promise<
    | {
        interview: MemberInterview;
        shadowIds: string[];
        lineManagerId: string | null;
        submitted: boolean;
      }
    | undefined
  > {
    const { rows } = await this.authorRows(this.db, { interviewId, authorId });
    const first = rows[0];
    if (!first) return undefined;
    return {
      interview: {
        id: first.id,
        candidate_id: first.candidate_id,
        navigator_id: first.navigator_id,
        stage: first.stage,
      },
      shadowIds: rows.flatMap((row) => (row.access_shadow_id ? [row.access_shadow_id] : [])),
      lineManagerId: first.access_line_manager_id,
      submitted: first.access_submitted_by !== null,
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
      const event = readInterviewEvent(row.type, parseJsonColumn(z.unknown(), row.payload));
      return event ? [{ id: row.id, seq: row.seq, at: row.at, actorName: row.actor_name, ...event }] : [];
    });
  }

  async shadowIds(interviewId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('interview_shadows')
      .select('user_id')
      .where('interview_id', '=', interviewId)
      .execute();
    return rows.map((row) => row.user_id);
  }

  /** The lengths a plan copies from its task; undefined when there is no such task. */
  taskLengths(taskId: string) {
    return this.db
      .selectFrom('tasks')
      .select(['pairing_minutes', 'setup_budget_sec'])
      .where('id', '=', taskId)
      .executeTakeFirst();
  }

  async taskLevers(taskId: string): Promise<Lever[]> {
    const task = await this.db
      .selectFrom('tasks')
      .select('levers')
      .where('id', '=', taskId)
      .executeTakeFirstOrThrow();
    return leversOf(task.levers);
  }

  /** Whether the task asks the panel to mark red / green / refactor while pairing. */
  async taskTddRhythm(taskId: string): Promise<boolean> {
    const task = await this.db
      .selectFrom('tasks')
      .select('tdd_rhythm')
      .where('id', '=', taskId)
      .executeTakeFirstOrThrow();
    return task.tdd_rhythm === 1;
  }

  /** The candidate's "hear back by" date, once the retrospective recorded one. */
  async retrospectiveDeadline(interviewId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('retrospectives')
      .select('deadline')
      .where('interview_id', '=', interviewId)
      .executeTakeFirst();
    return row?.deadline ?? null;
  }

  /** What a plan refers to, each undefined when it does not exist; the navigator's roles read. */
  async planReferences(request: {
    candidateId: string;
    positionId: string;
    taskId: string;
    navigatorId: string;
  }) {
    const [candidate, position, task, navigator] = await Promise.all([
      this.db
        .selectFrom('candidates')
        .select(['id', 'name', 'email'])
        .where('id', '=', request.candidateId)
        .executeTakeFirst(),
      this.db.selectFrom('positions').select('id').where('id', '=', request.positionId).executeTakeFirst(),
      this.db.selectFrom('tasks').selectAll().where('id', '=', request.taskId).executeTakeFirst(),
      this.db
        .selectFrom('users')
        .select(['roles', 'active'])
        .where('id', '=', request.navigatorId)
        .executeTakeFirst(),
    ]);
    return {
      candidate,
      position,
      task,
      navigator: navigator && { roles: parseJsonColumn(roleList, navigator.roles), active: navigator.active },
    };
  }

  /** The accounts of would-be panel members: their roles and whether they are active. */
  async panelAccounts(ids: string[]): Promise<Array<{ id: string; roles: string[]; active: number }>> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'roles', 'active'])
      .where('id', 'in', ids)
      .execute();
    return rows.map((row) => ({ ...row, roles: parseJsonColumn(roleList, row.roles) }));
  }

  /**
   * Interviews still holding time that start within the window and have any of `panel` on them:
   * the candidates an overlap check compares against.
   */
  overlapCandidates(panel: string[], window: { after: string; before: string }, releasedStages: Stage[]) {
    return this.db
      .selectFrom('interviews')
      .innerJoin('candidates', 'candidates.id', 'interviews.candidate_id')
      .select([
        'interviews.id',
        'interviews.starts_at',
        'interviews.pairing_minutes',
        'interviews.setup_budget_sec',
        'interviews.day_durations',
        'interviews.navigator_id',
        'candidates.name as candidate_name',
      ])
      .where('interviews.stage', 'not in', releasedStages)
      .where('interviews.starts_at', '>', window.after)
      .where('interviews.starts_at', '<', window.before)
      .where((eb) => onPanelOf(eb, panel))
      .execute();
  }

  shadowsOfInterviews(interviewIds: string[]) {
    return this.db
      .selectFrom('interview_shadows')
      .select(['interview_id', 'user_id'])
      .where('interview_id', 'in', interviewIds)
      .execute();
  }

  userNames(ids: string[]) {
    return this.db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  }

  /** The interviews still needing their panel on which the user has a seat. */
  seatsOf(userId: string, panelNeeded: Stage[]) {
    return this.db
      .selectFrom('interviews')
      .select(['interviews.id', 'interviews.stage', 'interviews.navigator_id'])
      .where('interviews.stage', 'in', panelNeeded)
      .where((eb) => onPanelOf(eb, [userId]))
      .execute();
  }

  async removeShadow(interviewId: string, userId: string, executor: Executor): Promise<void> {
    await executor
      .deleteFrom('interview_shadows')
      .where('interview_id', '=', interviewId)
      .where('user_id', '=', userId)
      .execute();
  }

  /** Interviews still needing their panel with a deactivated account on it, soonest first. */
  withInactivePanel(panelNeeded: Stage[], limit: number) {
    return this.db
      .selectFrom('interviews')
      .innerJoin('candidates', 'candidates.id', 'interviews.candidate_id')
      .innerJoin('positions', 'positions.id', 'interviews.position_id')
      .select([
        'interviews.id',
        'interviews.stage',
        'interviews.starts_at',
        'candidates.name as candidate_name',
        'positions.title as position_title',
      ])
      .where('interviews.stage', 'in', panelNeeded)
      .where((eb) =>
        eb.or([
          eb('interviews.navigator_id', 'in', eb.selectFrom('users').select('id').where('active', '=', 0)),
          eb(
            'interviews.id',
            'in',
            eb
              .selectFrom('interview_shadows')
              .innerJoin('users', 'users.id', 'interview_shadows.user_id')
              .select('interview_shadows.interview_id')
              .where('users.active', '=', 0),
          ),
        ]),
      )
      .orderBy('interviews.starts_at')
      .limit(limit)
      .execute();
  }

  /** The deactivated navigators and shadows (by name) of these interviews. */
  async inactivePanelMembers(interviewIds: string[]) {
    const [navigators, shadows] = await Promise.all([
      this.db
        .selectFrom('interviews')
        .innerJoin('users', 'users.id', 'interviews.navigator_id')
        .select(['interviews.id as interview_id', 'users.id', 'users.name'])
        .where('interviews.id', 'in', interviewIds)
        .where('users.active', '=', 0)
        .execute(),
      this.db
        .selectFrom('interview_shadows')
        .innerJoin('users', 'users.id', 'interview_shadows.user_id')
        .select(['interview_shadows.interview_id', 'users.id', 'users.name'])
        .where('interview_shadows.interview_id', 'in', interviewIds)
        .where('users.active', '=', 0)
        .orderBy('users.name')
        .execute(),
    ]);
    return { navigators, shadows };
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

/** The append-only interview log's table: its transactions, positions and rows. */
export class InterviewEventsRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {}

  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  /**
   * The next position in an interview's log. SQLite serialises writers already; on PostgreSQL
   * the interview row is locked first so two transactions never compute the same position.
   */
  async nextSeq(trx: Executor, interviewId: string): Promise<number> {
    if (this.dialect === 'postgres') {
      await sql`SELECT id FROM interviews WHERE id = ${interviewId} FOR UPDATE`.execute(trx);
    }
    const row = await trx
      .selectFrom('interview_events')
      .select((eb) => eb.fn.max('seq').as('last'))
      .where('interview_id', '=', interviewId)
      .executeTakeFirst();
    return Number(row?.last ?? 0) + 1;
  }

  async append(
    trx: Executor,
    event: {
      id: string;
      interviewId: string;
      seq: number;
      type: InterviewEventInput['type'];
      at: string;
      actorId: string | null;
      payload: unknown;
    },
  ): Promise<void> {
    await trx
      .insertInto('interview_events')
      .values({
        id: event.id,
        interview_id: event.interviewId,
        seq: event.seq,
        type: event.type,
        at: event.at,
        actor_id: event.actorId,
        payload: toJsonColumn(event.payload),
      })
      .execute();
  }
}
