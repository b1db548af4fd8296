import {
  formatDateInZone,
  formatTimeInZone,
  phaseEndsAt,
  type RepositoryWindow,
  type Stage,
} from '@pairwise/domain';
import { DateTime } from 'luxon';

/** What decides whether the candidate's repository is open: the interview's own times, read fresh per request. */
export interface WindowFacts {
  stage: string;
  startsAt: string;
  setupStartedAt: string | null;
  pairingStartedAt: string | null;
  pairingMinutes: number;
  pairingEndedAt: string | null;
  /** The navigator's "Invite to repository now". */
  openedAt: string | null;
  /** The navigator's "Close the repository". */
  closedAt: string | null;
  /** REPOSITORY_WINDOW_MINUTES. */
  minutesBefore: number;
  /** The candidate's time zone: refusals name times as the candidate reads them. */
  timeZone: string;
}

const RUNNING: ReadonlySet<string> = new Set<Stage>(['planned', 'invited', 'checked_in', 'setup', 'pairing']);

/** Stages in which the repository can be open at all: up to and including pairing. */
export const isRunningStage = (stage: string) => RUNNING.has(stage);
/**
 * An interview that never started (left in "invited" after its day) must not leave a repository
 * open for good; hours later than any realistic delay.
 */
const UNSTARTED_BACKSTOP_HOURS = 6;

/**
 * The access window, computed rather than stored: it opens REPOSITORY_WINDOW_MINUTES before the
 * start, when setup starts or when the navigator invites the candidate (whichever is first), and
 * closes at the pairing alarm, when pairing ends, or when the navigator closes it. No job has to
 * fire on time for any of this, and a reschedule moves the window with the interview.
 */
export function repositoryWindow(facts: WindowFacts, now: Date): RepositoryWindow {
  const at = now.getTime();
  const time = (iso: string) => Date.parse(iso);
  const iso = (ms: number) => new Date(ms).toISOString();
  const openedAt = facts.openedAt ? time(facts.openedAt) : null;
  const closedAt = facts.closedAt ? time(facts.closedAt) : null;

  const starts: Array<[number, NonNullable<RepositoryWindow['openedBy']>]> = [
    [time(facts.startsAt) - facts.minutesBefore * 60_000, 'schedule'],
  ];
  if (facts.setupStartedAt) starts.push([time(facts.setupStartedAt), 'setup']);
  // A navigator's invitation counts only while it is in force (not closed again since).
  if (openedAt !== null && !(closedAt !== null && closedAt >= openedAt)) starts.push([openedAt, 'navigator']);
  const [opensAtMs, openedBy] = starts.reduce((first, next) => (next[0] < first[0] ? next : first));
  const opensAt = iso(opensAtMs);

  const ends: Array<[number, NonNullable<RepositoryWindow['closedBy']>]> = [];
  if (facts.pairingStartedAt) {
    ends.push([time(phaseEndsAt(facts.pairingStartedAt, facts.pairingMinutes)), 'alarm']);
  }
  if (facts.pairingEndedAt) ends.push([time(facts.pairingEndedAt), 'pairing_ended']);
  if (closedAt !== null && !(openedAt !== null && openedAt > closedAt)) ends.push([closedAt, 'navigator']);
  const firstEnd = ends.length > 0 ? ends.reduce((a, b) => (b[0] < a[0] ? b : a)) : null;
  const closesAt = firstEnd ? iso(firstEnd[0]) : null;

  if (!RUNNING.has(facts.stage)) {
    const pairingHappened = facts.pairingStartedAt !== null;
    return {
      state: 'closed',
      opensAt: pairingHappened ? opensAt : null,
      closesAt,
      openedBy: pairingHappened ? openedBy : null,
      closedBy: firstEnd?.[1] ?? 'interview_over',
      refusal: pairingHappened ? pairingOver() : interviewOver(facts.stage),
    };
  }
  if (firstEnd && at >= firstEnd[0]) {
    return {
      state: 'closed',
      opensAt,
      closesAt,
      openedBy,
      closedBy: firstEnd[1],
      refusal: firstEnd[1] === 'navigator' ? closedByNavigator() : pairingOver(),
    };
  }
  const backstop = time(facts.startsAt) + UNSTARTED_BACKSTOP_HOURS * 3_600_000;
  if (!facts.pairingStartedAt && at >= backstop && openedBy !== 'navigator') {
    return {
      state: 'closed',
      opensAt,
      closesAt: iso(backstop),
      openedBy,
      closedBy: 'interview_over',
      refusal: interviewOver(facts.stage),
    };
  }
  if (at < opensAtMs) {
    return {
      state: 'not_yet',
      opensAt,
      closesAt,
      openedBy: null,
      closedBy: null,
      refusal: notYet(opensAt, facts),
    };
  }
  return { state: 'open', opensAt, closesAt, openedBy, closedBy: null, refusal: null };
}

// Refusals reach the candidate through git (`fatal: remote error: ...`): plain ASCII, one line.

function notYet(opensAt: string, facts: WindowFacts): string {
  const when = DateTime.fromISO(opensAt);
  const day = formatDateInZone(when, facts.timeZone);
  const time = formatTimeInZone(when, facts.timeZone);
  return (
    `This repository is not open yet. It opens at ${time} on ${day} (${facts.timeZone}), ` +
    `${facts.minutesBefore} minutes before your interview, or earlier if your interviewer opens it.`
  );
}

function pairingOver(): string {
  return 'Pairing has ended, so this repository is closed. Everything you pushed has been kept for the interviewers.';
}

function closedByNavigator(): string {
  return 'Your interviewer has closed this repository for now. Ask them to open it again.';
}

function interviewOver(stage: string): string {
  return stage === 'cancelled' || stage === 'no_show'
    ? 'This interview is not taking place, so its repository is closed.'
    : 'This repository is closed.';
}
