/**
 * How well and how fast the export gate's secret scan works:
 * - recall on the planted corpus (packages/server/test/secret-scan-corpus/planted-corpus.ts,
 *   generated afresh on each run) and, reported apart, on every held-out `*.json` corpus in
 *   that folder, written without sight of the rules; look-alikes flagged in each;
 * - false findings per 1,000 files on real open-source trees: the sources of installed
 *   packages (none of them expected to hold a live secret; every finding is listed for review);
 * - scan cost per file on those trees, warm, with the profiler reset per batch as in production.
 *
 *   node --import tsx bench/secret-scan.bench.ts [--runs 3]
 *
 * Writes bench/results/secret-scan.md. The test suite's part (seconds) is
 * packages/server/test/secret-scan-corpus.test.ts.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { scanFiles } from '../packages/server/src/platform/secret-scan/secret-scan.ts';
import {
  packageSources,
  readJsonCorpora,
  scoreCorpus,
} from '../packages/server/test/secret-scan-corpus/evaluate.ts';
import { plantedCorpus } from '../packages/server/test/secret-scan-corpus/planted-corpus.ts';

const runsArgument = process.argv.indexOf('--runs');
const RUNS = runsArgument > 0 ? Number(process.argv[runsArgument + 1]) : 3;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusFolder = path.join(root, 'packages/server/test/secret-scan-corpus');
const resultsFile = path.join(root, 'bench/results/secret-scan.md');
const nodeModules = path.join(root, 'node_modules');

const negativePackages = [
  'typescript/lib',
  'react-dom',
  'zod',
  'kysely',
  'fastify',
  '@fastify',
  'luxon',
  'date-holidays',
  'nodemailer',
  'pg',
  'ical-generator',
  'tar',
  'playwright-core',
  'vite',
  'axe-core',
  'ajv',
  'fast-check',
  '@types/node',
  'ws',
].filter((name) => existsSync(path.join(nodeModules, name)));

const loadBefore = os.loadavg()[0] ?? 0;

// Recall: the planted corpus is random, so it is generated and scored once per run.
const planted = [];
for (let run = 0; run < RUNS; run += 1) planted.push(await scoreCorpus(plantedCorpus()));
const plantedMissed = planted.flatMap((score) => score.missed.map((sample) => sample.kind));
const heldOut = [];
for (const corpus of readJsonCorpora(corpusFolder)) {
  heldOut.push({ name: corpus.name, score: await scoreCorpus(corpus.samples) });
}

// False findings and cost on open-source trees.
// Pairwise's own sources too (without the corpora, which hold secrets on purpose): the
// scanner must not flag the code that describes secrets.
const ownSources = [
  'packages/domain/src',
  'packages/server/src',
  'packages/web/src',
  'packages/cli/src',
  'docs',
  'e2e',
];
const files = [...packageSources(nodeModules, negativePackages), ...packageSources(root, ownSources)];
const megabytes = files.reduce((sum, file) => sum + file.content.length, 0) / 1e6;
await scanFiles(files.slice(0, 200)); // loads secretlint and warms the JIT
const timings: number[] = [];
let findings: Awaited<ReturnType<typeof scanFiles>> = [];
for (let run = 0; run < RUNS; run += 1) {
  const started = performance.now();
  findings = await scanFiles(files);
  timings.push(performance.now() - started);
}
const median = [...timings].sort((a, b) => a - b)[Math.floor(timings.length / 2)]!;

// Files of a task's size: the small-file packages the test suite scans (about 2 KB to 20 KB each).
const smallFiles = packageSources(nodeModules, [
  'kysely/dist/esm',
  'zod/src',
  'fastify/lib',
  'fastify/test',
  'luxon/src',
]);
const smallTimings: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  const started = performance.now();
  await scanFiles(smallFiles);
  smallTimings.push((performance.now() - started) / smallFiles.length);
}
const smallMedian = [...smallTimings].sort((a, b) => a - b)[Math.floor(smallTimings.length / 2)]!;
const perThousand = (findings.length / files.length) * 1000;
const loadAfter = os.loadavg()[0] ?? 0;

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const plantedRecall =
  planted.reduce((sum, score) => sum + score.caught, 0) / planted.reduce((sum, s) => sum + s.positives, 0);
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';

const report = `# Secret scan benchmark

The export gate's scan (secretlint's recommended preset, \`no-dotenv\`, Pairwise's pattern rules and
the table in \`platform/secret-scan/secret-patterns.ts\`), measured three ways: recall on the planted
corpus and, apart, on each held-out corpus; false findings on the sources of installed packages;
cost per file.

- Machine: ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Node ${process.version},
  ${os.type()} ${os.release()}. Load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after
  (the machine is shared: above 2, other processes competed for the CPU).
- Date: ${new Date().toISOString()}
- Runs: ${RUNS} (a fresh planted corpus each run; the open-source scan repeated, median taken).

## Recall

| corpus | secrets | caught | recall | look-alikes | look-alikes flagged |
|---|---:|---:|---:|---:|---:|
| planted (${RUNS} generated runs) | ${planted.reduce((sum, s) => sum + s.positives, 0)} | ${planted.reduce((sum, s) => sum + s.caught, 0)} | **${percent(plantedRecall)}** | ${planted.reduce((sum, s) => sum + s.lookAlikes, 0)} | ${planted.reduce((sum, s) => sum + s.flaggedLookAlikes.length, 0)} |
${heldOut.map(({ name, score }) => `| held-out \`${name}\` | ${score.positives} | ${score.caught} | **${percent(score.recall)}** | ${score.lookAlikes} | ${score.flaggedLookAlikes.length} |`).join('\n') || '| held-out | (no corpus present) | | | | |'}

A secret counts as caught when a finding that points at a place (not a whole-file finding such as
\`no-dotenv\`) spans a line of it. Planted kinds missed: ${plantedMissed.length === 0 ? 'none' : [...new Set(plantedMissed)].join('; ')}.
The held-out corpora were written apart from the rules, which were not tuned on them.

## False findings on open-source code

${files.length} files (${megabytes.toFixed(1)} MB of \`.js/.ts/.json/.md/.yml\`) from the installed packages
${negativePackages.map((name) => `\`${name}\``).join(', ')}, and Pairwise's own ${ownSources.map((name) => `\`${name}\``).join(', ')}.

**${findings.length} finding${findings.length === 1 ? '' : 's'}: ${perThousand.toFixed(2)} per 1,000 files** (budget: at most 1).

${findings.map((finding) => `- \`${finding.path}:${finding.line}\` ${finding.ruleId} (${finding.masked})`).join('\n') || '- none'}

## Cost

Files of a task's size (${smallFiles.length} files of kysely, zod, fastify and luxon, warm): **${smallMedian.toFixed(2)} ms per file**
(runs: ${smallTimings.map((ms) => ms.toFixed(2)).join(', ')} ms).

Whole open-source set, warm: median ${(median / 1000).toFixed(1)} s, **${(median / files.length).toFixed(2)} ms per file**
(${(median / megabytes).toFixed(0)} ms per MB; runs: ${timings.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}). The set
includes TypeScript's 23 MB of compiler sources, so the per-file figure is far above a task's: see
\`task-export.md\` for a generated 1,000-file task.
`;

await writeFile(resultsFile, report);
console.log(report);
