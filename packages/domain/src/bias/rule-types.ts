/**
 * Kinds of bias a phrase in interview notes may reflect. `inconsiderate_wording` is the bucket
 * for retext-equality's general findings, which are not specific to interviews.
 */
export const biasCategories = [
  'age',
  'gender_coded',
  'affinity',
  'accent_language',
  'appearance',
  'family_personal_life',
  'health_disability',
  'nationality_ethnicity_religion',
  'first_impression',
  'vague_judgement',
  'inconsiderate_wording',
  'class_pedigree',
  'personality_stereotype',
  'halo_horn',
  'contrast',
] as const;

export type BiasCategory = (typeof biasCategories)[number];

export const biasCategoryLabels: Record<BiasCategory, string> = {
  age: 'Age',
  gender_coded: 'Gender-coded personality word',
  affinity: 'Affinity / similarity',
  accent_language: 'Accent and native language',
  appearance: 'Appearance',
  family_personal_life: 'Family and personal life',
  health_disability: 'Health and disability',
  nationality_ethnicity_religion: 'Nationality, ethnicity, religion',
  first_impression: 'First impression',
  vague_judgement: 'Vague judgement',
  inconsiderate_wording: 'Inconsiderate wording',
  class_pedigree: 'Class, schools and employers',
  personality_stereotype: 'Personality stereotype',
  halo_horn: 'Halo or horn effect',
  contrast: 'Contrast with other candidates',
};

/**
 * A language rule as plain data. `patterns` and `unless` are regular-expression sources
 * (a plain phrase is one), matched case-insensitively and only on whole words. A match is
 * dropped when an `unless` match contains it, which is how technical senses ("aggressive
 * caching", "React Native") are kept out without special code per rule. Within `patterns`,
 * list longer phrases before the shorter ones they start with, so the highlight covers the
 * whole phrase.
 */
export interface BiasRule {
  id: string;
  category: BiasCategory;
  patterns: string[];
  unless?: string[];
  message: string;
  suggestion: string;
}
