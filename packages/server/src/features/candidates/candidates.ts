import { randomUUID } from 'node:crypto';
import {
  type Candidate,
  type CreateCandidateRequest,
  candidate,
  candidateList,
  createCandidateRequest,
  forbidden,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
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

  list(actor: Actor): Promise<Candidate[]> {
    if (!mayManageCandidates(actor)) throw forbidden();
    return this.query().orderBy('name').execute();
  }

  async create(actor: Actor, request: CreateCandidateRequest): Promise<Candidate> {
    if (!mayManageCandidates(actor)) throw forbidden('Only interviewers and admins can add candidates.');
    const id = randomUUID();
    await this.db
      .insertInto('candidates')
      .values({
        id,
        name: request.name,
        email: request.email.toLowerCase(),
        time_zone: request.timeZone,
        pronouns: request.pronouns || null,
        accommodations: request.accommodations || null,
        created_at: DateTime.utc().toISO(),
      })
      .execute();
    return (await this.query().where('id', '=', id).executeTakeFirst())!;
  }
}

export function candidatesRoutes(candidates: CandidatesService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/candidates',
      summary: 'Candidates (admins and interviewers)',
      access: 'signed_in',
      response: candidateList,
      handler: async ({ actor }) => ({ candidates: await candidates.list(actor) }),
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
