import type { InterviewRole } from '../api/interviews.ts';

/**
 * "Rescheduling carries no disadvantage": whether the candidate was unwell and why an interview
 * moved are known to the panel (who need them to run the day) and to admins, never to the
 * person who decides or anyone else.
 */
export function seesCandidateCircumstances(roles: readonly InterviewRole[]): boolean {
  return roles.some((role) => role === 'navigator' || role === 'shadow' || role === 'admin');
}

export interface DisclosableEvent {
  type: string;
  payload: Record<string, unknown>;
}

/** Payload keys that carry health or a reason for moving the interview. */
const circumstanceKeys = new Set(['well', 'reason', 'wellness']);
/** Events that exist only to record a circumstance: without it they say nothing. */
const circumstanceEvents = new Set(['wellness_recorded']);

/**
 * The event as this reader may see it: unchanged for the panel and admins; for anyone else a
 * reschedule is just "rescheduled", and wellness answers do not exist. Null: leave it out.
 */
export function discloseEvent<E extends DisclosableEvent>(
  event: E,
  roles: readonly InterviewRole[],
): E | null {
  if (seesCandidateCircumstances(roles)) return event;
  if (circumstanceEvents.has(event.type)) return null;
  const payload = Object.fromEntries(
    Object.entries(event.payload).filter(([key]) => !circumstanceKeys.has(key)),
  );
  return { ...event, payload };
}

export function discloseEvents<E extends DisclosableEvent>(
  events: readonly E[],
  roles: readonly InterviewRole[],
): E[] {
  return events.flatMap((event) => {
    const shown = discloseEvent(event, roles);
    return shown ? [shown] : [];
  });
}
