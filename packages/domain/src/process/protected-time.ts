import { AppError } from '../errors.ts';
import { phaseEndsAt, REFINEMENT_MINUTES } from '../interview-clock.ts';

/** The break promised after the pairing hour. */
export const BREAK_MINUTES = 10;
/** Day-of steps (check-in, setup, opening the repository) this long before the start need "start early". */
export const EARLY_START_HOURS = 2;

/** The protected phases: each has a promised length that only an explicit confirmation cuts short. */
export type ProtectedPhase = 'pairing' | 'break' | 'refinement';

export const protectedPhaseLabels: Record<ProtectedPhase, string> = {
  pairing: 'pairing',
  break: 'break',
  refinement: 'refinement',
};

const endingWords: Record<ProtectedPhase, string> = {
  pairing: 'End pairing',
  break: 'End the break',
  refinement: 'Submit',
};

/** Whole minutes left of a phase at `now` (0 once over); rounded up, so "1 minute" until it ends. */
export function minutesLeft(startedAt: string, minutes: number, now: Date): number {
  const left = Date.parse(phaseEndsAt(startedAt, minutes)) - now.getTime();
  return left > 0 ? Math.ceil(left / 60_000) : 0;
}

/**
 * Ending a protected phase before its promised length is refused unless the request says
 * `confirmEarly: true`; the refusal names the minutes left so the page can ask in those words.
 * Returns whether the phase is cut short (to be recorded).
 */
export function guardPhaseEnd(
  phase: ProtectedPhase,
  startedAt: string | null,
  minutes: number,
  now: Date,
  confirmEarly: boolean,
): { cutShort: boolean; minutesLeft: number } {
  const left = startedAt ? minutesLeft(startedAt, minutes, now) : 0;
  if (left > 0 && !confirmEarly) {
    throw new AppError(
      'conflict',
      `${endingWords[phase]} with ${left} minute${left === 1 ? '' : 's'} of the promised ${minutes} left? Confirm to cut the ${protectedPhaseLabels[phase]} short.`,
      { confirmEarly: 'Confirm to end early.' },
      { phase, minutesLeft: left, promisedMinutes: minutes },
    );
  }
  return { cutShort: left > 0, minutesLeft: left };
}

/**
 * Check-in, setup and opening the candidate's repository belong to the day itself. Earlier than
 * EARLY_START_HOURS before the start they need `startEarly: true`; returns whether it is early.
 */
export function guardDayOfStep(
  step: string,
  startsAt: string,
  now: Date,
  startEarly: boolean,
): { early: boolean; hoursBefore: number } {
  const before = Date.parse(startsAt) - now.getTime();
  const early = before > EARLY_START_HOURS * 3_600_000;
  const hoursBefore = Math.floor(before / 3_600_000);
  if (early && !startEarly) {
    const days = Math.floor(hoursBefore / 24);
    const when = days >= 1 ? `${days} day${days === 1 ? '' : 's'}` : `${hoursBefore} hours`;
    throw new AppError(
      'conflict',
      `The interview starts in ${when}. ${step} happens on the day; confirm "start early" to do it now (it is recorded).`,
      { startEarly: 'Confirm to start early.' },
      { hoursBefore },
    );
  }
  return { early, hoursBefore };
}

export interface PhaseTimes {
  pairingStartedAt: string | null;
  pairingEndedAt: string | null;
  pairingMinutes: number;
  breakStartedAt: string | null;
  retrospectiveStartedAt: string | null;
  refinementStartedAt: string | null;
  /** When the navigator submitted: the end of the interview's refinement. */
  reportedAt: string | null;
  /** The promised break and refinement the interview was planned with; Pairwise's defaults when absent. */
  breakMinutes?: number;
  refinementMinutes?: number;
}

export interface PhaseLength {
  phase: ProtectedPhase;
  promisedMinutes: number;
  /** Whole minutes it actually lasted (rounded down); null while it runs or if it never ran. */
  actualMinutes: number | null;
  cutShort: boolean;
}

/** How long pairing, the break and refinement actually lasted: for the timeline and the report. */
export function phaseLengths(times: PhaseTimes): PhaseLength[] {
  const length = (phase: ProtectedPhase, start: string | null, end: string | null, promised: number) => {
    const ms = start && end ? Date.parse(end) - Date.parse(start) : null;
    return {
      phase,
      promisedMinutes: promised,
      actualMinutes: ms === null ? null : Math.floor(ms / 60_000),
      cutShort: ms !== null && ms < promised * 60_000,
    };
  };
  return [
    length('pairing', times.pairingStartedAt, times.pairingEndedAt, times.pairingMinutes),
    length('break', times.breakStartedAt, times.retrospectiveStartedAt, times.breakMinutes ?? BREAK_MINUTES),
    length(
      'refinement',
      times.refinementStartedAt,
      times.reportedAt,
      times.refinementMinutes ?? REFINEMENT_MINUTES,
    ),
  ];
}
