import {
  type DecisionOutcome,
  decisionOutcomes,
  type Recommendation,
  recommendations,
} from '../scorecard.ts';
import { ordinalAlpha } from './krippendorff-alpha.ts';

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
  const interviews = new Map(input.interviews.map((interview) => [interview.id, interview]));
  const cards = input.scorecards.filter((card) => interviews.has(card.interviewId));
  // A unit is one interview's ratings of one attribute: attribute → "interview" → each author's score.
  // One flat map per attribute rather than a map per interview keeps a large period's memory small.
  const units = new Map<string, Map<string, Array<{ author: string; score: number }>>>();
  for (const card of cards) {
    for (const rating of card.ratings) {
      const byInterview = getOrSet(units, rating.attribute, () => new Map());
      getOrSet(byInterview, card.interviewId, () => []).push({ author: card.authorId, score: rating.score });
    }
  }
  const biasByAuthor = new Map(input.bias.map((figures) => [figures.authorId, figures]));
  // Grouped once: a year of a large company is tens of thousands of scorecards and hundreds of interviewers.
  const cardsByAuthor = new Map<string, CalibrationScorecard[]>();
  for (const card of cards) getOrSet(cardsByAuthor, card.authorId, () => []).push(card);

  const interviewers = input.interviewerIds.map((interviewerId): InterviewerCalibration => {
    const own = cardsByAuthor.get(interviewerId) ?? [];
    const attributes = new Map<string, AttributeCalibration & { differences: number[] }>();
    for (const card of own) {
      for (const rating of card.ratings) {
        const figures = getOrSet(attributes, rating.attribute, () => ({
          attribute: rating.attribute,
          own: [0, 0, 0, 0],
          coPanel: [0, 0, 0, 0],
          leniency: null,
          compared: 0,
          differences: [],
        }));
        countScore(figures.own, rating.score);
        // The hot loop (every rating of every interviewer): no arrays made per rating.
        let sum = 0;
        let others = 0;
        for (const { author, score } of units.get(rating.attribute)?.get(card.interviewId) ?? []) {
          if (author === interviewerId) continue;
          countScore(figures.coPanel, score);
          sum += score;
          others += 1;
        }
        if (others > 0) figures.differences.push(rating.score - sum / others);
      }
    }
    const perAttribute = [...attributes.values()]
      .sort((a, b) => a.attribute.localeCompare(b.attribute))
      .map(({ differences, ...figures }) => ({
        ...figures,
        leniency: mean(differences),
        compared: differences.length,
      }));
    const allDifferences = [...attributes.values()].flatMap((figures) => figures.differences);
    const rated = own.map((card) => interviews.get(card.interviewId)!);
    const bias = biasByAuthor.get(interviewerId);
    const withDeadline = rated.filter(
      (interview) =>
        interview.deadline !== null && (interview.decidedAt !== null || interview.deadline < input.now),
    );
    return {
      interviewerId,
      interviews: own.length,
      enough: own.length >= MINIMUM_INTERVIEWS_TO_CALIBRATE,
      attributes: perAttribute,
      leniency: mean(allDifferences),
      compared: allDifferences.length,
      recommendations: Object.fromEntries(
        recommendations.map((r) => [r, own.filter((card) => card.recommendation === r).length]),
      ) as Record<Recommendation, number>,
      biasFindingsPer1000Words: bias && bias.words > 0 ? (bias.findings / bias.words) * 1000 : null,
      biasKeptShare: bias && bias.findings > 0 ? bias.kept / bias.findings : null,
      meanRefinementMinutes: mean(own.flatMap((card) => card.refinementMinutes ?? [])),
      meanPairingMinutes: mean(rated.flatMap((interview) => interview.pairingMinutes ?? [])),
      deadlines: {
        // A deadline is met when the decision came by the end of that day or earlier.
        met: withDeadline.filter(
          (interview) => interview.decidedAt !== null && interview.decidedAt <= endOfDay(interview.deadline!),
        ).length,
        due: withDeadline.length,
      },
    };
  });

  const agreement = [...units.keys()].sort().map((attribute): AttributeAgreement => {
    const values = [...units.get(attribute)!.values()].map((unit) => unit.map((rating) => rating.score));
    return {
      attribute,
      alpha: ordinalAlpha(values),
      units: values.filter((unit) => unit.length >= 2).length,
    };
  });

  const groups = new Map<string, TaskPositionOutcomes>();
  for (const interview of input.interviews) {
    const group = getOrSet(groups, `${interview.positionId} ${interview.taskId}`, () => ({
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

  return { interviewers, agreement, byTaskAndPosition: [...groups.values()] };
}

/** A deadline is a calendar day ("2026-03-14") or an instant; a day lasts until its end in UTC. */
function endOfDay(deadline: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(deadline) ? `${deadline}T23:59:59.999Z` : deadline;
}

function countScore(counts: number[], score: number): void {
  if (score >= 1 && score <= 4) counts[score - 1]! += 1;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
}

function getOrSet<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
