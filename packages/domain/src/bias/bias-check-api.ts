import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { ProcessFacts, Reader } from '../process/panel.ts';
import { customBiasTermSchema } from './custom-terms.ts';
import { type BiasCategory, biasCategories } from './rule-types.ts';
import { structuralCheckIds } from './structural-checks.ts';

/** What a language finding sits in: one of the author's notes, or their impression. */
export const biasTargets = ['note', 'impression'] as const;
export type BiasTarget = (typeof biasTargets)[number];
/** 'rewritten' is never sent: the server records it when the phrase no longer occurs. */
export const biasResolutionKinds = ['rewritten', 'kept'] as const;

/**
 * Categories about who the candidate is (age, gender, origin, accent, religion, health, family,
 * appearance). A phrase in one of them cannot be kept on its author's word alone: a second
 * reviewer confirms or rejects the keep before the impression reaches the line manager.
 */
export const protectedBiasCategories: readonly BiasCategory[] = [
  'age',
  'gender_coded',
  'nationality_ethnicity_religion',
  'accent_language',
  'health_disability',
  'family_personal_life',
  'appearance',
];

export const isProtectedCategory = (category: BiasCategory | null): boolean =>
  category !== null && protectedBiasCategories.includes(category);

export const keepReviewStatuses = ['pending', 'confirmed', 'rejected'] as const;
export type KeepReviewStatus = (typeof keepReviewStatuses)[number];

/** The second reviewer's verdict on a kept phrase in a protected category. */
export const keepReview = z.object({
  status: z.enum(keepReviewStatuses),
  reviewerId: z.string().nullable(),
  reviewerName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});
export type KeepReview = z.infer<typeof keepReview>;

export const biasResolution = z.object({
  target: z.enum(biasTargets),
  /** The note id; for the impression, the author's id (one impression per author). */
  targetId: z.string(),
  ruleId: z.string(),
  phrase: z.string(),
  resolution: z.enum(biasResolutionKinds),
  reason: z.string(),
  resolvedAt: z.string(),
  /** The bias the phrase may have reflected; null for resolutions recorded before it was kept. */
  category: z.enum([...biasCategories]).nullable(),
  /** For a kept phrase in a protected category: the second reviewer's verdict; null otherwise. */
  review: keepReview.nullable(),
});
export type BiasResolution = z.infer<typeof biasResolution>;

export const biasLanguageFinding = z.object({
  target: z.enum(biasTargets),
  targetId: z.string(),
  ruleId: z.string(),
  category: z.enum([...biasCategories]),
  start: z.number().int(),
  end: z.number().int(),
  phrase: z.string(),
  message: z.string(),
  suggestion: z.string(),
  /** 'kept' when the author kept the phrase with a reason; null while open. */
  resolution: biasResolution.nullable(),
});
export type BiasLanguageFinding = z.infer<typeof biasLanguageFinding>;

export const biasStructuralFinding = z.object({
  checkId: z.enum(structuralCheckIds),
  message: z.string(),
  advice: z.string(),
  attributes: z.array(z.string()).optional(),
  noteIds: z.array(z.string()).optional(),
});

export const biasCheck = z.object({
  language: z.array(biasLanguageFinding),
  structural: z.array(biasStructuralFinding),
  /** Every resolution recorded, including phrases since rewritten away. */
  resolutions: z.array(biasResolution),
  openCount: z.number().int(),
});
export type BiasCheck = z.infer<typeof biasCheck>;

export const keepPhraseRequest = z.strictObject({
  target: z.enum(biasTargets),
  targetId: z.string().min(1).max(100),
  ruleId: z.string().min(1).max(200),
  phrase: z.string().min(1).max(200),
  reason: z.string().trim().min(3, 'Say why the phrase is fair here (what you observed).').max(500),
});
export type KeepPhraseRequest = z.infer<typeof keepPhraseRequest>;

/**
 * Whether a finding still holds its author's submission back: not resolved yet, or kept in a
 * protected category without a second reviewer's confirmation (pending or rejected).
 */
export function findingBlocksSubmission(finding: Pick<BiasLanguageFinding, 'resolution'>): boolean {
  const resolution = finding.resolution;
  if (resolution === null) return true;
  return resolution.review !== null && resolution.review.status !== 'confirmed';
}

export const keepReviewVerdicts = ['confirm', 'reject'] as const;

export const reviewKeepRequest = z.strictObject({
  authorId: z.string().min(1).max(100),
  target: z.enum(biasTargets),
  targetId: z.string().min(1).max(100),
  ruleId: z.string().min(1).max(200),
  phrase: z.string().min(1).max(200),
  verdict: z.enum(keepReviewVerdicts),
});
export type ReviewKeepRequest = z.infer<typeof reviewKeepRequest>;

/**
 * Who may confirm or reject another member's keep: an admin, or another panel member who has
 * submitted (and so may read the panel's notes). Never the author, whatever their roles.
 */
export function keepReviewRefusal(facts: ProcessFacts, reader: Reader, authorId?: string): AppError | null {
  if (authorId !== undefined && reader.id === authorId) {
    return new AppError('forbidden', 'A kept phrase is confirmed by someone other than its author.');
  }
  if (reader.roles.includes('admin')) return null;
  const own = facts.panel.find((m) => m.id === reader.id);
  if (!own) {
    return new AppError(
      'forbidden',
      'Only another panel member who has submitted, or an admin, reviews kept phrases.',
    );
  }
  if (!own.submitted) {
    return new AppError(
      'forbidden',
      'Submit your own impression first; then you can review the panel’s kept phrases.',
    );
  }
  return null;
}

/** A kept phrase in a protected category waiting for (or given) a second reviewer's verdict. */
export const keepForReview = z.object({
  authorId: z.string(),
  authorName: z.string(),
  target: z.enum(biasTargets),
  targetId: z.string(),
  ruleId: z.string(),
  phrase: z.string(),
  category: z.enum([...biasCategories]),
  message: z.string(),
  /** The sentence the phrase sits in, so the reviewer judges it in context. */
  context: z.string(),
  reason: z.string(),
  keptAt: z.string(),
  review: keepReview,
});
export type KeepForReview = z.infer<typeof keepForReview>;

/** One panel member's bias check as the report shows it. */
export const biasCheckSummary = z.object({
  authorId: z.string(),
  authorName: z.string(),
  findings: z.array(biasLanguageFinding),
  resolutions: z.array(biasResolution),
  structural: z.array(biasStructuralFinding),
});
export type BiasCheckSummary = z.infer<typeof biasCheckSummary>;

export const biasTerm = customBiasTermSchema.extend({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BiasTerm = z.infer<typeof biasTerm>;
