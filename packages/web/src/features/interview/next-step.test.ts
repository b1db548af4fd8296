import type { InterviewDetail } from '@pairwise/domain';
import { describe, expect, it } from 'vitest';
import { beforeTheDayOf, nextStepFor } from './next-step.ts';

describe('the next step', () => {
  it('tells a shadow still refining after the navigator reported to refine, not to wait', () => {
    expect(nextStepFor('reported', ['shadow'], 'refining')).toMatch(/Your impression is not in yet/);
    expect(nextStepFor('reported', ['shadow'], 'submitted')).toMatch(/Waiting for the line manager/);
    expect(nextStepFor('reported', ['line_manager'], null)).toMatch(/record the decision/);
  });

  it('does not tell a member who submitted during refinement to refine again', () => {
    expect(nextStepFor('refinement', ['shadow'], 'submitted')).toMatch(/Your impression is in/);
    expect(nextStepFor('refinement', ['shadow'], 'taking_notes')).toMatch(/^Refine notes/);
  });

  it('does not say "check in" while checklist items are open or the candidate asked for another time', () => {
    const ready = { openChecklistItems: 0, rescheduleRequested: false };
    expect(nextStepFor('invited', ['navigator'], 'not_started', ready)).toMatch(/check in/);
    const open = nextStepFor('invited', ['navigator'], 'not_started', { ...ready, openChecklistItems: 2 });
    expect(open).not.toMatch(/check in/);
    expect(open).toMatch(/Finish the planning checklist first: 2 items open/);
    const asked = nextStepFor('invited', ['navigator'], 'not_started', {
      ...ready,
      rescheduleRequested: true,
    });
    expect(asked).not.toMatch(/check in/);
    expect(asked).toMatch(/asked for another time/);
    expect(nextStepFor('invited', ['admin'], null, { ...ready, rescheduleRequested: true })).toMatch(
      /asked for another time/,
    );
  });

  it('promises a ready day only when the checklist was read, and only to whoever drives the interview', () => {
    expect(nextStepFor('invited', ['navigator'], 'not_started')).toMatch(/^Before the day: see the planning/);
    expect(
      nextStepFor('invited', ['admin'], null, { openChecklistItems: null, rescheduleRequested: false }),
    ).toMatch(/^Before the day/);
    expect(nextStepFor('invited', ['shadow'], 'not_started')).not.toMatch(/^On the day: check in/);
    expect(nextStepFor('invited', ['line_manager'], null)).not.toMatch(/check in/i);
    // Preparing is the navigator's (or an admin's) work, not the shadow's or the line manager's.
    expect(nextStepFor('planned', ['navigator'], 'not_started')).toMatch(/^Finish the planning checklist/);
    expect(nextStepFor('planned', ['shadow'], 'not_started')).toMatch(/^Planned; the navigator prepares/);
  });
});

describe('what stands before the day, from the interview page', () => {
  const checklist = (open: number): InterviewDetail['checklist'] => ({
    ready: open === 0,
    items: [
      { id: 'guide_read', label: 'A', required: true, manual: true, done: open === 0, evidence: null },
      { id: 'calendar_cleared', label: 'B', required: true, manual: true, done: open < 2, evidence: null },
      { id: 'setup_rehearsed', label: 'C', required: false, manual: true, done: false, evidence: null },
    ],
  });
  let seq = 0;
  const event = (type: string) =>
    ({ id: `e${++seq}`, seq, at: '2026-12-07T08:00:00.000Z', actorName: null, type, payload: {} }) as never;

  it('counts required open items and the latest answer to the time the candidate holds now', () => {
    expect(beforeTheDayOf({ checklist: checklist(2), events: [] })).toEqual({
      openChecklistItems: 2,
      rescheduleRequested: false,
    });
    const asked = [event('invited'), event('candidate_requested_reschedule')];
    expect(beforeTheDayOf({ checklist: checklist(0), events: asked }).rescheduleRequested).toBe(true);
    // The candidate withdrew by confirming, or a new time answered the request.
    for (const answer of ['candidate_confirmed', 'rescheduled']) {
      expect(
        beforeTheDayOf({ checklist: checklist(0), events: [...asked, event(answer)] }).rescheduleRequested,
      ).toBe(false);
    }
  });
});
