import type { InterviewRole } from '../api/interviews.ts';

/**
 * Need to know for a candidate's personal data. Everyone who plans interviews may find a candidate
 * by name (the planning picker works from names); contact details, pronouns and accommodations go
 * only to people with a reason to hold them.
 *
 * - `admin`: runs the organisation's data, sees everything.
 * - `panel`: navigator or shadow on one of the candidate's interviews; they meet the candidate.
 * - `creator`: the person who added the candidate record. Until they plan the first interview
 *   they are on no panel, yet they must be able to check what they typed; once an interview
 *   exists they usually are its navigator anyway.
 * - `line_manager`: line manager of the position of one of the candidate's interviews. They may
 *   contact the candidate, but accommodations can reveal health, and the person who decides must
 *   not learn it (the same rule as for wellness answers), so they never see accommodations.
 */
export type CandidateRelation = 'admin' | 'panel' | 'creator' | 'line_manager';

export function seesCandidateContact(relations: readonly CandidateRelation[]): boolean {
  return relations.length > 0;
}

export function seesCandidateAccommodations(relations: readonly CandidateRelation[]): boolean {
  return relations.some((relation) => relation !== 'line_manager');
}

/** The relations an interview role gives to that interview's candidate. */
export function candidateRelationsOf(roles: readonly InterviewRole[]): CandidateRelation[] {
  return roles.map((role) => (role === 'navigator' || role === 'shadow' ? 'panel' : role));
}
