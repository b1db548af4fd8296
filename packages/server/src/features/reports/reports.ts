import {
  AppError,
  daysUntil,
  decisionRequest,
  idParams,
  nextStage,
  type Report,
  report,
  type Stage,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { defineRoute } from '../../platform/http/route.ts';
import type { InterviewEventLog } from '../interviews/event-log.ts';
import { can } from '../interviews/policy.ts';
import type { InterviewsRepository } from '../interviews/repository.ts';
import type { InterviewsService } from '../interviews/service.ts';
import type { NotesRepository } from '../notes/repository.ts';
import type { RetrospectivesService } from '../retrospectives/retrospectives.ts';
import type { ScorecardsService } from '../scorecards/scorecards.ts';

const reportedStages: readonly Stage[] = ['reported', 'decided'];

/** What the line manager acts on: everything the panel recorded, once the impression is in. */
export class ReportsService {
  constructor(
    private readonly db: Db,
    private readonly interviews: InterviewsService,
    private readonly notes: NotesRepository,
    private readonly retrospectives: RetrospectivesService,
    private readonly scorecards: ScorecardsService,
    private readonly interviewsRepository: InterviewsRepository,
    private readonly log: InterviewEventLog,
  ) {}

  async get(actor: Actor, interviewId: string): Promise<Report> {
    const { interview, roles, shadowIds } = await this.interviews.access(actor, interviewId, 'view');
    if (!reportedStages.includes(interview.stage as Stage)) {
      throw new AppError(
        'conflict',
        'The report is available once the navigator has submitted the impression.',
      );
    }
    const detail = await this.interviews.detail(actor, interviewId);
    const [notes, retrospective, scorecards, decision] = await Promise.all([
      this.notes.list(interviewId),
      this.retrospectives.read(interviewId),
      this.scorecards.list(interviewId),
      this.db
        .selectFrom('decisions')
        .innerJoin('users', 'users.id', 'decisions.decided_by')
        .select(['decisions.outcome', 'decisions.note', 'decisions.decided_at', 'users.name'])
        .where('decisions.interview_id', '=', interviewId)
        .executeTakeFirst(),
    ]);
    const panel = [interview.navigator_id, ...shadowIds];
    const everyoneSubmitted = panel.every((id) =>
      scorecards.some((card) => card.authorId === id && card.submittedAt),
    );
    const deadline = retrospective?.deadline ?? null;
    return {
      interviewId,
      candidateName: detail.candidate.name,
      positionTitle: detail.position.title,
      taskTitle: detail.task.title,
      navigatorName: detail.navigator.name,
      startsAt: interview.starts_at,
      stage: interview.stage,
      deadline,
      daysLeft: deadline ? daysUntil(deadline, new Date(), interview.time_zone) : null,
      notes,
      retrospective,
      // Independent judgement: a panel member's ratings appear side by side only once all submitted.
      scorecards: scorecards.filter(
        (card) => card.submittedAt && (everyoneSubmitted || card.authorId === interview.navigator_id),
      ),
      decision: decision
        ? {
            outcome: decision.outcome as never,
            note: decision.note,
            decidedAt: decision.decided_at,
            decidedByName: decision.name,
          }
        : null,
      events: detail.events,
      canDecide: can(roles, 'decide') && interview.stage === 'reported',
    };
  }

  async decide(
    actor: Actor,
    interviewId: string,
    request: z.output<typeof decisionRequest>,
  ): Promise<Report> {
    const { interview } = await this.interviews.access(actor, interviewId, 'decide');
    const stage = interview.stage as Stage;
    const next = nextStage(stage, 'decide');
    await this.log.transaction(async (trx, record) => {
      if (!(await this.interviewsRepository.updateIfStage(interviewId, stage, { stage: next }, trx))) {
        throw new AppError('conflict', 'The interview changed meanwhile; reload.');
      }
      await trx
        .insertInto('decisions')
        .values({
          interview_id: interviewId,
          outcome: request.outcome,
          note: request.note,
          decided_by: actor.id,
          decided_at: DateTime.utc().toISO(),
        })
        .execute();
      await record({
        interviewId,
        type: 'decided',
        actorId: actor.id,
        payload: { from: stage, to: next, outcome: request.outcome },
      });
    });
    return this.get(actor, interviewId);
  }
}

export function reportsRoutes(reports: ReportsService) {
  const response = z.object({ report });
  return [
    defineRoute({
      method: 'GET',
      url: '/api/interviews/:id/report',
      summary: 'The report for the line manager',
      access: 'signed_in',
      params: idParams,
      response,
      handler: async ({ actor, params }) => ({ report: await reports.get(actor, params.id) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/interviews/:id/decision',
      summary: "Record the line manager's decision",
      access: 'signed_in',
      params: idParams,
      body: decisionRequest,
      response,
      handler: async ({ actor, params, body }) => ({ report: await reports.decide(actor, params.id, body) }),
    }),
  ];
}
