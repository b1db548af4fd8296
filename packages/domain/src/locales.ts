/**
 * The languages a candidate can read Pairwise in. English is the fallback for anything a
 * catalog does not (yet) carry; staff screens ship in English only.
 */
export const candidateLocales = ['en', 'de', 'fr', 'es'] as const;
export type CandidateLocale = (typeof candidateLocales)[number];
export const defaultCandidateLocale: CandidateLocale = 'en';

export function isCandidateLocale(value: unknown): value is CandidateLocale {
  return typeof value === 'string' && (candidateLocales as readonly string[]).includes(value);
}
