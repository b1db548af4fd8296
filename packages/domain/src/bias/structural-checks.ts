import { matchRules } from './rule-match.ts';
import type { BiasRule } from './rule-types.ts';
import { pairwiseBiasRules } from './rules.ts';

export interface BiasCheckRating {
  attribute: string;
  score: 1 | 2 | 3 | 4;
  evidenceNoteIds: readonly string[];
}

export interface BiasCheckNote {
  id: string;
  text: string;
  /** Lifecycle stage the note was taken in: 'checked_in', 'setup', 'pairing', ... */
  stage: string;
  /** Milliseconds from the start of pairing; negative before it started. */
  offsetMs: number | null;
  /** ISO timestamp of the latest refinement, or null if never refined. */
  revisedAt: string | null;
}

export interface StructuralCheckInput {
  ratings: readonly BiasCheckRating[];
  notes: readonly BiasCheckNote[];
  /** ISO timestamp the impression was first drafted, or null if not yet. */
  impressionDraftedAt: string | null;
  /** ISO timestamp of the first note refinement; derived from `notes[].revisedAt` when omitted. */
  firstNoteRefinedAt?: string | null;
  /** Other candidates this navigator rated for the same position on the same day. */
  sameDayRatingsByNavigatorForPosition: number;
}

export const structuralCheckIds = [
  'rating_without_evidence',
  'identical_ratings',
  'single_evidence',
  'early_judgement',
  'impression_before_refinement',
  'contrast_effect',
] as const;
export type StructuralCheckId = (typeof structuralCheckIds)[number];

export interface StructuralFinding {
  checkId: StructuralCheckId;
  message: string;
  /** What to do about it, in one or two sentences. */
  advice: string;
  /** Ratings concerned, so the UI can point at them. */
  attributes?: string[];
  /** Notes concerned, so the UI can point at them. */
  noteIds?: string[];
}

/** Stages before the pairing hour: anything judged here was judged before the work. */
export const prePairingStages: readonly string[] = ['planned', 'invited', 'checked_in', 'setup'];

const r = String.raw;

/** Traits only a person has: "seemed nervous" needs no subject to be about the candidate. */
const personOnlyTraits = r`(?:confident|nervous|anxious|shy|arrogant|cocky|friendly|likeable|likable|charming|awkward|enthusiastic|eager|keen|passionate|bored|disinterested|uninterested|unprofessional|smart|clever|promising|experienced|inexperienced|competent|capable|nice|pleasant|rude|lazy|unprepared|flustered|stressed|genuine)`;
/** Traits a thing can have too ("the Wi-Fi seemed weak"): counted only when said of the person. */
const sharedTraits = r`(?:quiet|polished|sloppy|professional|sharp|bright|strong|weak|senior|junior|cold|warm|prepared|relaxed|good|bad|great)`;

/**
 * Judgements of the person that are harmless later but telling in the first minutes
 * ("seemed nervous", "came across as confident"). Checked only on pre-pairing notes, together
 * with all the language rules.
 */
export const earlyJudgementRule: BiasRule = {
  id: 'early-person-judgement',
  category: 'first_impression',
  patterns: [
    r`(?:he|she|they|the candidate)(?:['’]s| is| was| are| were)?(?: (?:seems?|seemed|looks?|looked|sounds?|sounded|appears?|appeared))?(?: (?:like|as))?(?: (?:a|an|very|quite|a bit|rather|really|pretty|so|too|not|a little))*\s+(?:${personOnlyTraits}|${sharedTraits})`,
    r`(?:seems?|seemed|looks?|looked|sounds?|sounded|appears?|appeared)(?: (?:like|as))?(?: (?:a|an|very|quite|a bit|rather|really|pretty|so|too|not|a little))*\s+${personOnlyTraits}`,
    r`(?:came|comes) across as`,
    r`struck me as`,
    r`my (?:first )?(?:impression|sense|read|feeling)`,
    r`I (?:expect|bet|suspect|doubt|predict) (?:he|she|they|him|her|them|the candidate)`,
    r`(?:will|won['’]?t|going to|gonna) (?:struggle|do well|cope|fail|shine|nail it|ace it|be (?:fine|great|good|strong|weak|a (?:yes|no)))`,
  ],
  message: 'A judgement of the person noted before the work started.',
  suggestion: 'Rewrite it as a neutral fact, or leave it out of the evidence.',
};

const checkRules: readonly BiasRule[] = [...pairwiseBiasRules, earlyJudgementRule];

/** Scorecard-level signs of bias, shown beside the language findings in the refinement view. */
export function checkStructure(input: StructuralCheckInput): StructuralFinding[] {
  return [
    ratingsWithoutEvidence(input),
    identicalRatings(input),
    singleEvidence(input),
    earlyJudgements(input),
    impressionBeforeRefinement(input),
    contrastEffect(input),
  ].filter((f): f is StructuralFinding => f !== null);
}

