import { z } from 'zod';
import { customBiasTermSchema } from './custom-terms.ts';
import { biasCategories } from './rule-types.ts';
import { structuralCheckIds } from './structural-checks.ts';

/** What a language finding sits in: one of the author's notes, or their impression. */
export const biasTargets = ['note', 'impression'] as const;
export type BiasTarget = (typeof biasTargets)[number];
/** 'rewritten' is never sent: the server records it when the phrase no longer occurs. */
export const biasResolutionKinds = ['rewritten', 'kept'] as const;

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
