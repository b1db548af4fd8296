import { wordClasses } from './bias-word-classes.ts';
import { sentenceSignals } from './pattern-check.ts';
import { reportedQuotes, stanceOf } from './sentence-stance.ts';

/**
 * What the learned check reads in a sentence (bias-classifier.ts): word stems, stem pairs, word
 * classes, and the lexicons' signals with the conjunctions the rules use.
 */

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
    // An arrow between words ("knew every shortcut → must know the JVM") is the writer's "so".
    .replace(/\s(?:→|->|=>)\s/g, ' so ')
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
  if (word.length > 5 && word.endsWith('ing')) return undouble(word.slice(0, -3));
  if (word.length > 4 && word.endsWith('ed')) return undouble(word.slice(0, -2));
  if (word.length > 4 && word.endsWith('ly')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

// "skipped", "stopped", "planning": the doubled consonant is the suffix's, so they join "skip".
const undouble = (word: string) => (/([bgmnprt])\1$/.test(word) ? word.slice(0, -1) : word);

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
  if (signals.handled) features.add('handled');
  // Whose judgement it is, and about whom (sentence-stance.ts).
  const stance = stanceOf(sentence);
  if (stance.reported) features.add('reported');
  if (stance.reported && !signals.judges && !stance.predictsPerson) features.add('reported-judges');
  if (stance.predictsPerson) features.add('modal:person');
  if (stance.predictsThing) features.add('modal:thing');
  if (stance.writerModal) features.add('modal:writer');
  if (stance.purpose) features.add('purpose');
  if (topic && !stance.predictsPerson && !signals.judges) features.add('topic-person-judges');
  if (topic && stance.predictsPerson) features.add('topic+modal:person');
  if (stance.infers) features.add('infers');
  // Words quoted from the candidate: a signal, not a mask — the quoted words are often what the
  // writer judges ("says 'innit' a lot", "said 'back in my day'; I suspect he'll resist").
  if (reportedQuotes(sentence).length > 0) features.add('quoted');
  return [...features];
}

const codeToken = /[\p{L}_]+\(\)|\b[a-z]+[A-Z][A-Za-z]+\b|\b\w+\.\w+\(|\bO\(|`[^`]+`/u;
