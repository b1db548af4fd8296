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

/**
 * Scores, weights and minutes are summed as integers so that sums add and subtract exactly, in any
 * order (the server keeps them per month and day, and takes an interview's old figures out when it
 * changes): a co-panelist mean and a coincidence weight 1/(m − 1) are fractions, kept as multiples
 * of 1/SCALE, which is exact for panels of up to 13; minutes are kept as milliseconds.
 */
export const CALIBRATION_SCALE = 360_360;

/** Running sums of one interviewer's figures: every one of them adds up interview by interview. */
export interface InterviewerSums {
  cards: number;
  attributes: Record<
    string,
    {
      own: number[];
      coPanel: number[];
      /** Σ (own − co-panelists' mean) × CALIBRATION_SCALE. */
      differenceSum: number;
      compared: number;
      /** Ratings given, in range or not: the attribute is listed while this is above zero. */
      ratings: number;
    }
  >;
  recommendations: Record<string, number>;
  /** Milliseconds and how many were summed. */
  refinement: { sum: number; count: number };
  pairing: { sum: number; count: number };
  /** Deadlines of decided interviews: met, and due (every decided one). */
  deadlines: { met: number; due: number };
  /** Deadlines of undecided interviews, by deadline: due once the deadline has passed, which depends on now. */
  pending: Record<string, number>;
}

/**
 * Every figure of a set of interviews as plain sums (JSON as it is): what the server keeps per
 * interview, and per month and day, and adds up for a period.
 */
export interface CalibrationSums {
  interviewers: Record<string, InterviewerSums>;
  /** attribute → coincidence counts × CALIBRATION_SCALE keyed "c k", the units rated by two or more, the ratings. */
  agreement: Record<string, { coincidences: Record<string, number>; units: number; ratings: number }>;
  /** "positionId taskId" → outcomes and lever pulls. */
  groups: Record<string, TaskPositionOutcomes>;
  /** author → words written, bias findings resolved, kept. */
  bias: Record<string, { words: number; findings: number; kept: number }>;
}

export function emptyCalibrationSums(): CalibrationSums {
  return { interviewers: {}, agreement: {}, groups: {}, bias: {} };
}

/**
 * calibrate() one batch of interviews at a time, for a period too large to compute in one go
 * without holding the event loop: every figure is a sum over interviews (leniency compares only
 * ratings of the same interview, and alpha needs only the coincidence counts, which add up), so
 * sums of batches, or of months kept by the server (addSums), give the same figures. A batch must
 * carry every submitted scorecard of its interviews, and no interview may come in two batches.
 */
