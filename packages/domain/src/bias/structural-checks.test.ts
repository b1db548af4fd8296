import { describe, expect, it } from 'vitest';
import {
  type BiasCheckNote,
  type BiasCheckRating,
  checkStructure,
  type StructuralCheckInput,
} from './structural-checks.ts';

const note = (id: string, text: string, over: Partial<BiasCheckNote> = {}): BiasCheckNote => ({
  id,
  text,
  stage: 'pairing',
  offsetMs: 600_000,
  revisedAt: '2025-03-04T11:20:00Z',
  ...over,
});

const rating = (attribute: string, score: 1 | 2 | 3 | 4, evidenceNoteIds = ['n1']): BiasCheckRating => ({
  attribute,
  score,
  evidenceNoteIds,
});

/** A clean scorecard: varied, evidenced ratings, refined notes, impression after refinement. */
const clean = (): StructuralCheckInput => ({
  ratings: [
    rating('testing', 4, ['n1']),
    rating('design', 3, ['n2']),
    rating('collaboration', 3, ['n1', 'n2']),
  ],
  notes: [
    note('n0', 'Setup took four minutes; npm install was slow on the hotel Wi-Fi.', {
      stage: 'setup',
      offsetMs: -300_000,
      revisedAt: null,
    }),
    note('n1', 'Wrote the failing test first.'),
    note('n2', 'Extracted a parser once green.', { revisedAt: '2025-03-04T11:25:00Z' }),
  ],
  impressionDraftedAt: '2025-03-04T11:30:00Z',
  sameDayRatingsByNavigatorForPosition: 1,
});

const ids = (input: StructuralCheckInput) => checkStructure(input).map((f) => f.checkId);

