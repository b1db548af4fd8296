import {
  type BiasChecklistId,
  biasChecklist,
  type FocusAttribute,
  type Recommendation,
  type Scorecard,
  type ScorecardRequest,
} from '@pairwise/domain';

export interface RatingDraft {
  score: number | null;
  evidenceNoteIds: string[];
}

/**
 * The scorecard as the form edits it: every attribute of the position and every question present,
 * possibly unanswered.
 */
export interface ScorecardDraft {
  focusAttributes: readonly FocusAttribute[];
  ratings: Record<string, RatingDraft>;
  impression: string;
  recommendation: Recommendation | null;
  biasChecklist: Record<BiasChecklistId, { reflected: boolean; comment: string }>;
}

export function draftFrom(
  saved: Scorecard | null,
  focusAttributes: readonly FocusAttribute[],
): ScorecardDraft {
  const ratings = Object.fromEntries(
    focusAttributes.map((a) => {
      const rating = saved?.ratings.find((r) => r.attribute === a.id);
      return [a.id, { score: rating?.score ?? null, evidenceNoteIds: rating?.evidenceNoteIds ?? [] }];
    }),
  );
  const checklist = Object.fromEntries(
    biasChecklist.map((b) => {
      const answer = saved?.biasChecklist[b.id];
      return [b.id, { reflected: answer?.reflected ?? false, comment: answer?.comment ?? '' }];
    }),
  ) as ScorecardDraft['biasChecklist'];
  return {
    focusAttributes,
    ratings,
    impression: saved?.impression ?? '',
    recommendation: saved?.recommendation ?? null,
    biasChecklist: checklist,
  };
}

/**
 * The draft moved to the position's current attributes (an admin edited them meanwhile): ratings
 * of attributes still there are kept, new ones start unrated. Null when nothing changed.
 */
export function withAttributes(
  draft: ScorecardDraft,
  focusAttributes: readonly FocusAttribute[],
): ScorecardDraft | null {
  const same = (a: FocusAttribute, b: FocusAttribute | undefined) =>
    b !== undefined && a.id === b.id && a.label === b.label && a.anchors.join() === b.anchors.join();
  if (
    focusAttributes.length === draft.focusAttributes.length &&
    focusAttributes.every((a, i) => same(a, draft.focusAttributes[i]))
  ) {
    return null;
  }
  const ratings = Object.fromEntries(
    focusAttributes.map((a) => [a.id, draft.ratings[a.id] ?? { score: null, evidenceNoteIds: [] }]),
  );
  return { ...draft, focusAttributes, ratings };
}

/** A draft may be partial; unrated attributes are left out until rated. */
export function requestFrom(draft: ScorecardDraft): ScorecardRequest {
  return {
    ratings: draft.focusAttributes.flatMap((a) => {
      const rating = draft.ratings[a.id];
      return rating?.score
        ? [{ attribute: a.id, score: rating.score, evidenceNoteIds: rating.evidenceNoteIds }]
        : [];
    }),
    impression: draft.impression,
    recommendation: draft.recommendation,
    biasChecklist: draft.biasChecklist,
  };
}

/** What is still missing before submitting, said the way the server would refuse it. */
export function openPoints(draft: ScorecardDraft): string[] {
  const points: string[] = [];
  const unreflected = biasChecklist.filter((b) => !draft.biasChecklist[b.id].reflected).length;
  if (unreflected > 0)
    points.push(`${unreflected} bias check question${unreflected === 1 ? '' : 's'} to go through`);
  for (const a of draft.focusAttributes) {
    const rating = draft.ratings[a.id];
    if (!rating || rating.score === null) points.push(`${a.label}: rate it`);
    else if (rating.evidenceNoteIds.length === 0) points.push(`${a.label}: link at least one note`);
  }
  if (!draft.impression.trim()) points.push('the impression is empty');
  if (!draft.recommendation) points.push('no recommendation chosen');
  return points;
}

/** The server's message for a part of the scorecard, whatever path shape it used for the key. */
export function fieldFor(fields: Record<string, string>, ...parts: string[]): string | undefined {
  const key = Object.keys(fields).find((k) => parts.every((part) => k.split('.').includes(part)));
  return key ? fields[key] : undefined;
}
