import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanFiles } from '../src/platform/secret-scan/secret-scan.ts';
import { packageSources, readJsonCorpora, scoreCorpus } from './secret-scan-corpus/evaluate.ts';
import { plantedCorpus } from './secret-scan-corpus/planted-corpus.ts';

/**
 * How well the export gate's secret scan does, measured: recall on the planted corpus, false
 * findings on its look-alikes and on real open-source trees, and, reported apart, on every
 * corpus written without sight of the rules (secret-scan-corpus/*.json). The full measurement,
 * on more packages and with timings, is bench/secret-scan.bench.ts.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const repositoryRoot = path.resolve(here, '../../..');

// Packages of many small files, so the sample is a few seconds' scan; the benchmark adds the big ones.
const negativePackages = ['kysely/dist/esm', 'zod/src', 'fastify/lib', 'fastify/test', 'luxon/src'];

describe('the secret scan on corpora', () => {
  it('finds at least 95% of the planted secrets and none of the look-alikes', async () => {
    const score = await scoreCorpus(plantedCorpus());
    console.info(
      `planted corpus: recall ${score.recall.toFixed(3)} (${score.caught}/${score.positives}); ` +
        `${score.flaggedLookAlikes.length}/${score.lookAlikes} look-alikes flagged`,
    );
    for (const sample of score.missed) console.info(`  missed: ${sample.kind} (${sample.path})`);
    for (const { sample, findings } of score.flaggedLookAlikes) {
      console.info(`  flagged look-alike: ${sample.kind} by ${findings.map((f) => f.ruleId).join(', ')}`);
    }
    expect(score.positives).toBeGreaterThanOrEqual(40);
    expect(new Set(plantedCorpus().map((sample) => sample.kind)).size).toBeGreaterThanOrEqual(40);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
    expect(score.flaggedLookAlikes).toEqual([]);
  }, 60_000);

  it('makes at most one false finding per 1,000 files of open-source code', async () => {
    const files = packageSources(path.join(repositoryRoot, 'node_modules'), negativePackages);
    const findings = await scanFiles(files);
    const perThousand = (findings.length / files.length) * 1000;
    console.info(
      `open-source files: ${findings.length} findings in ${files.length} files (${perThousand.toFixed(2)} per 1,000)`,
    );
    for (const finding of findings)
      console.info(`  ${finding.path}:${finding.line} ${finding.ruleId} ${finding.masked}`);
    expect(files.length).toBeGreaterThan(1000);
    expect(perThousand).toBeLessThanOrEqual(1);
  }, 120_000);

  // Written by someone who never saw the rules; the floor is looser because nothing was tuned on it.
  for (const corpus of readJsonCorpora(path.join(here, 'secret-scan-corpus'))) {
    it(`finds at least 80% of the secrets in the held-out ${corpus.name}`, async () => {
      const score = await scoreCorpus(corpus.samples);
      console.info(
        `held-out ${corpus.name}: recall ${score.recall.toFixed(3)} (${score.caught}/${score.positives}); ` +
          `${score.flaggedLookAlikes.length}/${score.lookAlikes} look-alikes flagged`,
      );
      expect(score.recall).toBeGreaterThanOrEqual(0.8);
    }, 60_000);
  }
});
