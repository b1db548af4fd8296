import {
  dayOfBlocker,
  type InterviewDetail,
  type InterviewRole,
  type PanelMemberState,
  reportStages,
  type Stage,
} from '@pairwise/domain';

export { reportStages };

/** What still stands before the day; `openChecklistItems` is null when it was not read. */
export interface BeforeTheDay {
  openChecklistItems: number | null;
  rescheduleRequested: boolean;
}

/**
 * The same facts from the interview page's own data: the checklist, and the candidate's latest
 * answer to the time they hold now (a new time or place sends a new version of the invitation,
 * which the candidate answers afresh; the server counts answers per version the same way).
 */
export function beforeTheDayOf(interview: Pick<InterviewDetail, 'checklist' | 'events'>): BeforeTheDay {
  let rescheduleRequested = false;
  for (const event of [...interview.events].sort((a, b) => a.seq - b.seq)) {
    if (event.type === 'candidate_requested_reschedule') rescheduleRequested = true;
    if (
      event.type === 'candidate_confirmed' ||
      event.type === 'rescheduled' ||
      event.type === 'place_changed'
    ) {
      rescheduleRequested = false;
    }
  }
  return {
    openChecklistItems: interview.checklist.items.filter((item) => item.required && !item.done).length,
    rescheduleRequested,
  };
}

/**
 * The one thing to do next, from the reader's seat: what the home page and headers say. A panel
 * member's own path (from the domain's process model) comes first: a shadow still refining after
 * the navigator reported is told to refine, not to wait. Before the day, whoever drives the
 * interview is told "check in" only when nothing blocks the day (open checklist items, a
 * candidate who asked for another time; see `dayOfBlocker`); when that was not read, they are
 * told to look rather than promised a ready day.
 */
export function nextStepFor(
  stage: Stage,
  roles: readonly InterviewRole[],
  panelState: PanelMemberState | null = null,
  before: BeforeTheDay | null = null,
): string {
  const deciding = roles.includes('line_manager');
  const drives = roles.includes('navigator') || roles.includes('admin');
  if (panelState === 'refining' && stage !== 'refinement') {
    return 'Your impression is not in yet: refine your notes, rate and submit it.';
  }
  if (panelState === 'submitted' && stage === 'refinement') {
    return 'Your impression is in; the others are still refining theirs.';
  }
  if (stage === 'invited') {
    if (!drives) {
      return roles.includes('shadow')
        ? 'On the day: you shadow; the navigator checks in with the candidate.'
        : 'Invited; the report follows the interview.';
    }
    const blocker = before ? dayOfBlocker(before) : null;
    if (blocker) return blocker;
    if (before?.openChecklistItems !== 0) {
      return "Before the day: see the planning checklist and the candidate's answer; on the day, check in.";
    }
  }
  switch (stage) {
    case 'planned':
      return drives
        ? 'Finish the planning checklist, then mark the candidate invited.'
        : 'Planned; the navigator prepares it and invites the candidate.';
    case 'invited':
      return 'On the day: check in with the candidate.';
    case 'checked_in':
      return 'State the agenda, then start setup.';
    case 'setup':
      return 'The candidate is setting up; start pairing once they are ready.';
    case 'pairing':
      return 'Pairing is running: take notes.';
    case 'wrap':
      return 'Confirm the candidate deleted the repository, then start the break.';
    case 'break':
      return 'After the break, start the retrospective.';
    case 'retrospective':
      return "Record the candidate's answers and by when they want to hear back.";
    case 'refinement':
      return 'Refine notes, go through the bias check, rate and submit the impression.';
    case 'reported':
      return deciding
        ? "Read the report and record the decision before the candidate's deadline."
        : "Waiting for the line manager's decision.";
    case 'decided':
      return 'The decision is recorded.';
    case 'cancelled':
      return 'Cancelled; nothing more to do.';
    case 'no_show':
      return 'Recorded as a no-show; nothing more to do.';
  }
}

export const upcomingStages: readonly Stage[] = ['planned', 'invited'];
export const inProgressStages: readonly Stage[] = [
  'checked_in',
  'setup',
  'pairing',
  'wrap',
  'break',
  'retrospective',
  'refinement',
  // Reported is not done: the hiring process waits on the line manager's decision.
  'reported',
];
/** Finished: the home page lists them latest first. */
export const doneStages: readonly Stage[] = ['decided', 'cancelled', 'no_show'];