function ratingsWithoutEvidence({ ratings, notes }: StructuralCheckInput): StructuralFinding | null {
  const noteIds = new Set(notes.map((n) => n.id));
  // A link to a note that no longer exists is no evidence either.
  const bare = ratings.filter((r) => !r.evidenceNoteIds.some((id) => noteIds.has(id)));
  if (bare.length === 0) return null;
  const names = bare.map((r) => r.attribute);
  return {
    checkId: 'rating_without_evidence',
    message: `${count(bare.length, 'rating has', 'ratings have')} no linked note: ${names.join(', ')}.`,
    advice:
      'Link each rating to the notes that show it. If no note supports a rating, it rests on memory or impression: lower your confidence in it, or say in the impression why it has no evidence.',
    attributes: names,
  };
}

function identicalRatings({ ratings }: StructuralCheckInput): StructuralFinding | null {
  const first = ratings[0];
  if (ratings.length < 3 || !first || !ratings.every((r) => r.score === first.score)) return null;
  return {
    checkId: 'identical_ratings',
    message: `All ${ratings.length} ratings are ${first.score}.`,
    advice:
      'This can be a halo or horn effect: one strong or weak moment shaping every rating. Re-rate each attribute on its own against its anchors, citing a different note for each; keep them equal only if the evidence says so.',
    attributes: ratings.map((r) => r.attribute),
  };
}

/** One note as the whole evidence for every rating: a single moment standing in for the hour. */
function singleEvidence({ ratings, notes }: StructuralCheckInput): StructuralFinding | null {
  const existing = new Set(notes.map((n) => n.id));
  const sets = ratings.map((r) => new Set(r.evidenceNoteIds.filter((id) => existing.has(id))));
  const first = sets[0];
  if (ratings.length < 2 || !first || first.size !== 1) return null;
  const [only] = [...first];
  if (!sets.every((set) => set.size === 1 && set.has(only!))) return null;
  return {
    checkId: 'single_evidence',
    message: `One note is the only evidence for all ${ratings.length} ratings.`,
    advice:
      'A single moment is standing in for the whole hour. Look through your notes for evidence of each attribute on its own; if there is none, say so in the impression rather than stretching one note.',
    attributes: ratings.map((r) => r.attribute),
    noteIds: [only!],
  };
}

function earlyJudgements({ notes }: StructuralCheckInput): StructuralFinding | null {
  const early = notes.filter(
    (n) =>
      (prePairingStages.includes(n.stage) || (n.offsetMs !== null && n.offsetMs < 0)) &&
      matchRules(n.text, checkRules).length > 0,
  );
  if (early.length === 0) return null;
  return {
    checkId: 'early_judgement',
    message: `${count(early.length, 'note', 'notes')} from before pairing ${early.length === 1 ? 'judges' : 'judge'} the person.`,
    advice:
      'Check-in and setup come before the work and say little about it. Rewrite these as neutral facts or leave them out of the evidence, and check whether the pairing bore them out.',
    noteIds: early.map((n) => n.id),
  };
}

function impressionBeforeRefinement(input: StructuralCheckInput): StructuralFinding | null {
  if (input.impressionDraftedAt === null || input.notes.length === 0) return null;
  const drafted = Date.parse(input.impressionDraftedAt);
  if (Number.isNaN(drafted)) return null;
  const refinedAt =
    input.firstNoteRefinedAt !== undefined ? input.firstNoteRefinedAt : firstRefinement(input);
  const refined = refinedAt === null ? Number.NaN : Date.parse(refinedAt);
  if (!Number.isNaN(refined) && refined <= drafted) return null;
  return {
    checkId: 'impression_before_refinement',
    message:
      refinedAt === null
        ? 'The impression was drafted, but no note has been refined yet.'
        : 'The impression was drafted before any note was refined.',
    advice:
      'An impression written first tends to steer how the notes are read. Refine the notes, then reread the impression against them and revise what they do not support.',
  };
}

function firstRefinement({ notes }: StructuralCheckInput): string | null {
  let first: { at: number; iso: string } | null = null;
  for (const note of notes) {
    if (note.revisedAt === null) continue;
    const at = Date.parse(note.revisedAt);
    if (!Number.isNaN(at) && (first === null || at < first.at)) first = { at, iso: note.revisedAt };
  }
  return first?.iso ?? null;
}

function contrastEffect({ sameDayRatingsByNavigatorForPosition: others }: StructuralCheckInput) {
  if (others <= 2) return null;
  const finding: StructuralFinding = {
    checkId: 'contrast_effect',
    message: `You have rated ${others} other candidates for this position today.`,
    advice:
      'After several interviews in a day, each candidate tends to be judged against the previous one rather than the scale (contrast effect). Reread the anchors before rating, and if you can, finish the ratings after a break.',
  };
  return finding;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
