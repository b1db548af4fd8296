/**
 * How the bias check (rules and learned model together) does on wording it was not trained on,
 * by source: each source (an author, or a round of writing) is measured with a model trained on
 * every other source, its threshold chosen inside that training set (never on the part measured).
 * The first held-out set, which nothing is tuned on, is measured with the model trained on all.
 * The rules were tuned on every source but held-out-1, so only the model is out-of-sample in the
 * other rows. The held-out-9 to -3 rows (the latest and largest other authors, their models
 * trained on the others' hard neutral sentences, as the shipped one is for the next author) are
 * the nearest estimates for a new author; decisions 046 to 063 have the figures.
 *
 *   node --import tsx scripts/bias-cross-validation.ts [--pooled] [--list]
 *
 * `--pooled` adds a 5-fold cross-validation over the pooled tuning corpus; `--list` prints each
 * source's misses and false positives (out of source), to read them by pattern.
 */
import { type BiasModel, probabilityOf } from '../packages/domain/src/bias/bias-classifier.ts';
import { kindOf } from '../packages/domain/src/bias/bias-corpus.ts';
import {
  heldOutBiasedSentences,
  heldOutNeutralSentences,
} from '../packages/domain/src/bias/bias-corpus-held-out.ts';
import { flags } from '../packages/domain/src/bias/bias-cutoffs.ts';
import { type Measurement, measure } from '../packages/domain/src/bias/bias-measure.ts';
import {
  foldOf,
  type LabelledItem,
  type Prepared,
  prepare,
  train,
  tuningItems,
} from '../packages/domain/src/bias/bias-training.ts';

const items = tuningItems();
const prepared = prepare(items);
const firstHeldOut = prepare([
  ...heldOutBiasedSentences.map(
    (s): LabelledItem => ({
      text: s.text,
      biased: true,
      category: s.category,
      kind: kindOf(s),
      source: 'held-out-1',
    }),
  ),
  ...heldOutNeutralSentences.map(
    (text): LabelledItem => ({ text, biased: false, category: null, kind: 'neutral', source: 'held-out-1' }),
  ),
]);

const pct = (x: number) => x.toFixed(3);
const flagged = (p: Prepared, m: BiasModel) =>
  flags(p, probabilityOf(p.features, m), m.threshold, m.vetoBelow);

const totals = { biased: 0, caught: 0, neutral: 0, falsePositives: 0 };

function report(
  name: string,
  test: readonly Prepared[],
  decide: (p: Prepared, i: number) => boolean,
  extra = '',
) {
  const rules: Measurement = measure(
    test.map((p) => p.item),
    (_, i) => test[i]!.ruleFlag,
  );
  const both = measure(
    test.map((p) => p.item),
    (_, i) => decide(test[i]!, i),
  );
  console.log(
    `${name.padEnd(30)} ${both.biased} biased/${both.neutral} neutral  rules alone: recall ${pct(rules.recall)} FPR ${pct(rules.falsePositiveRate)}  rules+model: recall ${pct(both.recall)} FPR ${pct(both.falsePositiveRate)} ${extra}`,
  );
  console.log(
    `    per kind (flagged/total): ${[...both.perKind].map(([k, [f, t]]) => `${k} ${f}/${t}`).join(', ')}`,
  );
  if (process.argv.includes('--list')) {
    for (const item of both.missed) console.log(`    missed [${item.kind}] ${item.text}`);
    for (const item of both.falsePositives) console.log(`    false positive [${item.kind}] ${item.text}`);
  }
  return both;
}

console.log('by source: trained without the source, measured on it');
for (const source of [...new Set(items.map((i) => i.source))]) {
  const training = prepared.filter((p) => p.item.source !== source);
  const model = train(
    training.map((p) => p.item),
    {},
    training,
  );
  const m = report(
    `without ${source}`,
    prepared.filter((p) => p.item.source === source),
    (p) => flagged(p, model),
    `(threshold ${model.threshold}, veto below ${model.vetoBelow})`,
  );
  totals.biased += m.biased;
  totals.caught += m.biased - m.missed.length;
  totals.neutral += m.neutral;
  totals.falsePositives += m.falsePositives.length;
}
console.log(
  `${'all sources, by source'.padEnd(30)} recall ${pct(totals.caught / totals.biased)} FPR ${pct(totals.falsePositives / totals.neutral)}`,
);

const everything = train(items, {}, prepared);
report(
  'held-out-1 (never tuned on)',
  firstHeldOut,
  (p) => flagged(p, everything),
  `(threshold ${everything.threshold}, veto below ${everything.vetoBelow})`,
);
report('in-sample (the shipped model)', prepared, (p) => flagged(p, everything));

if (process.argv.includes('--pooled')) {
  const outOfFold = new Array<boolean>(prepared.length).fill(false);
  for (let fold = 0; fold < 5; fold++) {
    const training = prepared.filter((p) => foldOf(p.item.text, 5) !== fold);
    const model = train(
      training.map((p) => p.item),
      {},
      training,
    );
    prepared.forEach((p, i) => {
      if (foldOf(p.item.text, 5) === fold) outOfFold[i] = flagged(p, model);
    });
  }
  report('5-fold, pooled', prepared, (_, i) => outOfFold[i]!);
}
