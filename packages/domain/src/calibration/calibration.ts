import {
  type DecisionOutcome,
  decisionOutcomes,
  type Recommendation,
  recommendations,
} from '../scorecard.ts';
import { ordinalAlphaFromCoincidences } from './krippendorff-alpha.ts';

/**
 * Calibration across interviewers: how each one rates against the colleagues who saw the same
 * candidate, how far the panel agrees, and what the interviews led to. Pure: the server reads
 * one period's rows (already scoped to what the reader may see) and hands them here.
 */

/** Below this many rated interviews, an interviewer's figures say more about chance than about them. */
export const MINIMUM_INTERVIEWS_TO_CALIBRATE = 5;

/** The scale every focus attribute is rated on. */
export const ratingScores = [1, 2, 3, 4] as const;

export interface CalibrationInterview {
  id: string;
  positionId: string;
  taskId: string;
  outcome: DecisionOutcome | null;
  decidedAt: string | null;
  /** The decision deadline told to the candidate in the retrospective, if one was. */
  deadline: string | null;
  /** From the start of pairing to its end; null when pairing never ended. */
  pairingMinutes: number | null;
  leverPulls: { easier: number; harder: number };
}

/** One panel member's submitted scorecard. */
export interface CalibrationScorecard {
  interviewId: string;
  authorId: string;
  recommendation: Recommendation | null;
  ratings: readonly { attribute: string; score: number }[];
  /** From the start of refinement to this scorecard's submission. */
  refinementMinutes: number | null;
}

/** A panel member's bias-check figures over the period: words written, phrases flagged, phrases kept. */
export interface CalibrationBiasFigures {
  authorId: string;
  words: number;
  findings: number;
  kept: number;
}

export interface AttributeCalibration {
  attribute: string;
  /** How often the interviewer gave 1, 2, 3 and 4. */
  own: number[];
  /** How often their co-panelists gave 1–4 to the same candidates on the same attribute. */
  coPanel: number[];
  /** Mean of (own rating − mean of co-panelists' ratings) over the ratings that had co-panelists. */
  leniency: number | null;
  /** How many of the interviewer's ratings had co-panelists to compare with. */
  compared: number;
}

export interface InterviewerCalibration {
  interviewerId: string;
  interviews: number;
  /** Whether there are enough interviews to show figures at all. */
  enough: boolean;
  attributes: AttributeCalibration[];
  leniency: number | null;
  compared: number;
  recommendations: Record<Recommendation, number>;
  biasFindingsPer1000Words: number | null;
  biasKeptShare: number | null;
  meanRefinementMinutes: number | null;
  meanPairingMinutes: number | null;
  deadlines: { met: number; due: number };
}

export interface AttributeAgreement {
  attribute: string;
  alpha: number | null;
  /** Interviews rated on this attribute by at least two panel members. */
  units: number;
}

export interface TaskPositionOutcomes {
  positionId: string;
  taskId: string;
  interviews: number;
  outcomes: Record<DecisionOutcome | 'undecided', number>;
  leverPulls: { easier: number; harder: number; interviewsWithPulls: number };
}

export interface CalibrationFigures {
  interviewers: InterviewerCalibration[];
  agreement: AttributeAgreement[];
  byTaskAndPosition: TaskPositionOutcomes[];
}

export interface CalibrationInput {
  interviews: readonly CalibrationInterview[];
  scorecards: readonly CalibrationScorecard[];
  bias: readonly CalibrationBiasFigures[];
  /** Whose rows to compute; co-panelists outside it still count as the comparison. */
  interviewerIds: readonly string[];
  now: string;
}

export function calibrate(input: CalibrationInput): CalibrationFigures {
  const figures = new CalibrationAccumulator(input.now);
  figures.add(input.interviews, input.scorecards);
  return figures.result(input.interviewerIds, input.bias);
}

/** Running sums of one interviewer's figures: every one of them adds up interview by interview. */
interface InterviewerSums {
  cards: number;
  attributes: Map<string, { own: number[]; coPanel: number[]; differenceSum: number; compared: number }>;
  recommendations: Map<string, number>;
  refinement: { sum: number; count: number };
  pairing: { sum: number; count: number };
  deadlines: { met: number; due: number };
}

