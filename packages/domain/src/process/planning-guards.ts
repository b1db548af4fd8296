import { DateTime } from 'luxon';
import { AppError, unprocessable } from '../errors.ts';
import type { HolidayCheck } from '../invitation/follow-up.ts';
import { type InterviewerBlocksInput, interviewerBlocks } from '../invitation/interviewer-blocks.ts';

/** "A week or two away": enough time to prepare, not so long that the candidate waits. */
export const LEAD_TIME_DAYS = { min: 7, max: 21 } as const;

/**
 * A start that has already passed can never be kept. The caller passes the field name the form
 * shows the time in, so the refusal lands next to it.
 */
export function guardStartInFuture(startsAt: string, now: Date, field = 'startsAtLocal'): void {
  if (Date.parse(startsAt) <= now.getTime()) {
    throw unprocessable('The start is in the past; an interview can only be planned ahead.', {
      [field]: 'Choose a time that has not passed yet.',
    });
  }
}

export type PlanningWarningCode = 'lead_time_short' | 'lead_time_long' | 'weekend' | 'holiday';

export interface PlanningWarning {
  code: PlanningWarningCode;
  message: string;
}

/**
 * What the plan form warns about without refusing: an unusual lead time, a weekend, a public
 * holiday. Days are counted in the interview's own zone, where the candidate lives the day.
 */
export function planningWarnings(input: {
  startsAt: string;
  timeZone: string;
  now: Date;
  isHoliday?: HolidayCheck;
}): PlanningWarning[] {
  const start = DateTime.fromISO(input.startsAt, { zone: input.timeZone });
  const today = DateTime.fromJSDate(input.now, { zone: input.timeZone }).startOf('day');
  const days = Math.round(start.startOf('day').diff(today, 'days').days);
  const warnings: PlanningWarning[] = [];
  if (days < LEAD_TIME_DAYS.min) {
    warnings.push({
      code: 'lead_time_short',
      message: `The interview is ${days} day${days === 1 ? '' : 's'} away; candidates usually get ${LEAD_TIME_DAYS.min} to ${LEAD_TIME_DAYS.max} days to prepare.`,
    });
  } else if (days > LEAD_TIME_DAYS.max) {
    warnings.push({
      code: 'lead_time_long',
      message: `The interview is ${days} days away; more than ${LEAD_TIME_DAYS.max} days keeps the candidate waiting.`,
    });
  }
  // Luxon: 6 is Saturday, 7 is Sunday.
  if (start.weekday >= 6) {
    warnings.push({ code: 'weekend', message: `${start.toFormat('cccc, d LLLL')} is on a weekend.` });
  }
  const date = start.toISODate();
  if (date && input.isHoliday?.(date)) {
    warnings.push({ code: 'holiday', message: `${start.toFormat('cccc, d LLLL')} is a public holiday.` });
  }
  return warnings;
}

/** The time a panel member keeps free for an interview: from prep to the end of the debrief. */
export function busySpan(
  startsAt: string,
  pairingMinutes: number,
  setupMinutes?: number,
  /** The interview's own day lengths (break, retrospective, prep, refinement, debrief); defaults when absent. */
  blockMinutes: BlockMinutes = {},
): { startsAt: string; endsAt: string } {
  const blocks = interviewerBlocks({
    ...blockMinutes,
    startsAt,
    pairingMinutes,
    ...(setupMinutes === undefined ? {} : { setupMinutes }),
  });
  return { startsAt: blocks[0]!.startsAt, endsAt: blocks[blocks.length - 1]!.endsAt };
}

/** The lengths besides setup and pairing that decide a panel's busy span. */
export type BlockMinutes = Partial<
  Pick<
    InterviewerBlocksInput,
    'breakMinutes' | 'retroMinutes' | 'prepMinutes' | 'refinementMinutes' | 'debriefMinutes'
  >
>;

export interface ScheduledInterview {
  id: string;
  /** The lengths the interview was planned with; the defaults when absent. */
  blockMinutes?: BlockMinutes;
  startsAt: string;
  pairingMinutes: number;
  /** The interview's setup, as its calendar entries reserve it; the agenda's default when absent. */
  setupMinutes?: number;
  navigatorId: string;
  shadowIds: string[];
}

export interface PlanningOverlap {
  interviewId: string;
  /** The other interview's busy span (prep to debrief). */
  startsAt: string;
  endsAt: string;
  /** Who of the new panel is booked on it. */
  personIds: string[];
}

/** The other interviews whose prep-to-debrief span meets the new one for any of its panel. */
export function planningOverlaps(
  plan: {
    id?: string;
    startsAt: string;
    pairingMinutes: number;
    setupMinutes?: number;
    blockMinutes?: BlockMinutes;
    panelIds: string[];
  },
  others: ScheduledInterview[],
): PlanningOverlap[] {
  const span = busySpan(plan.startsAt, plan.pairingMinutes, plan.setupMinutes, plan.blockMinutes);
  const from = Date.parse(span.startsAt);
  const to = Date.parse(span.endsAt);
  return others.flatMap((other) => {
    if (other.id === plan.id) return [];
    const people = [other.navigatorId, ...other.shadowIds].filter((id) => plan.panelIds.includes(id));
    if (people.length === 0) return [];
    const theirs = busySpan(other.startsAt, other.pairingMinutes, other.setupMinutes, other.blockMinutes);
    // Touching spans (one debrief ends as the next prep starts) are back to back, not overlapping.
    if (Date.parse(theirs.startsAt) >= to || Date.parse(theirs.endsAt) <= from) return [];
    return [{ interviewId: other.id, ...theirs, personIds: people }];
  });
}

/**
 * Booking someone twice is sometimes right (a shadow sitting in briefly), so it is not refused
 * outright: the request must say `confirmOverlap: true`, and the refusal lists what it overlaps.
 */
export function guardOverlaps(overlaps: readonly unknown[], confirmOverlap: boolean): void {
  if (overlaps.length > 0 && !confirmOverlap) {
    throw new AppError(
      'conflict',
      `This time overlaps ${overlaps.length} other interview${overlaps.length === 1 ? '' : 's'} of the same people (prep to debrief). Confirm to plan it anyway.`,
      { confirmOverlap: 'Confirm to book the overlapping time.' },
      { overlaps },
    );
  }
}
