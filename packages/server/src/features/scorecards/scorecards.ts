import {
  AppError,
  biasChecklistIds,
  dayDurationsOf,
  evidenceRefusal,
  type FocusAttribute,
  guardRefinementEnd,
  type MyScorecard,
  nextStage,
  type Scorecard,
  scorecardRefusal,
  type scorecardRequest,
  scorecardsApi,
  unprocessable,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { implement } from '../../platform/http/route.ts';
import type { InterviewEventLog } from '../interviews/event-log.ts';
import type { InterviewsRepository } from '../interviews/repository.ts';
import type { InterviewsService } from '../interviews/service.ts';
import type { ScorecardsRepository, StoredScorecard } from './repository.ts';

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
    private readonly scorecards: ScorecardsRepository,
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
      focusAttributes: card?.focusAttributes ?? (await this.scorecards.positionAttributes(interviewId)),
    };
  }

  /** `position`: the position's attributes when the caller already has them (drafts follow them). */
  async list(interviewId: string, position?: FocusAttribute[]): Promise<Scorecard[]> {
    const rows = await this.scorecards.list(interviewId);
    const current =
      position ??
      (rows.some((row) => !row.focusAttributes) ? await this.scorecards.positionAttributes(interviewId) : []);
    return rows.map((row) => toScorecard(row, current));
  }

  async saveDraft(actor: Actor, interviewId: string, request: ScorecardValues): Promise<MyScorecard> {
    const { process, reader } = await this.interviews.accessWithPanel(actor, interviewId, 'take_notes');
    const refusal = scorecardRefusal(process, reader, 'rate');
    if (refusal) throw refusal;
    const existing = await this.scorecards.find(interviewId, actor.id);
    // A rating of an attribute the admin removed meanwhile is dropped, not refused: refusing would
    // stop the autosave of everything else (the impression among it) until a reload. The answer
    // carries the current attributes, and the form follows them.
    // The attributes the interview's position rates on today; a draft follows them.
    const position = await this.scorecards.positionAttributes(interviewId);
    const rated = new Set(position.map((a) => a.id));
    const ratings = request.ratings.filter((rating) => rated.has(rating.attribute));
    // A link to one's own note deleted meanwhile is not refused (autosave keeps going); the
    // submission's completeness check does not count it.
    const evidence = evidenceRefusal(ratings, await this.scorecards.ownNoteIds(interviewId, actor.id, true));
    if (evidence) throw evidence;
    const now = DateTime.utc().toISO();
    const draft = {
      ratings,
      impression: request.impression,
      recommendation: request.recommendation,
      biasChecklist: request.biasChecklist,
      updatedAt: now,
      // The structural check compares this with the first note refinement.
      impressionDraftedAt: existing?.impressionDraftedAt ?? (request.impression.trim() ? now : null),
    };
    await this.biasGate?.impressionRevised(
      interviewId,
      actor.id,
      existing?.impression ?? '',
      request.impression,
    );
    await this.scorecards.saveDraft(interviewId, actor.id, draft);
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
    const row = await this.scorecards.find(interviewId, actor.id);
    if (row?.submittedAt) throw new AppError('conflict', 'Your scorecard is already submitted.');
    const refusal = scorecardRefusal(process, reader, 'submit');
    if (refusal) throw refusal;
    if (!row)
      throw unprocessable('Save your ratings and impression first.', { ratings: 'Nothing saved yet.' });
    const card = toScorecard(row, await this.scorecards.positionAttributes(interviewId));
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
      await this.scorecards.lock(trx, interviewId, actor.id, {
        submittedAt: DateTime.utc().toISO(),
        focusAttributes: card.focusAttributes,
        // Only ratings of the frozen attributes: the report shows nothing else.
        ratings: card.ratings.filter((r) => frozen.has(r.attribute)),
      });
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
    const noteIds = await this.scorecards.ownNoteIds(interviewId, card.authorId, false);
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
}

function toScorecard(row: StoredScorecard, positionAttributes: FocusAttribute[]): Scorecard {
  return {
    authorId: row.authorId,
    authorName: row.authorName,
    ratings: row.ratings,
    impression: row.impression,
    recommendation: row.recommendation,
    biasChecklist: row.biasChecklist,
    submittedAt: row.submittedAt,
    updatedAt: row.updatedAt,
    focusAttributes: row.focusAttributes ?? positionAttributes,
  };
}

export function scorecardsRoutes(scorecards: ScorecardsService, interviews: InterviewsService) {
  return [
    implement(scorecardsApi.mine, {
      summary: 'My scorecard for an interview',
      access: 'signed_in',
      handler: async ({ actor, params }) => scorecards.mine(actor, params.id),
    }),
    implement(scorecardsApi.saveDraft, {
      summary: 'Save my scorecard as a draft',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => scorecards.saveDraft(actor, params.id, body),
    }),
    implement(scorecardsApi.submit, {
      summary: "Submit and lock my scorecard; the navigator's submission reports the interview",
      access: 'signed_in',
      handler: async ({ actor, params, body }) => {
        await scorecards.submit(actor, params.id, body.confirmEarly === true);
        return { interview: await interviews.detail(actor, params.id) };
      },
    }),
  ];
}