/**
 * calibrate() one batch of interviews at a time, for a period too large to compute in one go
 * without holding the event loop: every figure is a sum over interviews (leniency compares only
 * ratings of the same interview, and alpha needs only the coincidence counts, which add up), so
 * the server reads and adds a few hundred interviews, yields, and reads on. A batch must carry
 * every submitted scorecard of its interviews, and no interview may come in two batches.
 */
export class CalibrationAccumulator {
  private readonly interviewers = new Map<string, InterviewerSums>();
  /** attribute → coincidence counts o_ck (value c → value k → weight), and the units rated by two or more. */
  private readonly agreement = new Map<
    string,
    { coincidences: Map<number, Map<number, number>>; units: number }
  >();
  private readonly groups = new Map<string, TaskPositionOutcomes>();

  constructor(private readonly now: string) {}

  add(interviews: readonly CalibrationInterview[], scorecards: readonly CalibrationScorecard[]): void {
    const byId = new Map(interviews.map((interview) => [interview.id, interview]));
    // A unit is one interview's ratings of one attribute: "attribute interview" → each author's score.
    const units = new Map<string, Array<{ author: string; score: number }>>();
    const cards = scorecards.filter((card) => byId.has(card.interviewId));
    for (const card of cards) {
      for (const rating of card.ratings) {
        getOrSet(units, `${rating.attribute}\u0000${card.interviewId}`, () => []).push({
          author: card.authorId,
          score: rating.score,
        });
      }
    }
    for (const [key, unit] of units) {
      const attribute = key.slice(0, key.indexOf('\u0000'));
      const agreement = getOrSet(this.agreement, attribute, () => ({ coincidences: new Map(), units: 0 }));
      if (unit.length < 2) continue;
      agreement.units += 1;
      const weight = 1 / (unit.length - 1);
      for (let i = 0; i < unit.length; i++) {
        const row = getOrSet(agreement.coincidences, unit[i]!.score, () => new Map<number, number>());
        for (let j = 0; j < unit.length; j++) {
          if (i === j) continue;
          row.set(unit[j]!.score, (row.get(unit[j]!.score) ?? 0) + weight);
        }
      }
    }

    for (const card of cards) {
      const sums = getOrSet(this.interviewers, card.authorId, emptySums);
      const interview = byId.get(card.interviewId)!;
      sums.cards += 1;
      for (const rating of card.ratings) {
        const figures = getOrSet(sums.attributes, rating.attribute, () => ({
          own: [0, 0, 0, 0],
          coPanel: [0, 0, 0, 0],
          differenceSum: 0,
          compared: 0,
        }));
        countScore(figures.own, rating.score);
        // The hot loop (every rating of every interviewer): no arrays made per rating.
        let sum = 0;
        let others = 0;
        for (const { author, score } of units.get(`${rating.attribute}\u0000${card.interviewId}`)!) {
          if (author === card.authorId) continue;
          countScore(figures.coPanel, score);
          sum += score;
          others += 1;
        }
        if (others > 0) {
          figures.differenceSum += rating.score - sum / others;
          figures.compared += 1;
        }
      }
      if (card.recommendation !== null) {
        sums.recommendations.set(
          card.recommendation,
          (sums.recommendations.get(card.recommendation) ?? 0) + 1,
        );
      }
      if (card.refinementMinutes !== null) {
        sums.refinement.sum += card.refinementMinutes;
        sums.refinement.count += 1;
      }
      if (interview.pairingMinutes !== null) {
        sums.pairing.sum += interview.pairingMinutes;
        sums.pairing.count += 1;
      }
      if (interview.deadline !== null && (interview.decidedAt !== null || interview.deadline < this.now)) {
        sums.deadlines.due += 1;
        // A deadline is met when the decision came by the end of that day or earlier.
        if (interview.decidedAt !== null && interview.decidedAt <= endOfDay(interview.deadline)) {
          sums.deadlines.met += 1;
        }
      }
    }

    for (const interview of interviews) {
      const group = getOrSet(this.groups, `${interview.positionId} ${interview.taskId}`, () => ({
        positionId: interview.positionId,
        taskId: interview.taskId,
        interviews: 0,
        outcomes: Object.fromEntries([...decisionOutcomes, 'undecided'].map((o) => [o, 0])) as Record<
          DecisionOutcome | 'undecided',
          number
        >,
        leverPulls: { easier: 0, harder: 0, interviewsWithPulls: 0 },
      }));
      group.interviews += 1;
      group.outcomes[interview.outcome ?? 'undecided'] += 1;
      group.leverPulls.easier += interview.leverPulls.easier;
      group.leverPulls.harder += interview.leverPulls.harder;
      if (interview.leverPulls.easier + interview.leverPulls.harder > 0)
        group.leverPulls.interviewsWithPulls += 1;
    }
  }