export class CalibrationAccumulator {
  private readonly state: CalibrationSums = emptyCalibrationSums();

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
      const agreement = entry(this.state.agreement, attribute, () => ({
        coincidences: {},
        units: 0,
        ratings: 0,
      }));
      agreement.ratings += unit.length;
      if (unit.length < 2) continue;
      agreement.units += 1;
      const weight = scaled(1, unit.length - 1);
      for (let i = 0; i < unit.length; i++) {
        for (let j = 0; j < unit.length; j++) {
          if (i === j) continue;
          const pair = `${unit[i]!.score} ${unit[j]!.score}`;
          agreement.coincidences[pair] = (agreement.coincidences[pair] ?? 0) + weight;
        }
      }
    }
    for (const card of cards) {
      const sums = entry(this.state.interviewers, card.authorId, () => emptySums());
      const interview = byId.get(card.interviewId)!;
      sums.cards += 1;
      for (const rating of card.ratings) {
        const figures = entry(sums.attributes, rating.attribute, () => ({
          own: [0, 0, 0, 0],
          coPanel: [0, 0, 0, 0],
          differenceSum: 0,
          compared: 0,
          ratings: 0,
        }));
        figures.ratings += 1;
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
          figures.differenceSum += scaled(rating.score * others - sum, others);
          figures.compared += 1;
        }
      }
      if (card.recommendation !== null) {
        sums.recommendations[card.recommendation] = (sums.recommendations[card.recommendation] ?? 0) + 1;
      }
      if (card.refinementMinutes !== null) {
        sums.refinement.sum += Math.round(card.refinementMinutes * 60_000);
        sums.refinement.count += 1;
      }
      if (interview.pairingMinutes !== null) {
        sums.pairing.sum += Math.round(interview.pairingMinutes * 60_000);
        sums.pairing.count += 1;
      }
      if (interview.deadline !== null) {
        if (interview.decidedAt !== null) {
          sums.deadlines.due += 1;
          // A deadline is met when the decision came by the end of that day or earlier.
          if (interview.decidedAt <= endOfDay(interview.deadline)) sums.deadlines.met += 1;
        } else {
          sums.pending[interview.deadline] = (sums.pending[interview.deadline] ?? 0) + 1;
        }
      }
    }
    for (const interview of interviews) {
      const group = entry(this.state.groups, `${interview.positionId} ${interview.taskId}`, () => ({
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

  /** Words written and bias findings resolved by one author, added to the sums. */
  addBias(authorId: string, figures: { words: number; findings: number; kept: number }): void {
    const bias = entry(this.state.bias, authorId, () => ({ words: 0, findings: 0, kept: 0 }));
    bias.words += figures.words;
    bias.findings += figures.findings;
    bias.kept += figures.kept;
  }

  /**
   * Adds (sign 1) or takes out (sign −1) sums kept earlier; an entry whose every figure reaches zero
   * is dropped (so a difference of two sums is a sum too: what changed, and nothing else).
   */
  addSums(sums: CalibrationSums, sign: 1 | -1 = 1): void {
    for (const [authorId, other] of Object.entries(sums.interviewers)) {
      const own = entry(this.state.interviewers, authorId, () => emptySums());
      own.cards += sign * other.cards;
      for (const [attribute, figures] of Object.entries(other.attributes)) {
        const mine = entry(own.attributes, attribute, () => ({
          own: [0, 0, 0, 0],
          coPanel: [0, 0, 0, 0],
          differenceSum: 0,
          compared: 0,
          ratings: 0,
        }));
        figures.own.forEach((count, i) => {
          mine.own[i]! += sign * count;
        });
        figures.coPanel.forEach((count, i) => {
          mine.coPanel[i]! += sign * count;
        });
        mine.differenceSum += sign * figures.differenceSum;
        mine.compared += sign * figures.compared;
        mine.ratings += sign * figures.ratings;
        if (allZero(mine)) delete own.attributes[attribute];
      }
      addCounts(own.recommendations, other.recommendations, sign);
      addCounts(own.pending, other.pending, sign);
      own.refinement.sum += sign * other.refinement.sum;
      own.refinement.count += sign * other.refinement.count;
      own.pairing.sum += sign * other.pairing.sum;
      own.pairing.count += sign * other.pairing.count;
      own.deadlines.met += sign * other.deadlines.met;
      own.deadlines.due += sign * other.deadlines.due;
      if (allZero(own)) delete this.state.interviewers[authorId];
    }
    for (const [attribute, other] of Object.entries(sums.agreement)) {
      const mine = entry(this.state.agreement, attribute, () => ({ coincidences: {}, units: 0, ratings: 0 }));
      addCounts(mine.coincidences, other.coincidences, sign);
      mine.units += sign * other.units;
      mine.ratings += sign * other.ratings;
      if (allZero(mine)) delete this.state.agreement[attribute];
    }
    for (const [key, other] of Object.entries(sums.groups)) {
      const mine = entry(this.state.groups, key, () => ({
        positionId: other.positionId,
        taskId: other.taskId,
        interviews: 0,
        outcomes: Object.fromEntries([...decisionOutcomes, 'undecided'].map((o) => [o, 0])) as Record<
          DecisionOutcome | 'undecided',
          number
        >,
        leverPulls: { easier: 0, harder: 0, interviewsWithPulls: 0 },
      }));
      mine.interviews += sign * other.interviews;
      for (const outcome of Object.keys(mine.outcomes) as Array<DecisionOutcome | 'undecided'>) {
        mine.outcomes[outcome] += sign * (other.outcomes[outcome] ?? 0);
      }
      mine.leverPulls.easier += sign * other.leverPulls.easier;
      mine.leverPulls.harder += sign * other.leverPulls.harder;
      mine.leverPulls.interviewsWithPulls += sign * other.leverPulls.interviewsWithPulls;
      if (allZero(mine)) delete this.state.groups[key];
    }
    for (const [authorId, other] of Object.entries(sums.bias)) {
      const mine = entry(this.state.bias, authorId, () => ({ words: 0, findings: 0, kept: 0 }));
      mine.words += sign * other.words;
      mine.findings += sign * other.findings;
      mine.kept += sign * other.kept;
      if (allZero(mine)) delete this.state.bias[authorId];
    }
  }

  /** The sums so far, as plain JSON (a copy). */
  sums(): CalibrationSums {
    return structuredClone(this.state);
  }

  /** Whether nothing has been added, or everything added was taken out again. */
  isEmpty(): boolean {
    const { interviewers, agreement, groups, bias } = this.state;
    return [interviewers, agreement, groups, bias].every((part) => Object.keys(part).length === 0);
  }

  /** Whoever submitted a scorecard in the batches so far, in the order first seen. */
  authors(): string[] {
    return Object.keys(this.state.interviewers);
  }

  /**
   * The figures of `interviewerIds` (co-panelists outside it still counted as the comparison);
   * bias figures from `bias` when given, else from the sums' own (addBias, addSums).
   */
  result(interviewerIds: readonly string[], bias?: readonly CalibrationBiasFigures[]): CalibrationFigures {
    const biasByAuthor = new Map(
      bias
        ? bias.map((figures) => [figures.authorId, figures])
        : Object.entries(this.state.bias).map(([authorId, figures]) => [authorId, { authorId, ...figures }]),
    );
    const interviewers = interviewerIds.map((interviewerId): InterviewerCalibration => {
      const sums = this.state.interviewers[interviewerId] ?? emptySums();
      const attributes = Object.entries(sums.attributes)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([attribute, figures]) => ({
          attribute,
          own: figures.own,
          coPanel: figures.coPanel,
          leniency:
            figures.compared === 0 ? null : figures.differenceSum / CALIBRATION_SCALE / figures.compared,
          compared: figures.compared,
        }));
      let differenceSum = 0;
      let compared = 0;
      for (const figures of Object.values(sums.attributes)) {
        differenceSum += figures.differenceSum;
        compared += figures.compared;
      }
      const { met } = sums.deadlines;
      let { due } = sums.deadlines;
      for (const [deadline, count] of Object.entries(sums.pending)) {
        // Undecided: due once the deadline has passed.
        if (deadline < this.now) due += count;
      }
      const figures = biasByAuthor.get(interviewerId);
      return {
        interviewerId,
        interviews: sums.cards,
        enough: sums.cards >= MINIMUM_INTERVIEWS_TO_CALIBRATE,
        attributes,
        leniency: compared === 0 ? null : differenceSum / CALIBRATION_SCALE / compared,
        compared,
        recommendations: Object.fromEntries(
          recommendations.map((r) => [r, sums.recommendations[r] ?? 0]),
        ) as Record<Recommendation, number>,
        biasFindingsPer1000Words:
          figures && figures.words > 0 ? (figures.findings / figures.words) * 1000 : null,
        biasKeptShare: figures && figures.findings > 0 ? figures.kept / figures.findings : null,
        meanRefinementMinutes:
          sums.refinement.count === 0 ? null : sums.refinement.sum / sums.refinement.count / 60_000,
        meanPairingMinutes: sums.pairing.count === 0 ? null : sums.pairing.sum / sums.pairing.count / 60_000,
        deadlines: { met, due },
      };
    });
    const agreement = Object.keys(this.state.agreement)
      .sort()
      .map((attribute): AttributeAgreement => {
        const { coincidences, units } = this.state.agreement[attribute]!;
        const matrix = new Map<number, Map<number, number>>();
        for (const [pair, weight] of Object.entries(coincidences)) {
          if (weight === 0) continue;
          const [c, k] = pair.split(' ').map(Number) as [number, number];
          getOrSet(matrix, c, () => new Map<number, number>()).set(k, weight / CALIBRATION_SCALE);
        }
        return { attribute, alpha: ordinalAlphaFromCoincidences(matrix), units };
      });
    return {
      interviewers,
      agreement,
      byTaskAndPosition: Object.values(this.state.groups).map((group) => structuredClone(group)),
    };
  }
}

/** numerator / denominator in units of 1/CALIBRATION_SCALE (exact when the denominator divides it). */
function scaled(numerator: number, denominator: number): number {
  return Math.round((numerator * CALIBRATION_SCALE) / denominator);
}

/** The record's entry for `key`, created first if missing. */
function entry<V>(record: Record<string, V>, key: string, create: () => NoInfer<V>): V {
  let value = record[key];
  if (value === undefined) {
    value = create();
    record[key] = value;
  }
  return value;
}

/** Whether every number in a figure's entry (names aside) is zero. */
function allZero(value: unknown): boolean {
  if (typeof value === 'number') return value === 0;
  if (typeof value === 'string') return true;
  if (Array.isArray(value)) return value.every(allZero);
  if (value && typeof value === 'object') return Object.values(value).every(allZero);
  return true;
}

function addCounts(target: Record<string, number>, other: Record<string, number>, sign: 1 | -1): void {
  for (const [key, count] of Object.entries(other)) {
    const next = (target[key] ?? 0) + sign * count;
    if (next === 0) delete target[key];
    else target[key] = next;
  }
}

function emptySums(): InterviewerSums {
  return {
    cards: 0,
    attributes: {},
    recommendations: {},
    refinement: { sum: 0, count: 0 },
    pairing: { sum: 0, count: 0 },
    deadlines: { met: 0, due: 0 },
    pending: {},
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
