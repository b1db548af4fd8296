import { describe, expect, it } from 'vitest';
import type { InterviewRole } from '../api/interviews.ts';
import { daysUntil } from '../interview-clock.ts';
import type { Stage } from '../lifecycle.ts';
import {
  dayOfBlocker,
  type QueueInterview,
  type WorkItemKind,
  workQueue,
  workSections,
} from './work-queue.ts';

const NORA = 'nora';
const SAM = 'sam';
const LENA = 'lena';
const ADA = 'ada';
// 07 December 2026, 09:00 in Berlin.
const now = new Date('2026-12-07T08:00:00.000Z');
const clock = { now, timeZone: 'Europe/Berlin' };

function interview(overrides: Partial<QueueInterview> & { stage: Stage }): QueueInterview {
  return {
    id: 'i1',
    candidateName: 'Casey Candidate',
    positionTitle: 'Backend Engineer',
    startsAt: '2026-12-07T13:00:00.000Z',
    timeZone: 'Europe/Berlin',
    roles: [],
    panel: [
      { id: NORA, name: 'Nora Navigator', role: 'navigator', submitted: false },
      { id: SAM, name: 'Sam Shadow', role: 'shadow', submitted: false },
    ],
    openChecklistItems: null,
    rescheduleRequested: false,
    openAccommodationRequests: 0,
    deadline: null,
    ...overrides,
  };
}

/** The kinds of work a reader with these roles is given, section by section. */
function kinds(reader: string, roles: InterviewRole[], facts: Partial<QueueInterview> & { stage: Stage }) {
  return workQueue([interview({ ...facts, roles })], { id: reader }, clock).flatMap((section) =>
    section.items.map((item) => item.kind),
  );
}

