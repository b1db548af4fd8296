import { DateTime } from 'luxon';
import type { InterviewRole } from '../api/interviews.ts';
import type { Stage } from '../lifecycle.ts';
import { type PanelMember, panelMemberState } from './panel.ts';

/**
 * The home page is a work queue: what needs the reader's action now, from the state of the
 * interviews they are on, manage or administer. Each kind of work belongs to the people who can
 * do it: the navigator prepares and answers the candidate, every panel member submits their own
 * impression, the line manager decides; an admin, who may drive any interview, sees the day and
 * the candidates' requests so nothing waits on someone who is away.
 */
export const workSections = ['today', 'planning', 'requests', 'impressions', 'decisions'] as const;
export type WorkSection = (typeof workSections)[number];

export const workSectionTitles: Record<WorkSection, string> = {
  today: 'Interviews today',
  planning: 'Planning checklists',
  requests: 'Candidate requests',
  impressions: 'Impressions',
  decisions: 'Decisions',
};

export const workItemKinds = [
  'interview_today',
  'checklist_open',
  'reschedule_requested',
  'accommodation_request',
  'impression_due',
  'panel_open',
  'decision_due',
] as const;
export type WorkItemKind = (typeof workItemKinds)[number];

/** One interview as the queue reads it, with the reader's roles on it. */
export interface QueueInterview {
  id: string;
  candidateName: string;
  positionTitle: string;
  startsAt: string;
  timeZone: string;
  stage: Stage;
  roles: readonly InterviewRole[];
  panel: readonly PanelMember[];
  /** Required planning items not done; null when not read (the reader does not prepare it). */
  openChecklistItems: number | null;
  /** The candidate asked for another time for the current invitation and was not answered yet. */
  rescheduleRequested: boolean;
  /** Accommodation requests nobody answered yet. */
  openAccommodationRequests: number;
  /** The candidate's "hear back by" date (YYYY-MM-DD), once the retrospective recorded it. */
  deadline: string | null;
}

export interface WorkItem {
  kind: WorkItemKind;
  section: WorkSection;
  interviewId: string;
  candidateName: string;
  positionTitle: string;
  startsAt: string;
  stage: Stage;
  /** What to do, in words. */
  text: string;
  /** Where in the web app the action is taken. */
  href: string;
  /** Days left to the candidate's deadline (negative once passed); null when there is none. */
  daysLeft: number | null;
  /** How many of the thing are open (checklist items, requests, missing impressions); null for one. */
  count: number | null;
}

export interface WorkQueueSection {
  section: WorkSection;
  title: string;
  items: WorkItem[];
}

/** The stages in which the candidate is still to come or with the panel on the day. */
const dayStages: readonly Stage[] = [
  'planned',
  'invited',
  'checked_in',
  'setup',
  'pairing',
  'wrap',
  'break',
  'retrospective',
];
const beforeTheDay: readonly Stage[] = ['planned', 'invited'];
const closedStages: readonly Stage[] = ['decided', 'cancelled', 'no_show'];
/** The stages the queue reads at all: anything not closed. */
export const workQueueStages: readonly Stage[] = [...dayStages, 'refinement', 'reported'];

const onPanel = (roles: readonly InterviewRole[]) => roles.includes('navigator') || roles.includes('shadow');
/** Those who may drive the interview: they prepare it and answer the candidate (policy's `drive`). */
const drives = (roles: readonly InterviewRole[]) => roles.includes('navigator') || roles.includes('admin');
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/**
 * The day-of step must not be offered while the interview is not ready for it: open checklist
 * items, or a candidate who asked for another time. Null when the day can go ahead.
 */
export function dayOfBlocker(facts: {
  openChecklistItems: number | null;
  rescheduleRequested: boolean;
}): string | null {
  if (facts.rescheduleRequested) {
    return 'The candidate asked for another time: reschedule (previewed) or agree the time with them first.';
  }
  if (facts.openChecklistItems && facts.openChecklistItems > 0) {
    return `Finish the planning checklist first: ${plural(facts.openChecklistItems, 'item')} open.`;
  }
  return null;
}

/**
 * The reader's queue: one section per kind of work, each item linking to where it is done.
 * `timeZone` is the reader's, so "today" is their day.
 */
