import { featuresOf } from './bias-features.ts';
import model from './bias-model.json' with { type: 'json' };
import { markerById, type SentenceSignals, splitAt, topicById } from './pattern-check.ts';
import type { BiasCategory } from './rule-types.ts';

/**
 * The learned half of the bias check: a logistic regression over a sentence's word stems and
 * stem pairs and over what the lexicons see in it (which topic, judgement, prediction, work
 * anchor, affinity or contrast marker, which phrase rule's category), trained at build time on
 * the labelled corpus (`npm run train:bias`, bias-training.ts) and shipped as `bias-model.json`.
 * The rules catch the wordings they list; the model weighs cues they only see one at a time
 * ("kinda", "his age", "the senior devs", "clients"), which is what carries to wording nobody
 * listed. A softmax over the same features names the category, and so the explanation and the
 * rewrite. Synchronous and I/O-free like the rules: a few hundred dictionary look-ups a sentence.
 */
export interface BiasModel {
  /** Bumped when the features change, so a stale model is refused rather than misread. */
  featureVersion: number;
  /** A sentence is flagged at this probability or above (chosen on held-out groups, not the training fit). */
  threshold: number;
  /**
   * Below this probability, the pattern and phrase rules' findings in a sentence are dropped:
   * the rules' false positives are mostly a trigger word in a sentence the model reads as work.
   */
  vetoBelow: number;
  bias: number;
  weights: Record<string, number>;
  categories: {
    labels: BiasCategory[];
    bias: number[];
    weights: Record<string, number[]>;
  };
  trainedOn: Record<string, number>;
  /** `trainingDigest` of what it was trained on: a test compares it to the corpus's. */
  digest: string;
}

export const FEATURE_VERSION = 9;

export interface LearnedFinding {
  ruleId: string;
  category: BiasCategory;
  start: number;
  end: number;
  message: string;
  suggestion: string;
  probability: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The probability that a sentence with these features is biased. */
export function probabilityOf(features: readonly string[], m: BiasModel = model as BiasModel): number {
  let z = m.bias;
  for (const f of features) z += m.weights[f] ?? 0;
  return sigmoid(z);
}

/** The most likely category of a biased sentence with these features. */
export function categoryOf(features: readonly string[], m: BiasModel = model as BiasModel): BiasCategory {
  const scores = [...m.categories.bias];
  for (const f of features) {
    const w = m.categories.weights[f];
    if (!w) continue;
    for (let k = 0; k < scores.length; k++) scores[k]! += w[k]!;
  }
  let best = 0;
  for (let k = 1; k < scores.length; k++) if (scores[k]! > scores[best]!) best = k;
  return m.categories.labels[best]!;
}

const explanations: Record<BiasCategory, { message: string; suggestion: string }> = {
  age: topicText('age'),
  gender_coded: topicText('gender'),
  nationality_ethnicity_religion: topicText('origin'),
  accent_language: topicText('speech'),
  class_pedigree: topicText('pedigree'),
  appearance: topicText('appearance'),
  health_disability: topicText('health'),
  family_personal_life: topicText('family'),
  personality_stereotype: topicText('personality'),
  affinity: markerText('pattern:affinity-marker'),
  contrast: markerText('pattern:contrast'),
  halo_horn: markerText('pattern:halo-horn'),
  first_impression: markerText('pattern:first-moments'),
  vague_judgement: markerText('pattern:gut-verdict'),
  inconsiderate_wording: markerText('pattern:gut-verdict'),
};

function topicText(id: string) {
  const noun = topicById(id)?.noun ?? 'who the candidate is';
  return {
    message: `A judgement or prediction that seems to rest on ${noun}, not on what the candidate did in the session.`,
    suggestion: `Leave ${noun} out and write what you observed: what they did, said or wrote, and when.`,
  };
}

function markerText(id: string) {
  const rule = markerById(id)!;
  return { message: rule.message, suggestion: rule.suggestion };
}

// Sentences end at full stops, question and exclamation marks and line breaks, not at semicolons
// as the rules' do: the model was trained on whole notes, and the clause after a semicolon is
// often the evidence that makes the one before it neutral ("came from a bootcamp (her words);
// tests were well structured").
const sentenceEnd = /[.!?]+(?=\s|$)|\n/g;

function sentences(text: string): Array<{ start: number; text: string }> {
  return splitAt(text, sentenceEnd);
}

// A note of one to three words ("Good.", "Paused to think", a keep-reason's "It is fine.") gives
// the model too little to weigh; the rules still check it.
const MIN_WORDS = 4;

export interface ScoredSentence {
  words: number;
  start: number;
  end: number;
  features: string[];
  probability: number;
}

/**
 * Each sentence of a text with the model's probability. `phrases` are the phrase rules'
 * findings in the same text, offsets into it, which the model reads as features.
 */
export function scoreSentences(
  text: string,
  phrases: ReadonlyArray<{ start: number; category: string }>,
  m: BiasModel = model as BiasModel,
): ScoredSentence[] {
  const out: ScoredSentence[] = [];
  for (const sentence of sentences(text)) {
    const trimmed = sentence.text.trim();
    if (trimmed === '') continue;
    const end = sentence.start + sentence.text.length;
    const inside = phrases.filter((p) => sentence.start <= p.start && p.start < end).map((p) => p.category);
    const features = featuresOf(sentence.text, inside);
    const start = sentence.start + sentence.text.indexOf(trimmed);
    out.push({
      words: trimmed.split(/\s+/).length,
      start,
      end: start + trimmed.replace(/[.!?]+$/, '').length,
      features,
      probability: probabilityOf(features, m),
    });
  }
  return out;
}

/** The model's findings, one per flagged sentence, each spanning the sentence (it weighs the whole). */
export function learnedFindings(
  scored: readonly ScoredSentence[],
  m: BiasModel = model as BiasModel,
): LearnedFinding[] {
  return scored
    .filter((s) => s.probability >= m.threshold && s.words >= MIN_WORDS)
    .map((s) => {
      const category = categoryOf(s.features, m);
      return {
        ruleId: `model:${category}`,
        category,
        start: s.start,
        end: s.end,
        ...explanations[category],
        probability: s.probability,
      };
    });
}

/** Whether the model clears a rule's finding at this offset (see `vetoBelow`). */
export function vetoes(
  scored: readonly ScoredSentence[],
  offset: number,
  m: BiasModel = model as BiasModel,
): boolean {
  const sentence = scored.find((s) => s.start <= offset && offset < Math.max(s.end, s.start + 1));
  return sentence !== undefined && sentence.probability < m.vetoBelow;
}

/** The committed model's threshold and veto, for reports. */
export const committedModel = model as BiasModel;

export { featuresOf, stems } from './bias-features.ts';
export type { SentenceSignals };
