import { retext } from 'retext';
import retextEquality from 'retext-equality';
import { learnedFindings, scoreSentences, vetoes } from './bias-classifier.ts';
import {
  equalityIgnoredPhrases,
  equalityTechnicalContexts,
  equalityWorkSenseWords,
} from './equality-policy.ts';
import { checkPatterns, sentenceContexts } from './pattern-check.ts';
import {
  type LanguageCheckOptions,
  type LanguageFinding,
  matchRules,
  spans,
  wholeWords,
} from './rule-match.ts';
import type { BiasCategory } from './rule-types.ts';
import { pairwiseBiasRules } from './rules.ts';
import { reportedQuotes } from './sentence-stance.ts';

/**
 * Finds phrases in notes or an impression that may reflect bias: Pairwise's interview rules
 * plus retext-equality's general inconsiderate wording. Synchronous and I/O-free, so the
 * browser can re-run it on every edit and the server can re-check on submission.
 */
export function checkLanguage(text: string, options: LanguageCheckOptions = {}): LanguageFinding[] {
  const ownRules = matchRules(text, pairwiseBiasRules);
  const scored = scoreSentences(text, ownRules);
  // Pairwise's own phrase and pattern findings in a sentence the model reads as plainly about the
  // work are dropped where their words have a sense in the work (an age of data, a native module,
  // "at first glance" at the code); "culture fit" or "reminds me of myself" have none, so a
  // sentence that opens with work ("wrote the test first; a real culture fit") keeps them. An
  // organisation's own terms are not the model's to judge, nor retext-equality's, except its
  // words with a sense in the work (`equalityWorkSenseWords`).
  const found = checkRulesWith(text, ownRules, options).filter(
    (f) => !modelMayClear(f) || !vetoes(scored, f.start),
  );
  // The learned check adds sentences the rules let through; where a rule already explains a
  // sentence, its specific explanation stays the only one.
  const learned = learnedFindings(scored)
    .filter((l) => !found.some((f) => f.start < l.end && l.start < f.end))
    .map(({ probability: _, ...l }) => ({
      ...l,
      phrase: text.slice(l.start, l.end),
      source: 'pairwise' as const,
    }));
  if (learned.length === 0) return found;
  return [...found, ...learned].sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Whether the learned check's veto may clear this rule finding (see `checkLanguage`). */
export function modelMayClear(f: LanguageFinding): boolean {
  if (f.source === 'retext-equality') return equalityWorkSenseWords.test(f.phrase.trim());
  return (
    f.source === 'pairwise' &&
    !f.ruleId.startsWith('custom:') &&
    (attributeCategories.has(f.category) || verdictCategories.has(f.category))
  );
}

/** The rules alone (phrase rules, patterns, retext-equality), without the learned check. */
export function checkRules(text: string, options: LanguageCheckOptions = {}): LanguageFinding[] {
  return checkRulesWith(text, matchRules(text, pairwiseBiasRules), options);
}

function checkRulesWith(
  text: string,
  ownRules: LanguageFinding[],
  options: LanguageCheckOptions,
): LanguageFinding[] {
  const phrases = inContext(text, ownRules).concat(
    options.extraRules?.length ? matchRules(text, options.extraRules) : [],
  );
  // The pattern check adds what no phrase rule names; where both flag the same words, the
  // phrase rule's explanation is the more specific one.
  const patterns = checkPatterns(text)
    .filter((p) => !phrases.some((o) => o.start < p.end && p.start < o.end))
    .map((p) => ({ ...p, phrase: text.slice(p.start, p.end), source: 'pairwise' as const }));
  const own = [...phrases, ...patterns];
  // One highlight per phrase: where both flag the same words, Pairwise's interview-specific
  // explanation is the more useful one.
  let general = checkEquality(text).filter((f) => !own.some((o) => o.start < f.end && f.start < o.end));
  if (general.some((f) => conditionWord.test(f.phrase))) {
    // A condition retext-equality names ("dyslexic", "ADHD") is read in its sentence as the health
    // phrase rules are: stated as logistics ("allowed under our accommodations policy") or beside
    // the work it did not stop, with no judgement, it is a fact about the candidate, not a verdict.
    const contexts = sentenceContexts(text);
    general = general.filter((f) => {
      if (!conditionWord.test(f.phrase)) return true;
      const context = contexts.find((c) => c.start <= f.start && f.start < c.end);
      return !(context?.handled || (context?.anchored && !context.judges));
    });
  }
  const quotes = reportedQuotes(text);
  return [...own, ...general]
    .filter((f) => !(wordingOnly(f) && quotes.some(([start, end]) => start <= f.start && f.end <= end)))
    .sort((a, b) => a.start - b.start || b.end - a.end);
}

const conditionWord = /^(?:dyslexic|adhd|autistic|deaf|blind|disabled|epileptic|diabetic)$/iu;

// Words the writer quotes from the candidate are the candidate's (sentence-stance.ts): a finding
// about wording does not apply to them; a background or a verdict around the quote still does.
const wordingOnly = (f: LanguageFinding) =>
  f.source === 'retext-equality' || f.category === 'gender_coded' || f.category === 'inconsiderate_wording';

// Categories about who the candidate is: a trigger word there is a reference to the person,
// which is bias when it carries a judgement, and a fact of the work when the sentence is about
// observed work and judges nothing ("tested a name with an accent", "uses a screen reader and
// found the bug").
const attributeCategories: ReadonlySet<BiasCategory> = new Set<BiasCategory>([
  'age',
  'accent_language',
  'appearance',
  'family_personal_life',
  'health_disability',
  'nationality_ethnicity_religion',
]);
// Verdict words ("weak", "gut feeling", "at first glance") are vague only with nothing observed
// behind them.
const verdictCategories: ReadonlySet<BiasCategory> = new Set<BiasCategory>([
  'first_impression',
  'vague_judgement',
]);

/** Pairwise's phrase findings without those whose sentence shows they are about the work. */
function inContext(text: string, findings: LanguageFinding[]): LanguageFinding[] {
  if (findings.length === 0) return findings;
  const contexts = sentenceContexts(text);
  return findings.filter((f) => {
    const context = contexts.find((c) => c.start <= f.start && f.start < c.end);
    // A background the recruiter or a booking acts on, or that the writer says is not assessed.
    if (context?.handled && attributeCategories.has(f.category)) return false;
    // Common ground declared so that the panel can check the scores is not a verdict resting on it.
    if (context?.discloses && f.category === 'affinity') return false;
    if (!context?.anchored) return true;
    if (verdictCategories.has(f.category)) return false;
    if (attributeCategories.has(f.category)) return context.judges;
    return true;
  });
}

// Between texts checked together: no pattern gap ([\s,]) and no retext phrase crosses a '¶'.
const batchSeparator = '\n\n¶\n\n';

/**
 * `checkLanguage` for many texts at once (a session's notes and the impression), each
 * finding's offsets relative to its own text. One pass over the joined texts costs far less
 * than one call per note, because retext-equality's set-up is paid once.
 */
export function checkLanguageOfEach(
  texts: readonly string[],
  options: LanguageCheckOptions = {},
): LanguageFinding[][] {
  const starts: number[] = [];
  let offset = 0;
  for (const text of texts) {
    starts.push(offset);
    offset += text.length + batchSeparator.length;
  }
  const result: LanguageFinding[][] = texts.map(() => []);
  for (const finding of checkLanguage(texts.join(batchSeparator), options)) {
    const index = lastAtOrBefore(starts, finding.start);
    const start = starts[index]!;
    const text = texts[index]!;
    if (finding.end - start > text.length) continue;
    result[index]!.push({ ...finding, start: finding.start - start, end: finding.end - start });
  }
  return result;
}

function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (sorted[middle]! <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}

type EqualityProcessor = ReturnType<typeof createEqualityProcessor>;
let equalityProcessor: EqualityProcessor | undefined;
const technicalContexts = wholeWords(equalityTechnicalContexts, 'equality-technical-contexts');

function createEqualityProcessor() {
  return retext()
    .use(retextEquality, { ignore: [...equalityIgnoredPhrases] })
    .freeze();
}

/** retext-equality's findings with Pairwise's pronoun allow-list and technical contexts applied. */
export function checkEquality(text: string): LanguageFinding[] {
  if (text.trim() === '') return [];
  equalityProcessor ??= createEqualityProcessor();
  // retext-equality re-indexes its ~800 phrases for every paragraph (nlcst-search builds its
  // lookup per call), which made a 2,000-word set of short notes cost ~40 ms. Line breaks as
  // spaces make the text one paragraph with the same offsets and the same findings: ~11 ms.
  const file = equalityProcessor.processSync(text.replace(/[\r\n\u2028\u2029]/g, ' '));
  let excluded: Array<[number, number]> | undefined;
  const findings: LanguageFinding[] = [];
  for (const message of file.messages) {
    const place = message.place;
    const position = place && 'start' in place ? place : undefined;
    const start = position?.start.offset;
    const end = position?.end.offset;
    if (start === undefined || end === undefined) continue;
    excluded ??= spans(technicalContexts, text);
    if (excluded.some(([s, e]) => s <= start && end <= e)) continue;
    const phrase = text.slice(start, end);
    const expected = (message.expected ?? []).filter((x): x is string => typeof x === 'string');
    findings.push({
      ruleId: `retext-equality:${message.ruleId ?? 'unknown'}`,
      category: 'inconsiderate_wording',
      start,
      end,
      phrase,
      message: message.note ?? `"${phrase}" may be insensitive or exclude some readers.`,
      suggestion: expected.length
        ? `Consider ${expected.map((x) => `"${x}"`).join(', ')}, or leave it out.`
        : 'Consider rewording or leaving it out.',
      source: 'retext-equality',
    });
  }
  // retext-equality reports "special" and "special needs" separately; keep the longer phrase.
  return findings.filter(
    (f) =>
      !findings.some(
        (o) => o !== f && o.start <= f.start && f.end <= o.end && o.end - o.start > f.end - f.start,
      ),
  );
}
