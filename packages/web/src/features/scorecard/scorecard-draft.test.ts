import { biasChecklistIds, type FocusAttribute, type Scorecard } from '@pairwise/domain';
import { describe, expect, it } from 'vitest';
import { draftFrom, openPoints, requestFrom, withAttributes } from './scorecard-draft.ts';

const attributes: FocusAttribute[] = [
  { id: 'testing', label: 'Testing / TDD', anchors: ['a', 'b', 'c', 'd'] },
  { id: 'domain-modelling', label: 'Domain modelling', anchors: ['a', 'b', 'c', 'd'] },
];
const reflected = Object.fromEntries(biasChecklistIds.map((id) => [id, { reflected: true, comment: '' }]));

describe('the scorecard draft', () => {
  it("asks for a rating with evidence on each of the position's attributes", () => {
    const draft = draftFrom(null, attributes);
    draft.ratings.testing = { score: 4, evidenceNoteIds: ['n1'] };
    draft.ratings['domain-modelling'] = { score: 2, evidenceNoteIds: [] };
    expect(openPoints({ ...draft, biasChecklist: reflected as typeof draft.biasChecklist })).toEqual([
      'Domain modelling: link at least one note',
      'the impression is empty',
      'no recommendation chosen',
    ]);
  });

  it('sends only rated attributes of the position, and drops one the position no longer rates', () => {
    const saved = {
      ratings: [
        { attribute: 'testing', score: 3, evidenceNoteIds: ['n1'] },
        { attribute: 'collaboration', score: 2, evidenceNoteIds: ['n1'] },
      ],
      impression: 'Test-first.',
      recommendation: 'yes',
      biasChecklist: {},
    } as unknown as Scorecard;
    expect(requestFrom(draftFrom(saved, attributes)).ratings).toEqual([
      { attribute: 'testing', score: 3, evidenceNoteIds: ['n1'] },
    ]);
  });

  it("follows the position's current attributes, keeping ratings of those that remain", () => {
    const draft = draftFrom(null, attributes);
    draft.ratings.testing = { score: 4, evidenceNoteIds: ['n1'] };
    draft.ratings['domain-modelling'] = { score: 2, evidenceNoteIds: ['n1'] };
    expect(withAttributes(draft, attributes)).toBeNull();

    const current: FocusAttribute[] = [
      { id: 'testing', label: 'Testing and TDD', anchors: ['a', 'b', 'c', 'd'] },
      { id: 'debugging', label: 'Debugging', anchors: ['a', 'b', 'c', 'd'] },
    ];
    const moved = withAttributes(draft, current)!;
    expect(moved.focusAttributes).toEqual(current);
    expect(moved.ratings).toEqual({
      testing: { score: 4, evidenceNoteIds: ['n1'] },
      debugging: { score: null, evidenceNoteIds: [] },
    });
    expect(openPoints(moved)).toContain('Debugging: rate it');
  });
});
