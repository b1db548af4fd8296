import { randomUUID } from 'node:crypto';
import {
  AppError,
  type Candidate,
  type CandidateRelation,
  type CreateCandidateRequest,
  candidate,
  candidateList,
  candidateListQuery,
  candidateParams,
  candidateSearchTerms,
  createCandidateRequest,
  forbidden,
  prefixUpperBound,
  searchWords,
  seesCandidateAccommodations,
  seesCandidateContact,
  type UpdateCandidateRequest,
  updateCandidateRequest,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { after, toPage } from '../../platform/db/keyset.ts';
import { defineRoute } from '../../platform/http/route.ts';
import { type OrganisationDefaultLocale, storedLocale } from './candidate-locale.ts';

const matchesName = (name: string, word: string) =>
  candidateSearchTerms(name, '').some((term) => term.startsWith(word));

/** Candidates are managed by the people who plan interviews: admins and interviewers. */
export const mayManageCandidates = (actor: Actor) => hasRole(actor, 'admin') || hasRole(actor, 'interviewer');

export class CandidatesService {
  constructor(
    private readonly db: Db,
    private readonly defaultLocale: OrganisationDefaultLocale,
  ) {}

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

  /**
   * How the actor relates to each of these candidates: through an interview (on its panel, or as
   * line manager of its position), as the one who added them, or as an admin.
   */
  private async relations(actor: Actor, rows: { id: string; created_by: string | null }[]) {
    const relations = new Map<string, CandidateRelation[]>(rows.map((row) => [row.id, []]));
    if (rows.length === 0) return relations;
    const add = (candidateId: string, relation: CandidateRelation) =>
      relations.get(candidateId)?.push(relation);
    for (const row of rows) {
      if (hasRole(actor, 'admin')) add(row.id, 'admin');
      if (row.created_by === actor.id) add(row.id, 'creator');
    }
    const ids = rows.map((row) => row.id);
    const [panels, managed] = await Promise.all([
      this.db
        .selectFrom('interviews')
        .select('interviews.candidate_id')
        .where('interviews.candidate_id', 'in', ids)
        .where((eb) =>
          eb.or([
            eb('interviews.navigator_id', '=', actor.id),
            eb(
              'interviews.id',
              'in',
              eb.selectFrom('interview_shadows').select('interview_id').where('user_id', '=', actor.id),
            ),
          ]),
        )
        .execute(),
      this.db
        .selectFrom('interviews')
        .innerJoin('positions', 'positions.id', 'interviews.position_id')
        .select('interviews.candidate_id')
        .where('interviews.candidate_id', 'in', ids)
        .where('positions.line_manager_id', '=', actor.id)
        .execute(),
    ]);
    for (const row of panels) add(row.candidate_id, 'panel');
    for (const row of managed) add(row.candidate_id, 'line_manager');
    return relations;
  }

  /** Each row as this actor may see it: personal details only with a need to know. */
  private async disclose(
    actor: Actor,
    rows: (Omit<Candidate, 'withheld' | 'locale'> & { locale: string; created_by: string | null })[],
  ): Promise<Candidate[]> {
    const relations = await this.relations(actor, rows);
    return rows.map(({ created_by: _createdBy, ...row }) => {
      const of = relations.get(row.id) ?? [];
      const contact = seesCandidateContact(of);
      const accommodations = seesCandidateAccommodations(of);
      return {
        ...row,
        locale: storedLocale(row.locale),
        email: contact ? row.email : null,
        pronouns: contact ? row.pronouns : null,
        accommodations: accommodations ? row.accommodations : null,
        withheld: { contact: !contact, accommodations: !accommodations },
      };
    });
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
    const disclosed = await this.disclose(actor, page.rows);
    // A search by address must not confirm whose address it is to someone who may not see it:
    // a candidate whose contact is withheld is found by the words of their name only. The page
    // may come out shorter; its cursor still continues after the last row read.
    const words = request.q ? searchWords(request.q) : [];
    const found = disclosed.filter(
      (row) => !row.withheld.contact || words.every((word) => matchesName(row.name, word)),
    );
    return { candidates: found, nextCursor: page.nextCursor };
  }

  async create(actor: Actor, request: CreateCandidateRequest): Promise<Candidate> {
    if (!mayManageCandidates(actor)) throw forbidden('Only interviewers and admins can add candidates.');
    const id = randomUUID();
    const email = request.email.toLowerCase();
    const locale = request.locale ?? (await this.defaultLocale());
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
          locale,
          created_at: DateTime.utc().toISO(),
          created_by: actor.id,
        })
        .execute();
      await trx
        .insertInto('candidate_terms')
        .values(candidateSearchTerms(request.name, email).map((term) => ({ term, candidate_id: id })))
        .execute();
    });
    const [created] = await this.disclose(actor, [
      (await this.query().where('id', '=', id).executeTakeFirst())!,
    ]);
    return created!;
  }

  /**
   * Changes the language the candidate's next messages and their portal are in. Those who may
   * see the candidate's contact details may change it; to anyone else the candidate is not there.
   */
  async update(actor: Actor, id: string, request: UpdateCandidateRequest): Promise<Candidate> {
    if (!mayManageCandidates(actor)) throw forbidden('Only interviewers and admins can change candidates.');
    const row = await this.query().where('id', '=', id).where('erased_at', 'is', null).executeTakeFirst();
    const [visible] = row ? await this.disclose(actor, [row]) : [];
    if (!visible || visible.withheld.contact) throw new AppError('not_found', 'No such candidate.');
    await this.db.updateTable('candidates').set({ locale: request.locale }).where('id', '=', id).execute();
    return { ...visible, locale: request.locale };
  }
}

export function candidatesRoutes(candidates: CandidatesService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/candidates',
      summary:
        'One page of candidates by name, optionally searched (admins and interviewers); email, pronouns and accommodations only with a need to know',
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
    defineRoute({
      method: 'PATCH',
      url: '/api/candidates/:id',
      summary:
        "Change the language a candidate's messages and portal are in (those who see their contact details)",
      access: 'signed_in',
      params: candidateParams,
      body: updateCandidateRequest,
      response: z.object({ candidate }),
      handler: async ({ actor, params, body }) => ({
        candidate: await candidates.update(actor, params.id, body),
      }),
    }),
  ];
}
