import { describe, expect, it } from 'vitest';
import { defaultFocusAttributes } from '../scorecard.ts';
import { focusAttributeList, withAttributeIds } from './positions.ts';

const anchors = ['one', 'two', 'three', 'four'] as [string, string, string, string];

describe('a position’s focus attributes', () => {
  it('accepts the defaults as they are', () => {
    expect(focusAttributeList.parse(defaultFocusAttributes)).toEqual(defaultFocusAttributes);
  });

  it('derives an id for a new attribute from its label, unique in the list, and keeps existing ids', () => {
    const ids = withAttributeIds([
      { id: 'domain-modelling', label: 'Renamed, kept its id', anchors },
      { label: 'Domain modelling', anchors },
      { label: 'Écriture & Lecture du code', anchors },
      { label: '!!!', anchors },
    ]).map((a) => a.id);
    expect(ids).toEqual(['domain-modelling', 'domain-modelling-2', 'ecriture-lecture-du-code', 'attribute']);
  });

  it('names the attribute whose label repeats, and refuses an empty or oversized list', () => {
    const twice = focusAttributeList.safeParse([
      { label: 'Testing', anchors },
      { label: 'testing', anchors },
    ]);
    expect(twice.error?.issues).toEqual([
      expect.objectContaining({ path: [1, 'label'], message: 'Each attribute needs its own name.' }),
    ]);
    expect(focusAttributeList.safeParse([]).success).toBe(false);
    const thirteen = Array.from({ length: 13 }, (_, i) => ({ label: `A${i}`, anchors }));
    expect(focusAttributeList.safeParse(thirteen).success).toBe(false);
  });

  it('needs all four anchors described', () => {
    const blank = focusAttributeList.safeParse([
      { label: 'Testing', anchors: ['one', ' ', 'three', 'four'] },
    ]);
    expect(blank.error?.issues[0]).toMatchObject({
      path: [0, 'anchors', 1],
      message: 'Describe this step of the scale.',
    });
    expect(
      focusAttributeList.safeParse([{ label: 'Testing', anchors: ['one', 'two', 'three'] }]).success,
    ).toBe(false);
  });

  it('refuses an id that is not a short slug', () => {
    expect(focusAttributeList.safeParse([{ id: 'Has Spaces', label: 'Testing', anchors }]).success).toBe(
      false,
    );
  });
});
