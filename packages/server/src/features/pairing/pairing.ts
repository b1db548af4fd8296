import { AppError, pairingApi, type tddPhases, unprocessable } from '@pairwise/domain';
import type { Actor } from '../../platform/auth/actor.ts';
import { implement } from '../../platform/http/route.ts';
import type { InterviewEventLog } from '../interviews/event-log.ts';
import { difficultyPlanOf, type InterviewsRepository } from '../interviews/repository.ts';
import type { InterviewsService } from '../interviews/service.ts';

/** What happens during pairing besides notes: difficulty levers and TDD rhythm markers, both in the log. */
export class PairingService {
  constructor(
    // Pairing reads the interview's task and plan; it has no table of its own (its record is the log).
    private readonly interviewsRepository: InterviewsRepository,
    private readonly interviews: InterviewsService,
    private readonly log: InterviewEventLog,
  ) {}

  async pullLever(actor: Actor, interviewId: string, leverId: string) {
    const { interview } = await this.interviews.access(actor, interviewId, 'drive');
    const offsetMs = this.offset(interview);
    const levers = await this.interviewsRepository.taskLevers(interview.task_id);
    const lever = levers.find((l) => l.id === leverId);
    if (!lever) throw unprocessable('This task has no such lever.', { leverId: 'Unknown lever.' });
    if (!difficultyPlanOf(interview).includes(leverId)) {
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
    if (!(await this.interviewsRepository.taskTddRhythm(interview.task_id)))
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
    implement(pairingApi.pullLever, {
      summary: 'Pull a difficulty lever from the plan; logged with its offset into pairing',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => pairing.pullLever(actor, params.id, body.leverId),
    }),
    implement(pairingApi.markTdd, {
      summary: 'Mark a red / green / refactor moment',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => pairing.markTdd(actor, params.id, body.phase),
    }),
  ];
}
