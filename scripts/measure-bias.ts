/**
 * Measures the bias check as shipped (rules and the committed model) on a labelled file: a JSON
 * array of `{ kind, biased, text }` items (other fields are ignored). Prints recall, the
 * false-positive rate, flagged/total per kind, and every miss and false positive by kind.
 *
 *   npm run measure:bias -- path/to/sentences.json [--quiet]
 *
 * `--quiet` prints the figures without the sentences.
 */
import { readFileSync } from 'node:fs';
import { measureFile } from '../packages/domain/src/bias/bias-measure.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run measure:bias -- <file.json> [--quiet]');
  process.exit(2);
}
const items = JSON.parse(readFileSync(file, 'utf8')) as unknown;
console.log(measureFile(items, { listSentences: !process.argv.includes('--quiet') }));
