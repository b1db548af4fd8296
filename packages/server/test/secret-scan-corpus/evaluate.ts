import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { type SecretFinding, scanFiles, wholeFileMask } from '../../src/platform/secret-scan/secret-scan.ts';
import type { CorpusSample } from './planted-corpus.ts';

const corpusFile = z.array(
  z.object({
    id: z.string(),
    kind: z.string(),
    path: z.string(),
    content: z.string(),
    secret: z.string().nullable(),
  }),
);

/**
 * Measures the secret scan on a corpus: recall on the samples that hide a secret, and false
 * findings on the look-alikes. The test and the benchmark share it so they measure alike.
 */

export type CorpusScore = {
  positives: number;
  caught: number;
  recall: number;
  missed: CorpusSample[];
  lookAlikes: number;
  /** Look-alike samples that got at least one finding. */
  flaggedLookAlikes: Array<{ sample: CorpusSample; findings: SecretFinding[] }>;
};

const lineOf = (content: string, offset: number) => content.slice(0, offset).split('\n').length;

/**
 * Caught means a finding that points at the secret: on a line the secret spans. A whole-file
 * finding (a `.env` file, a key file by name) does not count, since it does not say where.
 */
export function flagsSecret(sample: CorpusSample, findings: readonly SecretFinding[]): boolean {
  const secret = sample.secret;
  if (!secret) return false;
  for (
    let offset = sample.content.indexOf(secret);
    offset >= 0;
    offset = sample.content.indexOf(secret, offset + 1)
  ) {
    const first = lineOf(sample.content, offset);
    const last = first + secret.split('\n').length - 1;
    const hit = findings.some(
      (finding) => finding.masked !== wholeFileMask && finding.line <= last && finding.endLine >= first,
    );
    if (hit) return true;
  }
  return false;
}

export async function scoreCorpus(samples: readonly CorpusSample[]): Promise<CorpusScore> {
  const missed: CorpusSample[] = [];
  const flaggedLookAlikes: CorpusScore['flaggedLookAlikes'] = [];
  let positives = 0;
  // One file per scan: samples may share a path, and each is judged on its own findings.
  for (const sample of samples) {
    const findings = await scanFiles([{ path: sample.path, content: sample.content }]);
    if (sample.secret === null) {
      if (findings.length > 0) flaggedLookAlikes.push({ sample, findings });
      continue;
    }
    positives += 1;
    if (!flagsSecret(sample, findings)) missed.push(sample);
  }
  const caught = positives - missed.length;
  return {
    positives,
    caught,
    recall: positives === 0 ? 1 : caught / positives,
    missed,
    lookAlikes: samples.length - positives,
    flaggedLookAlikes,
  };
}

/** Every `*.json` corpus in a folder (the held-out corpus, written apart from the rules). */
export function readJsonCorpora(folder: string): Array<{ name: string; samples: CorpusSample[] }> {
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return names.sort().map((name) => ({
    name,
    samples: corpusFile.parse(JSON.parse(readFileSync(join(folder, name), 'utf8'))),
  }));
}

const sourceFile = /\.(?:[cm]?js|[cm]?ts|jsx|tsx|json|md|ya?ml)$/;

/**
 * Text files of real trees (installed packages, Pairwise's own sources), none of them expected to
 * hold a live secret; paths are relative to `base`, sorted, so every run scans the same files.
 */
export function packageSources(
  base: string,
  trees: readonly string[],
): Array<{ path: string; content: string }> {
  const files: Array<{ path: string; content: string }> = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(path);
      else if (entry.isFile() && sourceFile.test(entry.name)) {
        files.push({ path: relative(base, path), content: readFileSync(path, 'utf8') });
      }
    }
  };
  for (const tree of trees) walk(join(base, tree));
  return files;
}
