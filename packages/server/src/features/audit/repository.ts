import type { Kysely } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { after } from '../../platform/db/keyset.ts';
import { preparedQuery } from '../../platform/db/prepared-query.ts';
import type { Database } from '../../platform/db/schema.ts';

export type AuditRow = Database['audit_entries'];

export interface AuditFilter {
  candidateId?: string;
  userId?: string;
  from?: string;
  to?: string;
  /** The (at, id) of the last entry of the previous page. */
  cursor?: string[] | undefined;
  limit: number;
}

/** Append-only by construction: insert and query, and nothing that updates or deletes. */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  // Written on every staff request on an interview, the live note save's included: compiled once.
  private readonly insertRow = preparedQuery(
    [
      'id',
      'at',
      'actor_id',
      'actor_label',
      'action',
      'subject_type',
      'subject_id',
      'candidate_id',
      'ip',
      'detail',
    ] as const,
    (row) => this.db.insertInto('audit_entries').values(row),
  );

  /** `trx` when the entry must commit (or roll back) with the change it describes. */
  async insert(row: AuditRow, trx: Kysely<Database> = this.db): Promise<void> {
    await this.insertRow(trx, row);
  }

  /** Newest first, with the candidate's name as it is now (a list of ids would mean nothing to a reader). */
  query(filter: AuditFilter): Promise<Array<AuditRow & { candidate_name: string | null }>> {
    let query = this.db
      .selectFrom('audit_entries')
      .leftJoin('candidates', 'candidates.id', 'audit_entries.candidate_id')
      .selectAll('audit_entries')
      .select('candidates.name as candidate_name');
    if (filter.candidateId) query = query.where('audit_entries.candidate_id', '=', filter.candidateId);
    if (filter.userId) query = query.where('audit_entries.actor_id', '=', filter.userId);
    if (filter.from) query = query.where('audit_entries.at', '>=', filter.from);
    if (filter.to) query = query.where('audit_entries.at', '<=', filter.to);
    const cursor = filter.cursor;
    if (cursor)
      query = query.where((eb) => after(eb, ['audit_entries.at', 'audit_entries.id'], cursor, 'desc'));
    return query
      .orderBy('audit_entries.at', 'desc')
      .orderBy('audit_entries.id', 'desc')
      .limit(filter.limit)
      .execute();
  }

  /** An interview's candidate never changes, so the live session's note saves look it up once. */
  private readonly candidates = new Map<string, string>();

  async candidateOfInterview(interviewId: string, trx: Kysely<Database> = this.db): Promise<string | null> {
    const known = this.candidates.get(interviewId);
    if (known) return known;
    const row = await trx
      .selectFrom('interviews')
      .select('candidate_id')
      .where('id', '=', interviewId)
      .executeTakeFirst();
    if (!row) return null;
    if (this.candidates.size > 10_000) this.candidates.clear();
    this.candidates.set(interviewId, row.candidate_id);
    return row.candidate_id;
  }

  async userLabel(userId: string, trx: Kysely<Database> = this.db): Promise<string | null> {
    const row = await trx.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
    return row?.email ?? null;
  }
}
