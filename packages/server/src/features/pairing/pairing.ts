import { AppError, idParams, tddPhases, unprocessable } from '@pairwise/domain';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { defineRoute } from '../../platform/http/route.ts';
import type { InterviewEventLog } from '../interviews/event-log.ts';
import type { InterviewsService } from '../interviews/service.ts';
import { parseLevers } from '../tasks/repository.ts';

const leverRequest = z.strictObject({ leverId: z.string().min(1).max(64) });
const tddMarkerRequest = z.strictObject({ phase: z.enum(tddPhases) });
const markerResponse = z.object({ seq: z.number(), offsetMs: z.number() });

/** What happens during pairing besides notes: difficulty levers and TDD rhythm markers, both in the log. */
export class PairingService {
  constructor(
    private readonly db: Db,
    private readonly interviews: InterviewsService,
    private readonly log: InterviewEventLog,
  ) {}

  async pullLever(actor: Actor, interviewId: string, leverId: string) {
    const { interview } = await this.interviews.access(actor, interviewId, 'drive');
    const offsetMs = this.offset(interview);
    const task = await this.db
      .selectFrom('tasks')
      .select('levers')
      .where('id', '=', interview.task_id)
      .executeTakeFirstOrThrow();
    const lever = parseLevers(task.levers).find((l) => l.id === leverId);
    if (!lever) throw unprocessable('This task has no such lever.', { leverId: 'Unknown lever.' });
    if (!(JSON.parse(interview.difficulty_plan) as string[]).includes(leverId)) {
      throw unprocessable('This lever is not in the difficulty plan chosen for this candidate.', {
        leverId: 'Not in the plan.',
      });
    }
    const event = await this.log.transaction((_trx, record) =>
      record({
        interviewId,
        type: 'lever_pulled',
        actorId: actor.id,
        payload: { leverId, direction: lever.direction, description: lever.description, offsetMs },
      }),
    );
    return { seq: event.seq, offsetMs };
  }

  async markTdd(actor: Actor, interviewId: string, phase: (typeof tddPhases)[number]) {
    const { interview } = await this.interviews.access(actor, interviewId, 'take_notes');
    const offsetMs = this.offset(interview);
    const task = await this.db
      .selectFrom('tasks')
      .select('tdd_rhythm')
      .where('id', '=', interview.task_id)
      .executeTakeFirstOrThrow();
    if (task.tdd_rhythm !== 1)
      throw new AppError('conflict', 'TDD rhythm markers are switched off for this task.');
    const event = await this.log.transaction((_trx, record) =>
      record({ interviewId, type: 'tdd_marked', actorId: actor.id, payload: { phase, offsetMs } }),
    );
    return { seq: event.seq, offsetMs };
  }

  private offset(interview: { stage: string; pairing_started_at: string | null }): number {
    if (interview.stage !== 'pairing' || !interview.pairing_started_at) {
      throw new AppError('illegal_transition', 'This is recorded while pairing is running.');
    }
    return Date.now() - Date.parse(interview.pairing_started_at);
  }
}

export function pairingRoutes(pairing: PairingService) {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/interviews/:id/levers',
      summary: 'Pull a difficulty lever from the plan; logged with its offset into pairing',
      access: 'signed_in',
      params: idParams,
      body: leverRequest,
      response: markerResponse,
      handler: async ({ actor, params, body }) => pairing.pullLever(actor, params.id, body.leverId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/interviews/:id/tdd-markers',
      summary: 'Mark a red / green / refactor moment',
      access: 'signed_in',
      params: idParams,
      body: tddMarkerRequest,
      response: markerResponse,
      handler: async ({ actor, params, body }) => pairing.markTdd(actor, params.id, body.phase),
    }),
  ];
}
