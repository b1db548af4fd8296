import { AppError } from './errors.ts';

/** The stages, in the order an interview normally moves through them. */
export const stages = [
  'planned',
  'invited',
  'checked_in',
  'setup',
  'pairing',
  'wrap',
  'break',
  'retrospective',
  'refinement',
  'reported',
  'decided',
  'cancelled',
  'no_show',
] as const;
export type Stage = (typeof stages)[number];

export const stageLabels: Record<Stage, string> = {
  planned: 'Planned',
  invited: 'Invited',
  checked_in: 'Checked in',
  setup: 'Setup',
  pairing: 'Pairing',
  wrap: 'Wrap',
  break: 'Break',
  retrospective: 'Retrospective',
  refinement: 'Refinement',
  reported: 'Reported',
  decided: 'Decided',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

export const actions = [
  'invite',
  'check_in',
  'start_setup',
  'start_pairing',
  'end_pairing',
  'start_break',
  'start_retrospective',
  'start_refinement',
  'submit_report',
  'decide',
  'reschedule',
  'cancel',
  'mark_no_show',
] as const;
export type Action = (typeof actions)[number];

const beforePairing: readonly Stage[] = ['planned', 'invited', 'checked_in', 'setup'];

interface Transition {
  from: readonly Stage[];
  to: (from: Stage) => Stage;
  /** Said to the user when the action is refused, so they know what has to happen first. */
  expects: string;
}

const transitions: Record<Action, Transition> = {
  invite: {
    from: ['planned'],
    to: () => 'invited',
    expects: 'An interview can be invited while it is planned.',
  },
  check_in: {
    from: ['invited'],
    to: () => 'checked_in',
    expects: 'Check-in happens on the day, after the candidate was invited.',
  },
  start_setup: { from: ['checked_in'], to: () => 'setup', expects: 'Setup starts after the check-in.' },
  start_pairing: { from: ['setup'], to: () => 'pairing', expects: 'Pairing starts after setup.' },
  end_pairing: { from: ['pairing'], to: () => 'wrap', expects: 'Only a running pairing session can end.' },
  start_break: {
    from: ['wrap'],
    to: () => 'break',
    expects: 'The break follows the wrap-up of the pairing session.',
  },
  start_retrospective: {
    from: ['break'],
    to: () => 'retrospective',
    expects: 'The retrospective follows the break after pairing.',
  },
  start_refinement: {
    from: ['retrospective'],
    to: () => 'refinement',
    expects: 'Refinement follows the retrospective.',
  },
  submit_report: {
    from: ['refinement'],
    to: () => 'reported',
    expects: 'The impression is submitted at the end of refinement.',
  },
  decide: {
    from: ['reported'],
    to: () => 'decided',
    expects: 'A decision is recorded after the impression was reported.',
  },
  // A rescheduled interview keeps its invitation (updated in place), so the candidate is never
  // asked to accept from scratch; an interview that was only planned stays planned.
  reschedule: {
    from: beforePairing,
    to: (from) => (from === 'planned' ? 'planned' : 'invited'),
    expects: 'An interview can be rescheduled until pairing starts.',
  },
  cancel: {
    from: beforePairing,
    to: () => 'cancelled',
    expects: 'An interview can be cancelled until pairing starts.',
  },
  mark_no_show: {
    from: beforePairing,
    to: () => 'no_show',
    expects: 'A no-show can be recorded until pairing starts.',
  },
};

export const actionLabels: Record<Action, string> = {
  invite: 'mark the candidate invited',
  check_in: 'check in',
  start_setup: 'start setup',
  start_pairing: 'start pairing',
  end_pairing: 'end pairing',
  start_break: 'start the break',
  start_retrospective: 'start the retrospective',
  start_refinement: 'start refinement',
  submit_report: 'submit the impression',
  decide: 'record the decision',
  reschedule: 'reschedule',
  cancel: 'cancel',
  mark_no_show: 'record a no-show',
};

export function canApply(stage: Stage, action: Action): boolean {
  return transitions[action].from.includes(stage);
}

/** The stage after `action`, or an `illegal_transition` error that says why not. */
export function nextStage(stage: Stage, action: Action): Stage {
  const transition = transitions[action];
  if (!transition.from.includes(stage)) {
    throw new AppError(
      'illegal_transition',
      `Cannot ${actionLabels[action]} while the interview is in stage "${stageLabels[stage]}". ${transition.expects}`,
    );
  }
  return transition.to(stage);
}

/** Actions available from a stage, in lifecycle order: what the interview page offers. */
export function availableActions(stage: Stage): Action[] {
  return actions.filter((action) => canApply(stage, action));
}

export const isFinished = (stage: Stage) =>
  stage === 'decided' || stage === 'cancelled' || stage === 'no_show';
