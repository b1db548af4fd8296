import { forbidden } from '@pairwise/domain';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';

/** Tasks are prepared by the same people who plan interviews: admins and interviewers. */
export const mayManageTasks = (actor: Actor) => hasRole(actor, 'admin') || hasRole(actor, 'interviewer');

/**
 * A task's commands run wherever it is rehearsed: on the server's sandbox and on colleagues'
 * machines through `pairwise rehearse`. Only its owner and admins change them, so nobody's
 * machine runs a command its owner did not write.
 */
export const mayChangeCommands = (actor: Actor, task: { owner_id: string | null }) =>
  hasRole(actor, 'admin') || (task.owner_id !== null && task.owner_id === actor.id && mayManageTasks(actor));

export type TaskAction = 'view' | 'create' | 'assign_owner';

/** Refuses with a 403 whoever may not do this with the task library. */
export function authorizeTasks(actor: Actor, action: TaskAction): void {
  if (action === 'assign_owner') {
    if (!hasRole(actor, 'admin')) throw forbidden("Only admins choose a task's owner.");
    return;
  }
  if (!mayManageTasks(actor))
    throw forbidden(action === 'create' ? 'Only interviewers and admins can prepare tasks.' : undefined);
}

/** Refuses a change of commands by anyone but the task's owner and admins, naming the owner. */
export function authorizeCommandChange(
  actor: Actor,
  task: { owner_id: string | null; ownerName: string | null },
): void {
  if (mayChangeCommands(actor, task)) return;
  throw forbidden(
    task.ownerName
      ? `Only ${task.ownerName}, who owns this task, and admins can change its commands.`
      : 'Only admins can change the commands of this task.',
  );
}

/** Who may own a task, and so change its commands: an active interviewer or admin. */
export const mayOwnTasks = (owner: { active: boolean; roles: readonly string[] }) =>
  owner.active && (owner.roles.includes('interviewer') || owner.roles.includes('admin'));
