import { type CandidateLocale, isCandidateLocale, type MessageLocale, pseudoLocale } from '@pairwise/domain';

/**
 * The organisation's default candidate language: the one place it is read. It is the admins'
 * setting; DEFAULT_CANDIDATE_LOCALE is what a fresh installation starts with.
 */
export type OrganisationDefaultLocale = () => Promise<CandidateLocale>;

export function organisationDefaultLocale(settings: {
  current(): Promise<{ defaultLocale: CandidateLocale }>;
}): OrganisationDefaultLocale {
  return async () => (await settings.current()).defaultLocale;
}

/** A stored locale as the messages take it; a value the catalogs no longer know reads as English. */
export function storedLocale(value: string | null | undefined): CandidateLocale {
  return isCandidateLocale(value) ? value : 'en';
}

/**
 * A stored locale as messages and the portal render it: the pseudo-locale too, which only a
 * server started with PSEUDO_LOCALE=on (the tests' layout check) lets a candidate choose.
 */
export function storedMessageLocale(value: string | null | undefined): MessageLocale {
  return value === pseudoLocale ? pseudoLocale : storedLocale(value);
}

/**
 * Where a candidate's language is changed: by staff, or by the candidate on their portal. The
 * candidates repository is the one implementation.
 */
export interface CandidateLocaleWriter {
  setLocale(candidateId: string, locale: MessageLocale): Promise<void>;
}
