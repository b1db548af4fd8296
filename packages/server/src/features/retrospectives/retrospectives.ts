import {
  AppError,
  idParams,
  type Retrospective,
  type RetrospectiveRequest,
  retrospective,
  retrospectiveOpen,
  retrospectiveRefusal,
  retrospectiveRequest,
} from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { defineRoute } from '../../platform/http/route.ts';
import type { InterviewsService } from '../interviews/service.ts';

export class RetrospectivesService {
  constructor(
    private readonly db: Db,
    private readonly interviews: InterviewsService,
  ) {}

  async get(actor: Actor, interviewId: string): Promise<Retrospective | null> {
    await this.interviews.access(actor, interviewId, 'view');
    return this.read(interviewId);
  }

  async read(interviewId: string): Promise<Retrospective | null> {
    const row = await this.db
      .selectFrom('retrospectives')
      .selectAll()
      .where('interview_id', '=', interviewId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      sharedNoteIds: JSON.parse(row.shared_note_ids) as string[],
      answers: JSON.parse(row.answers) as Retrospective['answers'],
      deadline: row.deadline,
      nextSteps: row.next_steps,
      updatedAt: row.updated_at,
    };
  }

  async save(actor: Actor, interviewId: string, request: RetrospectiveRequest): Promise<Retrospective> {
    const { interview } = await this.interviews.access(actor, interviewId, 'drive');
    if (!retrospectiveOpen(interview.stage)) {
      throw new AppError(
        'illegal_transition',
        'The retrospective is recorded after the break, before the impression is submitted.',
      );
    }
    const refusal = retrospectiveRefusal(request, {
      interviewDate: interviewDay(interview),
      today: DateTime.utc().toISODate()!,
      notes: await this.db
        .selectFrom('notes')
        .select(['id', 'tags'])
        .where('interview_id', '=', interviewId)
        .where('deleted_at', 'is', null)
        .execute()
        .then((rows) => rows.map((row) => ({ id: row.id, tags: JSON.parse(row.tags) as string[] }))),
    });
    if (refusal) throw refusal;
    const values = {
      shared_note_ids: JSON.stringify(request.sharedNoteIds),
      answers: JSON.stringify(request.answers),
      deadline: request.deadline,
      next_steps: request.nextSteps,
      updated_at: DateTime.utc().toISO(),
    };
    await this.db
      .insertInto('retrospectives')
      .values({ interview_id: interviewId, ...values })
      .onConflict((conflict) => conflict.column('interview_id').doUpdateSet(values))
      .execute();
    return (await this.read(interviewId))!;
  }

  /**
   * The candidate's own answer to "by when would you like to hear back?", from their portal.
   * Writes only when no deadline is recorded yet (the navigator's record from the retrospective
   * wins); returns whether it wrote. Runs in the caller's transaction.
   */
  async recordDeadlineIfMissing(
    interviewId: string,
    deadline: string,
    trx: Kysely<Database>,
  ): Promise<boolean> {
    const existing = await trx
      .selectFrom('retrospectives')
      .select('deadline')
      .where('interview_id', '=', interviewId)
      .executeTakeFirst();
    const now = DateTime.utc().toISO();
    if (existing?.deadline) return false;
    if (existing) {
      await trx
        .updateTable('retrospectives')
        .set({ deadline, updated_at: now })
        .where('interview_id', '=', interviewId)
        .where('deadline', 'is', null)
        .execute();
      return true;
    }
    await trx
      .insertInto('retrospectives')
      .values({
        interview_id: interviewId,
        shared_note_ids: '[]',
        answers: JSON.stringify({ solution: '', learned: '', change: '' }),
        deadline,
        next_steps: '',
        updated_at: now,
      })
      .execute();
    return true;
  }
}

/** The day the interview took place, in its own zone: the pairing day, or the planned day before it. */
export function interviewDay(interview: {
  starts_at: string;
  pairing_started_at: string | null;
  time_zone: string;
}) {
  return DateTime.fromISO(interview.pairing_started_at ?? interview.starts_at, {
    zone: interview.time_zone,
  }).toISODate()!;
}

export function retrospectivesRoutes(retrospectives: RetrospectivesService) {
  const response = z.object({ retrospective: retrospective.nullable() });
  return [
    defineRoute({
      method: 'GET',
      url: '/api/interviews/:id/retrospective',
      summary: 'The retrospective: shared notes, answers, deadline, next steps',
      access: 'signed_in',
      params: idParams,
      response,
      handler: async ({ actor, params }) => ({ retrospective: await retrospectives.get(actor, params.id) }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/interviews/:id/retrospective',
      summary: 'Record the retrospective',
      access: 'signed_in',
      params: idParams,
      body: retrospectiveRequest,
      response,
      handler: async ({ actor, params, body }) => ({
        retrospective: await retrospectives.save(actor, params.id, body),
      }),
    }),
  ];
}
