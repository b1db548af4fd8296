import { prefixUpperBound } from '@pairwise/domain';
import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { after } from '../../platform/db/keyset.ts';
import { onPanelOf } from '../interviews/panel-sql.ts';

/** A candidate row as stored, before it is disclosed to a reader. */
export interface CandidateRow {
  id: string;
  name: string;
  email: string;
  timeZone: string;
  pronouns: string | null;
  accommodations: string | null;
  locale: string;
  created_by: string | null;
}

export interface NewCandidate {
  id: string;
  name: string;
  email: string;
  timeZone: string;
  pronouns: string | null;
  accommodations: string | null;
  locale: string;
  createdAt: string;
  createdBy: string;
  /** The words of the name and address the search finds the candidate by. */
  terms: string[];
}

/** The only SQL of the candidates feature. */
export class CandidatesRepository {
  constructor(private readonly db: Db) {}

  private query() {
    return this.db
      .selectFrom('candidates')
      .select([
        'id',
        'name',
        'email',
        'time_zone as timeZone',
        'pronouns',
        'accommodations',
        'locale',
        'created_by',
      ]);
  }

  /** One page by name, then id, every search word a prefix of one of the candidate's terms. */
  async page(request: {
    words: readonly string[];
    cursor?: readonly string[];
    limit: number;
  }): Promise<CandidateRow[]> {
    let query = this.query();
    const postgres = this.db.getExecutor().adapter instanceof PostgresAdapter;
    for (const word of request.words) {
      const matches = this.db
        .selectFrom('candidate_terms')
        .select('candidate_id')
        .where('term', '>=', word)
        .where('term', '<', prefixUpperBound(word));
      // A word's matches are a few hundred or thousand of all the candidates. As IN, PostgreSQL
      // reads every candidate and hashes the matches against them (15 ms warm at 80,000; it prices
      // a thousand lookups above one pass over the table); as = ANY of their array it looks each
      // match up by its key. SQLite looks them up either way and knows no arrays.
      query = postgres
        ? query.where(sql<boolean>`${sql.ref('id')} = any(array(${matches}))`)
        : query.where('id', 'in', matches);
    }
    const cursor = request.cursor;
    if (cursor) query = query.where((eb) => after(eb, ['name', 'id'], cursor, 'asc'));
    return query.orderBy('name').orderBy('id').limit(request.limit).execute();
  }

  /** A candidate not erased, or undefined. */
  async find(id: string): Promise<CandidateRow | undefined> {
    return this.query().where('id', '=', id).where('erased_at', 'is', null).executeTakeFirst();
  }

  async insert(candidate: NewCandidate): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('candidates')
        .values({
          id: candidate.id,
          name: candidate.name,
          email: candidate.email,
          time_zone: candidate.timeZone,
          pronouns: candidate.pronouns,
          accommodations: candidate.accommodations,
          locale: candidate.locale,
          created_at: candidate.createdAt,
          created_by: candidate.createdBy,
        })
        .execute();
      await trx
        .insertInto('candidate_terms')
        .values(candidate.terms.map((term) => ({ term, candidate_id: candidate.id })))
        .execute();
    });
  }

  async setLocale(id: string, locale: string): Promise<void> {
    await this.db.updateTable('candidates').set({ locale }).where('id', '=', id).execute();
  }

  /** Of these candidates, those with an interview the user is on: as navigator or shadow. */
  async onPanelOf(userId: string, candidateIds: readonly string[]): Promise<string[]> {
    const rows = await this.db
      .selectFrom('interviews')
      .select('interviews.candidate_id')
      .where('interviews.candidate_id', 'in', candidateIds)
      .where((eb) => onPanelOf(eb, [userId]))
      .execute();
    return rows.map((row) => row.candidate_id);
  }

  /** Of these candidates, those interviewing for a position the user is line manager of. */
  async managedBy(userId: string, candidateIds: readonly string[]): Promise<string[]> {
    const rows = await this.db
      .selectFrom('interviews')
      .innerJoin('positions', 'positions.id', 'interviews.position_id')
      .select('interviews.candidate_id')
      .where('interviews.candidate_id', 'in', candidateIds)
      .where('positions.line_manager_id', '=', userId)
      .execute();
    return rows.map((row) => row.candidate_id);
  }
}
