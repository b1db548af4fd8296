import type { InterviewRole } from '../api/interviews.ts';
import { AppError, unprocessable } from '../errors.ts';
import type { Stage } from '../lifecycle.ts';

/**
 * Every panel member (the navigator and each shadow) moves through the interview on their own
 * path: they take notes while the candidate is there, refine and rate afterwards, and submit.
 * Until they submit, their judgement is their own: they read nobody else's notes, ratings or
 * impression, and nobody reads theirs.
 */
export const panelMemberStates = ['not_started', 'taking_notes', 'refining', 'submitted', 'closed'] as const;
export type PanelMemberState = (typeof panelMemberStates)[number];

export const panelMemberStateLabels: Record<PanelMemberState, string> = {
  not_started: 'Not started',
  taking_notes: 'Taking notes',
  refining: 'Refining',
  submitted: 'Submitted',
  closed: 'Closed',
};

/** Stages in which the candidate is (or was just) with the panel: notes are taken live. */
const noteTakingStages: readonly Stage[] = [
  'checked_in',
  'setup',
  'pairing',
  'wrap',
  'break',
  'retrospective',
];
/**
 * A member who has not submitted keeps refining after the navigator reported the interview: the
 * navigator's submission moves the interview on, never a shadow's own path.
 */
const refiningStages: readonly Stage[] = ['refinement', 'reported'];
/** The report exists once the navigator's impression is in. */
export const reportStages: readonly Stage[] = ['reported', 'decided'];

/** The navigator records the retrospective from its start until they submit (the interview is reported). */
export function retrospectiveOpen(stage: Stage): boolean {
  return stage === 'retrospective' || stage === 'refinement';
}

/**
 * The "hear back by" date: never before the day the interview took place (the pairing day, or
 * the planned day before it happened), nor in the past.
 */
export function hearBackRefusal(
  deadline: string,
  facts: { interviewDate: string; today: string },
): AppError | null {
  if (deadline < facts.interviewDate) {
    return unprocessable(
      `The candidate hears back after the interview, so the date cannot be before it (${facts.interviewDate}).`,
      { deadline: `Choose ${facts.interviewDate} or later.` },
    );
  }
  if (deadline < facts.today) {
    return unprocessable('The deadline to hear back cannot be in the past.', {
      deadline: 'Choose today or a later date.',
    });
  }
  return null;
}

/**
 * What the retrospective may record: only positive observations are shared with the candidate
 * (positives first, concerns stay with the panel), and a "hear back by" date that
 * `hearBackRefusal` accepts.
 */
export function retrospectiveRefusal(
  request: { sharedNoteIds: readonly string[]; deadline: string | null },
  facts: {
    interviewDate: string;
    today: string;
    notes: ReadonlyArray<{ id: string; tags: readonly string[] }>;
  },
): AppError | null {
  const date = request.deadline ? hearBackRefusal(request.deadline, facts) : null;
  if (date) return date;
  const byId = new Map(facts.notes.map((note) => [note.id, note]));
  const unknown = request.sharedNoteIds.filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    return unprocessable('Shared notes must be notes of this interview.', { sharedNoteIds: 'Unknown note.' });
  }
  const notPositive = request.sharedNoteIds.filter((id) => !byId.get(id)!.tags.includes('positive'));
  if (notPositive.length > 0) {
    return unprocessable(
      'Only positive observations are shared with the candidate in the retrospective; concerns stay with the panel.',
      { sharedNoteIds: `${notPositive.length} shared note(s) are not tagged positive.` },
    );
  }
  return null;
}

/**
 * Scorecard evidence is the member's own notes of this interview: another member's unsubmitted
 * note or another interview's note is not evidence they can stand behind.
 */
export function evidenceRefusal(
  ratings: ReadonlyArray<{ attribute: string; evidenceNoteIds: readonly string[] }>,
  ownNoteIds: ReadonlySet<string>,
): AppError | null {
  const fields: Record<string, string> = {};
  for (const rating of ratings) {
    if (rating.evidenceNoteIds.some((id) => !ownNoteIds.has(id))) {
      fields[`ratings.${rating.attribute}`] = 'Link only your own notes of this interview.';
    }
  }
  return Object.keys(fields).length > 0
    ? unprocessable('Evidence must be your own notes of this interview.', fields)
    : null;
}

export function panelMemberState(stage: Stage, submitted: boolean): PanelMemberState {
  if (submitted) return 'submitted';
  if (noteTakingStages.includes(stage)) return 'taking_notes';
  if (refiningStages.includes(stage)) return 'refining';
  if (stage === 'planned' || stage === 'invited') return 'not_started';
  return 'closed';
}

export interface PanelMember {
  id: string;
  name: string;
  role: 'navigator' | 'shadow';
  submitted: boolean;
}

/** The facts of one interview that every window is computed from. */
export interface ProcessFacts {
  stage: Stage;
  panel: readonly PanelMember[];
}

export interface Reader {
  id: string;
  roles: readonly InterviewRole[];
}

const member = (facts: ProcessFacts, readerId: string) => facts.panel.find((m) => m.id === readerId) ?? null;

