import { candidateFeedbackApi, type PositionFeedback } from '@pairwise/domain';
import type { Actor } from '../../platform/auth/actor.ts';
import { implement } from '../../platform/http/route.ts';
import type { CandidateFeedbackRepository } from './repository.ts';

/** Below this many answers for a position, showing them could point at one candidate. */
export const MINIMUM_ANSWERS_TO_SHOW = 3;

/**
 * The candidates' anonymous survey, only ever in aggregate per position: counts, average and
 * the free-text answers sorted alphabetically, so neither order nor timing hints at who wrote what.
 */
export class CandidateFeedbackService {
  constructor(private readonly feedback: CandidateFeedbackRepository) {}

  async byPosition(_actor: Actor): Promise<{ minimumToShow: number; positions: PositionFeedback[] }> {
    const [positions, answers] = await Promise.all([this.feedback.positions(), this.feedback.answers()]);
    return {
      minimumToShow: MINIMUM_ANSWERS_TO_SHOW,
      positions: positions.map((position) => {
        const mine = answers.filter((answer) => answer.position_id === position.id);
        const shown = mine.length >= MINIMUM_ANSWERS_TO_SHOW;
        const scores = [1, 2, 3, 4, 5].map((score) => mine.filter((a) => a.prepared_score === score).length);
        const texts = (pick: (a: (typeof mine)[number]) => string) =>
          shown
            ? mine
                .map(pick)
                .filter((text) => text.trim())
                .sort((a, b) => a.localeCompare(b))
            : [];
        return {
          positionId: position.id,
          title: position.title,
          responses: mine.length,
          shown,
          averageScore: shown
            ? Math.round((mine.reduce((sum, a) => sum + a.prepared_score, 0) / mine.length) * 10) / 10
            : null,
          scores: shown ? scores : [],
          surprises: texts((a) => a.surprise),
          comments: texts((a) => a.comments),
        };
      }),
    };
  }
}

export function candidateFeedbackRoutes(feedback: CandidateFeedbackService) {
  return [
    implement(candidateFeedbackApi.byPosition, {
      summary: "Candidates' anonymous survey answers, in aggregate per position",
      access: 'signed_in',
      handler: async ({ actor }) => feedback.byPosition(actor),
    }),
  ];
}
