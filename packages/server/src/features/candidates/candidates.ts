import { randomUUID } from 'node:crypto';
import {
  type Candidate,
  type CreateCandidateRequest,
  candidate,
  candidateList,
  candidateListQuery,
  candidateSearchTerms,
  createCandidateRequest,
  forbidden,
  prefixUpperBound,
  searchWords,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { after, toPage } from '../../platform/db/keyset.ts';
import { defineRoute } from '../../platform/http/route.ts';

/** Candidates are managed by the people who plan interviews: admins and interviewers. */
export const mayManageCandidates = (actor: Actor) => hasRole(actor, 'admin') || hasRole(actor, 'interviewer');

export class CandidatesService {
  constructor(private readonly db: Db) {}

  private query() {
    return this.db
      .selectFrom('candidates')
      .select(['id', 'name', 'email', 'time_zone as timeZone', 'pronouns', 'accommodations']);
  }

  /** One page by name (then id, so equal names keep their order across pages). */
  async list(
    actor: Actor,
    request: z.output<typeof candidateListQuery>,
  ): Promise<{ candidates: Candidate[]; nextCursor: string | null }> {
    if (!mayManageCandidates(actor)) throw forbidden();
    let query = this.query();
    for (const word of request.q ? searchWords(request.q) : []) {
      query = query.where('id', 'in', (eb) =>
        eb
          .selectFrom('candidate_terms')
          .select('candidate_id')
          .where('term', '>=', word)
          .where('term', '<', prefixUpperBound(word)),
      );
    }
    const cursor = request.cursor;
    if (cursor) query = query.where((eb) => after(eb, ['name', 'id'], cursor, 'asc'));
    const rows = await query
      .orderBy('name')
      .orderBy('id')
      .limit(request.limit + 1)
      .execute();
    const page = toPage(rows, request.limit, (row) => [row.name, row.id]);
    return { candidates: page.rows, nextCursor: page.nextCursor };
  }

  async create(actor: Actor, request: CreateCandidateRequest): Promise<Candidate> {
    if (!mayManageCandidates(actor)) throw forbidden('Only interviewers and admins can add candidates.');
    const id = randomUUID();
    const email = request.email.toLowerCase();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('candidates')
        .values({
          id,
          name: request.name,
          email,
          time_zone: request.timeZone,
          pronouns: request.pronouns || null,
          accommodations: request.accommodations || null,
          created_at: DateTime.utc().toISO(),
        })
        .execute();
      await trx
        .insertInto('candidate_terms')
        .values(candidateSearchTerms(request.name, email).map((term) => ({ term, candidate_id: id })))
        .execute();
    });
    return (await this.query().where('id', '=', id).executeTakeFirst())!;
  }
}

export function candidatesRoutes(candidates: CandidatesService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/candidates',
      summary: 'One page of candidates by name, optionally searched (admins and interviewers)',
      access: 'signed_in',
      query: candidateListQuery,
      response: candidateList,
      handler: async ({ actor, query }) => candidates.list(actor, query),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/candidates',
      summary: 'Add a candidate',
      access: 'signed_in',
      status: 201,
      body: createCandidateRequest,
      response: z.object({ candidate }),
      handler: async ({ actor, body }) => ({ candidate: await candidates.create(actor, body) }),
    }),
  ];
}
