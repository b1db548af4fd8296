import { z } from 'zod';
import { type BiasRule, biasCategories } from './rule-types.ts';

/**
 * An organisation-specific term an admin adds ("rockstar ninja" in their own jargon, a local
 * slur, an internal nickname for a school). Admins type plain phrases, never regular
 * expressions, so a typo cannot break or slow the checker.
 */
export const customBiasTermSchema = z.strictObject({
  phrase: z
    .string()
    .trim()
    .min(2, 'Enter a word or phrase of at least two characters.')
    .max(80, 'Keep the phrase under 80 characters.')
    .refine((s) => /[\p{L}\p{N}]/u.test(s), 'The phrase needs at least one letter or digit.'),
  category: z.enum(biasCategories),
  message: z.string().trim().min(1, 'Say what bias the phrase may reflect.').max(200),
  suggestion: z.string().trim().min(1, 'Suggest an evidence-based rewrite.').max(300),
  /** Phrases in which the term is harmless, e.g. "guild" for a term "guild member". */
  unless: z.array(z.string().trim().min(2).max(80)).max(20).optional(),
});

export type CustomBiasTerm = z.infer<typeof customBiasTermSchema>;

export function customTermToRule(term: CustomBiasTerm): BiasRule {
  const rule: BiasRule = {
    id: `custom:${slug(term.phrase)}`,
    category: term.category,
    patterns: [phraseToPattern(term.phrase)],
    message: term.message,
    suggestion: term.suggestion,
  };
  if (term.unless?.length) rule.unless = term.unless.map(phraseToPattern);
  return rule;
}

/**
 * A literal phrase as a pattern. Spaces and hyphens are interchangeable ("culture-fit",
 * "culture  fit") because notes are typed fast.
 */
export function phraseToPattern(phrase: string): string {
  return phrase
    .trim()
    .split(/[\s-]+/)
    .map((part) => part.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'))
    .join('[\\s-]+');
}

function slug(phrase: string): string {
  return phrase
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
