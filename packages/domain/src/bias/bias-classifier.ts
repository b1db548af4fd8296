import model from './bias-model.json' with { type: 'json' };
import { markerById, type SentenceSignals, sentenceSignals, splitAt, topicById } from './pattern-check.ts';
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

export const FEATURE_VERSION = 7;

export interface LearnedFinding {
  ruleId: string;
  category: BiasCategory;
  start: number;
  end: number;
  message: string;
  suggestion: string;
  probability: number;
}

// Contractions carry the negation and the hedge ("won't", "I'd"), so they become words.
const contraction = /\b(?:won't|can't)|n't\b|'(?:d|ll|s|m|re|ve)\b/g;
const expansions: Record<string, string> = {
  "won't": 'will not',
  "can't": 'can not',
  "n't": ' not',
  "'d": ' would',
  "'ll": ' will',
};
const wordSplit = /[^\p{L}\p{N}]+/u;

/** Lower-case word stems: a crude suffix stripper, enough to join "judged"/"judging"/"judges". */
export function stems(text: string): string[] {
  const s = text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(contraction, (m) => expansions[m] ?? '');
  const out: string[] = [];
  for (const raw of s.split(wordSplit)) if (raw !== '') out.push(stem(raw));
  return out;
}

function stem(word: string): string {
  if (/^\d+$/.test(word)) return '#n';
  if (/^\d+s$/.test(word)) return '#decade';
  if (/^\d+(?:yo|yrs?|y)$/.test(word)) return '#years';
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('ly')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * Word classes: a handful of stems stand for a kind of word, so a sentence with a hedge or a
 * person's role the corpus never paired with a trait still shares a feature with one that did.
 */
const wordClasses: Record<string, readonly string[]> = {
  hedge: [
    'maybe',
    'prob',
    'probably',
    'kinda',
    'bit',
    'seem',
    'feel',
    'guess',
    'wonder',
    'suppose',
    'imagine',
    'assume',
    'honest',
    'tbh',
    'imo',
    'somehow',
    'apparent',
    'perhap',
    'doubt',
    'worry',
    'hope',
    'sure',
    'think',
    'expect',
  ],
  person: [
    'he',
    'she',
    'they',
    'his',
    'her',
    'him',
    'them',
    'guy',
    'girl',
    'candidate',
    'person',
    'someone',
    'type',
    'sort',
    'kind',
  ],
  outcome: [
    'team',
    'client',
    'customer',
    'stakeholder',
    'senior',
    'lead',
    'junior',
    'role',
    'hire',
    'fit',
    'culture',
    'on',
    'call',
    'pace',
    'keep',
    'cope',
    'handle',
    'manage',
    'struggle',
    'last',
    'stay',
    'leave',
    'trust',
    'calibre',
    'material',
    'suit',
    'board',
    'promotion',
    'salary',
    'office',
    'travel',
    'week',
    'day',
    'time',
    'pressure',
    'vibe',
    'energy',
    'us',
    'our',
    'we',
  ],
  future: ['will', 'would', 'might', 'may', 'could', 'can', 'going', 'gonna', 'likely'],
  evidence: [
    // Commercial experience is what clears a missing degree, as a test clears a doubt about code.
    'commercial',
    'test',
    'code',
    'function',
    'commit',
    'bug',
    'wrote',
    'asked',
    'explain',
    'fix',
    'task',
    'minute',
    'assertion',
    'refactor',
    'query',
    'api',
    'schema',
    'error',
    'case',
    'edge',
    'loop',
    'parser',
    'name',
    'variable',
    'module',
    'method',
    'step',
    'regex',
    'docs',
    'spec',
    'example',
    'branch',
    'cache',
    'request',
    'when',
    'after',
    // The vocabulary of the task itself: a concern stated with it is about the work.
    'hint',
    'solution',
    'password',
    'plaintext',
    'syntax',
    'decomposition',
    'logic',
    'lookup',
    'hash',
    'map',
    'array',
    'string',
    'index',
    'except',
    'exception',
    'null',
    'none',
    'async',
    'await',
    'promise',
    'thread',
    'lock',
    'compile',
    'build',
    'lint',
    'type',
    'component',
    'hook',
    'state',
    'render',
    'endpoint',
    'route',
    'server',
    'client',
    'pipeline',
    'container',
    'repo',
    'diff',
    'review',
    'editor',
    'debugger',
    'breakpoint',
    'stack',
    'trace',
    'memory',
    'leak',
    'recursion',
    'complexity',
    'interruption',
    'requirement',
    'passing',
    'failing',
    'green',
    'red',
    'sql',
    'json',
    'http',
    'cli',
    'terminal',
    'shortcut',
  ],
  // Counts are what someone observed: "six interruptions", "two hints", "four tests".
  count: [
    'once',
    'twice',
    'one',
    'two',
    'three',
    'four',
    'five',
    'six',
    'seven',
    'eight',
    'nine',
    'ten',
    '#n',
  ],
  so: ['so', 'therefore', 'hence', 'which', 'because', 'given', 'since', 'means'],
  // Someone other than the candidate acts on a fact about them: the recruiter, a room booked, an
  // accommodation granted, a session moved. A background stated as logistics, not as a judgement.
  logistics: [
    'recruiter',
    'recruiting',
    'hr',
    'logistics',
    'book',
    'booked',
    'room',
    'schedule',
    'rescheduled',
    'moved',
    'arranged',
    'accommodation',
    'policy',
    'allowed',
    'request',
    'visa',
    'sponsorship',
    'relocation',
    'relocating',
    'timeline',
    'date',
    'earliest',
    'caption',
    'interpreter',
    'rota',
    'confirm',
    'flagged',
    'planning',
    'advance',
    'remap',
    'paused',
    'noise',
  ],
  // The writer says the fact is not what they judge on: "isn't scored", "didn't affect",
  // "evaluated on the exercise", "not part of the evaluation".
  unscored: [
    'scored',
    'scoring',
    'evaluated',
    'evaluation',
    'rubric',
    'affect',
    'normally',
    'smooth',
    'irrelevant',
    'unrelated',
  ],
  // The first moments of the session: a verdict formed here came before the work.
  early: [
    'first',
    'start',
    'intro',
    'introduction',
    'opening',
    'opened',
    'warm',
    'handshake',
    'hello',
    'greeting',
    'within',
    'moment',
    'immediately',
    'instantly',
    'already',
    'onward',
  ],
  // One trait stretched to the whole verdict: "so the rest doesn't matter", "rounding all up".
  spread: [
    'everything',
    'all',
    'overall',
    'whole',
    'rest',
    'matter',
    'waive',
    'skip',
    'round',
    'rounding',
    'categories',
    'scrutinis',
    'scrutiniz',
    'push',
    'forgive',
    'overlook',
    'anyway',
    'regardless',
  ],
  // One observation carried past itself: to other attributes ("strong on testing too"), to the
  // future ("every week", "always"), or taken as read ("obviously", "a given").
  carry: [
    'too',
    'also',
    'obvious',
    'obviously',
    'every',
    'always',
    'ever',
    'forever',
    'predict',
    'assume',
    'anything',
  ],
  // A conclusion drawn past what was seen: "implies", "realistically", "I'm sceptical of".
  infer: [
    'implies',
    'indicates',
    'realistically',
    'sceptical',
    'skeptical',
    'suspicious',
    'wary',
    'surprised',
  ],
  // A claim about a kind of person rather than this one: "shy people don't", "those are always".
  group: ['people', 'folk', 'those', 'these', 'ones', 'usually', 'typically', 'tend', 'generally'],
  verdict: [
    'yes',
    'no',
    'hire',
    'strong',
    'weak',
    'great',
    'good',
    'bad',
    'poor',
    'not',
    'never',
    'lean',
    'vote',
    'pass',
    'reject',
    'average',
    'middling',
    'fine',
    'meh',
  ],
};
const classOf = new Map<string, string>();
// Listed as written; looked up by stem, as the sentence's words are.
for (const [name, words] of Object.entries(wordClasses)) {
  for (const word of words) if (!classOf.has(stem(word))) classOf.set(stem(word), name);
}

/**
 * The features of one sentence: stems, neighbouring stem pairs, and the lexicons' signals with
 * the conjunctions the rules use (a topic and a judgement, without an anchor in the work).
 */
export function featuresOf(
  sentence: string,
  phraseCategories: Iterable<string>,
  signals = sentenceSignals(sentence),
) {
  const features = new Set<string>();
  const words = stems(sentence);
  for (let i = 0; i < words.length; i++) {
    features.add(`w:${words[i]}`);
    if (i > 0) features.add(`b:${words[i - 1]} ${words[i]}`);
  }
  const classes = new Set<string>();
  for (const word of words) {
    const name = classOf.get(word);
    if (name) classes.add(name);
  }
  for (const name of classes) features.add(`class:${name}`);
  const topic = signals.topics.length > 0;
  for (const name of classes) if (topic) features.add(`topic+class:${name}`);
  if (classes.has('person') && classes.has('outcome') && !classes.has('evidence'))
    features.add('person+outcome-evidence');
  if (classes.has('future') && classes.has('outcome')) features.add('future+outcome');
  if (classes.has('so') && classes.has('verdict')) features.add('so+verdict');
  // Code in the sentence ("main()", "O(log n)", "useEffect", "req.body"): it is about the work.
  if (codeToken.test(sentence)) features.add('code');
  const evidence = words.filter((word) => classOf.get(word) === 'evidence').length;
  if (evidence >= 2) features.add('evidence2');
  if (classes.has('verdict') && (evidence > 0 || classes.has('count'))) features.add('verdict+evidence');
  // The candidate's own circumstances stated as logistics or as not scored: a topic with no judgement.
  if (topic && (classes.has('logistics') || classes.has('unscored'))) features.add('topic+logistics');
  if (topic && !signals.judges && !signals.predicts) features.add('topic-judges');
  if (classes.has('early') && (classes.has('verdict') || signals.judges)) features.add('early+verdict');
  if (classes.has('spread') && (classes.has('verdict') || classes.has('so') || signals.judges))
    features.add('spread+verdict');
  for (const topic of signals.topics) features.add(`topic:${topic}`);
  for (const marker of signals.markers) features.add(`marker:${marker}`);
  for (const category of phraseCategories) features.add(`phrase:${category}`);
  if (topic) features.add('topic');
  if (signals.anchored) features.add('anchor');
  if (signals.predicts) features.add('predicts');
  if (signals.praisesDespite) features.add('compliment');
  if (signals.judges) features.add('judges');
  // A background stated as logistics: its "will need", "would be April" and ", so" are the
  // logistics' own, not a verdict, as the rules read them.
  const judgedTopic = topic && !signals.handled;
  if (topic && signals.handled) features.add('topic+handled');
  if (judgedTopic && signals.judges) features.add('topic+judges');
  if (judgedTopic && signals.judges && !signals.anchored) features.add('topic+judges-anchor');
  if (judgedTopic && signals.predicts) features.add('topic+predicts');
  if (!signals.anchored && !topic && signals.judges) features.add('judges-only');
  return [...features];
}

const codeToken = /[\p{L}_]+\(\)|\b[a-z]+[A-Z][A-Za-z]+\b|\b\w+\.\w+\(|\bO\(|`[^`]+`/u;

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

export type { SentenceSignals };
