import {
  AppError,
  type Retrospective,
  type RetrospectiveRequest,
  retrospectiveOpen,
  retrospectiveRefusal,
  retrospectivesApi,
} from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/schema.ts';
import { implement } from '../../platform/http/route.ts';
import type { InterviewsService } from '../interviews/service.ts';
import type { RetrospectivesRepository } from './repository.ts';

export class RetrospectivesService {
  constructor(
    private readonly retrospectives: RetrospectivesRepository,
    private readonly interviews: InterviewsService,
  ) {}

  async get(actor: Actor, interviewId: string): Promise<Retrospective | null> {
    await this.interviews.access(actor, interviewId, 'view');
    return this.read(interviewId);
  }

  async read(interviewId: string): Promise<Retrospective | null> {
    return this.retrospectives.find(interviewId);
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
      notes: await this.retrospectives.liveNotes(interviewId),
    });
    if (refusal) throw refusal;
    await this.retrospectives.save(interviewId, request, DateTime.utc().toISO());
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
    return this.retrospectives.recordDeadlineIfMissing(trx, interviewId, deadline, DateTime.utc().toISO());
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
  return [
    implement(retrospectivesApi.get, {
      summary: 'The retrospective: shared notes, answers, deadline, next steps',
      access: 'signed_in',
      handler: async ({ actor, params }) => ({ retrospective: await retrospectives.get(actor, params.id) }),
    }),
    implement(retrospectivesApi.save, {
      summary: 'Record the retrospective',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        retrospective: await retrospectives.save(actor, params.id, body),
      }),
    }),
  ];
}