/** The reader's own state on the panel, or null when they are not on it. */
export function readerPanelState(facts: ProcessFacts, reader: Reader): PanelMemberState | null {
  const own = member(facts, reader.id);
  return own ? panelMemberState(facts.stage, own.submitted) : null;
}

/** A member who never submitted stays on their own, even once the interview is closed. */
const unsubmitted = (facts: ProcessFacts, reader: Reader) => member(facts, reader.id)?.submitted === false;

/** Writing and correcting one's own notes: from check-in until one's own submission. */
export function mayWriteNotes(facts: ProcessFacts, reader: Reader): boolean {
  return writesNotes(readerPanelState(facts, reader));
}

/** `mayWriteNotes` from the reader's own state alone, for a caller that read no one else's. */
export function writesNotes(state: PanelMemberState | null): boolean {
  return state === 'taking_notes' || state === 'refining';
}

/** Rating and resolving flagged phrases start with the retrospective and end at one's own submission. */
export function mayRate(facts: ProcessFacts, reader: Reader): boolean {
  const state = readerPanelState(facts, reader);
  return state === 'refining' || (state === 'taking_notes' && facts.stage === 'retrospective');
}

export function maySubmitScorecard(facts: ProcessFacts, reader: Reader): boolean {
  return readerPanelState(facts, reader) === 'refining';
}

/**
 * Whose notes, ratings and impressions the reader may see. A member who has not submitted sees
 * only their own; everyone else sees only submitted members' (unrefined notes never travel).
 */
export function visibleAuthorIds(facts: ProcessFacts, reader: Reader): string[] {
  if (unsubmitted(facts, reader)) return [reader.id];
  return facts.panel.filter((m) => m.submitted || m.id === reader.id).map((m) => m.id);
}

/** Why the reader may not open the report now, or null when they may. */
export function reportRefusal(facts: ProcessFacts, reader: Reader): AppError | null {
  if (!reportStages.includes(facts.stage)) {
    return new AppError(
      'conflict',
      'The report is available once the navigator has submitted the impression.',
    );
  }
  if (unsubmitted(facts, reader)) {
    return new AppError(
      'conflict',
      readerPanelState(facts, reader) === 'refining'
        ? "Submit your own impression first: the report shows the panel's notes and ratings, and yours is still being formed."
        : 'The report shows the impressions of the panel members who submitted; yours was not submitted.',
    );
  }
  return null;
}

export interface ImpressionsIn {
  submitted: number;
  total: number;
  missing: Array<{ id: string; name: string }>;
}

export function impressionsIn(facts: ProcessFacts): ImpressionsIn {
  const missing = facts.panel.filter((m) => !m.submitted).map(({ id, name }) => ({ id, name }));
  return { submitted: facts.panel.length - missing.length, total: facts.panel.length, missing };
}

/** "2 of 3 impressions in; missing: Sam Shadow": what the report and the decision say. */
export function impressionsInText({ submitted, total, missing }: ImpressionsIn): string {
  const base = `${submitted} of ${total} impression${total === 1 ? '' : 's'} in`;
  return missing.length === 0 ? base : `${base}; missing: ${missing.map((m) => m.name).join(', ')}`;
}

/**
 * The line manager decides once every panel member has submitted. Deciding while someone is
 * still refining is possible only on purpose, with a reason that the report shows.
 */
export function decisionRefusal(facts: ProcessFacts, override: { reason: string } | null): AppError | null {
  if (facts.stage !== 'reported') {
    return new AppError(
      'illegal_transition',
      facts.stage === 'decided'
        ? 'The decision is recorded already.'
        : 'A decision is recorded after the navigator submitted the impression.',
    );
  }
  const open = impressionsIn(facts);
  if (open.missing.length > 0 && !override?.reason.trim()) {
    return new AppError(
      'conflict',
      `Not every panel member has submitted (${impressionsInText(open)}). Wait for them, or proceed without them and give the reason.`,
      { proceedWithoutPanel: 'Give a reason to decide without every impression.' },
      { impressionsIn: open },
    );
  }
  return null;
}

/** Why a panel member cannot do something with their own scorecard right now, in their words. */
export function scorecardRefusal(
  facts: ProcessFacts,
  reader: Reader,
  act: 'rate' | 'submit',
): AppError | null {
  const state = readerPanelState(facts, reader);
  if (state === null)
    return new AppError('forbidden', 'Only the navigator and shadows take notes on this interview.');
  if (act === 'rate' ? mayRate(facts, reader) : maySubmitScorecard(facts, reader)) return null;
  switch (state) {
    case 'submitted':
      return new AppError('conflict', 'Your scorecard is submitted and locked.');
    case 'closed':
      return new AppError(
        'illegal_transition',
        facts.stage === 'decided'
          ? 'The line manager recorded the decision before your impression was in; it can no longer be submitted.'
          : 'This interview did not take place, so there is nothing to rate.',
      );
    default:
      return new AppError(
        'illegal_transition',
        act === 'rate'
          ? 'Ratings are given from the retrospective on, during refinement.'
          : 'Scorecards are submitted during refinement.',
      );
  }
}
