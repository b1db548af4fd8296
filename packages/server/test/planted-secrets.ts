import { generateKeyPairSync, randomBytes } from 'node:crypto';

/**
 * A task tree with one of each secret the export gate must catch, for tests and the benchmark.
 * Every secret is generated at run time and assembled from pieces, so this repository never
 * contains anything a scanner or GitHub push protection would flag.
 */

export type PlantedSecret = {
  label: string;
  path: string;
  /** The rule expected to report it. */
  ruleId: string;
};

export type PlantedTree = {
  files: Record<string, string>;
  secrets: PlantedSecret[];
};

const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomFrom(alphabet: string, length: number): string {
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

export function plantedSecretTree(): PlantedTree {
  const awsKeyId = ['AK', 'IA', randomFrom(upper, 16)].join('');
  // Ends in a letter or digit: secretlint's own AWS rule misses keys ending in "/" or "+",
  // which pairwise/aws-secret-access-key covers (tested separately).
  const awsSecret = randomFrom(`${alnum}/+`, 39) + randomFrom(alnum, 1);
  const githubToken = ['gh', 'p_', randomFrom(alnum, 36)].join('');
  const rsaKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    type: 'pkcs1',
    format: 'pem',
  }) as string;
  const ed25519Key = generateKeyPairSync('ed25519').privateKey.export({
    type: 'pkcs8',
    format: 'pem',
  }) as string;
  const dbPassword = `Pw-${randomFrom(alnum, 14)}`;
  const envPassword = randomFrom(alnum, 20);
  const envSecret = randomFrom(alnum, 32);
  const scheme = ['post', 'gres'].join('');

  return {
    files: {
      'README.md': '# Inventory kata\n\nRun `node --test`.\n',
      'src/aws-client.js': [
        'export const awsConfig = {',
        `  accessKeyId: '${awsKeyId}',`,
        `  AWS_SECRET_ACCESS_KEY: '${awsSecret}',`,
        '};',
        '',
      ].join('\n'),
      'certs/server-key.pem': rsaKey,
      'certs/signing-ed25519.pem': ed25519Key,
      'scripts/release.sh': [
        '#!/bin/sh',
        `export GH_TOKEN=${githubToken}`,
        'gh release create "$1"',
        '',
      ].join('\n'),
      '.env': ['PORT=3000', `DB_PASSWORD=${envPassword}`, `SESSION_SECRET=${envSecret}`, ''].join('\n'),
      'src/db.js': [
        `export const databaseUrl = '${scheme}://inventory:${dbPassword}@db.internal:5432/shop';`,
        '',
      ].join('\n'),
    },
    secrets: [
      { label: 'AWS access key id', path: 'src/aws-client.js', ruleId: '@secretlint/secretlint-rule-aws' },
      {
        label: 'AWS secret access key',
        path: 'src/aws-client.js',
        ruleId: '@secretlint/secretlint-rule-aws',
      },
      {
        label: 'PEM RSA private key',
        path: 'certs/server-key.pem',
        ruleId: '@secretlint/secretlint-rule-privatekey',
      },
      {
        label: 'Ed25519 PKCS#8 private key',
        path: 'certs/signing-ed25519.pem',
        ruleId: 'pairwise/private-key',
      },
      {
        label: 'GitHub token (ghp_)',
        path: 'scripts/release.sh',
        ruleId: '@secretlint/secretlint-rule-github',
      },
      { label: '.env file', path: '.env', ruleId: '@secretlint/secretlint-rule-no-dotenv' },
      { label: '.env password', path: '.env', ruleId: 'pairwise/env-assignment' },
      { label: '.env secret', path: '.env', ruleId: 'pairwise/env-assignment' },
      {
        label: 'postgres URL with password',
        path: 'src/db.js',
        ruleId: '@secretlint/secretlint-rule-database-connection-string',
      },
    ],
  };
}

/** What a clean task looks like, including the look-alikes the rules must not flag. */
export function cleanTree(): Record<string, string> {
  const scheme = ['post', 'gres'].join('');
  return {
    'README.md': '# Inventory kata\n\nCopy `.env.example` to `.env` and run `node --test`.\n',
    '.env.example': [
      'PORT=3000',
      'DB_PASSWORD=changeme',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell-style placeholder, on purpose.
      'API_TOKEN=${API_TOKEN}',
      'SESSION_TTL=3600',
      '',
    ].join('\n'),
    'src/config.js': [
      `export const localUrl = '${scheme}://user:password@localhost:5432/dev';`,
      'export const token = process.env.API_TOKEN;',
      "export const keyHeader = '-----BEGIN PRIVATE KEY-----';",
      '',
    ].join('\n'),
    'src/inventory.js':
      'export function total(items) {\n  return items.reduce((sum, item) => sum + item.count, 0);\n}\n',
    'test/inventory.test.js': "import { test } from 'node:test';\ntest('total', () => {});\n",
  };
}
