import { describe, expect, it } from 'vitest';
import { type BiasedSentence, biasedSentences, biasKinds, kindOf, neutralSentences } from './bias-corpus.ts';
import { heldOutBiasedSentences, heldOutNeutralSentences } from './bias-corpus-held-out.ts';
import secondHeldOut from './bias-corpus-held-out-2.json' with { type: 'json' };
import thirdHeldOut from './bias-corpus-held-out-3.json' with { type: 'json' };
import fourthHeldOut from './bias-corpus-held-out-4.json' with { type: 'json' };
import fifthHeldOut from './bias-corpus-held-out-5.json' with { type: 'json' };
import sixthHeldOut from './bias-corpus-held-out-6.json' with { type: 'json' };
import seventhHeldOut from './bias-corpus-held-out-7.json' with { type: 'json' };
import eighthHeldOut from './bias-corpus-held-out-8.json' with { type: 'json' };
import ninthHeldOut from './bias-corpus-held-out-9.json' with { type: 'json' };
import tenthHeldOut from './bias-corpus-held-out-10.json' with { type: 'json' };
import eleventhHeldOut from './bias-corpus-held-out-11.json' with { type: 'json' };
import { patternBiasedSentences, patternNeutralSentences } from './bias-corpus-patterns.ts';
import { ownBiasedSentences, ownNeutralSentences } from './bias-corpus-round-6.ts';
import { measure } from './bias-measure.ts';
import { fromExternal } from './bias-training.ts';
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

/**
 * The tuning corpus: the first sentences, the rounds written for the patterns and for the learned
 * check, and the second held-out set since it was measured (see below; the third, tuning material
 * too, is reported on its own). The model (bias-classifier.ts) is trained on all of it, so these
 * figures are in-sample; the cross-validated ones are in scripts/bias-cross-validation.ts and
 * decisions 040, 046, 051, 053, 056 and 060.
 */
const secondHeldOutBiased = secondHeldOut
  .filter((s) => s.biased)
  .map((s) => {
    const item = fromExternal(s, 'held-out-2');
    return { text: item.text, category: item.category!, kind: item.kind as BiasedSentence['kind'] };
  });
const tuningBiased = [
  ...biasedSentences,
  ...patternBiasedSentences,
  ...ownBiasedSentences,
  ...secondHeldOutBiased,
];
const tuningNeutral = [
  ...neutralSentences,
  ...patternNeutralSentences,
  ...ownNeutralSentences,
  ...secondHeldOut.filter((s) => !s.biased).map((s) => s.text),
];

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