export function workQueue(
  interviews: readonly QueueInterview[],
  reader: { id: string },
  clock: { now: Date; timeZone: string },
): WorkQueueSection[] {
  // The reader's day, worked out once: zone arithmetic per interview was most of the queue's CPU
  // time for a line manager with hundreds of reports.
  const day = DateTime.fromJSDate(clock.now, { zone: clock.timeZone }).startOf('day');
  const today = day.toISODate()!;
  const [dayStart, dayEnd] = [day.toMillis(), day.plus({ days: 1 }).toMillis()];
  const items: WorkItem[] = [];
  for (const interview of interviews) {
    if (closedStages.includes(interview.stage)) continue;
    const { roles, stage } = interview;
    const page = `/interviews/${interview.id}`;
    const daysLeft = interview.deadline ? calendarDaysBetween(today, interview.deadline) : null;
    const item = (
      kind: WorkItemKind,
      section: WorkSection,
      text: string,
      href = page,
      count: number | null = null,
    ): WorkItem => ({
      kind,
      section,
      interviewId: interview.id,
      candidateName: interview.candidateName,
      positionTitle: interview.positionTitle,
      startsAt: interview.startsAt,
      stage,
      text,
      href,
      daysLeft,
      count,
    });
    const startsAt = Date.parse(interview.startsAt);
    const startsToday = startsAt >= dayStart && startsAt < dayEnd;

    if (startsToday && dayStages.includes(stage) && (onPanel(roles) || roles.includes('admin'))) {
      const blocker = beforeTheDay.includes(stage) && drives(roles) ? dayOfBlocker(interview) : null;
      const text =
        blocker ??
        (beforeTheDay.includes(stage)
          ? roles.includes('navigator')
            ? 'You navigate today: check in with the candidate.'
            : roles.includes('shadow')
              ? 'You shadow today.'
              : 'Interview today.'
          : 'Running now.');
      items.push(item('interview_today', 'today', text));
    }
    if (
      roles.includes('navigator') &&
      beforeTheDay.includes(stage) &&
      (interview.openChecklistItems ?? 0) > 0
    ) {
      items.push(
        item(
          'checklist_open',
          'planning',
          `${plural(interview.openChecklistItems!, 'checklist item')} open.`,
          `${page}#checklist-heading`,
          interview.openChecklistItems,
        ),
      );
    }
    if (drives(roles) && beforeTheDay.includes(stage) && interview.rescheduleRequested) {
      items.push(
        item(
          'reschedule_requested',
          'requests',
          'The candidate asked for another time.',
          // The request and its reason are shown with the invitation; "Reschedule" is folded below.
          `${page}#invitation-heading`,
        ),
      );
    }
    if (drives(roles) && interview.openAccommodationRequests > 0) {
      items.push(
        item(
          'accommodation_request',
          'requests',
          `${plural(interview.openAccommodationRequests, 'accommodation request')} to answer.`,
          `${page}#invitation-heading`,
          interview.openAccommodationRequests,
        ),
      );
    }
    const own = interview.panel.find((member) => member.id === reader.id);
    if (own && panelMemberState(stage, own.submitted) === 'refining') {
      items.push(
        item('impression_due', 'impressions', 'Refine your notes, rate and submit your impression.'),
      );
    }
    if (roles.includes('line_manager') && (stage === 'refinement' || stage === 'reported')) {
      const missing = interview.panel.filter((member) => !member.submitted);
      if (missing.length > 0) {
        const names = missing.map((member) => member.name).join(', ');
        items.push(
          item(
            'panel_open',
            'impressions',
            `${interview.panel.length - missing.length} of ${interview.panel.length} impressions in; waiting for ${names}.`,
            `${page}/report`,
            missing.length,
          ),
        );
      }
    }
    if (roles.includes('line_manager') && stage === 'reported') {
      items.push(
        item('decision_due', 'decisions', 'Read the report and record the decision.', `${page}/report`),
      );
    }
  }
  return workSections.map((section) => ({
    section,
    title: workSectionTitles[section],
    items: items.filter((entry) => entry.section === section).sort(bySection(section)),
  }));
}

/**
 * Whole days from one calendar date to another (YYYY-MM-DD), as `daysUntil` counts them in the
 * reader's zone once "today" is known there.
 */
function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Decisions by the candidate's deadline (soonest first, none last); everything else by start. */
function bySection(section: WorkSection) {
  return (a: WorkItem, b: WorkItem): number => {
    if (section === 'decisions' || section === 'impressions') {
      const left = (a.daysLeft ?? Number.POSITIVE_INFINITY) - (b.daysLeft ?? Number.POSITIVE_INFINITY);
      if (left !== 0 && !Number.isNaN(left)) return left;
    }
    // Same start: one interview's items stay in the order they were found (the sort is stable).
    return a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0;
  };
}
