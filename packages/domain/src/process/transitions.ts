import { AppError, unprocessable } from '../errors.ts';
import { REFINEMENT_MINUTES } from '../interview-clock.ts';
import { type Action, nextStage, type Stage } from '../lifecycle.ts';
import { BREAK_MINUTES, guardDayOfStep, guardPhaseEnd } from './protected-time.ts';

/** What the preconditions of a transition look at, read from the interview by the server. */
export interface TransitionFacts {
  stage: Stage;
  startsAt: string;
  pairingStartedAt: string | null;
  pairingMinutes: number;
  breakStartedAt: string | null;
  /** The break the interview was planned with; Pairwise's default when absent. */
  breakMinutes?: number;
  repositoryDeletionConfirmed: boolean;
  deadlineRecorded: boolean;
  checklistReady: boolean;
}

/** What the person asking has explicitly confirmed; each is recorded when it was needed. */
export interface TransitionConfirmations {
  /** Cut a protected phase short. */
  confirmEarly?: boolean;
  /** Do a day-of step more than EARLY_START_HOURS before the start. */
  startEarly?: boolean;
  /** Send the invitation although the planning checklist is not ready, and why. */
  notReadyReason?: string;
}

/** Facts to record with the event, each present only when it was needed. */
export interface RecordedConfirmations {
  /** A protected phase ended before its time, and how much of it was left. */
  cutShort?: true;
  minutesLeft?: number;
  /** A day-of step taken more than EARLY_START_HOURS before the start. */
  startedEarly?: true;
  /** The invitation went out before the planning checklist was ready, and why. */
  checklistNotReady?: true;
  notReadyReason?: string;
}

export interface TransitionOutcome {
  next: Stage;
  recorded: RecordedConfirmations;
}

/**
 * The one place a transition is allowed or refused: the lifecycle's order, then the action's own
 * preconditions, each refusal saying what has to happen first.
 */
export function guardTransition(
  action: Action,
  facts: TransitionFacts,
  now: Date,
  confirmations: TransitionConfirmations = {},
): TransitionOutcome {
  const next = nextStage(facts.stage, action);
  const recorded: RecordedConfirmations = {};
  switch (action) {
    case 'invite':
      if (!facts.checklistReady) {
        const reason = confirmations.notReadyReason?.trim();
        if (!reason) {
          throw unprocessable('The planning checklist is not ready. Finish it, or send anyway and say why.', {
            notReadyReason: 'Give the reason to send before the checklist is ready.',
          });
        }
        recorded.checklistNotReady = true;
        recorded.notReadyReason = reason;
      }
      break;
    case 'check_in':
    case 'start_setup': {
      const step = action === 'check_in' ? 'Check-in' : 'Setup';
      if (guardDayOfStep(step, facts.startsAt, now, confirmations.startEarly === true).early) {
        recorded.startedEarly = true;
      }
      break;
    }
    case 'end_pairing': {
      const end = guardPhaseEnd(
        'pairing',
        facts.pairingStartedAt,
        facts.pairingMinutes,
        now,
        confirmations.confirmEarly === true,
      );
      if (end.cutShort) Object.assign(recorded, { cutShort: true, minutesLeft: end.minutesLeft });
      break;
    }
    case 'start_break':
      if (!facts.repositoryDeletionConfirmed) {
        throw unprocessable('Confirm first that the candidate deleted the repository from their machine.', {
          repositoryDeletion: 'Not confirmed yet.',
        });
      }
      break;
    case 'start_retrospective': {
      const end = guardPhaseEnd(
        'break',
        facts.breakStartedAt,
        facts.breakMinutes ?? BREAK_MINUTES,
        now,
        confirmations.confirmEarly === true,
      );
      if (end.cutShort) Object.assign(recorded, { cutShort: true, minutesLeft: end.minutesLeft });
      break;
    }
    case 'start_refinement':
      if (!facts.deadlineRecorded) {
        throw unprocessable('Ask the candidate by when they would like to hear back, and record it first.', {
          deadline: 'Required before refinement.',
        });
      }
      break;
    default:
      break;
  }
  return { next, recorded };
}

/** Submitting one's scorecard before the refinement timer is up needs the same confirmation. */
export function guardRefinementEnd(
  refinementStartedAt: string | null,
  now: Date,
  confirmEarly: boolean,
  /** The refinement timer the interview was planned with. */
  minutes = REFINEMENT_MINUTES,
): Pick<RecordedConfirmations, 'cutShort' | 'minutesLeft'> {
  const end = guardPhaseEnd('refinement', refinementStartedAt, minutes, now, confirmEarly);
  return end.cutShort ? { cutShort: true, minutesLeft: end.minutesLeft } : {};
}

/** The invitation, the reschedule and the cancellation reach the candidate only from their preview. */
export const previewedActions: readonly Action[] = ['invite', 'reschedule', 'cancel'];

/**
 * Why the generic transition route may not take this step: it would send the candidate a message
 * nobody previewed. A plan nobody was invited to yet moves or ends without any message, so there
 * the generic route still reschedules and cancels.
 */
export function genericTransitionRefusal(action: Action, stage: Stage): AppError | null {
  if (action === 'invite') {
    return new AppError(
      'conflict',
      'The invitation is sent from its preview, so what the candidate gets is what you saw. Open the invitation and send it from there.',
    );
  }
  if ((action === 'reschedule' || action === 'cancel') && stage !== 'planned') {
    const what = action === 'reschedule' ? 'new time' : 'cancellation';
    return new AppError(
      'conflict',
      `The candidate was invited, so the ${what} reaches them by mail: preview that mail, then send it from there.`,
      { previewDigest: 'Preview the message first.' },
    );
  }
  return null;
}
