import { describe, expect, it } from 'vitest';
import { biasChecklistIds } from '../scorecard.ts';
import { biasChecklistAnswersSchema, biasChecklistItems, unreflectedChecklistItems } from './checklist.ts';

const allReflected = Object.fromEntries(biasChecklistIds.map((id) => [id, { reflected: true }]));

describe('bias checklist', () => {
  it('asks the seven reflection questions, each with what to look for', () => {
    expect(biasChecklistItems.map((i) => i.id)).toEqual([
      'first_impression',
      'halo_horn',
      'similarity',
      'confirmation',
      'contrast',
      'stereotyping',
      'culture_fit',
    ]);
    for (const item of biasChecklistItems) {
      expect(item.question).toMatch(/\?$/);
      expect(item.lookFor.length).toBeGreaterThan(20);
    }
  });

  it('requires an answer for every item', () => {
    expect(biasChecklistAnswersSchema.safeParse(allReflected).success).toBe(true);
    const { culture_fit: _, ...missingOne } = allReflected;
    expect(biasChecklistAnswersSchema.safeParse(missingOne).success).toBe(false);
    expect(biasChecklistAnswersSchema.safeParse({ ...allReflected, mood: { reflected: true } }).success).toBe(
      false,
    );
  });

  it('keeps an optional comment with each answer', () => {
    const parsed = biasChecklistAnswersSchema.parse({
      ...allReflected,
      contrast: { reflected: true, comment: ' Third interview today; reread the anchors. ' },
    });
    expect(parsed.contrast.comment).toBe('Third interview today; reread the anchors.');
  });

  it('lists the items not yet reflected on, in checklist order', () => {
    expect(unreflectedChecklistItems(allReflected)).toEqual([]);
    expect(unreflectedChecklistItems({ ...allReflected, similarity: { reflected: false } })).toEqual([
      'similarity',
    ]);
    expect(unreflectedChecklistItems({})).toEqual([...biasChecklistIds]);
  });
});
