/**
 * Trains the learned half of the bias check on the labelled corpus and writes
 * packages/domain/src/bias/bias-model.json. Deterministic: the same corpus gives the same file,
 * which bias-classifier.test.ts checks.
 *
 *   npm run train:bias
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { train, tuningItems } from '../packages/domain/src/bias/bias-training.ts';

const target = fileURLToPath(new URL('../packages/domain/src/bias/bias-model.json', import.meta.url));
const model = train(tuningItems());
writeFileSync(target, `${JSON.stringify(model)}\n`);
console.log(
  `wrote ${target}: ${Object.keys(model.weights).length} weights, threshold ${model.threshold}, veto below ${model.vetoBelow}`,
);
