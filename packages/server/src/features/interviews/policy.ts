import { forbidden, type InterviewRole, notFound } from '@pairwise/domain';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';

/** The facts about an interview that decide who may do what with it. */
export interface InterviewMembership {
  navigatorId: string;
  shadowIds: readonly string[];
  lineManagerId: string | null;
}

/**
 * One place for the rule that interviewers see interviews they are on, line managers
 * those of positions they manage, admins all. An empty list means the actor may not know the
 * interview exists.
 */
export function interviewRoles(actor: Actor, membership: InterviewMembership): InterviewRole[] {
  const roles: InterviewRole[] = [];
  if (hasRole(actor, 'interviewer') && actor.id === membership.navigatorId) roles.push('navigator');
  if (hasRole(actor, 'interviewer') && membership.shadowIds.includes(actor.id)) roles.push('shadow');
  if (hasRole(actor, 'line_manager') && actor.id === membership.lineManagerId) roles.push('line_manager');
  if (hasRole(actor, 'admin')) roles.push('admin');
  return roles;
}

export type Capability = 'view' | 'drive' | 'take_notes' | 'decide';

const capabilityRoles: Record<Capability, readonly InterviewRole[]> = {
  view: ['navigator', 'shadow', 'line_manager', 'admin'],
  // Admins may drive so an interview is never stuck when its navigator is ill.
  drive: ['navigator', 'admin'],
  take_notes: ['navigator', 'shadow'],
  // Hiring decisions belong to the position's line manager alone.
  decide: ['line_manager'],
};

export function can(roles: readonly InterviewRole[], capability: Capability): boolean {
  return roles.some((role) => capabilityRoles[capability].includes(role));
}

/**
 * Unknown and invisible interviews answer the same 404, so ids cannot be probed; visible
 * interviews answer 403 for what the actor may not do there.
 */
export function authorize(roles: readonly InterviewRole[], capability: Capability): void {
  if (roles.length === 0) throw notFound('Interview');
  if (!can(roles, capability)) throw forbidden(deniedMessage[capability]);
}

const deniedMessage: Record<Capability, string> = {
  view: 'You are not on this interview.',
  drive: 'Only the navigator can move this interview forward.',
  take_notes: 'Only the navigator and shadows take notes on this interview.',
  decide: "Only the position's line manager records the decision.",
};
