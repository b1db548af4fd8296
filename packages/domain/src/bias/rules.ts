import { judgementRules } from './judgement-rules.ts';
import { originAndLanguageRules } from './origin-language-rules.ts';
import { personalAttributeRules } from './personal-attribute-rules.ts';
import type { BiasRule } from './rule-types.ts';

export { type BiasCategory, type BiasRule, biasCategories, biasCategoryLabels } from './rule-types.ts';

/**
 * Pairwise's interview-bias language rules. The data lives in three files by theme (who the
 * candidate is; where they come from and how they speak; how a judgement was reached) so each
 * stays readable; this is the one list the checker and the admin screens use.
 */
export const pairwiseBiasRules: readonly BiasRule[] = [
  ...personalAttributeRules,
  ...originAndLanguageRules,
  ...judgementRules,
];