/** A held-out file of another author's `{ kind, biased, text }` sentences, scored with the check as shipped. */
function reportFile(name: string, items: readonly { kind: string; biased: boolean; text: string }[]) {
  const labelled = items.map((item) => ({ ...item, category: null, source: name }));
  const m = measure(labelled, (item) => checkLanguage(item.text).length > 0);
  console.log(`${name}: recall ${pct(m.recall)}, false-positive rate ${pct(m.falsePositiveRate)}`);
  console.log(
    `  flagged/total per kind: ${[...m.perKind].map(([k, [f, t]]) => `${k} ${f}/${t}`).join(', ')}`,
  );
  return m;
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
    // Every corpus sentence through every rule, the first call compiling them: 5-6 s on a quiet
    // 2-core machine, over 30 s while the gate's other steps share the cores. The bound is a
    // hang guard, not a speed check (bench/bias-check.bench.ts is that); so are the ones below.
  }, 60_000);

  // Never tuned against (see bias-corpus-held-out.ts), so it shows how the rules do on wording
  // nobody anticipated. The floors are the figures first measured: they catch a rule change
  // that makes unseen wording worse, without inviting anyone to fit the rules to these sentences.
  it('reports the held-out set without falling below its first measurement', () => {
    const s = score(heldOutBiasedSentences, heldOutNeutralSentences);
    report('held-out', s, heldOutBiasedSentences.length, heldOutNeutralSentences.length, false);
    // First measured at 0.6; raised as the check improved (decision 051: 0.9, 053: 0.925, 056: 0.95),
    // never lowered.
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
    expect(s.falsePositiveRate).toBeLessThanOrEqual(0.025);
  });

  // Written by another author who never saw the rules, added after the rules were frozen (commit
  // cb34168) and measured once: recall 0.730, false-positive rate 0.040. It has been tuning
  // material since (the learned check is trained on it, and it is part of the tuning corpus
  // above), so its figures here are in-sample; the floors only catch a regression. Its
  // measurement before it was trained on, with the model trained without it, is in decision 040.
  it('reports the second held-out set, now tuning material, per kind of its author', () => {
    const { recall, falsePositiveRate } = reportFile('second held-out (tuning material)', secondHeldOut);
    expect(recall).toBeGreaterThanOrEqual(0.99);
    expect(falsePositiveRate).toBeLessThanOrEqual(1 / 126);
  }, 60_000);

  // The third held-out set: 270 biased sentences (15 for each of the 18 kinds) and 230 hard
  // neutral ones, written by another author who saw neither rules nor corpus, measured once on the
  // frozen check of commit 3020586: recall 0.878, false-positive rate 0.139. Like the second, it
  // has been tuning material since (the model is trained on it, and rule guards were written after
  // reading its false positives), so these figures are in-sample and prove nothing about a new
  // author: the floors only catch a regression. Its figure with a model trained without it is in
  // scripts/bias-cross-validation.ts and decision 046.
  it('reports the third held-out set, now tuning material, per kind of its author', () => {
    const { recall, falsePositiveRate } = reportFile('third held-out (tuning material)', thirdHeldOut);
    expect(recall).toBeGreaterThanOrEqual(269 / 270);
    expect(falsePositiveRate).toBeLessThanOrEqual(3 / 230);
  }, 60_000);

  // The fourth held-out set: 288 biased sentences (16 for each of the 18 kinds) and 240 hard
  // neutral ones by an author who saw neither rules, model nor corpus, measured once on the frozen
  // check of commit 735194a (decision 046): recall 250/288, false-positive rate 10/240. Like the
  // second and third, it has been tuning material since (decision 051: the model is trained on it,
  // and rule patterns and guards were written after reading its misses and false positives), so
  // these figures are in-sample and prove nothing about a new author; the floors only catch a
  // regression. Its figure with a model trained without it is in scripts/bias-cross-validation.ts.
  it('reports the fourth held-out set, now tuning material, per kind of its author', () => {
    const { recall, falsePositiveRate } = reportFile('fourth held-out (tuning material)', fourthHeldOut);
    expect(recall).toBeGreaterThanOrEqual(284 / 288);
    expect(falsePositiveRate).toBeLessThanOrEqual(1 / 240);
  }, 60_000);

  // The fifth held-out set: 288 biased sentences (16 for each of the 18 kinds) and 240 hard
  // neutral ones by yet another author who saw neither rules, model nor corpus, measured once on
  // the frozen check of decision 051: recall 260/288 (0.903), false-positive rate 8/240 (0.033).
  // Like the second to fourth, it has been tuning material since (decision 053: the model is
  // trained on it, and rule patterns and guards were written after reading its misses and false
  // positives), so these figures are in-sample and prove nothing about a new author; the floors
  // only catch a regression. Its figure with a model trained without it is in
  // scripts/bias-cross-validation.ts.
  it('reports the fifth held-out set, now tuning material, per kind of its author', () => {
    const { recall, falsePositiveRate } = reportFile('fifth held-out (tuning material)', fifthHeldOut);
    expect(recall).toBeGreaterThanOrEqual(288 / 288);
    expect(falsePositiveRate).toBeLessThanOrEqual(0 / 240);
  }, 60_000);

  // The sixth held-out set: 288 biased sentences (16 for each of the 18 kinds) and 240 hard
  // neutral ones by yet another author who saw neither rules, model nor corpus, measured once on
  // the frozen check of decision 053 (commit 6cab77a): recall 278/288 (0.965), false-positive
  // rate 8/240 (0.033); the check of decision 051 scored 0.944 and 0.046 on it. Like the second to
  // fifth, it has been tuning material since (decision 056: the model is trained on it, and rule
  // patterns and guards were written after reading its misses and false positives), so these
  // figures are in-sample and prove nothing about a new author; the floors only catch a
  // regression. Its figure with a model trained without it is in scripts/bias-cross-validation.ts.
  it('reports the sixth held-out set, now tuning material, per kind of its author', () => {
    const { recall, falsePositiveRate } = reportFile('sixth held-out (tuning material)', sixthHeldOut);
    expect(recall).toBeGreaterThanOrEqual(288 / 288);
    expect(falsePositiveRate).toBeLessThanOrEqual(0 / 240);
  }, 60_000);

  // The seventh held-out set: 288 biased sentences (16 for each of the 18 kinds) and 240 hard
  // neutral ones by yet another author who saw neither rules, model nor corpus, written while the
  // check of decision 056 was being tuned and measured once on it as shipped: recall 270/288
  // (0.938), false-positive rate 10/240 (0.042), short of the budget of 0.95 at 0.03 (the check
  // of 053 scored 0.927 and 0.037 on it, that of 051 0.896 and 0.037). Like the second to sixth,
  // it has been tuning material since (decision 060: the model is trained on it, and rule patterns,
  // guards and features were written after reading its misses and false positives), so these
  // figures are in-sample and prove nothing about a new author; the floors only catch a
  // regression. Its figure with a model trained without it is in scripts/bias-cross-validation.ts.
  it('reports the seventh held-out set, now tuning material, per kind of its author', () => {
    const { recall, falsePositiveRate } = reportFile('seventh held-out (tuning material)', seventhHeldOut);
    expect(recall).toBeGreaterThanOrEqual(286 / 288);
    expect(falsePositiveRate).toBeLessThanOrEqual(0 / 240);
  }, 60_000);

  // The eighth held-out set: 288 biased sentences (16 for each of the 18 kinds) and 240 hard
  // neutral ones by yet another author who saw neither rules, model, corpus nor earlier sets,
  // written while the check of decision 060 was being tuned and measured once on it as shipped:
  // recall 269/288 (0.934), false-positive rate 3/240 (0.013), short of the budget of 0.95 at 0.03
  // in recall (the check of 056 scored 0.920 and 0.021 on it). Like the second to seventh, it has
  // been tuning material since (decision 062: the model is trained on it, and rule patterns were
  // written after reading its misses), so these figures are in-sample and prove nothing about a
  // new author; the floors only catch a regression. Its figure with a model trained without it is
  // in scripts/bias-cross-validation.ts.
  it('reports the eighth held-out set, now tuning material, per kind of its author', () => {
    const { recall, falsePositiveRate } = reportFile('eighth held-out (tuning material)', eighthHeldOut);
    expect(recall).toBeGreaterThanOrEqual(286 / 288);
    expect(falsePositiveRate).toBeLessThanOrEqual(0 / 240);
  }, 60_000);

  // The ninth held-out set: 288 biased sentences (16 for each of the 18 kinds) and 240 hard
  // neutral ones by yet another author who saw neither rules, model, corpus nor earlier sets,
  // written while the checks of decisions 060 and 062 were being tuned. Measured once on 060's
  // check as shipped, recall 269/288 (0.934) at a false-positive rate of 10/240 (0.042), and once on
  // 062's: recall 271/288 (0.941), false-positive rate 10/240 (0.042); short of the budget of 0.95
  // at 0.03 in both. Like the second to eighth, it has been tuning material since (decision 063:
  // the model is trained on it, and rule patterns and guards were written after reading its misses
  // and false positives), so these figures are in-sample and prove nothing about a new author; the
  // floors only catch a regression. Its figure with a model trained without it is in
  // scripts/bias-cross-validation.ts.
  it('reports the ninth held-out set, now tuning material, per kind of its author', () => {
    const { recall, falsePositiveRate } = reportFile('ninth held-out (tuning material)', ninthHeldOut);
    expect(recall).toBeGreaterThanOrEqual(286 / 288);
    expect(falsePositiveRate).toBeLessThanOrEqual(1 / 240);
  }, 60_000);

  // The tenth held-out set: 288 biased sentences (16 for each of the 18 kinds) and 240 hard
  // neutral ones by yet another author who saw neither rules, model, corpus nor earlier sets,
  // written while the check of decision 063 was being tuned and measured once on it as shipped
  // (commit 4daf523): recall 277/288 (0.965), within the budget of 0.95, at a false-positive rate
  // of 8/240 (0.033), one sentence over the budget of 0.03. The check of 062 scored 0.941 and
  // 0.046 on it. Nobody has read its misses or false positives and the model is not trained on
  // it, so this is the project's measure of a new author until a check is tuned on it; the floors
  // are its first measurement.
  it('reports the tenth held-out set, never tuned on, per kind of its author', () => {
    const { recall, falsePositiveRate } = reportFile('tenth held-out (never tuned on)', tenthHeldOut);
    expect(recall).toBeGreaterThanOrEqual(277 / 288);
    expect(falsePositiveRate).toBeLessThanOrEqual(8 / 240);
  }, 60_000);

  // The eleventh held-out set: written like the tenth by yet another author, after 063 was frozen,
  // and measured once on it as shipped: recall 275/288 (0.955), within the budget, at a
  // false-positive rate of 18/240 (0.075), far over it: technical senses 7 and the candidate's own
  // context 9 of 60. The check of 062 scored 0.931 and 0.071 on it. Never tuned on; the floors are
  // its first measurement.
  it('reports the eleventh held-out set, never tuned on, per kind of its author', () => {
    const { recall, falsePositiveRate } = reportFile('eleventh held-out (never tuned on)', eleventhHeldOut);
    expect(recall).toBeGreaterThanOrEqual(275 / 288);
    expect(falsePositiveRate).toBeLessThanOrEqual(18 / 240);
  }, 60_000);
});
