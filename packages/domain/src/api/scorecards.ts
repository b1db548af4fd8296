import { z } from 'zod';
import { stages } from '../lifecycle.ts';
import { biasChecklistIds, decisionOutcomes, recommendations } from '../scorecard.ts';
import { id, idParams, nextCursor } from './common.ts';
import { contract } from './contract.ts';
import {
  interviewDetail,
  interviewEvent,
  note,
  noteList,
  notePageQuery,
  retrospective,
  submitScorecardRequest,
} from './interviews.ts';
import { focusAttribute } from './positions.ts';

export const rating = z.strictObject({
  /** A focus attribute of the interview's position (see positions). */
  attribute: z.string().min(1).max(40),
  score: z.number().int().min(1).max(4),
  evidenceNoteIds: z.array(id).max(50),
});
export type Rating = z.infer<typeof rating>;

export const biasReflection = z.strictObject({
  reflected: z.boolean(),
  comment: z.string().max(2_000).default(''),
});

export const scorecardRequest = z.strictObject({
  ratings: z
    .array(rating)
    .max(20)
    .refine((ratings) => new Set(ratings.map((r) => r.attribute)).size === ratings.length, {
      message: 'Rate each attribute once.',
    }),
  impression: z.string().max(20_000),
  recommendation: z.enum(recommendations).nullable(),
  biasChecklist: z.partialRecord(z.enum(biasChecklistIds), biasReflection),
});
export type ScorecardRequest = z.input<typeof scorecardRequest>;

export const scorecard = z.object({
  authorId: id,
  authorName: z.string(),
  ratings: z.array(rating),
  impression: z.string(),
  recommendation: z.enum(recommendations).nullable(),
  biasChecklist: z.record(z.string(), z.object({ reflected: z.boolean(), comment: z.string() })),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
  /** What it is rated against: the position's attributes, frozen when the scorecard is submitted. */
  focusAttributes: z.array(focusAttribute),
});
export type Scorecard = z.infer<typeof scorecard>;

/** My scorecard, with the attributes to rate even before anything is saved. */
export const myScorecard = z.object({
  scorecard: scorecard.nullable(),
  focusAttributes: z.array(focusAttribute),
});
export type MyScorecard = z.infer<typeof myScorecard>;

export const decisionRequest = z.strictObject({
  outcome: z.enum(decisionOutcomes),
  note: z.string().max(5_000).default(''),
  /** Decide although a panel member has not submitted: only on purpose, and the reason is on the report. */
  proceedWithoutPanel: z.strictObject({ reason: z.string().trim().min(1).max(2_000) }).optional(),
});
export type DecisionRequest = z.input<typeof decisionRequest>;

export const decision = z.object({
  outcome: z.enum(decisionOutcomes),
  note: z.string(),
  decidedAt: z.string(),
  decidedByName: z.string(),
  proceededWithoutPanel: z.object({ reason: z.string(), missing: z.array(z.string()) }).nullable(),
});

export const impressionsInSchema = z.object({
  submitted: z.number(),
  total: z.number(),
  missing: z.array(z.object({ id, name: z.string() })),
});

export const phaseLength = z.object({
  phase: z.enum(['pairing', 'break', 'refinement']),
  promisedMinutes: z.number(),
  actualMinutes: z.number().nullable(),
  cutShort: z.boolean(),
});

export const report = z.object({
  interviewId: id,
  candidateName: z.string(),
  positionTitle: z.string(),
  taskTitle: z.string(),
  navigatorName: z.string(),
  startsAt: z.string(),
  stage: z.enum(stages),
  deadline: z.string().nullable(),
  daysLeft: z.number().nullable(),
  /** The first page of the notes; the rest from `GET …/report/notes` with `notesNextCursor`. */
  notes: z.array(note),
  notesNextCursor: nextCursor,
  retrospective: retrospective.nullable(),
  scorecards: z.array(scorecard),
  /** "k of n impressions in": only submitted members' notes and scorecards are in the report. */
  impressionsIn: impressionsInSchema,
  /** How long pairing, the break and refinement actually lasted, marked when cut short. */
  phaseLengths: z.array(phaseLength),
  decision: decision.nullable(),
  events: z.array(interviewEvent),
  canDecide: z.boolean(),
});
export type Report = z.infer<typeof report>;

/** A panel member's own scorecard, implemented by the server's scorecards feature. */
export const scorecardsApi = {
  mine: contract({
    method: 'GET',
    path: '/api/interviews/:id/scorecard',
    params: idParams,
    response: myScorecard,
  }),
  saveDraft: contract({
    method: 'PUT',
    path: '/api/interviews/:id/scorecard',
    params: idParams,
    body: scorecardRequest,
    response: myScorecard,
  }),
  submit: contract({
    method: 'POST',
    path: '/api/interviews/:id/scorecard/submit',
    params: idParams,
    body: submitScorecardRequest,
    response: z.object({ interview: interviewDetail }),
  }),
};

const reportAnswer = z.object({ report });

/** The line manager's report and decision, implemented by the server's reports feature. */
export const reportsApi = {
  get: contract({
    method: 'GET',
    path: '/api/interviews/:id/report',
    params: idParams,
    response: reportAnswer,
  }),
  notes: contract({
    method: 'GET',
    path: '/api/interviews/:id/report/notes',
    params: idParams,
    query: notePageQuery,
    response: noteList,
  }),
  decide: contract({
    method: 'POST',
    path: '/api/interviews/:id/decision',
    params: idParams,
    body: decisionRequest,
    response: reportAnswer,
  }),
};
