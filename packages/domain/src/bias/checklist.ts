import { z } from 'zod';
import { type BiasChecklistId, biasChecklist, biasChecklistIds } from '../scorecard.ts';

export type BiasChecklistItemId = BiasChecklistId;

export interface BiasChecklistItem {
  id: BiasChecklistItemId;
  /** The question the navigator answers for themself before submitting. */
  question: string;
  /** Where to look in one's own notes and ratings to answer it honestly. */
  lookFor: string;
}

// Keyed by id so the compiler refuses a checklist item without a prompt, or a prompt for an
// item the scorecard no longer asks about.
const lookFor: Record<BiasChecklistItemId, string> = {
  first_impression:
    'Notes from check-in and setup, and any rating you settled on before the first test was written.',
  halo_horn: 'Ratings that are all the same, or that all cite the same one or two notes.',
  similarity:
    'Praise for things you share with the candidate (school, hobbies, stack, way of talking) rather than what they did.',
  confirmation:
    'Notes that only support your early view; search for one observation that contradicts it and weigh it.',
  contrast: 'Whether you would give the same scores if this had been your first interview of the day.',
  stereotyping:
    'Anything about age, gender, origin, accent, family, health or appearance, stated or implied.',
  culture_fit:
    '"Fit" or "vibe" in notes or impression: replace it with a specific behaviour the role needs, or drop it.',
};

/** The navigator's own reflection, answered before submission. */
export const biasChecklistItems: readonly BiasChecklistItem[] = biasChecklist.map((item) => ({
  id: item.id,
  question: item.question,
  lookFor: lookFor[item.id],
}));

export const biasChecklistAnswerSchema = z.strictObject({
  reflected: z.boolean(),
  comment: z.string().trim().max(2_000).optional(),
});

/** Every item must be present; whether each was reflected on is checked at submission. */
export const biasChecklistAnswersSchema = z.record(z.enum(biasChecklistIds), biasChecklistAnswerSchema);

export type BiasChecklistAnswers = z.infer<typeof biasChecklistAnswersSchema>;

/** Items not yet reflected on, in checklist order; empty means the checklist is done. */
export function unreflectedChecklistItems(
  answers: Partial<Record<BiasChecklistItemId, { reflected: boolean } | undefined>>,
): BiasChecklistItemId[] {
  return biasChecklistItems.filter((item) => !answers[item.id]?.reflected).map((item) => item.id);
}