describe('the work queue', () => {
  it('has every section, in order, even when empty', () => {
    expect(workQueue([], { id: NORA }, clock).map((section) => section.section)).toEqual([...workSections]);
  });

  it("gives the navigator today's interview, the open checklist and the candidate's requests", () => {
    const facts = {
      stage: 'invited' as const,
      openChecklistItems: 2,
      rescheduleRequested: true,
      openAccommodationRequests: 1,
    };
    expect(kinds(NORA, ['navigator'], facts)).toEqual<WorkItemKind[]>([
      'interview_today',
      'checklist_open',
      'reschedule_requested',
      'accommodation_request',
    ]);
  });

  it('never says "check in" while the checklist is open or the candidate asked for another time', () => {
    const today = (facts: Partial<QueueInterview>) =>
      workQueue([interview({ stage: 'invited', roles: ['navigator'], ...facts })], { id: NORA }, clock)[0]!
        .items[0]!.text;
    expect(today({ openChecklistItems: 0 })).toMatch(/check in/);
    expect(today({ openChecklistItems: 1 })).not.toMatch(/check in/);
    expect(today({ openChecklistItems: 1 })).toMatch(/Finish the planning checklist first: 1 item open/);
    expect(today({ openChecklistItems: 0, rescheduleRequested: true })).toMatch(/asked for another time/);
    expect(dayOfBlocker({ openChecklistItems: null, rescheduleRequested: false })).toBeNull();
  });

  it('gives a shadow the day and their own impression, never the navigator’s checklist or the requests', () => {
    const facts = {
      stage: 'invited' as const,
      openChecklistItems: 2,
      rescheduleRequested: true,
      openAccommodationRequests: 1,
    };
    expect(kinds(SAM, ['shadow'], facts)).toEqual<WorkItemKind[]>(['interview_today']);
    expect(kinds(SAM, ['shadow'], { stage: 'refinement' })).toEqual<WorkItemKind[]>(['impression_due']);
  });

  it('keeps a shadow refining after the navigator submitted, and drops the item once they submit', () => {
    const panel = [
      { id: NORA, name: 'Nora Navigator', role: 'navigator' as const, submitted: true },
      { id: SAM, name: 'Sam Shadow', role: 'shadow' as const, submitted: false },
    ];
    expect(kinds(SAM, ['shadow'], { stage: 'reported', panel })).toEqual<WorkItemKind[]>(['impression_due']);
    expect(kinds(NORA, ['navigator'], { stage: 'reported', panel })).toEqual<WorkItemKind[]>([]);
    const all = panel.map((member) => ({ ...member, submitted: true }));
    expect(kinds(SAM, ['shadow'], { stage: 'reported', panel: all })).toEqual<WorkItemKind[]>([]);
  });

  it('gives the line manager the missing impressions and the decision, with the days left to the deadline', () => {
    const panel = [
      { id: NORA, name: 'Nora Navigator', role: 'navigator' as const, submitted: true },
      { id: SAM, name: 'Sam Shadow', role: 'shadow' as const, submitted: false },
    ];
    const sections = workQueue(
      [interview({ stage: 'reported', roles: ['line_manager'], panel, deadline: '2026-12-10' })],
      { id: LENA },
      clock,
    );
    const items = sections.flatMap((section) => section.items);
    expect(items.map((item) => [item.kind, item.text, item.daysLeft, item.href])).toEqual([
      ['panel_open', '1 of 2 impressions in; waiting for Sam Shadow.', 3, '/interviews/i1/report'],
      ['decision_due', 'Read the report and record the decision.', 3, '/interviews/i1/report'],
    ]);
    // Before the day, nothing is the line manager's, not even a candidate's request.
    expect(
      kinds(LENA, ['line_manager'], {
        stage: 'invited',
        rescheduleRequested: true,
        openAccommodationRequests: 1,
      }),
    ).toEqual([]);
  });

  it("gives an admin today's interviews and the candidates' requests, not others' impressions or decisions", () => {
    expect(
      kinds(ADA, ['admin'], {
        stage: 'invited',
        rescheduleRequested: true,
        openAccommodationRequests: 2,
        openChecklistItems: 3,
      }),
    ).toEqual<WorkItemKind[]>(['interview_today', 'reschedule_requested', 'accommodation_request']);
    expect(kinds(ADA, ['admin'], { stage: 'reported' })).toEqual([]);
  });

  it('reads "today" in the reader’s zone and leaves closed interviews out', () => {
    // 23:30 UTC on the 7th is the 8th in Berlin.
    expect(kinds(NORA, ['navigator'], { stage: 'invited', startsAt: '2026-12-07T23:30:00.000Z' })).toEqual(
      [],
    );
    expect(kinds(NORA, ['navigator'], { stage: 'pairing' })).toEqual(['interview_today']);
    for (const stage of ['decided', 'cancelled', 'no_show'] as const) {
      expect(kinds(NORA, ['navigator'], { stage, openAccommodationRequests: 1 })).toEqual([]);
    }
  });

  it('counts days to the deadline as daysUntil does, across a clock change and in any zone', () => {
    const days = (now: Date, timeZone: string, deadline: string) =>
      workQueue(
        [interview({ stage: 'reported', roles: ['line_manager'], deadline })],
        { id: LENA },
        { now, timeZone },
      ).find((section) => section.section === 'decisions')!.items[0]!.daysLeft;
    const cases: Array<[string, string, string]> = [
      ['2026-03-27T23:30:00.000Z', 'Europe/Berlin', '2026-04-02'], // over the spring change
      ['2026-10-24T22:30:00.000Z', 'Europe/London', '2026-10-20'], // passed, over the autumn change
      ['2026-12-07T11:00:00.000Z', 'Pacific/Kiritimati', '2026-12-08'], // already the 8th there
      ['2026-12-07T11:00:00.000Z', 'Pacific/Pago_Pago', '2026-12-07'], // still the 7th there
    ];
    for (const [now, zone, deadline] of cases) {
      expect(days(new Date(now), zone, deadline), `${now} ${zone}`).toBe(
        daysUntil(deadline, new Date(now), zone),
      );
    }
  });

  it("counts an interview as today from the reader's midnight to the next", () => {
    const today = (startsAt: string) => kinds(NORA, ['navigator'], { stage: 'invited', startsAt });
    // Berlin is UTC+1 in December: its 7th runs from 23:00 UTC on the 6th to 23:00 UTC on the 7th.
    expect(today('2026-12-06T22:59:59.999Z')).toEqual([]);
    expect(today('2026-12-06T23:00:00.000Z')).toEqual(['interview_today']);
    expect(today('2026-12-07T22:59:59.999Z')).toEqual(['interview_today']);
    expect(today('2026-12-07T23:00:00.000Z')).toEqual([]);
  });

  it('puts the decision with the nearest deadline first', () => {
    const sections = workQueue(
      [
        interview({ id: 'late', stage: 'reported', roles: ['line_manager'], deadline: '2026-12-20' }),
        interview({ id: 'none', stage: 'reported', roles: ['line_manager'], deadline: null }),
        interview({ id: 'soon', stage: 'reported', roles: ['line_manager'], deadline: '2026-12-08' }),
      ],
      { id: LENA },
      clock,
    );
    const decisions = sections.find((section) => section.section === 'decisions')!;
    expect(decisions.items.map((item) => item.interviewId)).toEqual(['soon', 'late', 'none']);
  });
});
