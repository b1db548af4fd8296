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

/** Where each figure sits in an interviewer's `n` array. */
const I_CARDS = 0;
const I_REFINEMENT_SUM = 1;
const I_REFINEMENT_COUNT = 2;
const I_PAIRING_SUM = 3;
const I_PAIRING_COUNT = 4;
const I_MET = 5;
const I_DUE = 6;
/** Then one count per recommendation, in the order of `recommendations`. */
const I_RECOMMENDATIONS = 7;
/** In an attribute's array: own counts of 1–4, co-panelists' counts of 1–4, then these. */
const A_DIFFERENCE = 8;
const A_COMPARED = 9;
const A_RATINGS = 10;
/** In a group's array: interviews, then each outcome (`decisionOutcomes`, then undecided), then the pulls. */
const groupOutcomes = [...decisionOutcomes, 'undecided'] as const;
const G_EASIER = 1 + groupOutcomes.length;
const G_HARDER = G_EASIER + 1;
const G_WITH_PULLS = G_EASIER + 2;

/**
 * Running sums of one interviewer's figures, every one of which adds up interview by interview,
 * as arrays of numbers (the server keeps thousands of them as JSON and reads dozens per request):
 * `n` holds the counts and sums named by the I_ constants (minutes as milliseconds); `a` per
 * attribute: how often they gave 1–4, how often their co-panelists gave 1–4 to the same
 * candidates, Σ (own − co-panelists' mean) × CALIBRATION_SCALE, how many of those, and the
 * ratings given (in range or not: the attribute is listed while above zero); `p` the deadlines of
 * undecided interviews by deadline, due once passed (which depends on now).
 */
export interface InterviewerSums {
  n: number[];
  a: Record<string, number[]>;
  p: Record<string, number>;
}

/**
 * Every figure of a set of interviews as plain sums (JSON as it is): what the server keeps per
 * interview, and per month and day, and adds up for a period.
 */
