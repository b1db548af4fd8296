import { describe, expect, it } from 'vitest';
import { cleanTree, plantedSecretTree } from '../../../test/planted-secrets.ts';
import { maskSecret, type ScanFile, scanFiles, wholeFileMask } from './secret-scan.ts';

const asFiles = (tree: Record<string, string>): ScanFile[] =>
  Object.entries(tree).map(([path, content]) => ({ path, content }));

describe('scanFiles', () => {
  it('finds every planted secret, each with the expected rule and masked', async () => {
    const tree = plantedSecretTree();
    const findings = await scanFiles(asFiles(tree.files));

    const found = findings.map((finding) => `${finding.path} ${finding.ruleId}`).sort();
    const planted = tree.secrets.map((secret) => `${secret.path} ${secret.ruleId}`).sort();
    expect(found).toEqual(planted);

    for (const finding of findings) {
      expect(finding.line).toBeGreaterThan(0);
      expect(finding.column).toBeGreaterThan(0);
      expect(finding.masked === wholeFileMask || finding.masked.includes('****')).toBe(true);
      // Neither the mask nor the message may carry the secret's tail.
      const secretLines = tree.files[finding.path]!.split('\n');
      const line = secretLines[finding.line - 1]!;
      const tail = line.slice(-12);
      if (finding.masked !== wholeFileMask && tail.length >= 12 && !/KEY-----$/.test(tail)) {
        expect(finding.message).not.toContain(tail);
        expect(finding.masked).not.toContain(tail);
      }
    }
  });

  it('reports the line and column of each secret', async () => {
    const tree = plantedSecretTree();
    const findings = await scanFiles(asFiles(tree.files));
    const aws = findings.filter((finding) => finding.path === 'src/aws-client.js');
    expect(aws.map((finding) => finding.line)).toEqual([2, 3]);
    expect(aws[0]!.column).toBe(17);
    expect(aws[0]!.masked).toBe(`${aws[0]!.message.slice(-8, -4)}****`);
    const envPassword = findings.find((finding) => finding.path === '.env' && finding.line === 2);
    expect(envPassword).toMatchObject({ ruleId: 'pairwise/env-assignment', column: 13 });
    const url = findings.find((finding) => finding.path === 'src/db.js');
    expect(url?.masked).toBe('postgres://inventory:****@db.internal:5432');
  });

  it('passes a clean tree, including placeholders and look-alikes', async () => {
    expect(await scanFiles(asFiles(cleanTree()))).toEqual([]);
  });

  it('flags key files by name even when their content is binary', async () => {
    const findings = await scanFiles([{ path: 'deploy/id_ed25519', content: '' }]);
    expect(findings).toMatchObject([{ ruleId: 'pairwise/key-file', masked: wholeFileMask }]);
  });

  it('catches connection strings the preset does not know', async () => {
    const password = ['Zq9', 'vX4kLm'].join('');
    const findings = await scanFiles([
      { path: 'src/cache.js', content: `const url = 'redis://default:${password}@cache:6379';\n` },
    ]);
    expect(findings).toMatchObject([
      { ruleId: 'pairwise/connection-string', masked: 'redis://default:****@cache:6379' },
    ]);
  });

  it('catches AWS secret access keys ending in "/" or "+", which the preset misses', async () => {
    const key = `${'wJalrXUtnFEMIK7MDENGbPxRfiCYzq8kLpQr2m'.slice(0, 38)}a/`;
    const findings = await scanFiles([
      { path: 'src/aws.js', content: `const c = { AWS_SECRET_ACCESS_KEY: '${key}' };\n` },
    ]);
    expect(findings).toMatchObject([
      { ruleId: 'pairwise/aws-secret-access-key', masked: 'wJal****', column: 37 },
    ]);
  });

  it('keeps the per-file cost flat over 2,000 files', async () => {
    const perFileMs: number[] = [];
    for (let batch = 0; batch < 20; batch += 1) {
      const files = Array.from({ length: 100 }, (_, i) => ({
        path: `src/module-${batch}-${i}.js`,
        content: `export function f${i}(a, b) {\n  return a + b * ${i};\n}\n`.repeat(20),
      }));
      const started = performance.now();
      await scanFiles(files);
      perFileMs.push((performance.now() - started) / files.length);
      // Like a server between requests: let timers and observers run.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    // Skip the first batches (JIT warm-up); medians, because the machine is shared.
    const early = median(perFileMs.slice(2, 9));
    const late = median(perFileMs.slice(13));
    // Without the profiler reset this grows ~20-fold (2 → 50 ms per file measured), so a
    // generous margin still fails loudly on a regression.
    expect(late).toBeLessThan(early * 2 + 0.5);
  }, 60_000);

  it('runs concurrent scans one after the other without losing findings', async () => {
    const tree = plantedSecretTree();
    const results = await Promise.all([scanFiles(asFiles(tree.files)), scanFiles(asFiles(tree.files))]);
    expect(results[0]!.length).toBe(tree.secrets.length);
    expect(results[1]!.length).toBe(tree.secrets.length);
  });
});

describe('maskSecret', () => {
  it('keeps a recognisable prefix but never the secret', () => {
    expect(maskSecret('abcdefghijklmnopqrstuvwxyz')).toBe('abcd****');
    expect(maskSecret('abcdefghij')).toBe('ab****');
    expect(maskSecret('abc')).toBe('****');
    expect(maskSecret(['mysql://root', 'hunter22@db:3306/app'].join(':'))).toBe('mysql://root:****@db:3306');
    expect(maskSecret('-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn...')).toBe(
      '-----BEGIN OPENSSH PRIVATE KEY----- ****',
    );
  });
});
