import { describe, expect, it } from 'vitest';
import { cleanTree, plantedSecretTree } from '../../../test/planted-secrets.ts';
import { secretPatterns } from './secret-patterns.ts';
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

  it('leaves no profiler entries behind, so the per-file cost stays flat over many files', async () => {
    // secretlint's profiler keeps every mark and scans them all on each new one: left alone, the
    // per-file cost grows about 20-fold over 2,000 files (bench/secret-scan.bench.ts measures the
    // cost itself). What keeps it flat is that nothing accumulates, which is checkable exactly.
    const { secretLintProfiler } = await import('@secretlint/profiler');
    const internals = secretLintProfiler as unknown as { entries?: unknown[]; measures?: unknown[] };
    for (let batch = 0; batch < 5; batch += 1) {
      const files = Array.from({ length: 100 }, (_, i) => ({
        path: `src/module-${batch}-${i}.js`,
        content: `export function f${i}(a, b) {\n  return a + b * ${i};\n}\n`.repeat(20),
      }));
      await scanFiles(files);
      // Like a server between requests: let the profiler's observer run.
      await new Promise((resolve) => setImmediate(resolve));
      expect(internals.entries?.length ?? 0).toBeLessThan(50);
      expect(internals.measures?.length ?? 0).toBeLessThan(50);
      expect(performance.getEntriesByType('mark').length).toBeLessThan(50);
    }
  }, 60_000);

  it('runs concurrent scans one after the other without losing findings', async () => {
    const tree = plantedSecretTree();
    const results = await Promise.all([scanFiles(asFiles(tree.files)), scanFiles(asFiles(tree.files))]);
    expect(results[0]!.length).toBe(tree.secrets.length);
    expect(results[1]!.length).toBe(tree.secrets.length);
  });
});

describe('the pattern table', () => {
  // Assembled from pieces so that this file holds nothing a scanner would flag.
  const googleKey = ['AI', 'za', 'SyD4', 'q9Xv2LmN8pQ7rT6sU5wY3zA1bC0dE9f'].join('');
  const stripeKey = ['sk', '_live_', '51Hx9Qm2LkPz8RtVw3YbN6cJ4dF7gH0jK'].join('');
  const jwt = [
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
    'eyJzdWIiOiJ1c2VyLTQyIiwicm9sZSI6ImFkbWluIn0',
    'kq3V9t2YwX7bN1mR5sL8pD0fG4hJ6cZ2aQ9eT1uI3oP',
  ].join('.');

  it('catches the leaks that reached candidates, naming the rule and the line', async () => {
    const findings = await scanFiles([
      { path: 'config/database.yml', content: 'production:\n  host: db\n  password: Orchard42!velvet\n' },
      { path: 'web/maps.js', content: `// maps\nconst key = '${googleKey}';\n` },
      { path: 'src/client.ts', content: `\n\nconst token = '${jwt}';\n` },
      { path: 'billing/stripe.py', content: `import stripe\nSTRIPE_KEY = "${stripeKey}"\n` },
    ]);
    expect(findings.map(({ path, line, ruleId, masked }) => ({ path, line, ruleId, masked }))).toEqual([
      { path: 'config/database.yml', line: 3, ruleId: 'pairwise/password-in-config', masked: 'Orch****' },
      { path: 'web/maps.js', line: 2, ruleId: 'pairwise/google-api-key', masked: 'AIza****' },
      { path: 'src/client.ts', line: 3, ruleId: 'pairwise/jwt', masked: 'eyJh****' },
      // The provider's rule names it, not the guess from the name STRIPE_KEY.
      { path: 'billing/stripe.py', line: 2, ruleId: 'pairwise/stripe-secret-key', masked: 'sk_l****' },
    ]);
    expect(findings[0]).toMatchObject({ column: 13, message: 'found password in configuration: Orch****' });
  });

  it('leaves placeholders, names and references alone', async () => {
    const findings = await scanFiles([
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a placeholder is the point.
      { path: 'config/app.yml', content: 'password: ${DB_PASSWORD}\ntoken: <your-token>\napi_key: xxxxx\n' },
      { path: 'docker-compose.yml', content: 'environment:\n  POSTGRES_PASSWORD: changeme\n' },
      { path: 'src/labels.json', content: '{ "password": "Password", "token": "Access token" }\n' },
      {
        path: 'src/auth.ts',
        content: "const tokenUrl = 'https://auth.internal/oauth2/token';\nconst t = getToken('refresh');\n",
      },
      { path: 'db/seed.yml', content: `password_digest: "$2b$12$${'a'.repeat(53)}"\n` },
    ]);
    expect(findings).toEqual([]);
  });

  it('guesses from names outside test trees only, and reports a provider format anywhere', async () => {
    const content = `const user = { password: 'Orchard42!velvet' };\nconst key = '${stripeKey}';\n`;
    const inTests = await scanFiles([{ path: 'test/fixtures/users.js', content }]);
    const inSource = await scanFiles([{ path: 'src/users.js', content }]);
    expect(inTests.map((finding) => finding.ruleId)).toEqual(['pairwise/stripe-secret-key']);
    expect(inSource.map((finding) => finding.ruleId)).toEqual([
      'pairwise/password-assignment',
      'pairwise/stripe-secret-key',
    ]);
  });

  it('reports the lines a private key spans', async () => {
    const tree = plantedSecretTree();
    const findings = await scanFiles(
      asFiles({ 'certs/server-key.pem': tree.files['certs/server-key.pem']! }),
    );
    const lines = tree.files['certs/server-key.pem']!.trimEnd().split('\n').length;
    expect(findings).toMatchObject([{ line: 1, endLine: lines }]);
  });

  it('gives every row its own rule id', () => {
    const ids = secretPatterns.map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
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
