import { isFinished, type RetentionSetting, retentionSetting } from '@pairwise/domain';
import type { Kysely } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { parseJsonColumn } from '../../platform/db/json-column.ts';
import { after } from '../../platform/db/keyset.ts';
import type { Database } from '../../platform/db/schema.ts';

type Executor = Kysely<Database>;

export const ERASED_NAME = 'Erased candidate';
const RETENTION_KEY = 'retention';

export interface CandidateRetentionRow {
  id: string;
  name: string;
  legal_hold: number;
  legal_hold_reason: string | null;
  erased_at: string | null;
  closedAt: string[];
  hasOpenInterview: boolean;
}

/** The only SQL of retention and data requests; erasure takes the caller's transaction. */
export class RetentionRepository {
  constructor(private readonly db: Db) {}

  /** One erasure's work in one transaction, which the erasure listeners share. */
  async transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  async retention(): Promise<RetentionSetting | null> {
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', RETENTION_KEY)
      .executeTakeFirst();
    return row ? parseJsonColumn(retentionSetting, row.value) : null;
  }

  async setRetention(value: RetentionSetting): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('settings').where('key', '=', RETENTION_KEY).execute();
      await trx
        .insertInto('settings')
        .values({ key: RETENTION_KEY, value: JSON.stringify(value) })
        .execute();
    });
  }

  /** What retention decides on, for the given candidates (those not erased yet). */
  async retentionRows(candidateIds: string[]): Promise<CandidateRetentionRow[]> {
    if (candidateIds.length === 0) return [];
    const [candidates, interviews] = await Promise.all([
      this.db
        .selectFrom('candidates')
        .select(['id', 'name', 'legal_hold', 'legal_hold_reason', 'erased_at'])
        .where('id', 'in', candidateIds)
        .where('erased_at', 'is', null)
        .execute(),
      this.db
        .selectFrom('interviews')
        .leftJoin('decisions', 'decisions.interview_id', 'interviews.id')
        .select((eb) => [
          'interviews.candidate_id',
          'interviews.stage',
          'decisions.decided_at',
          // Without a decision the process ended with the cancellation or no-show event; later
          // events (a data request from the portal, say) must not restart the clock.
          eb
            .selectFrom('interview_events')
            .select((events) => events.fn.max('interview_events.at').as('at'))
            .whereRef('interview_events.interview_id', '=', 'interviews.id')
            .where('interview_events.type', 'in', ['cancelled', 'no_show'])
            .as('closed_at'),
        ])
        .where('interviews.candidate_id', 'in', candidateIds)
        .execute(),
    ]);
    const byCandidate = new Map<string, typeof interviews>();
    for (const row of interviews)
      byCandidate.set(row.candidate_id, [...(byCandidate.get(row.candidate_id) ?? []), row]);
    return candidates.map((candidate) => {
      const own = byCandidate.get(candidate.id) ?? [];
      const finished = own.filter((row) => isFinished(row.stage));
      return {
        ...candidate,
        closedAt: finished.flatMap((row) => {
          const at = row.decided_at ?? row.closed_at;
          return at ? [at] : [];
        }),
        hasOpenInterview: finished.length < own.length,
      };
    });
  }

  /** Candidates not erased yet, a chunk at a time by id: the daily job walks them all. */
  async unerasedCandidateIds(afterId: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('candidates')
      .select('id')
      .where('id', '>', afterId)
      .where('erased_at', 'is', null)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => row.id);
  }

  /**
   * Candidates with a process that ended between `from` and `to` (a decision, a cancellation or
   * a no-show), and every candidate on legal hold: read through the indexes on those times.
   */
  async candidatesClosedBetween(from: string, to: string): Promise<string[]> {
    const [decided, closed, held] = await Promise.all([
      this.db
        .selectFrom('decisions')
        .innerJoin('interviews', 'interviews.id', 'decisions.interview_id')
        .select('interviews.candidate_id')
        .where('decisions.decided_at', '>=', from)
        .where('decisions.decided_at', '<=', to)
        .execute(),
      this.db
        .selectFrom('interview_events')
        .innerJoin('interviews', 'interviews.id', 'interview_events.interview_id')
        .select('interviews.candidate_id')
        .where('interview_events.type', 'in', ['cancelled', 'no_show'])
        .where('interview_events.at', '>=', from)
        .where('interview_events.at', '<=', to)
        .execute(),
      this.db.selectFrom('candidates').select('id as candidate_id').where('legal_hold', '=', 1).execute(),
    ]);
    return [...new Set([...decided, ...closed, ...held].map((row) => row.candidate_id))];
  }

  /** A page of the candidates on legal hold, by name. */
  legalHolds(cursor: string[] | undefined, limit: number) {
    let query = this.db
      .selectFrom('candidates')
      .select(['id', 'name', 'legal_hold_reason'])
      .where('legal_hold', '=', 1);
    if (cursor) query = query.where((eb) => after(eb, ['name', 'id'], cursor, 'asc'));
    return query
      .orderBy('name')
      .orderBy('id')
      .limit(limit + 1)
      .execute();
  }

  candidate(candidateId: string, trx: Executor = this.db) {
    return trx.selectFrom('candidates').selectAll().where('id', '=', candidateId).executeTakeFirst();
  }

  async setLegalHold(candidateId: string, reason: string | null): Promise<void> {
    await this.db
      .updateTable('candidates')
      .set({ legal_hold: reason === null ? 0 : 1, legal_hold_reason: reason })
      .where('id', '=', candidateId)
      .execute();
  }

  /**
   * Removes every personal field of one candidate and keeps what counts without naming anyone:
   * interview stages and times, event types, decisions' outcomes, scorecards' recommendations,
   * survey answers (anonymous by construction). Returns the repository slugs to delete on disk.
   */
  async erase(candidateId: string, at: string, trx: Executor): Promise<string[]> {
    const candidate = await this.candidate(candidateId, trx);
    if (!candidate) return [];
    const interviewIds = (
      await trx.selectFrom('interviews').select('id').where('candidate_id', '=', candidateId).execute()
    ).map((row) => row.id);
    const slugs: string[] = [];
    if (interviewIds.length > 0) {
      const noteIds = trx.selectFrom('notes').select('id').where('interview_id', 'in', interviewIds);
      await trx.deleteFrom('note_revisions').where('note_id', 'in', noteIds).execute();
      await trx.deleteFrom('notes').where('interview_id', 'in', interviewIds).execute();
      await trx.deleteFrom('bias_resolutions').where('interview_id', 'in', interviewIds).execute();
      await trx
        .updateTable('scorecards')
        .set({ ratings: '{}', impression: '' })
        .where('interview_id', 'in', interviewIds)
        .execute();
      await trx
        .updateTable('retrospectives')
        .set({
          shared_note_ids: '[]',
          answers: JSON.stringify({ solution: '', learned: '', change: '' }),
          next_steps: '',
        })
        .where('interview_id', 'in', interviewIds)
        .execute();
      await trx
        .updateTable('decisions')
        .set({ note: '' })
        .where('interview_id', 'in', interviewIds)
        .execute();
      await trx.updateTable('interviews').set({ wellness: null }).where('id', 'in', interviewIds).execute();
      // Event payloads can quote the candidate (reasons, deadlines); the types and times stay.
      await trx
        .updateTable('interview_events')
        .set({ payload: '{}' })
        .where('interview_id', 'in', interviewIds)
        .execute();
      await trx.deleteFrom('portal_tokens').where('interview_id', 'in', interviewIds).execute();
      await trx.deleteFrom('accommodation_requests').where('interview_id', 'in', interviewIds).execute();
      // An offered time keeps the confirmation it would send, which names the candidate.
      await trx
        .updateTable('offered_slots')
        .set({ confirmation: '{}' })
        .where(
          'offer_id',
          'in',
          trx.selectFrom('slot_offers').select('id').where('interview_id', 'in', interviewIds),
        )
        .execute();
      await trx
        .updateTable('candidate_responses')
        .set({ reason: null })
        .where('interview_id', 'in', interviewIds)
        .execute();
      await trx
        .updateTable('pushes')
        .set({ commits: '[]' })
        .where('interview_id', 'in', interviewIds)
        .execute();
      const repositories = await trx
        .selectFrom('candidate_repositories')
        .select('slug')
        .where('interview_id', 'in', interviewIds)
        .execute();
      slugs.push(...repositories.map((row) => row.slug));
    }
    // Mail addressed to the candidate is matched by address: it may predate any interview row.
    const email = candidate.email.toLowerCase();
    if (email) await trx.deleteFrom('outbox_messages').where('recipient', '=', email).execute();
    // An erased candidate is found by no search.
    await trx.deleteFrom('candidate_terms').where('candidate_id', '=', candidateId).execute();
    await trx
      .updateTable('candidates')
      .set({
        name: ERASED_NAME,
        email: '',
        pronouns: null,
        accommodations: null,
        time_zone: 'UTC',
        erased_at: at,
      })
      .where('id', '=', candidateId)
      .execute();
    return slugs;
  }

  /** A page of data requests, oldest first (the most urgent to answer). */
  dataRequests(cursor: string[] | undefined, limit: number) {
    let query = this.dataRequestQuery();
    if (cursor) {
      query = query.where((eb) => after(eb, ['data_requests.created_at', 'data_requests.id'], cursor, 'asc'));
    }
    return query
      .orderBy('data_requests.created_at')
      .orderBy('data_requests.id')
      .limit(limit + 1)
      .execute();
  }

  dataRequest(id: string) {
    return this.dataRequestQuery().where('data_requests.id', '=', id).executeTakeFirst();
  }

  async completeDataRequest(
    id: string,
    values: { approvedBy: string; at: string },
    trx: Executor = this.db,
  ): Promise<void> {
    await trx
      .updateTable('data_requests')
      .set({
        status: 'completed',
        approved_by: values.approvedBy,
        completed_at: values.at,
        processed_at: values.at,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Every row that names or is about the candidate, table by table, for their copy. */
  async rowsAbout(candidateId: string): Promise<Record<string, Record<string, unknown>[]>> {
    const interviews = await this.db
      .selectFrom('interviews')
      .selectAll()
      .where('candidate_id', '=', candidateId)
      .execute();
    const ids = interviews.map((row) => row.id);
    const byInterview = async (
      table:
        | 'interview_events'
        | 'notes'
        | 'retrospectives'
        | 'scorecards'
        | 'decisions'
        | 'candidate_responses'
        | 'accommodation_requests'
        | 'data_requests'
        | 'pushes'
        | 'bias_resolutions',
    ) =>
      ids.length === 0
        ? []
        : ((await this.db.selectFrom(table).selectAll().where('interview_id', 'in', ids).execute()) as Record<
            string,
            unknown
          >[]);
    const candidate = await this.candidate(candidateId);
    const repositories =
      ids.length === 0
        ? []
        : await this.db
            .selectFrom('candidate_repositories')
            // The credential hash is a secret of the server's, not data about the candidate.
            .select(['interview_id', 'slug', 'username', 'created_at', 'first_access_at', 'window_closed_at'])
            .where('interview_id', 'in', ids)
            .execute();
    const notes = await byInterview('notes');
    const revisions =
      notes.length === 0
        ? []
        : await this.db
            .selectFrom('note_revisions')
            .selectAll()
            .where(
              'note_id',
              'in',
              notes.map((note) => note.id as string),
            )
            .execute();
    const email = candidate?.email.toLowerCase() ?? '';
    const outbox =
      email === ''
        ? []
        : await this.db.selectFrom('outbox_messages').selectAll().where('recipient', '=', email).execute();
    return {
      candidates: candidate ? [candidate] : [],
      interviews,
      interview_events: await byInterview('interview_events'),
      notes,
      note_revisions: revisions,
      retrospectives: await byInterview('retrospectives'),
      scorecards: await byInterview('scorecards'),
      decisions: await byInterview('decisions'),
      candidate_responses: await byInterview('candidate_responses'),
      accommodation_requests: await byInterview('accommodation_requests'),
      data_requests: await byInterview('data_requests'),
      candidate_repositories: repositories,
      pushes: await byInterview('pushes'),
      bias_resolutions: await byInterview('bias_resolutions'),
      outbox_messages: outbox.map(({ raw: _raw, ...row }) => row),
    };
  }

  private dataRequestQuery() {
    return this.db
      .selectFrom('data_requests')
      .innerJoin('interviews', 'interviews.id', 'data_requests.interview_id')
      .innerJoin('candidates', 'candidates.id', 'interviews.candidate_id')
      .leftJoin('users', 'users.id', 'data_requests.approved_by')
      .select([
        'data_requests.id',
        'data_requests.kind',
        'data_requests.interview_id',
        'data_requests.created_at',
        'data_requests.due_at',
        'data_requests.status',
        'data_requests.completed_at',
        'users.name as approved_by_name',
        'candidates.id as candidate_id',
        'candidates.name as candidate_name',
        'candidates.legal_hold',
      ]);
  }
}
