import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stages } from '../lifecycle.ts';
import {
  decisionRefusal,
  evidenceRefusal,
  hearBackRefusal,
  impressionsIn,
  impressionsInText,
  mayRate,
  maySubmitScorecard,
  mayWriteNotes,
  type PanelMember,
  type ProcessFacts,
  panelMemberState,
  reportRefusal,
  retrospectiveRefusal,
  scorecardRefusal,
  visibleAuthorIds,
} from './panel.ts';

const nora: PanelMember = { id: 'nora', name: 'Nora Navigator', role: 'navigator', submitted: true };
const sam: PanelMember = { id: 'sam', name: 'Sam Shadow', role: 'shadow', submitted: false };
const reported: ProcessFacts = { stage: 'reported', panel: [nora, sam] };
const asNora = { id: 'nora', roles: ['navigator'] as const };
const asSam = { id: 'sam', roles: ['shadow'] as const };
const asLena = { id: 'lena', roles: ['line_manager'] as const };

describe('a panel member state', () => {
  it('runs taking notes → refining → submitted, on their own path', () => {
    expect(panelMemberState('invited', false)).toBe('not_started');
    expect(panelMemberState('pairing', false)).toBe('taking_notes');
    expect(panelMemberState('retrospective', false)).toBe('taking_notes');
    expect(panelMemberState('refinement', false)).toBe('refining');
    // The navigator reported the interview; a shadow who has not submitted is still refining.
    expect(panelMemberState('reported', false)).toBe('refining');
    expect(panelMemberState('reported', true)).toBe('submitted');
    expect(panelMemberState('decided', false)).toBe('closed');
    expect(panelMemberState('cancelled', false)).toBe('closed');
  });

  it('keeps the shadow a refinement and scorecard path after the navigator submitted', () => {
    expect(mayWriteNotes(reported, asSam)).toBe(true);
    expect(mayRate(reported, asSam)).toBe(true);
    expect(maySubmitScorecard(reported, asSam)).toBe(true);
    expect(mayWriteNotes(reported, asNora)).toBe(false);
    expect(scorecardRefusal(reported, asNora, 'rate')?.message).toMatch(/submitted and locked/);
  });

  it('says why a member locked out by an early decision cannot submit', () => {
    const decided: ProcessFacts = { stage: 'decided', panel: [nora, sam] };
    expect(scorecardRefusal(decided, asSam, 'submit')?.message).toMatch(/decision before your impression/);
  });

  it('rates from the retrospective, never during pairing', () => {
    expect(mayRate({ stage: 'pairing', panel: [nora, sam] }, asSam)).toBe(false);
    expect(mayRate({ stage: 'retrospective', panel: [nora, sam] }, asSam)).toBe(true);
    expect(scorecardRefusal({ stage: 'pairing', panel: [sam] }, asSam, 'rate')?.code).toBe(
      'illegal_transition',
    );
  });
});

describe('the retrospective', () => {
  const facts = {
    interviewDate: '2030-03-05',
    today: '2030-02-20',
    notes: [
      { id: 'good', tags: ['positive', 'tdd'] },
      { id: 'worry', tags: ['concern'] },
    ],
  };
  it('never takes a "hear back by" date before the interview, saying why', () => {
    const refusal = retrospectiveRefusal({ sharedNoteIds: [], deadline: '2030-03-01' }, facts);
    expect(refusal?.status).toBe(422);
    expect(refusal?.message).toMatch(/cannot be before it \(2030-03-05\)/);
    expect(retrospectiveRefusal({ sharedNoteIds: [], deadline: '2030-03-05' }, facts)).toBeNull();
    expect(
      hearBackRefusal('2030-03-06', { interviewDate: '2030-03-05', today: '2030-03-07' })?.message,
    ).toMatch(/in the past/);
  });

  it('shares only positive notes of this interview', () => {
    expect(retrospectiveRefusal({ sharedNoteIds: ['good'], deadline: null }, facts)).toBeNull();
    expect(
      retrospectiveRefusal({ sharedNoteIds: ['good', 'worry'], deadline: null }, facts)?.message,
    ).toMatch(/Only positive observations/);
    expect(retrospectiveRefusal({ sharedNoteIds: ['elsewhere'], deadline: null }, facts)?.fields).toEqual({
      sharedNoteIds: 'Unknown note.',
    });
  });

  it("takes as evidence only the member's own notes", () => {
    const own = new Set(['mine']);
    expect(evidenceRefusal([{ attribute: 'testing', evidenceNoteIds: ['mine'] }], own)).toBeNull();
    expect(
      evidenceRefusal([{ attribute: 'testing', evidenceNoteIds: ['mine', 'theirs'] }], own)?.fields,
    ).toEqual({
      'ratings.testing': 'Link only your own notes of this interview.',
    });
  });
});

