import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

type Executor = Kysely<Database>;

/** Whose interviews a reader's calibration is computed from (see CalibrationService.scopeOf). */
export type CalibrationScope =
  | { kind: 'all' }
  | { kind: 'positions'; lineManagerId: string }
  | { kind: 'own'; userId: string };

/**
 * Calibration's kept sums (migration 031, decision 045) and the rows they are computed from.
 *
 * An interview's figures are computed from its own rows, reached by its id (the interview with its
 * decision and retrospective, its submitted scorecards, lever pulls, bias resolutions and the words
 * of its notes), whenever the database has marked it in `calibration_stale`. They are kept per
 * interview and added into the sums of every scope that reads them ('all', 'position:<id>',
 * 'member:<id>') for its month and its day; a period's figures are then a few dozen of those rows.
 */
export class CalibrationRepository {
  constructor(private readonly db: Executor) {}

  /** How many interviews wait to be summed again. */
  async staleCount(): Promise<number> {
    const row = await this.db
      .selectFrom('calibration_stale')
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  /** Some marked interviews, in no order: when few are marked. */
  stalePage(limit: number) {
    return this.db.selectFrom('calibration_stale').select(['interview_id', 'version']).limit(limit).execute();
  }

  /**
   * Marked interviews in start order after `after` (the interviews' start index, each probed in the
   * marks by key): the backfill, so that a page's interviews share a month and a few days and touch
   * few rows of sums.
   */
  staleInStartOrder(after: { starts_at: string; id: string } | null, limit: number) {
    let query = this.db
      .selectFrom('interviews')
      .innerJoin('calibration_stale', 'calibration_stale.interview_id', 'interviews.id')
      .select(['interviews.id', 'interviews.starts_at', 'calibration_stale.version'])
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

  /**
   * Applies computed figures in one transaction: for each interview still marked with the version
   * it was read at, its old contribution out of the sums and the new one in, the mark removed. An
   * interview marked again meanwhile keeps its mark (and is read again); one whose mark is gone
   * was applied by another refresh from newer rows, so this older reading is dropped.
   */
  async apply(
    computed: ReadonlyArray<{
      interviewId: string;
      version: number;
      contribution: { day: string; scopes: string; sums: string } | null;
    }>,
    merge: (
      current: ReadonlyArray<{ contribution: { day: string; scopes: string; sums: string } | null }>,
      old: ReadonlyArray<{ interview_id: string; day: string; scopes: string; sums: string }>,
      readSums: (
        keys: ReadonlyArray<{ scope: string; bucket: string }>,
      ) => Promise<Array<{ scope: string; bucket: string; revision: string; sums: string }>>,
    ) => Promise<Array<{ scope: string; bucket: string; revision: string; sums: string | null }>>,
  ): Promise<void> {
    const postgres = this.db.getExecutor().adapter instanceof PostgresAdapter;
    if (computed.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      // Two nodes refreshing at once would each add their reading to the same sums.
      if (postgres) await sql`SELECT pg_advisory_xact_lock(4500031)`.execute(trx);
      const ids = computed.map((entry) => entry.interviewId);
      const marks = new Map(
        (
          await trx
            .selectFrom('calibration_stale')
            .select(['interview_id', 'version'])
            .where('interview_id', 'in', ids)
            .execute()
        ).map((row) => [row.interview_id, Number(row.version)]),
      );
      const current = computed.filter((entry) => marks.get(entry.interviewId) === entry.version);
      if (current.length === 0) return;
      const currentIds = current.map((entry) => entry.interviewId);
      const old = await trx
        .selectFrom('calibration_contributions')
        .select(['interview_id', 'day', 'scopes', 'sums'])
        .where('interview_id', 'in', currentIds)
        .execute();
      const rows = await merge(current, old, (keys) => sumsOf(trx, keys));
      for (const row of rows) {
        if (row.sums === null) {
          await trx
            .deleteFrom('calibration_sums')
            .where('scope', '=', row.scope)
            .where('bucket', '=', row.bucket)
            .execute();
        } else {
          await trx
            .insertInto('calibration_sums')
            .values({ scope: row.scope, bucket: row.bucket, sums: row.sums, revision: row.revision })
            .onConflict((conflict) =>
              conflict.columns(['scope', 'bucket']).doUpdateSet({ sums: row.sums!, revision: row.revision }),
            )
            .execute();
        }
      }
      await trx.deleteFrom('calibration_contributions').where('interview_id', 'in', currentIds).execute();
      const kept = current.filter((entry) => entry.contribution !== null);
      if (kept.length > 0) {
        await trx
          .insertInto('calibration_contributions')
          .values(kept.map((entry) => ({ interview_id: entry.interviewId, ...entry.contribution! })))
          .execute();
      }
      for (const entry of current) {
        await trx
          .deleteFrom('calibration_stale')
          .where('interview_id', '=', entry.interviewId)
          .where('version', '=', entry.version)
          .execute();
      }
    });
  }

  /** Which rows of sums these scopes and buckets have, and their revisions (not their sums). */
  revisions(scopes: readonly string[], buckets: readonly string[]) {
    if (scopes.length === 0 || buckets.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('calibration_sums')
      .select(['scope', 'bucket', 'revision'])
      .where('scope', 'in', [...scopes])
      .where('bucket', 'in', [...buckets])
      .execute();
  }

  /** The sums of these rows. */
  sums(keys: ReadonlyArray<{ scope: string; bucket: string }>) {
    return sumsOf(this.db, keys);
  }

  interviews(ids: readonly string[]) {
    return this.db
      .selectFrom('interviews')
      .leftJoin('decisions', 'decisions.interview_id', 'interviews.id')
      .leftJoin('retrospectives', 'retrospectives.interview_id', 'interviews.id')
      .select([
        'interviews.id',
        'interviews.starts_at',
        'interviews.navigator_id',
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
      .where('interviews.pairing_started_at', 'is not', null)
      .execute();
  }

  /** The shadows of these interviews: with the navigator, the panel whose own scope reads them. */
  shadows(ids: readonly string[]) {
    return this.db
      .selectFrom('interview_shadows')
      .select(['interview_shadows.interview_id', 'interview_shadows.user_id'])
      .where('interview_shadows.interview_id', 'in', [...ids])
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
        'bias_resolutions.interview_id',
        'bias_resolutions.author_id',
        eb.fn.countAll<string | number>().as('findings'),
        eb.fn
          .sum<string | number | null>(
            eb.case().when('bias_resolutions.resolution', '=', 'kept').then(1).else(0).end(),
          )
          .as('kept'),
      ])
      .where('bias_resolutions.interview_id', 'in', [...ids])
      .groupBy(['bias_resolutions.interview_id', 'bias_resolutions.author_id'])
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
  async wordsByAuthor(ids: readonly string[]): Promise<Map<string, Map<string, number>>> {
    const words = (column: string) =>
      sql<number>`case when length(trim(${sql.ref(column)})) = 0 then 0 else length(trim(${sql.ref(column)})) - length(replace(replace(${sql.ref(column)}, ' ', ''), ${'\n'}, '')) + 1 end`;
    const [notes, impressions] = await Promise.all([
      this.db
        .selectFrom('notes')
        .select((eb) => [
          'notes.interview_id as interview_id',
          'notes.author_id as author_id',
          eb.fn.sum<string | number>(words('notes.text')).as('words'),
        ])
        .where('notes.interview_id', 'in', [...ids])
        .where('notes.deleted_at', 'is', null)
        .groupBy(['notes.interview_id', 'notes.author_id'])
        .execute(),
      this.db
        .selectFrom('scorecards')
        .select((eb) => [
          'scorecards.interview_id as interview_id',
          'scorecards.author_id as author_id',
          eb.fn.sum<string | number>(words('scorecards.impression')).as('words'),
        ])
        .where('scorecards.interview_id', 'in', [...ids])
        .where('scorecards.submitted_at', 'is not', null)
        .groupBy(['scorecards.interview_id', 'scorecards.author_id'])
        .execute(),
    ]);
    // interview → author → words
    const totals = new Map<string, Map<string, number>>();
    for (const row of [...notes, ...impressions]) {
      let byAuthor = totals.get(row.interview_id);
      if (!byAuthor) {
        byAuthor = new Map();
        totals.set(row.interview_id, byAuthor);
      }
      byAuthor.set(row.author_id, (byAuthor.get(row.author_id) ?? 0) + Number(row.words ?? 0));
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

async function sumsOf(db: Executor, keys: ReadonlyArray<{ scope: string; bucket: string }>) {
  const found: Array<{ scope: string; bucket: string; revision: string; sums: string }> = [];
  const byScope = new Map<string, string[]>();
  for (const key of keys) byScope.set(key.scope, [...(byScope.get(key.scope) ?? []), key.bucket]);
  for (const [scope, buckets] of byScope) {
    found.push(
      ...(await db
        .selectFrom('calibration_sums')
        .select(['scope', 'bucket', 'revision', 'sums'])
        .where('scope', '=', scope)
        .where('bucket', 'in', buckets)
        .execute()),
    );
  }
  return found;
}
