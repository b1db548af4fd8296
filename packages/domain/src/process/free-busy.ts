import { DateTime } from 'luxon';
import { AppError } from '../errors.ts';
import { interviewerBlocks } from '../invitation/interviewer-blocks.ts';

/** A time someone is not free, from their connected calendar or from Pairwise's own bookings. */
export interface BusyPeriod {
  startsAt: string;
  endsAt: string;
  source: 'calendar' | 'pairwise';
}

/**
 * 'connected': the calendar answered; 'none': no calendar connected (only Pairwise's bookings
 * are known); 'unknown': connected, but it did not answer in time or refused, so free times
 * shown for this person are a guess.
 */
export type CalendarAnswer = 'connected' | 'none' | 'unknown';

/** Who joins which part: the panel holds prep to debrief, the line manager only the debrief. */
export type FreeBusyRole = 'navigator' | 'shadow' | 'line_manager';

export interface PersonBusy {
  id: string;
  role: FreeBusyRole;
  calendar: CalendarAnswer;
  busy: BusyPeriod[];
}

export interface PlanMinutes {
  pairingMinutes: number;
  setupMinutes: number;
}

/** The time each role must keep free for an interview starting at `startsAt`. */
export function heldSpan(
  role: FreeBusyRole,
  startsAt: string,
  minutes: PlanMinutes,
): { startsAt: string; endsAt: string } {
  const blocks = interviewerBlocks({ startsAt, ...minutes });
  const debrief = blocks[blocks.length - 1]!;
  if (role === 'line_manager') return { startsAt: debrief.startsAt, endsAt: debrief.endsAt };
  return { startsAt: blocks[0]!.startsAt, endsAt: debrief.endsAt };
}

const meets = (a: { startsAt: string; endsAt: string }, b: { startsAt: string; endsAt: string }) =>
  // Back to back is free: a meeting that ends as prep starts does not conflict.
  Date.parse(a.startsAt) < Date.parse(b.endsAt) && Date.parse(b.startsAt) < Date.parse(a.endsAt);

export interface CalendarConflict {
  personId: string;
  role: FreeBusyRole;
  startsAt: string;
  endsAt: string;
  source: BusyPeriod['source'];
}

/** Every busy period that falls inside the time its person must hold for this start. */
export function calendarConflicts(
  people: readonly PersonBusy[],
  startsAt: string,
  minutes: PlanMinutes,
): CalendarConflict[] {
  return people.flatMap((person) => {
    const span = heldSpan(person.role, startsAt, minutes);
    return person.busy
      .filter((period) => meets(period, span))
      .map((period) => ({ personId: person.id, role: person.role, ...period }));
  });
}

/** Working hours in the interview's zone that a proposed prep-to-debrief span stays inside. */
export const PROPOSAL_DAY = { startHour: 8, endHour: 18 } as const;
/** Proposed starts fall on this grid, so they read as ordinary meeting times. */
export const PROPOSAL_STEP_MINUTES = 30;

/**
 * The next starts where everyone is free for their part, on weekdays, with the whole span from
 * prep to debrief inside working hours of the interview's zone. A person whose calendar is
 * 'unknown' is counted on Pairwise's bookings alone; the form says so next to them.
 */
export function proposeSlots(input: {
  people: readonly PersonBusy[];
  minutes: PlanMinutes;
  timeZone: string;
  /** Nothing starts (prep included) before this instant. */
  from: string;
  /** Nothing ends after this instant. */
  until: string;
  count: number;
}): string[] {
  const proposals: string[] = [];
  const blocks = interviewerBlocks({ startsAt: input.from, ...input.minutes });
  const prepMinutes = blocks[0]!.minutes;
  const spanMinutes =
    (Date.parse(blocks[blocks.length - 1]!.endsAt) - Date.parse(blocks[0]!.startsAt)) / 60_000;
  const earliest = DateTime.fromISO(input.from, { zone: input.timeZone }).plus({ minutes: prepMinutes });
  const until = Date.parse(input.until);
  let day = earliest.startOf('day');
  while (proposals.length < input.count && day.toMillis() < until) {
    if (day.weekday <= 5) {
      const dayStart = day.set({ hour: PROPOSAL_DAY.startHour });
      const dayEnd = day.set({ hour: PROPOSAL_DAY.endHour });
      for (
        let start = dayStart.plus({ minutes: prepMinutes });
        proposals.length < input.count;
        start = start.plus({ minutes: PROPOSAL_STEP_MINUTES })
      ) {
        const prepStart = start.minus({ minutes: prepMinutes });
        const spanEnd = prepStart.plus({ minutes: spanMinutes });
        if (spanEnd > dayEnd || spanEnd.toMillis() > until) break;
        if (start < earliest) continue;
        const startsAt = start.toUTC().toISO({ suppressMilliseconds: true })!;
        if (calendarConflicts(input.people, startsAt, input.minutes).length === 0) proposals.push(startsAt);
      }
    }
    day = day.plus({ days: 1 }).startOf('day');
  }
  return proposals;
}

/**
 * Booking over a busy time needs the planner's confirmation. A connected calendar's busy time is
 * someone's commitment Pairwise cannot see into, so it also needs a reason, which the plan
 * records; the line manager's other debriefs are Pairwise's own bookings, confirmed like the
 * panel's overlaps.
 */
export function guardCalendarConflicts(
  conflicts: readonly { source: BusyPeriod['source'] }[],
  confirmed: { confirmOverlap: boolean; conflictReason?: string },
): void {
  if (conflicts.length === 0) return;
  const needsReason = conflicts.some((conflict) => conflict.source === 'calendar');
  if (confirmed.confirmOverlap && (!needsReason || confirmed.conflictReason)) return;
  throw new AppError(
    'conflict',
    `This time meets ${conflicts.length} busy time${conflicts.length === 1 ? '' : 's'} of the people it books. Choose a proposed time, or confirm${needsReason ? ' with a reason' : ''} to book it anyway.`,
    {
      ...(confirmed.confirmOverlap ? {} : { confirmOverlap: 'Confirm to book over the busy time.' }),
      ...(needsReason && !confirmed.conflictReason
        ? { conflictReason: "Say why this time is booked over a busy time in someone's calendar." }
        : {}),
    },
    { calendarConflicts: conflicts },
  );
}
