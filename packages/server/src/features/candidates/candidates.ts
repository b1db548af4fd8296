import { randomUUID } from 'node:crypto';
import {
  AppError,
  type Candidate,
  type CandidateRelation,
  type CreateCandidateRequest,
  type candidateListQuery,
  candidateSearchTerms,
  candidatesApi,
  searchWords,
  seesCandidateAccommodations,
  seesCandidateContact,
  type UpdateCandidateRequest,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { toPage } from '../../platform/db/keyset.ts';
import { implement } from '../../platform/http/route.ts';
import { type OrganisationDefaultLocale, storedLocale } from './candidate-locale.ts';
import { authorizeCandidates, candidateRelations } from './policy.ts';
import type { CandidateRow, CandidatesRepository } from './repository.ts';

// Other features ask the same question of a planner; the rule itself lives in the policy.
export { mayManageCandidates } from './policy.ts';

const matchesName = (name: string, word: string) =>
  candidateSearchTerms(name, '').some((term) => term.startsWith(word));

export class CandidatesService {
  constructor(
    private readonly repository: CandidatesRepository,
    private readonly defaultLocale: OrganisationDefaultLocale,
  ) {}

  /**
   * How the actor relates to each of these candidates: through an interview (on its panel, or as
   * line manager of its position), as the one who added them, or as an admin.
   */
  private async relations(actor: Actor, rows: readonly CandidateRow[]) {
    const ids = rows.map((row) => row.id);
    const [panels, managed] =
      ids.length === 0
        ? [[], []]
        : await Promise.all([
            this.repository.onPanelOf(actor.id, ids),
            this.repository.managedBy(actor.id, ids),
          ]);
    const onPanel = new Set(panels);
    const managesPosition = new Set(managed);
    return new Map<string, CandidateRelation[]>(
      rows.map((row) => [
        row.id,
        candidateRelations(actor, {
          createdBy: row.created_by,
          onPanel: onPanel.has(row.id),
          managesPosition: managesPosition.has(row.id),
        }),
      ]),
    );
  }

  /** Each row as this actor may see it: personal details only with a need to know. */
  private async disclose(actor: Actor, rows: readonly CandidateRow[]): Promise<Candidate[]> {
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
    authorizeCandidates(actor, 'list');
    const words = request.q ? searchWords(request.q) : [];
    const rows = await this.repository.page({ words, cursor: request.cursor, limit: request.limit + 1 });
    const page = toPage(rows, request.limit, (row) => [row.name, row.id]);
    const disclosed = await this.disclose(actor, page.rows);
    // A search by address must not confirm whose address it is to someone who may not see it:
    // a candidate whose contact is withheld is found by the words of their name only. The page
    // may come out shorter; its cursor still continues after the last row read.
    const found = disclosed.filter(
      (row) => !row.withheld.contact || words.every((word) => matchesName(row.name, word)),
    );
    return { candidates: found, nextCursor: page.nextCursor };
  }

  async create(actor: Actor, request: CreateCandidateRequest): Promise<Candidate> {
    authorizeCandidates(actor, 'create');
    const id = randomUUID();
    const email = request.email.toLowerCase();
    const locale = request.locale ?? (await this.defaultLocale());
    await this.repository.insert({
      id,
      name: request.name,
      email,
      timeZone: request.timeZone,
      pronouns: request.pronouns || null,
      accommodations: request.accommodations || null,
      locale,
      createdAt: DateTime.utc().toISO(),
      createdBy: actor.id,
      terms: candidateSearchTerms(request.name, email),
    });
    const [created] = await this.disclose(actor, [(await this.repository.find(id))!]);
    return created!;
  }

  /**
   * Changes the language the candidate's next messages and their portal are in. Those who may
   * see the candidate's contact details may change it; to anyone else the candidate is not there.
   */
  async update(actor: Actor, id: string, request: UpdateCandidateRequest): Promise<Candidate> {
    authorizeCandidates(actor, 'update');
    const row = await this.repository.find(id);
    const [visible] = row ? await this.disclose(actor, [row]) : [];
    if (!visible || visible.withheld.contact) throw new AppError('not_found', 'No such candidate.');
    await this.repository.setLocale(id, request.locale);
    return { ...visible, locale: request.locale };
  }
}

export function candidatesRoutes(candidates: CandidatesService) {
  return [
    implement(candidatesApi.list, {
      summary:
        'One page of candidates by name, optionally searched (admins and interviewers); email, pronouns and accommodations only with a need to know',
      access: 'signed_in',
      handler: async ({ actor, query }) => candidates.list(actor, query),
    }),
    implement(candidatesApi.create, {
      summary: 'Add a candidate',
      access: 'signed_in',
      handler: async ({ actor, body }) => ({ candidate: await candidates.create(actor, body) }),
    }),
    implement(candidatesApi.update, {
      summary:
        "Change the language a candidate's messages and portal are in (those who see their contact details)",
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        candidate: await candidates.update(actor, params.id, body),
      }),
    }),
  ];
}
