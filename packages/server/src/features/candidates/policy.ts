import { type CandidateRelation, forbidden } from '@pairwise/domain';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';

/** Candidates are managed by the people who plan interviews: admins and interviewers. */
export const mayManageCandidates = (actor: Actor) => hasRole(actor, 'admin') || hasRole(actor, 'interviewer');

export type CandidateAction = 'list' | 'create' | 'update';

const deniedMessage: Record<CandidateAction, string | undefined> = {
  list: undefined,
  create: 'Only interviewers and admins can add candidates.',
  update: 'Only interviewers and admins can change candidates.',
};

/** Refuses with a 403 whoever does not plan interviews. */
export function authorizeCandidates(actor: Actor, action: CandidateAction): void {
  if (!mayManageCandidates(actor)) throw forbidden(deniedMessage[action]);
}

/** The facts about one candidate that decide how the actor relates to them. */
export interface CandidateFacts {
  createdBy: string | null;
  /** The actor is the navigator or a shadow of one of the candidate's interviews. */
  onPanel: boolean;
  /** The actor is line manager of a position the candidate interviews for. */
  managesPosition: boolean;
}

/**
 * How the actor relates to a candidate: as an admin, as the one who added them, through an
 * interview (on its panel, or as line manager of its position). What each relation discloses is
 * the domain's rule (`seesCandidateContact`, `seesCandidateAccommodations`).
 */
export function candidateRelations(actor: Actor, facts: CandidateFacts): CandidateRelation[] {
  const relations: CandidateRelation[] = [];
  if (hasRole(actor, 'admin')) relations.push('admin');
  if (facts.createdBy === actor.id) relations.push('creator');
  if (facts.onPanel) relations.push('panel');
  if (facts.managesPosition) relations.push('line_manager');
  return relations;
}