export interface CalibrationSums {
  interviewers: Record<string, InterviewerSums>;
  /** attribute → coincidence counts × CALIBRATION_SCALE keyed "c k", the units rated by two or more, the ratings. */
  agreement: Record<string, { coincidences: Record<string, number>; units: number; ratings: number }>;
  /** "positionId taskId" → [interviews, offer, next_round, decline, undecided, easier, harder, interviews with pulls]. */
  groups: Record<string, number[]>;
  /** author → [words written, bias findings resolved, kept]. */
  bias: Record<string, number[]>;
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
      const sums = entry(this.state.interviewers, card.authorId, emptySums);
      const interview = byId.get(card.interviewId)!;
      const n = sums.n;
      n[I_CARDS]! += 1;
      for (const rating of card.ratings) {
        const figures = entry(sums.a, rating.attribute, () => new Array<number>(11).fill(0));
        figures[A_RATINGS]! += 1;
        countScore(figures, 0, rating.score);
        // The hot loop (every rating of every interviewer): no arrays made per rating.
        let sum = 0;
        let others = 0;
        for (const { author, score } of units.get(`${rating.attribute}\u0000${card.interviewId}`)!) {
          if (author === card.authorId) continue;
          countScore(figures, 4, score);
          sum += score;
          others += 1;
        }
        if (others > 0) {
          figures[A_DIFFERENCE]! += scaled(rating.score * others - sum, others);
          figures[A_COMPARED]! += 1;
        }
      }
      const recommendation = card.recommendation === null ? -1 : recommendations.indexOf(card.recommendation);
      if (recommendation >= 0) n[I_RECOMMENDATIONS + recommendation]! += 1;
      if (card.refinementMinutes !== null) {
        n[I_REFINEMENT_SUM]! += Math.round(card.refinementMinutes * 60_000);
        n[I_REFINEMENT_COUNT]! += 1;
      }
      if (interview.pairingMinutes !== null) {
        n[I_PAIRING_SUM]! += Math.round(interview.pairingMinutes * 60_000);
        n[I_PAIRING_COUNT]! += 1;
      }
      if (interview.deadline !== null) {
        if (interview.decidedAt !== null) {
          n[I_DUE]! += 1;
          // A deadline is met when the decision came by the end of that day or earlier.
          if (interview.decidedAt <= endOfDay(interview.deadline)) n[I_MET]! += 1;
        } else {
          sums.p[interview.deadline] = (sums.p[interview.deadline] ?? 0) + 1;
        }
      }
    }
    for (const interview of interviews) {
      const group = entry(this.state.groups, `${interview.positionId} ${interview.taskId}`, () =>
        new Array<number>(G_WITH_PULLS + 1).fill(0),
      );
      group[0]! += 1;
      group[1 + groupOutcomes.indexOf(interview.outcome ?? 'undecided')]! += 1;
      group[G_EASIER]! += interview.leverPulls.easier;
      group[G_HARDER]! += interview.leverPulls.harder;
      if (interview.leverPulls.easier + interview.leverPulls.harder > 0) group[G_WITH_PULLS]! += 1;
    }
  }

  /** Words written and bias findings resolved by one author, added to the sums. */
  addBias(authorId: string, figures: { words: number; findings: number; kept: number }): void {
    const bias = entry(this.state.bias, authorId, () => [0, 0, 0]);
    bias[0]! += figures.words;
    bias[1]! += figures.findings;
    bias[2]! += figures.kept;
  }

  /**
   * Adds (sign 1) or takes out (sign −1) sums kept earlier; an entry whose every figure reaches zero
   * is dropped (so a difference of two sums is a sum too: what changed, and nothing else).
   */
  addSums(sums: CalibrationSums, sign: 1 | -1 = 1): void {
    for (const authorId in sums.interviewers) {
      const other = sums.interviewers[authorId]!;
      const own = entry(this.state.interviewers, authorId, emptySums);
      addNumbers(own.n, other.n, sign);
      for (const attribute in other.a) {
        const mine = entry(own.a, attribute, () => new Array<number>(11).fill(0));
        if (addNumbers(mine, other.a[attribute]!, sign)) delete own.a[attribute];
      }
      addCounts(own.p, other.p, sign);
      if (isZero(own.n) && isEmptyRecord(own.a) && isEmptyRecord(own.p))
        delete this.state.interviewers[authorId];
    }
    for (const attribute in sums.agreement) {
      const other = sums.agreement[attribute]!;
      const mine = entry(this.state.agreement, attribute, () => ({ coincidences: {}, units: 0, ratings: 0 }));
      addCounts(mine.coincidences, other.coincidences, sign);
      mine.units += sign * other.units;
      mine.ratings += sign * other.ratings;
      if (mine.units === 0 && mine.ratings === 0 && isEmptyRecord(mine.coincidences)) {
        delete this.state.agreement[attribute];
      }
    }
    addArrays(this.state.groups, sums.groups, sign, () => new Array<number>(G_WITH_PULLS + 1).fill(0));
    addArrays(this.state.bias, sums.bias, sign, () => [0, 0, 0]);
  }

  /**
   * The sums so far, as plain JSON: the accumulator's own object, not a copy (copying was most of
   * the work of summing an interview again), so it changes with every later add.
   */
  sums(): CalibrationSums {
    return this.state;
  }

  /** Whether nothing has been added, or everything added was taken out again. */
  isEmpty(): boolean {
    const { interviewers, agreement, groups, bias } = this.state;
    return [interviewers, agreement, groups, bias].every(isEmptyRecord);
  }

  /** Whoever submitted a scorecard in the batches so far, in the order first seen. */
  authors(): string[] {
    return Object.keys(this.state.interviewers).filter((id) => this.state.interviewers[id]!.n[I_CARDS]! > 0);
  }

  /**
   * The figures of `interviewerIds` (co-panelists outside it still counted as the comparison);
   * bias figures from `bias` when given, else from the sums' own (addBias, addSums). `now` decides
   * which undecided deadlines are due: the accumulator's own unless given, so sums kept across
   * requests are read at each request's time.
   */
  result(
    interviewerIds: readonly string[],
    bias?: readonly CalibrationBiasFigures[],
    now: string = this.now,
  ): CalibrationFigures {
    const biasByAuthor = new Map(
      bias
        ? bias.map((figures) => [figures.authorId, figures])
        : Object.entries(this.state.bias).map(([authorId, [words, findings, kept]]) => [
            authorId,
            { authorId, words: words!, findings: findings!, kept: kept! },
          ]),
    );
    const interviewers = interviewerIds.map((interviewerId): InterviewerCalibration => {
      const sums = this.state.interviewers[interviewerId] ?? emptySums();
      const n = sums.n;
      const attributes = Object.entries(sums.a)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([attribute, figures]) => ({
          attribute,
          own: figures.slice(0, 4),
          coPanel: figures.slice(4, 8),
          leniency:
            figures[A_COMPARED] === 0
              ? null
              : figures[A_DIFFERENCE]! / CALIBRATION_SCALE / figures[A_COMPARED]!,
          compared: figures[A_COMPARED]!,
        }));
      let differenceSum = 0;
      let compared = 0;
      for (const figures of Object.values(sums.a)) {
        differenceSum += figures[A_DIFFERENCE]!;
        compared += figures[A_COMPARED]!;
      }
      let due = n[I_DUE]!;
      for (const [deadline, count] of Object.entries(sums.p)) {
        // Undecided: due once the deadline has passed.
        if (deadline < now) due += count;
      }
      const figures = biasByAuthor.get(interviewerId);
      return {
        interviewerId,
        interviews: n[I_CARDS]!,
        enough: n[I_CARDS]! >= MINIMUM_INTERVIEWS_TO_CALIBRATE,
        attributes,
        leniency: compared === 0 ? null : differenceSum / CALIBRATION_SCALE / compared,
        compared,
        recommendations: Object.fromEntries(
          recommendations.map((r, i) => [r, n[I_RECOMMENDATIONS + i]!]),
        ) as Record<Recommendation, number>,
        biasFindingsPer1000Words:
          figures && figures.words > 0 ? (figures.findings / figures.words) * 1000 : null,
        biasKeptShare: figures && figures.findings > 0 ? figures.kept / figures.findings : null,
        meanRefinementMinutes:
          n[I_REFINEMENT_COUNT] === 0 ? null : n[I_REFINEMENT_SUM]! / n[I_REFINEMENT_COUNT]! / 60_000,
        meanPairingMinutes:
          n[I_PAIRING_COUNT] === 0 ? null : n[I_PAIRING_SUM]! / n[I_PAIRING_COUNT]! / 60_000,
        deadlines: { met: n[I_MET]!, due },
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
      byTaskAndPosition: Object.entries(this.state.groups)
        .filter(([, group]) => group[0]! > 0)
        .map(([key, group]) => {
          const [positionId, taskId] = key.split(' ') as [string, string];
          return {
            positionId,
            taskId,
            interviews: group[0]!,
            outcomes: Object.fromEntries(groupOutcomes.map((o, i) => [o, group[1 + i]!])) as Record<
              DecisionOutcome | 'undecided',
              number
            >,
            leverPulls: {
              easier: group[G_EASIER]!,
              harder: group[G_HARDER]!,
              interviewsWithPulls: group[G_WITH_PULLS]!,
            },
          };
        }),
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

/** Adds `other` into `target` position by position; whether `target` is all zeros after. */
function addNumbers(target: number[], other: readonly number[], sign: 1 | -1): boolean {
  let zero = true;
  for (let i = 0; i < other.length; i++) {
    target[i] = (target[i] ?? 0) + sign * other[i]!;
    if (target[i] !== 0) zero = false;
  }
  return zero && isZero(target);
}

function addArrays(
  target: Record<string, number[]>,
  other: Record<string, number[]>,
  sign: 1 | -1,
  create: () => number[],
): void {
  for (const key in other) {
    if (addNumbers(entry(target, key, create), other[key]!, sign)) delete target[key];
  }
}

function isZero(numbers: readonly number[]): boolean {
  return numbers.every((value) => value === 0);
}

function isEmptyRecord(record: object): boolean {
  for (const _ in record) return false;
  return true;
}

function addCounts(target: Record<string, number>, other: Record<string, number>, sign: 1 | -1): void {
  for (const key in other) {
    const next = (target[key] ?? 0) + sign * other[key]!;
    if (next === 0) delete target[key];
    else target[key] = next;
  }
}

function emptySums(): InterviewerSums {
  return { n: new Array<number>(I_RECOMMENDATIONS + recommendations.length).fill(0), a: {}, p: {} };
}

/** A deadline is a calendar day ("2026-03-14") or an instant; a day lasts until its end in UTC. */
function endOfDay(deadline: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(deadline) ? `${deadline}T23:59:59.999Z` : deadline;
}

function countScore(counts: number[], offset: number, score: number): void {
  if (score >= 1 && score <= 4) counts[offset + score - 1]! += 1;
}

function getOrSet<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
