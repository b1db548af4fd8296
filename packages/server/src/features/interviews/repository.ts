import {
  type FocusAttribute,
  focusAttribute,
  type InterviewEvent,
  type InterviewEventInput,
  type Lever,
  lever,
  readInterviewEvent,
  type Stage,
} from '@pairwise/domain';
import { type Kysely, sql } from 'kysely';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { parseJsonColumn, toJsonColumn } from '../../platform/db/json-column.ts';
import type { Database } from '../../platform/db/schema.ts';
import { InterviewAccessQueries } from './access-queries.ts';
import { type InterviewListFilter, InterviewListQueries, type InterviewScope } from './list-queries.ts';
import { InterviewPanelQueries, type PlanReferenceIds } from './panel-queries.ts';

export type InterviewRow = Database['interviews'];

/** Either the database or an open transaction: writes that belong together take the transaction. */
export type Executor = Kysely<Database>;

const idList = z.array(z.string());
const leverList = z.array(lever);

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

/**
 * The interviews table and what hangs off it: the writes and the interview page's reads here; the
 * list's, the access check's and the panels' reads in list-queries.ts, access-queries.ts and
 * panel-queries.ts, answered through this class so every caller keeps the one repository.
 */
export class InterviewsRepository {
  private readonly lists: InterviewListQueries;
  private readonly accessQueries: InterviewAccessQueries;
  private readonly panels: InterviewPanelQueries;

  constructor(private readonly db: Executor) {
    this.lists = new InterviewListQueries(db);
    this.accessQueries = new InterviewAccessQueries(db);
    this.panels = new InterviewPanelQueries(db);
  }

  findById(id: string, executor: Executor = this.db) {
    return executor.selectFrom('interviews').selectAll().where('id', '=', id).executeTakeFirst();
  }

  accessFacts(interviewId: string) {
    return this.accessQueries.accessFacts(interviewId);
  }

  authorFacts(interviewId: string, authorId: string) {
    return this.accessQueries.authorFacts(interviewId, authorId);
  }

  panel(interviewId: string, navigatorId: string, shadowIds: readonly string[]) {
    return this.accessQueries.panel(interviewId, navigatorId, shadowIds);
  }

  submittedBy(authorId: string, interviewIds: string[]) {
    return this.lists.submittedBy(authorId, interviewIds);
  }

  pageKeys(filter: InterviewListFilter, scope: InterviewScope) {
    return this.lists.pageKeys(filter, scope);
  }

  summaries(ids: string[]) {
    return this.lists.summaries(ids);
  }

  managedPositionIds(userId: string) {
    return this.lists.managedPositionIds(userId);
  }

  planReferences(request: PlanReferenceIds) {
    return this.panels.planReferences(request);
  }

  panelAccounts(ids: string[]) {
    return this.panels.panelAccounts(ids);
  }

  overlapCandidates(panel: string[], window: { after: string; before: string }, releasedStages: Stage[]) {
    return this.panels.overlapCandidates(panel, window, releasedStages);
  }

  shadowsOfInterviews(interviewIds: string[]) {
    return this.panels.shadowsOfInterviews(interviewIds);
  }

  userNames(ids: string[]) {
    return this.panels.userNames(ids);
  }

  seatsOf(userId: string, panelNeeded: Stage[]) {
    return this.panels.seatsOf(userId, panelNeeded);
  }

  withInactivePanel(panelNeeded: Stage[], limit: number) {
    return this.panels.withInactivePanel(panelNeeded, limit);
  }

  inactivePanelMembers(interviewIds: string[]) {
    return this.panels.inactivePanelMembers(interviewIds);
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

  async removeShadow(interviewId: string, userId: string, executor: Executor): Promise<void> {
    await executor
      .deleteFrom('interview_shadows')
      .where('interview_id', '=', interviewId)
      .where('user_id', '=', userId)
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
