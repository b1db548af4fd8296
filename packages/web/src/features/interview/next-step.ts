import { type InterviewRole, type PanelMemberState, reportStages, type Stage } from '@pairwise/domain';

export { reportStages };

/**
 * The one thing to do next, from the reader's seat: what the home page and headers say. A panel
 * member's own path (from the domain's process model) comes first: a shadow still refining after
 * the navigator reported is told to refine, not to wait.
 */
export function nextStepFor(
  stage: Stage,
  roles: readonly InterviewRole[],
  panelState: PanelMemberState | null = null,
): string {
  const deciding = roles.includes('line_manager');
  if (panelState === 'refining' && stage !== 'refinement') {
    return 'Your impression is not in yet: refine your notes, rate and submit it.';
  }
  switch (stage) {
    case 'planned':
      return 'Finish the planning checklist, then mark the candidate invited.';
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
