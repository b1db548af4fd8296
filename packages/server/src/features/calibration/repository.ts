import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

type Executor = Kysely<Database>;

/** Whose interviews a reader's calibration is computed from (see CalibrationService.scopeOf). */
export type CalibrationScope =
  | { kind: 'all' }
  | { kind: 'positions'; lineManagerId: string }
  | { kind: 'own'; userId: string };

/** Interviews starting in [from, until): ISO instants, compared as text like every time column. */
export interface CalibrationPeriod {
  from: string;
  until: string;
}

/**
 * One period's calibration rows, a page of interviews at a time. The pages come from the
 * interviews that started in the period (the `interviews_starts` or `interviews_position_starts`
 * index), in start order; every other read takes one page's interview ids and reaches its rows
 * through their keys, so a company's history is never scanned and no single query holds the event
 * loop for long (SQLite's driver answers synchronously). Counts and word totals are summed in SQL,
 * and only the submitted scorecards' ratings come back row by row.
 */
export class CalibrationRepository {
  constructor(private readonly db: Executor) {}

  /** The ids of the scope's interviews in the period that reached pairing: planned or cancelled ones rate nobody. */
  private scopedIds(scope: CalibrationScope, period: CalibrationPeriod) {
    let query = this.db
      .selectFrom('interviews')
      .select('interviews.id')
      .where('interviews.starts_at', '>=', period.from)
      .where('interviews.starts_at', '<', period.until)
      .where('interviews.pairing_started_at', 'is not', null);
    if (scope.kind === 'positions') {
      query = query.where('interviews.position_id', 'in', (eb) =>
        eb
          .selectFrom('positions')
          .select('positions.id')
          .where('positions.line_manager_id', '=', scope.lineManagerId),
      );
    }
    if (scope.kind === 'own') {
      query = query.where((eb) =>
        eb.or([
          eb('interviews.navigator_id', '=', scope.userId),
          eb(
            'interviews.id',
            'in',
            eb
              .selectFrom('interview_shadows')
              .select('interview_shadows.interview_id')
              .where('interview_shadows.user_id', '=', scope.userId),
          ),
        ]),
      );
    }
    return query;
  }

