import { describe, expect, it } from 'vitest';
import { type BiasedSentence, biasedSentences, biasKinds, kindOf, neutralSentences } from './bias-corpus.ts';
import { heldOutBiasedSentences, heldOutNeutralSentences } from './bias-corpus-held-out.ts';
import secondHeldOut from './bias-corpus-held-out-2.json' with { type: 'json' };
import { patternBiasedSentences, patternNeutralSentences } from './bias-corpus-patterns.ts';
import { checkLanguage } from './language-check.ts';
import { biasCategories } from './rules.ts';

interface Scores {
  /** Biased sentences with at least one finding: what the navigator sees highlighted. */
  recall: number;
  /** Biased sentences with a finding in their own category: the explanation is the right one. */
  categoryRecall: number;
  falsePositiveRate: number;
  missed: string[];
  falsePositives: string[];
  /** Flagged and total biased sentences per kind. */
  perKind: Map<string, [number, number]>;
}

/** The tuning corpus: the first sentences and the second round written for the patterns. */
const tuningBiased = [...biasedSentences, ...patternBiasedSentences];
const tuningNeutral = [...neutralSentences, ...patternNeutralSentences];

function score(biased: readonly BiasedSentence[], neutral: readonly string[]): Scores {
  const missed: string[] = [];
  const perKind = new Map<string, [number, number]>();
  let flagged = 0;
  let rightCategory = 0;
  for (const sentence of biased) {
    const { text, category } = sentence;
    const findings = checkLanguage(text);
    const kind = perKind.get(kindOf(sentence)) ?? [0, 0];
    kind[1]++;
    if (findings.length > 0) {
      flagged++;
      kind[0]++;
    }
    perKind.set(kindOf(sentence), kind);
    if (findings.some((f) => f.category === category)) rightCategory++;
    else missed.push(`[${category}] ${text}`);
  }
  const falsePositives = neutral.filter((text) => checkLanguage(text).length > 0);
  return {
    recall: flagged / biased.length,
    categoryRecall: rightCategory / biased.length,
    falsePositiveRate: falsePositives.length / neutral.length,
    missed,
    falsePositives,
    perKind,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Held-out sets print figures only: listing their misses would invite fitting the rules to them. */
function report(name: string, s: Scores, biased: number, neutral: number, listSentences = true) {
  console.log(
    `${name}: ${biased} biased, ${neutral} neutral — recall ${pct(s.recall)}, ` +
      `right-category recall ${pct(s.categoryRecall)}, false-positive rate ${pct(s.falsePositiveRate)}`,
  );
  console.log(
    `  per kind (flagged/total): ${[...s.perKind].map(([k, [f, t]]) => `${k} ${f}/${t}`).join(', ')}`,
  );
  if (!listSentences) return;
  for (const m of s.missed) console.log(`  not flagged in its category: ${m}`);
  for (const f of s.falsePositives) console.log(`  false positive: ${f}`);
}

describe('labelled interview-note corpus', () => {
  it('has at least 400 sentences, 200 of each label, covering every kind and category', () => {
    expect(tuningBiased.length).toBeGreaterThanOrEqual(200);
    expect(tuningNeutral.length).toBeGreaterThanOrEqual(200);
    const kinds = new Set(tuningBiased.map(kindOf));
    expect(biasKinds.filter((k) => !kinds.has(k))).toEqual([]);
    const categories = new Set(tuningBiased.map((s) => s.category));
    expect(biasCategories.filter((c) => c !== 'inconsiderate_wording' && !categories.has(c))).toEqual([]);
    const all = [...tuningBiased.map((s) => s.text), ...tuningNeutral];
    expect(new Set(all).size).toBe(all.length);
  });

  it('is checked with recall of at least 0.95 and a false-positive rate of at most 0.03', () => {
    const s = score(tuningBiased, tuningNeutral);
    report('tuning corpus', s, tuningBiased.length, tuningNeutral.length);
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
    // The explanation shown is the right one for most sentences; some carry two biases at once.
    expect(s.categoryRecall).toBeGreaterThanOrEqual(0.85);
    expect(s.falsePositiveRate).toBeLessThanOrEqual(0.03);
    // Every corpus sentence through every rule, the first call compiling them: more than the unit
    // tier's short timeout allows on a busy 2-core machine.
  }, 15_000);

  // Never tuned against (see bias-corpus-held-out.ts), so it shows how the rules do on wording
  // nobody anticipated. The floors are the figures first measured: they catch a rule change
  // that makes unseen wording worse, without inviting anyone to fit the rules to these sentences.
  it('reports the held-out set without falling below its first measurement', () => {
    const s = score(heldOutBiasedSentences, heldOutNeutralSentences);
    report('held-out', s, heldOutBiasedSentences.length, heldOutNeutralSentences.length, false);
    expect(s.recall).toBeGreaterThanOrEqual(0.6);
    expect(s.falsePositiveRate).toBeLessThanOrEqual(0.025);
  });

  // Written by another author who never saw the rules, added after the rules were frozen (commit
  // cb34168) and measured once: recall 0.730, false-positive rate 0.040 (the rules before this
  // round scored 0.603 and 0.071 on it). The issue's budget (0.95 at 0.03) is not met; the floors
  // are the first measurement, as above. Its kinds are the author's own labels; only the
  // biased/neutral label is scored, so the category is not checked here.
  it('reports the second held-out set without falling below its first measurement', () => {
    const biased = secondHeldOut
      .filter((sentence) => sentence.biased)
      .map((sentence) => ({ text: sentence.text, category: 'inconsiderate_wording' as const }));
    const neutral = secondHeldOut.filter((sentence) => !sentence.biased).map((sentence) => sentence.text);
    const s = score(biased, neutral);
    console.log(
      `second held-out: ${biased.length} biased, ${neutral.length} neutral — recall ${pct(s.recall)}, ` +
        `false-positive rate ${pct(s.falsePositiveRate)}`,
    );
    const byKind = new Map<string, [number, number]>();
    for (const sentence of secondHeldOut) {
      const counts = byKind.get(sentence.kind) ?? [0, 0];
      counts[1]++;
      if (checkLanguage(sentence.text).length > 0) counts[0]++;
      byKind.set(sentence.kind, counts);
    }
    console.log(`  flagged/total per kind: ${[...byKind].map(([k, [f, t]]) => `${k} ${f}/${t}`).join(', ')}`);
    expect(s.recall).toBeGreaterThanOrEqual(0.73);
    expect(s.falsePositiveRate).toBeLessThanOrEqual(0.04);
  }, 15_000);
});
