import { z } from 'zod';
import { decisionOutcomes, recommendations } from '../scorecard.ts';
import { isoDate } from './common.ts';
import { contract } from './contract.ts';

/** The longest period one request covers: years of interviews would only blur the figures. */
export const MAXIMUM_CALIBRATION_DAYS = 3 * 366;

// Pairwise's own years: outside them a default period would run into years without four digits.
const periodDay = isoDate.refine((day) => day >= '2000-01-01' && day <= '2999-12-31', {
  message: 'Choose a day between 2000 and 2999.',
});

export const calibrationQuery = z
  .strictObject({
    /** First day of the period (interviews starting on or after it, UTC); a year before `to` when left out. */
    from: periodDay.optional(),
    /** Last day of the period, included; today when left out. */
    to: periodDay.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'The period must start on or before its last day.',
    path: ['from'],
  })
  .refine(
    (q) =>
      !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAXIMUM_CALIBRATION_DAYS,
    { message: 'Choose a period of at most three years.', path: ['from'] },
  );
export type CalibrationQuery = z.infer<typeof calibrationQuery>;

const counts = <T extends string>(keys: readonly T[]) =>
  z.object(Object.fromEntries(keys.map((key) => [key, z.number()])) as Record<T, z.ZodNumber>);

export const interviewerCalibration = z.object({
  interviewerId: z.string(),
  name: z.string(),
  /** Interviews in the period with this interviewer's submitted scorecard. */
  interviews: z.number(),
  /** Null below the minimum number of interviews: too few to say anything about a person. */
  figures: z
    .object({
      attributes: z.array(
        z.object({
          attribute: z.string(),
          /** How often they gave 1, 2, 3 and 4. */
          own: z.array(z.number()),
          /** How often their co-panelists gave 1–4 to the same candidates on the same attribute. */
          coPanel: z.array(z.number()),
          /** Mean of own rating minus the co-panelists' mean; positive is more lenient. */
          leniency: z.number().nullable(),
          compared: z.number(),
        }),
      ),
      leniency: z.number().nullable(),
      compared: z.number(),
      recommendations: counts(recommendations),
      biasFindingsPer1000Words: z.number().nullable(),
      /** Of the flagged phrases, the share they kept (with a reason) rather than rewrote or removed. */
      biasKeptShare: z.number().nullable(),
      meanRefinementMinutes: z.number().nullable(),
      meanPairingMinutes: z.number().nullable(),
      deadlines: z.object({ met: z.number(), due: z.number() }),
    })
    .nullable(),
});
export type InterviewerCalibrationRow = z.infer<typeof interviewerCalibration>;

export const calibrationResponse = z.object({
  from: isoDate,
  to: isoDate,
  /** What the reader sees: everything, their positions' interviews, or their own. */
  scope: z.enum(['all', 'positions', 'own']),
  /**
   * Interviews changed but not yet summed, which these figures leave out: 0 but while a large
   * re-summing (the first after an upgrade, a restore) is under way, which is not waited for.
   */
  pending: z.number().int().min(0),
  minimumInterviews: z.number(),
  minimumSurveyAnswers: z.number(),
  attributes: z.array(z.object({ id: z.string(), label: z.string() })),
  interviewers: z.array(interviewerCalibration),
  agreement: z.array(
    z.object({
      attribute: z.string(),
      /** Krippendorff's alpha (ordinal); null when no interview had two ratings or all agreed on one value. */
      alpha: z.number().nullable(),
      units: z.number(),
    }),
  ),
  byTaskAndPosition: z.array(
    z.object({
      positionId: z.string(),
      positionTitle: z.string(),
      taskId: z.string(),
      taskTitle: z.string(),
      interviews: z.number(),
      outcomes: counts([...decisionOutcomes, 'undecided']),
      leverPulls: z.object({ easier: z.number(), harder: z.number(), interviewsWithPulls: z.number() }),
    }),
  ),
  survey: z.array(
    z.object({
      positionId: z.string(),
      title: z.string(),
      months: z.array(
        z.object({
          month: z.string(),
          responses: z.number(),
          /** False below the survey's minimum group, so no single candidate can be recognised. */
          shown: z.boolean(),
          averageScore: z.number().nullable(),
        }),
      ),
    }),
  ),
});
export type CalibrationResponse = z.infer<typeof calibrationResponse>;

/** The calibration figures as JSON; the CSV download of the same figures is a file, not a contract. */
export const calibrationApi = {
  get: contract({
    method: 'GET',
    path: '/api/calibration',
    query: calibrationQuery,
    response: calibrationResponse,
  }),
};