  /** The next page of the scope's interview ids in the period, in start order, after `after`. */
  interviewPage(
    scope: CalibrationScope,
    period: CalibrationPeriod,
    after: { starts_at: string; id: string } | null,
    limit: number,
  ) {
    let query = this.scopedIds(scope, period)
      .select('interviews.starts_at')
      .orderBy('interviews.starts_at')
      .orderBy('interviews.id')
      .limit(limit);
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('interviews.starts_at', '>', after.starts_at),
          eb.and([eb('interviews.starts_at', '=', after.starts_at), eb('interviews.id', '>', after.id)]),
        ]),
      );
    }
    return query.execute();
  }

  interviews(ids: readonly string[]) {
    return this.db
      .selectFrom('interviews')
      .leftJoin('decisions', 'decisions.interview_id', 'interviews.id')
      .leftJoin('retrospectives', 'retrospectives.interview_id', 'interviews.id')
      .select([
        'interviews.id',
        'interviews.position_id',
        'interviews.task_id',
        'interviews.pairing_started_at',
        'interviews.pairing_ended_at',
        'interviews.refinement_started_at',
        'decisions.outcome',
        'decisions.decided_at',
        'retrospectives.deadline',
      ])
      .where('interviews.id', 'in', [...ids])
      .execute();
  }

  /** Submitted scorecards only: a draft is not a rating yet. */
  scorecards(ids: readonly string[]) {
    return this.db
      .selectFrom('scorecards')
      .select([
        'scorecards.interview_id',
        'scorecards.author_id',
        'scorecards.ratings',
        'scorecards.recommendation',
        'scorecards.submitted_at',
      ])
      .where('scorecards.interview_id', 'in', [...ids])
      .where('scorecards.submitted_at', 'is not', null)
      .execute();
  }

  /** Lever pulls per interview and direction; the direction is read from the few pull events' payloads. */
  leverPulls(ids: readonly string[]) {
    return this.db
      .selectFrom('interview_events')
      .select(['interview_events.interview_id', 'interview_events.payload'])
      .where('interview_events.interview_id', 'in', [...ids])
      .where('interview_events.type', '=', 'lever_pulled')
      .execute();
  }

  /**
   * Per author, the bias check's flagged phrases they resolved (every finding is resolved before a
   * scorecard is submitted: rewritten or kept) and of those the ones kept.
   */
  biasResolutions(ids: readonly string[]) {
    return this.db
      .selectFrom('bias_resolutions')
      .select((eb) => [
        'bias_resolutions.author_id',
        eb.fn.countAll<string | number>().as('findings'),
        eb.fn
          .sum<string | number | null>(
            eb.case().when('bias_resolutions.resolution', '=', 'kept').then(1).else(0).end(),
          )
          .as('kept'),
      ])
      .where('bias_resolutions.interview_id', 'in', [...ids])
      .groupBy('bias_resolutions.author_id')
      .execute();
  }

  /**
   * Words each author wrote in their notes and impressions, counted in SQL as runs separated by
   * spaces or line breaks (one more than the separators in a non-empty text): close enough for
   * a rate per thousand words, and no text leaves the database.
   *
   * The separators inside the trimmed text are its length less the length of the untrimmed text
   * without spaces and line breaks (trim takes only spaces, on both databases), so the text is
   * trimmed twice rather than three times: a third less CPU over a page's notes, same counts.
   */
  async wordsByAuthor(ids: readonly string[]): Promise<Map<string, number>> {
    const words = (column: string) =>
      sql<number>`case when length(trim(${sql.ref(column)})) = 0 then 0 else length(trim(${sql.ref(column)})) - length(replace(replace(${sql.ref(column)}, ' ', ''), ${'\n'}, '')) + 1 end`;
    const [notes, impressions] = await Promise.all([
      this.db
        .selectFrom('notes')
        .select((eb) => [
          'notes.author_id as author_id',
          eb.fn.sum<string | number>(words('notes.text')).as('words'),
        ])
        .where('notes.interview_id', 'in', [...ids])
        .where('notes.deleted_at', 'is', null)
        .groupBy('notes.author_id')
        .execute(),
      this.db
        .selectFrom('scorecards')
        .select((eb) => [
          'scorecards.author_id as author_id',
          eb.fn.sum<string | number>(words('scorecards.impression')).as('words'),
        ])
        .where('scorecards.interview_id', 'in', [...ids])
        .where('scorecards.submitted_at', 'is not', null)
        .groupBy('scorecards.author_id')
        .execute(),
    ]);
    const totals = new Map<string, number>();
    for (const row of [...notes, ...impressions]) {
      totals.set(row.author_id, (totals.get(row.author_id) ?? 0) + Number(row.words ?? 0));
    }
    return totals;
  }

  /** The candidates' survey per position and month: counts and score sums only. */
  survey(positionIds: readonly string[] | 'all', fromMonth: string, toMonth: string) {
    let query = this.db
      .selectFrom('candidate_feedback')
      .select((eb) => [
        'candidate_feedback.position_id',
        'candidate_feedback.month',
        eb.fn.countAll<string | number>().as('responses'),
        eb.fn.sum<string | number>('candidate_feedback.prepared_score').as('score_sum'),
      ])
      .where('candidate_feedback.month', '>=', fromMonth)
      .where('candidate_feedback.month', '<=', toMonth)
      .groupBy(['candidate_feedback.position_id', 'candidate_feedback.month'])
      .orderBy('candidate_feedback.month');
    if (positionIds !== 'all') {
      if (positionIds.length === 0) return Promise.resolve([]);
      query = query.where('candidate_feedback.position_id', 'in', [...positionIds]);
    }
    return query.execute();
  }

  positions(scope: CalibrationScope) {
    let query = this.db.selectFrom('positions').select(['id', 'title', 'focus_attributes']).orderBy('title');
    if (scope.kind === 'positions') query = query.where('line_manager_id', '=', scope.lineManagerId);
    return query.execute();
  }

  tasks(ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('tasks')
      .select(['id', 'title'])
      .where('id', 'in', [...ids])
      .execute();
  }

  users(ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', 'in', [...ids])
      .execute();
  }
}