describe('independent judgement', () => {
  it('shows an open member only their own notes, and others only submitted members', () => {
    expect(visibleAuthorIds(reported, asSam)).toEqual(['sam']);
    expect(visibleAuthorIds(reported, asNora)).toEqual(['nora']);
    expect(visibleAuthorIds(reported, asLena)).toEqual(['nora']);
    const all: ProcessFacts = { stage: 'reported', panel: [nora, { ...sam, submitted: true }] };
    expect(visibleAuthorIds(all, asNora)).toEqual(['nora', 'sam']);
  });

  it('refuses the report to a member who has not submitted, whatever other role they hold', () => {
    expect(reportRefusal(reported, asSam)?.message).toMatch(/Submit your own impression first/);
    expect(reportRefusal(reported, { id: 'sam', roles: ['shadow', 'admin'] })).not.toBeNull();
    expect(reportRefusal(reported, asNora)).toBeNull();
    expect(reportRefusal(reported, asLena)).toBeNull();
    expect(reportRefusal({ stage: 'refinement', panel: [nora, sam] }, asLena)?.code).toBe('conflict');
  });

  it('counts the impressions in and names who is missing', () => {
    expect(impressionsInText(impressionsIn(reported))).toBe('1 of 2 impressions in; missing: Sam Shadow');
    expect(impressionsInText(impressionsIn({ stage: 'reported', panel: [nora] }))).toBe(
      '1 of 1 impression in',
    );
  });

  it('refuses a decision while a member is open, unless it proceeds with a reason', () => {
    const refusal = decisionRefusal(reported, null);
    expect(refusal?.status).toBe(409);
    expect(refusal?.message).toMatch(/missing: Sam Shadow/);
    expect(decisionRefusal(reported, { reason: '  ' })).not.toBeNull();
    expect(decisionRefusal(reported, { reason: 'Sam is on leave for three weeks.' })).toBeNull();
    expect(
      decisionRefusal({ stage: 'reported', panel: [nora, { ...sam, submitted: true }] }, null),
    ).toBeNull();
    expect(decisionRefusal({ stage: 'refinement', panel: [nora] }, null)?.code).toBe('illegal_transition');
  });

  it('never shows an open member anyone else, in any stage and panel (property)', () => {
    const panelArb = fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }).map((flags) =>
      flags.map(
        (submitted, index): PanelMember => ({
          id: `m${index}`,
          name: `Member ${index}`,
          role: index === 0 ? 'navigator' : 'shadow',
          submitted,
        }),
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom(...stages), panelArb, fc.nat(), (stage, panel, pick) => {
        const facts = { stage, panel };
        const reader = panel[pick % panel.length]!;
        const visible = visibleAuthorIds(facts, { id: reader.id, roles: [reader.role] });
        if (!reader.submitted) expect(visible).toEqual([reader.id]);
        // Nobody ever sees an open member's work except that member.
        for (const id of visible) {
          const author = panel.find((m) => m.id === id)!;
          expect(author.submitted || author.id === reader.id).toBe(true);
        }
        const outsider = visibleAuthorIds(facts, { id: 'lm', roles: ['line_manager'] });
        expect(outsider.every((id) => panel.find((m) => m.id === id)?.submitted)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