describe('checkStructure', () => {
  it('finds nothing in a clean scorecard', () => {
    expect(checkStructure(clean())).toEqual([]);
  });

  it('warns when one note is the evidence for every rating', () => {
    const notes = [note('n1', 'Wrote the test first.'), note('n2', 'Named things well.')];
    const one = checkStructure({
      ratings: [rating('testing', 3, ['n1']), rating('design', 2, ['n1']), rating('tooling', 4, ['n1'])],
      notes,
      impressionDraftedAt: null,
      sameDayRatingsByNavigatorForPosition: 0,
    });
    expect(one).toEqual([
      expect.objectContaining({
        checkId: 'single_evidence',
        message: 'One note is the only evidence for all 3 ratings.',
        noteIds: ['n1'],
      }),
    ]);
    const varied = checkStructure({
      ratings: [rating('testing', 3, ['n1']), rating('design', 2, ['n2'])],
      notes,
      impressionDraftedAt: null,
      sameDayRatingsByNavigatorForPosition: 0,
    });
    expect(varied.map((f) => f.checkId)).not.toContain('single_evidence');
  });

  it('gives every finding a message and advice on what to do', () => {
    const input: StructuralCheckInput = {
      ratings: [rating('testing', 2, []), rating('design', 2, []), rating('tooling', 2, [])],
      notes: [note('n1', 'Seemed nervous.', { stage: 'checked_in', revisedAt: null })],
      impressionDraftedAt: '2025-03-04T11:00:00Z',
      sameDayRatingsByNavigatorForPosition: 3,
    };
    const findings = checkStructure(input);
    expect(findings.map((f) => f.checkId)).toEqual([
      'rating_without_evidence',
      'identical_ratings',
      'early_judgement',
      'impression_before_refinement',
      'contrast_effect',
    ]);
    for (const f of findings) {
      expect(f.message.length).toBeGreaterThan(10);
      expect(f.advice.length).toBeGreaterThan(40);
    }
  });

  describe('rating without evidence', () => {
    it('names each rating with no linked note', () => {
      const input = clean();
      input.ratings = [rating('testing', 4, []), rating('design', 3, ['n2']), rating('tooling', 2, [])];
      const [finding] = checkStructure(input);
      expect(finding).toMatchObject({
        checkId: 'rating_without_evidence',
        attributes: ['testing', 'tooling'],
      });
      expect(finding?.message).toBe('2 ratings have no linked note: testing, tooling.');
    });

    it('does not count a link to a note that does not exist', () => {
      const input = clean();
      input.ratings = [rating('testing', 4, ['deleted-note'])];
      expect(ids(input)).toEqual(['rating_without_evidence']);
    });
  });

  describe('identical ratings (halo/horn)', () => {
    it('flags three or more ratings that are all the same', () => {
      const input = clean();
      input.ratings = [rating('testing', 4), rating('design', 4, ['n2']), rating('collaboration', 4)];
      expect(checkStructure(input)).toEqual([
        expect.objectContaining({ checkId: 'identical_ratings', message: 'All 3 ratings are 4.' }),
      ]);
    });

    it('leaves two equal ratings, or varied ones, alone', () => {
      const input = clean();
      input.ratings = [rating('testing', 4), rating('design', 4, ['n2'])];
      expect(ids(input)).toEqual([]);
      input.ratings = [rating('testing', 4), rating('design', 4, ['n2']), rating('tooling', 3)];
      expect(ids(input)).toEqual([]);
    });
  });

  describe('early judgement', () => {
    it('flags notes from check-in or setup that judge the person', () => {
      const input = clean();
      input.notes = [
        ...input.notes,
        note('e1', 'Came across as arrogant at check-in.', { stage: 'checked_in', offsetMs: null }),
        note('e2', 'Well dressed, firm handshake.', { stage: 'setup', offsetMs: -120_000 }),
        note('e3', 'She seems nervous.', { stage: 'setup', offsetMs: -60_000 }),
      ];
      expect(checkStructure(input)).toEqual([
        expect.objectContaining({ checkId: 'early_judgement', noteIds: ['e1', 'e2', 'e3'] }),
      ]);
    });

    it('uses a negative offset when the stage says nothing', () => {
      const input = clean();
      input.notes = [...input.notes, note('e1', 'Very sharp.', { stage: 'unknown', offsetMs: -1_000 })];
      expect(ids(input)).toEqual(['early_judgement']);
    });

    it('leaves neutral setup notes, and judgements made during pairing, to the other checks', () => {
      const input = clean();
      input.notes = [
        ...input.notes,
        note('s1', 'Clone failed on the VPN, worked on the guest network. Wi-Fi seemed weak.', {
          stage: 'setup',
          offsetMs: -200_000,
        }),
        note('p1', 'Seemed nervous when the second test failed.', { stage: 'pairing', offsetMs: 900_000 }),
      ];
      expect(ids(input)).toEqual([]);
    });
  });

  describe('impression before refinement', () => {
    it('flags an impression drafted before the first refinement', () => {
      const input = clean();
      input.impressionDraftedAt = '2025-03-04T11:10:00Z';
      expect(checkStructure(input)).toEqual([
        expect.objectContaining({
          checkId: 'impression_before_refinement',
          message: 'The impression was drafted before any note was refined.',
        }),
      ]);
    });

    it('flags an impression when no note has been refined at all', () => {
      const input = clean();
      input.notes = input.notes.map((n) => ({ ...n, revisedAt: null }));
      expect(checkStructure(input)[0]?.message).toBe(
        'The impression was drafted, but no note has been refined yet.',
      );
    });

    it('takes an explicit first-refinement time over the notes', () => {
      const input = clean();
      input.firstNoteRefinedAt = '2025-03-04T11:45:00Z';
      expect(ids(input)).toEqual(['impression_before_refinement']);
      input.firstNoteRefinedAt = '2025-03-04T11:05:00Z';
      expect(ids(input)).toEqual([]);
    });

    it('says nothing before an impression exists, or when there are no notes to refine', () => {
      const input = clean();
      input.impressionDraftedAt = null;
      expect(ids(input)).toEqual([]);
      const noNotes = { ...clean(), notes: [], ratings: [] };
      expect(ids(noNotes)).toEqual([]);
    });
  });

  describe('contrast effect', () => {
    it('flags more than two other candidates for the same position on the same day', () => {
      const input = clean();
      input.sameDayRatingsByNavigatorForPosition = 3;
      expect(checkStructure(input)).toEqual([
        expect.objectContaining({
          checkId: 'contrast_effect',
          message: 'You have rated 3 other candidates for this position today.',
        }),
      ]);
    });

    it('leaves two others alone', () => {
      const input = clean();
      input.sameDayRatingsByNavigatorForPosition = 2;
      expect(ids(input)).toEqual([]);
    });
  });
});