  /** Whoever submitted a scorecard in the batches so far, in the order first seen. */
  authors(): string[] {
    return [...this.interviewers.keys()];
  }

  /** The figures of `interviewerIds` (co-panelists outside it still counted as the comparison). */
  result(interviewerIds: readonly string[], bias: readonly CalibrationBiasFigures[]): CalibrationFigures {
    const biasByAuthor = new Map(bias.map((figures) => [figures.authorId, figures]));
    const interviewers = interviewerIds.map((interviewerId): InterviewerCalibration => {
      const sums = this.interviewers.get(interviewerId) ?? emptySums();
      const attributes = [...sums.attributes.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([attribute, figures]) => ({
          attribute,
          own: figures.own,
          coPanel: figures.coPanel,
          leniency: figures.compared === 0 ? null : figures.differenceSum / figures.compared,
          compared: figures.compared,
        }));
      let differenceSum = 0;
      let compared = 0;
      for (const figures of sums.attributes.values()) {
        differenceSum += figures.differenceSum;
        compared += figures.compared;
      }
      const figures = biasByAuthor.get(interviewerId);
      return {
        interviewerId,
        interviews: sums.cards,
        enough: sums.cards >= MINIMUM_INTERVIEWS_TO_CALIBRATE,
        attributes,
        leniency: compared === 0 ? null : differenceSum / compared,
        compared,
        recommendations: Object.fromEntries(
          recommendations.map((r) => [r, sums.recommendations.get(r) ?? 0]),
        ) as Record<Recommendation, number>,
        biasFindingsPer1000Words:
          figures && figures.words > 0 ? (figures.findings / figures.words) * 1000 : null,
        biasKeptShare: figures && figures.findings > 0 ? figures.kept / figures.findings : null,
        meanRefinementMinutes:
          sums.refinement.count === 0 ? null : sums.refinement.sum / sums.refinement.count,
        meanPairingMinutes: sums.pairing.count === 0 ? null : sums.pairing.sum / sums.pairing.count,
        deadlines: { ...sums.deadlines },
      };
    });
    const agreement = [...this.agreement.keys()].sort().map((attribute): AttributeAgreement => {
      const { coincidences, units } = this.agreement.get(attribute)!;
      return { attribute, alpha: ordinalAlphaFromCoincidences(coincidences), units };
    });
    return { interviewers, agreement, byTaskAndPosition: [...this.groups.values()] };
  }
}

function emptySums(): InterviewerSums {
  return {
    cards: 0,
    attributes: new Map(),
    recommendations: new Map(),
    refinement: { sum: 0, count: 0 },
    pairing: { sum: 0, count: 0 },
    deadlines: { met: 0, due: 0 },
  };
}

/** A deadline is a calendar day ("2026-03-14") or an instant; a day lasts until its end in UTC. */
function endOfDay(deadline: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(deadline) ? `${deadline}T23:59:59.999Z` : deadline;
}

function countScore(counts: number[], score: number): void {
  if (score >= 1 && score <= 4) counts[score - 1]! += 1;
}

function getOrSet<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
