import {
  AppError,
  biasChecklistIds,
  dayDurationsOf,
  evidenceRefusal,
  type FocusAttribute,
  guardRefinementEnd,
  idParams,
  interviewDetail,
  type MyScorecard,
  myScorecard,
  nextStage,
  type Rating,
  type Scorecard,
  scorecardRefusal,
  scorecardRequest,
  submitScorecardRequest,
  unprocessable,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { defineRoute } from '../../platform/http/route.ts';
import type { InterviewEventLog } from '../interviews/event-log.ts';
import type { InterviewsRepository } from '../interviews/repository.ts';
import type { InterviewsService } from '../interviews/service.ts';

type ScorecardValues = z.output<typeof scorecardRequest>;
/** The bias check's part in a scorecard (features/bias-check): resolving phrases, spotting rewrites. */
export interface ScorecardBiasGate {
  openFindings(
    interviewId: string,
    authorId: string,
  ): Promise<Array<{ phrase: string; resolution: { review: { status: string } | null } | null }>>;
  impressionRevised(interviewId: string, authorId: string, before: string, after: string): Promise<void>;
}

export class ScorecardsService {
  constructor(
    private readonly db: Db,
    private readonly interviews: InterviewsService,
    private readonly interviewsRepository: InterviewsRepository,
    private readonly log: InterviewEventLog,
    private readonly biasGate?: ScorecardBiasGate,
  ) {}

  async mine(actor: Actor, interviewId: string): Promise<MyScorecard> {
    await this.interviews.access(actor, interviewId, 'take_notes');
    const card = (await this.list(interviewId)).find((c) => c.authorId === actor.id) ?? null;
    return {
      scorecard: card,
      focusAttributes: card?.focusAttributes ?? (await this.positionAttributes(interviewId)),
    };
  }

  /** `position`: the position's attributes when the caller already has them (drafts follow them). */
  async list(interviewId: string, position?: FocusAttribute[]): Promise<Scorecard[]> {
    const rows = await this.db
      .selectFrom('scorecards')
      .innerJoin('users', 'users.id', 'scorecards.author_id')
      .selectAll('scorecards')
      .select('users.name as author_name')
      .where('scorecards.interview_id', '=', interviewId)
      .execute();
    const current =
      position ??
      (rows.some((row) => !row.focus_attributes) ? await this.positionAttributes(interviewId) : []);
    return rows.map((row) => toScorecard(row, current));
  }

  /** The attributes the interview's position rates on today; a draft follows them. */
  private async positionAttributes(interviewId: string): Promise<FocusAttribute[]> {
    const row = await this.db
      .selectFrom('interviews')
      .innerJoin('positions', 'positions.id', 'interviews.position_id')
      .select('positions.focus_attributes')
      .where('interviews.id', '=', interviewId)
      .executeTakeFirstOrThrow();
    return JSON.parse(row.focus_attributes) as FocusAttribute[];
  }

  async saveDraft(actor: Actor, interviewId: string, request: ScorecardValues): Promise<MyScorecard> {
    const { process, reader } = await this.interviews.accessWithPanel(actor, interviewId, 'take_notes');
    const refusal = scorecardRefusal(process, reader, 'rate');
    if (refusal) throw refusal;
    const existing = await this.row(interviewId, actor.id);
    // A rating of an attribute the admin removed meanwhile is dropped, not refused: refusing would
    // stop the autosave of everything else (the impression among it) until a reload. The answer
    // carries the current attributes, and the form follows them.
    const position = await this.positionAttributes(interviewId);
    const rated = new Set(position.map((a) => a.id));
    const ratings = request.ratings.filter((rating) => rated.has(rating.attribute));
    // A link to one's own note deleted meanwhile is not refused (autosave keeps going); the
    // submission's completeness check does not count it.
    const evidence = evidenceRefusal(ratings, await this.ownNoteIds(interviewId, actor.id, true));
    if (evidence) throw evidence;
    const now = DateTime.utc().toISO();
    const values = {
      ratings: JSON.stringify(ratings),
      impression: request.impression,
      recommendation: request.recommendation,
      bias_checklist: JSON.stringify(request.biasChecklist),
      updated_at: now,
      // The structural check compares this with the first note refinement.
      impression_drafted_at: existing?.impression_drafted_at ?? (request.impression.trim() ? now : null),
    };
    await this.biasGate?.impressionRevised(
      interviewId,
      actor.id,
      existing?.impression ?? '',
      request.impression,
    );
    await this.db
      .insertInto('scorecards')
      .values({ interview_id: interviewId, author_id: actor.id, submitted_at: null, ...values })
      .onConflict((conflict) => conflict.columns(['interview_id', 'author_id']).doUpdateSet(values))
      .execute();
    const card = (await this.list(interviewId, position)).find((c) => c.authorId === actor.id)!;
    return { scorecard: card, focusAttributes: position };
  }

  /** Locks the actor's scorecard; the navigator's submission reports the interview to the line manager. */
  async submit(actor: Actor, interviewId: string, confirmEarly = false): Promise<void> {
    const { interview, roles, process, reader } = await this.interviews.accessWithPanel(
      actor,
      interviewId,
      'take_notes',
    );
    const row = await this.row(interviewId, actor.id);
    if (row?.submitted_at) throw new AppError('conflict', 'Your scorecard is already submitted.');
    const refusal = scorecardRefusal(process, reader, 'submit');
    if (refusal) throw refusal;
    if (!row)
      throw unprocessable('Save your ratings and impression first.', { ratings: 'Nothing saved yet.' });
    const card = toScorecard({ ...row, author_name: actor.name }, await this.positionAttributes(interviewId));
    await this.assertComplete(interviewId, card);
    // Refinement's timer is protected for every member, not only the navigator.
    const cutShort = guardRefinementEnd(
      interview.refinement_started_at,
      new Date(),
      confirmEarly,
      dayDurationsOf(interview.day_durations).refinementTimerMinutes,
    );
    const frozen = new Set(card.focusAttributes.map((a) => a.id));
    const isNavigator = roles.includes('navigator');
    const stage = interview.stage;
    // The navigator's submission reports the interview; a shadow's is their own path's end.
    const next = isNavigator ? nextStage(stage, 'submit_report') : null;
    await this.log.transaction(async (trx, record) => {
      await trx
        .updateTable('scorecards')
        .set({
          submitted_at: DateTime.utc().toISO(),
          focus_attributes: JSON.stringify(card.focusAttributes),
          // Only ratings of the frozen attributes: the report shows nothing else.
          ratings: JSON.stringify(card.ratings.filter((r) => frozen.has(r.attribute))),
        })
        .where('interview_id', '=', interviewId)
        .where('author_id', '=', actor.id)
        .execute();
      if (
        next &&
        !(await this.interviewsRepository.updateIfStage(interviewId, stage, { stage: next }, trx))
      ) {
        throw new AppError('conflict', 'The interview changed meanwhile; reload.');
      }
      await record({
        interviewId,
        actorId: actor.id,
        ...(next
          ? { type: 'reported', payload: { from: stage, to: next, ...cutShort } }
          : { type: 'scorecard_submitted', payload: cutShort }),
      });
    });
  }

  private async assertComplete(interviewId: string, card: Scorecard): Promise<void> {
    const fields: Record<string, string> = {};
    const unanswered = biasChecklistIds.filter((id) => !card.biasChecklist[id]?.reflected);
    if (unanswered.length > 0)
      fields.biasChecklist = `Reflect on every item first (${unanswered.length} open).`;
    const noteIds = await this.ownNoteIds(interviewId, card.authorId);
    for (const attribute of card.focusAttributes) {
      const rating = card.ratings.find((r) => r.attribute === attribute.id);
      if (!rating) fields[`ratings.${attribute.id}`] = 'Rate this attribute.';
      else if (!rating.evidenceNoteIds.some((id) => noteIds.has(id))) {
        fields[`ratings.${attribute.id}`] = 'Link at least one note as evidence.';
      }
    }
    if (!card.impression.trim()) fields.impression = 'Write your impression.';
    if (!card.recommendation) fields.recommendation = 'Choose a recommendation.';
    const blocking = (await this.biasGate?.openFindings(interviewId, card.authorId)) ?? [];
    const open = blocking.filter((f) => f.resolution === null || f.resolution.review?.status === 'rejected');
    const awaiting = blocking.filter((f) => f.resolution?.review?.status === 'pending');
    const quoted = (list: typeof blocking) =>
      `${list
        .slice(0, 3)
        .map((f) => `"${f.phrase}"`)
        .join(', ')}${list.length > 3 ? ', …' : ''}`;
    const problems: string[] = [];
    if (open.length > 0) {
      problems.push(
        `Resolve every flagged phrase first (${open.length} open: ${quoted(open)}): rewrite it, or keep it with a reason.`,
      );
    }
    if (awaiting.length > 0) {
      // Protected-category keeps reach the line manager only once someone else has confirmed them.
      problems.push(
        `${awaiting.length} kept phrase${awaiting.length === 1 ? '' : 's'} (${quoted(awaiting)}) await a second reviewer: another panel member who has submitted, or an admin.`,
      );
    }
    if (problems.length > 0) fields.biasCheck = problems.join(' ');
    if (Object.keys(fields).length > 0) {
      throw unprocessable('The scorecard is not complete yet.', fields);
    }
  }

  private async ownNoteIds(interviewId: string, authorId: string, includeDeleted = false) {
    let query = this.db
      .selectFrom('notes')
      .select('id')
      .where('interview_id', '=', interviewId)
      .where('author_id', '=', authorId);
    if (!includeDeleted) query = query.where('deleted_at', 'is', null);
    const rows = await query.execute();
    return new Set(rows.map((note) => note.id));
  }

  private row(interviewId: string, authorId: string) {
    return this.db
      .selectFrom('scorecards')
      .selectAll()
      .where('interview_id', '=', interviewId)
      .where('author_id', '=', authorId)
      .executeTakeFirst();
  }
}

function toScorecard(
  row: Database['scorecards'] & { author_name: string },
  positionAttributes: FocusAttribute[],
): Scorecard {
  return {
    authorId: row.author_id,
    authorName: row.author_name,
    ratings: JSON.parse(row.ratings) as Rating[],
    impression: row.impression,
    recommendation: row.recommendation as Scorecard['recommendation'],
    biasChecklist: JSON.parse(row.bias_checklist) as Scorecard['biasChecklist'],
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    focusAttributes: row.focus_attributes
      ? (JSON.parse(row.focus_attributes) as FocusAttribute[])
      : positionAttributes,
  };
}

export function scorecardsRoutes(scorecards: ScorecardsService, interviews: InterviewsService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/interviews/:id/scorecard',
      summary: 'My scorecard for an interview',
      access: 'signed_in',
      params: idParams,
      response: myScorecard,
      handler: async ({ actor, params }) => scorecards.mine(actor, params.id),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/interviews/:id/scorecard',
      summary: 'Save my scorecard as a draft',
      access: 'signed_in',
      params: idParams,
      body: scorecardRequest,
      response: myScorecard,
      handler: async ({ actor, params, body }) => scorecards.saveDraft(actor, params.id, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/interviews/:id/scorecard/submit',
      summary: "Submit and lock my scorecard; the navigator's submission reports the interview",
      access: 'signed_in',
      params: idParams,
      body: submitScorecardRequest,
      response: z.object({ interview: interviewDetail }),
      handler: async ({ actor, params, body }) => {
        await scorecards.submit(actor, params.id, body.confirmEarly === true);
        return { interview: await interviews.detail(actor, params.id) };
      },
    }),
  ];
}
