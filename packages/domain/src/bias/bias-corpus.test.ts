import { describe, expect, it } from 'vitest';
import { type BiasedSentence, biasedSentences, neutralSentences } from './bias-corpus.ts';
import { heldOutBiasedSentences, heldOutNeutralSentences } from './bias-corpus-held-out.ts';
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
}

function score(biased: readonly BiasedSentence[], neutral: readonly string[]): Scores {
  const missed: string[] = [];
  let flagged = 0;
  let rightCategory = 0;
  for (const { text, category } of biased) {
    const findings = checkLanguage(text);
    if (findings.length > 0) flagged++;
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
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function report(name: string, s: Scores, biased: number, neutral: number) {
  console.log(
    `${name}: ${biased} biased, ${neutral} neutral — recall ${pct(s.recall)}, ` +
      `right-category recall ${pct(s.categoryRecall)}, false-positive rate ${pct(s.falsePositiveRate)}`,
  );
  for (const m of s.missed) console.log(`  not flagged in its category: ${m}`);
  for (const f of s.falsePositives) console.log(`  false positive: ${f}`);
}

describe('labelled interview-note corpus', () => {
  it('is big enough and covers every category', () => {
    expect(biasedSentences.length).toBeGreaterThanOrEqual(40);
    expect(neutralSentences.length).toBeGreaterThanOrEqual(40);
    const categories = new Set(biasedSentences.map((s) => s.category));
    expect(biasCategories.filter((c) => c !== 'inconsiderate_wording' && !categories.has(c))).toEqual([]);
    const all = [...biasedSentences.map((s) => s.text), ...neutralSentences];
    expect(new Set(all).size).toBe(all.length);
  });

  it('is checked with recall of at least 0.9 and a false-positive rate of at most 0.05', () => {
    const s = score(biasedSentences, neutralSentences);
    report('corpus', s, biasedSentences.length, neutralSentences.length);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
    expect(s.categoryRecall).toBeGreaterThanOrEqual(0.9);
    expect(s.falsePositiveRate).toBeLessThanOrEqual(0.05);
    // Every corpus sentence through every rule, the first call compiling them: more than the unit
    // tier's short timeout allows on a busy 2-core machine.
  }, 15_000);

  // Never tuned against (see bias-corpus-held-out.ts), so it shows how the rules do on wording
  // nobody anticipated. The floors are the figures first measured: they catch a rule change
  // that makes unseen wording worse, without inviting anyone to fit the rules to these sentences.
  it('reports the held-out set without falling below its first measurement', () => {
    const s = score(heldOutBiasedSentences, heldOutNeutralSentences);
    report('held-out', s, heldOutBiasedSentences.length, heldOutNeutralSentences.length);
    expect(s.recall).toBeGreaterThanOrEqual(0.55);
    expect(s.falsePositiveRate).toBeLessThanOrEqual(0.075);
  });
});
