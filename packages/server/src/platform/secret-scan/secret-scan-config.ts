import type { lintSource } from '@secretlint/core';
import { creator as noDotenv } from '@secretlint/secretlint-rule-no-dotenv';
import { creator as pattern } from '@secretlint/secretlint-rule-pattern';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { patternRuleId, patternTableRule } from './secret-pattern-rule.ts';
import { secretPatterns } from './secret-patterns.ts';

/**
 * The rule set of Pairwise's export gate: secretlint's recommended preset plus the gaps
 * measured in FIELD-NOTES (the preset alone misses `.env` passwords, Ed25519 PKCS#8 keys and
 * connection strings outside postgres/mysql/mongodb) and on the planted corpus (the table in
 * secret-patterns.ts). Our own rules get their own ids so an acknowledgement
 * `{path, line, ruleId}` names the rule that fired.
 */

export const pairwiseRuleIds = {
  connectionString: 'pairwise/connection-string',
  privateKey: 'pairwise/private-key',
  awsSecretKey: 'pairwise/aws-secret-access-key',
  keyFile: 'pairwise/key-file',
} as const;

export { findingRuleId } from './secret-pattern-rule.ts';

/** Rules that guess from a name and a value's look: a specific rule on the same text wins. */
export const guessingRuleIds: ReadonlySet<string> = new Set(
  secretPatterns.filter((row) => row.value).map(patternRuleId),
);

/** Rules that report a whole file rather than a value inside it. */
export const fileLevelRuleIds: ReadonlySet<string> = new Set([
  '@secretlint/secretlint-rule-no-dotenv',
  pairwiseRuleIds.keyFile,
]);

const connectionStringPatterns = [
  String.raw`/\b(?:postgres(?:ql)?|mysqlx?|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|cockroachdb|clickhouse|jdbc:[a-z]+):\/\/[^\s:@/"'<>]{1,100}:[^\s@/"'<>]{1,200}@[^\s/"'<>?]{1,200}/gi`,
];

const connectionStringAllows = [
  String.raw`/^[^:]+(?::[a-z]+)?:\/\/[^:]+:(?:password|passwd|pass|secret|changeme|x+|\*+|\.\.\.|\$\{[^}]*\}|\{\{[^}]*\}\}|%[A-Z_]+%|\$[A-Za-z_][A-Za-z0-9_]*)@/i`,
];

// Any PEM private key with a DER body (starts with "M", an ASN.1 SEQUENCE) or an OpenSSH body.
// The preset needs 100+ base64 characters, so a 64-character Ed25519 PKCS#8 key slips past it.
const privateKeyPatterns = [
  String.raw`/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:\s|\\n)*(?:M|b3BlbnNzaC1rZXktdjE)[A-Za-z0-9+/=\s\\]{30,10000}-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g`,
];

// The preset's AWS rule ends its pattern with \b, so it misses every secret access key whose
// last character is "/" or "+" (about 1 in 32 real keys).
const awsSecretKeyPatterns = [
  String.raw`/(?<=\b(?:AWS_?)?SECRET_?ACCESS_?KEY["']?\s*(?::|=>|=)\s*["']?)[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/gi`,
];

export function isKeyFile(filePath: string): boolean {
  const name = filePath.slice(filePath.lastIndexOf('/') + 1);
  return /^id_(?:rsa|dsa|ecdsa|ed25519)$/.test(name) || /\.(?:p12|pfx|jks|keystore|ppk)$/.test(name);
}

// @secretlint/types is not a declared dependency; take the config type from lintSource itself.
type SecretLintCoreConfig = Parameters<typeof lintSource>[0]['options']['config'];

const baseRules: SecretLintCoreConfig['rules'] = [
  {
    id: '@secretlint/secretlint-rule-preset-recommend',
    rule: recommended,
    rules: [{ id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } }],
  },
  { id: '@secretlint/secretlint-rule-no-dotenv', rule: noDotenv },
  {
    id: pairwiseRuleIds.connectionString,
    rule: pattern,
    options: {
      allows: connectionStringAllows,
      patterns: [{ name: 'connection string with a password', patterns: connectionStringPatterns }],
    },
  },
  {
    id: pairwiseRuleIds.privateKey,
    rule: pattern,
    options: { patterns: [{ name: 'private key', patterns: privateKeyPatterns }] },
  },
  {
    id: pairwiseRuleIds.awsSecretKey,
    rule: pattern,
    options: { patterns: [{ name: 'AWS secret access key', patterns: awsSecretKeyPatterns }] },
  },
  patternTableRule(secretPatterns),
];

// Matches every path it is given: configFor only adds it for key files.
const keyFileRule: SecretLintCoreConfig['rules'][number] = {
  id: pairwiseRuleIds.keyFile,
  rule: pattern,
  options: { patterns: [{ name: 'private key file', filePathGlobs: ['**'] }] },
};

const configs = new Map<boolean, SecretLintCoreConfig>();

/** The rule set for one file: the key-file rule only where the path calls for it. */
export function configFor(filePath: string): SecretLintCoreConfig {
  const key = isKeyFile(filePath);
  let config = configs.get(key);
  if (!config) {
    config = { rules: [...baseRules, ...(key ? [keyFileRule] : [])] };
    configs.set(key, config);
  }
  return config;
}
