/**
 * Pairwise's own secret rules, as data: each row becomes a secretlint rule `pairwise/<id>`,
 * so a finding names the row that fired and an acknowledgement `{path, line, ruleId}` stays
 * stable. They cover what secretlint's recommended preset misses (measured on the planted
 * corpus in packages/server/test/secret-scan-corpus/): provider keys it has no rule for,
 * credential files, and passwords or tokens assigned in configuration and code.
 */

export type SecretPattern = {
  id: string;
  /** What was found, in the finding's message ("found Stripe live key: sk_l****"). */
  name: string;
  /** Searched with the `g` flag; the `secret` group (or the whole match) is what is reported and masked. */
  pattern: RegExp;
  /** Only files whose path matches. */
  path?: RegExp;
  /** Files whose path matches are skipped (another rule covers them). */
  notPath?: RegExp;
  /** The file must contain one of these before the pattern runs: most files are skipped at memchr speed. */
  hints?: readonly string[];
  /**
   * A name-based guess rather than a provider's format: the value must look like a secret
   * (see `looksLikePassword`/`looksRandom`), and a specific rule on the same text wins.
   */
  value?: 'password' | 'random';
  /** Published examples of the format: a secret matching one is not reported. */
  allows?: readonly RegExp[];
};

// The names of values that hold a secret, in camelCase and snake_case alike (clientSecret,
// DB_PASSWORD). Quoted assignments start at the keyword, not at the start of the name: a
// pattern that starts with literals is searched far faster than one that starts with a class.
const passwordWord = '(?:password|passwd|passphrase|pwd)';
const tokenWord =
  '(?:secret|token|api[_.-]?key|apikey|access[_.-]?key|auth[_.-]?key|private[_.-]?key|credentials?)';
const nameTail = '[A-Za-z0-9_.-]*';
const passwordName = `[A-Za-z0-9_.-]*${passwordWord}${nameTail}`;
const tokenName = `[A-Za-z0-9_.-]*${tokenWord}${nameTail}`;
// Printable ASCII without quotes, backquote, backslash and space: a value, not prose in any script.
const valueChar = String.raw`[!#-&(-\[\]-_a-~]`;

/** Where a bare (unquoted) value after `key:` or `key =` is a value, not code. */
const configFile =
  /(?:\.(?:ya?ml|toml|tfvars|hcl)|(?:^|\/)(?:\.pypirc|credentials|kubeconfig|[^/]*\.kubeconfig|config))$/i;
/** Covered by pairwise/env-assignment (secret-scan-config.ts). */
const envStyleFile =
  /(?:^|\/)(?:\.env[^/]*|[^/]*\.env|\.envrc|[^/]*\.(?:properties|ini|cfg|conf)|(?:docker-)?compose[^/]*\.ya?ml)$/;

const assignment = (word: string, quoted: boolean) =>
  quoted
    ? // "key": "value", key = 'value', key: `value`, key => "value", key := "value"
      new RegExp(
        String.raw`${word}${nameTail}["']?[ \t]*(?::=|=>|==?|:)[ \t]*(?<q>["'\x60])(?<secret>${valueChar}{4,500})\k<q>`,
        'gi',
      )
    : // key: value, key = value — the whole rest of the line, so prose ("token: see below") is not a value.
      new RegExp(
        String.raw`^[ \t]*-?[ \t]*${nameTail}${word}${nameTail}[ \t]*[:=][ \t]*(?<secret>${valueChar}{4,500})[ \t]*(?:#.*)?$`,
        'gim',
      );

export const secretPatterns: readonly SecretPattern[] = [
  {
    id: 'google-api-key',
    name: 'Google API key',
    pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
    hints: ['AIza'],
  },
  {
    id: 'stripe-secret-key',
    name: 'Stripe live secret key',
    pattern: /(?<![A-Za-z0-9_])sk_live_[0-9A-Za-z]{20,247}(?![A-Za-z0-9_])/g,
    hints: ['sk_live_'],
  },
  {
    id: 'stripe-restricted-key',
    name: 'Stripe live restricted key',
    pattern: /(?<![A-Za-z0-9_])rk_live_[0-9A-Za-z]{20,247}(?![A-Za-z0-9_])/g,
    hints: ['rk_live_'],
  },
  {
    id: 'sendgrid-api-key',
    name: 'SendGrid API key',
    // The preset's SendGrid rule stops at "-", which about half of real keys contain.
    pattern: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    hints: ['SG.'],
  },
  {
    id: 'jwt',
    name: 'JSON Web Token',
    // Header and payload are base64url JSON objects ("eyJ" is `{"`); a signature is required,
    // so the unsigned examples in documentation are left alone.
    pattern:
      /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])/g,
    hints: ['eyJ'],
    // The example token of jwt.io and RFC 7519 ("John Doe", "joe"), copied into many test suites.
    allows: [
      /\.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9l/,
      /\.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAs/,
    ],
  },
  {
    id: 'azure-storage-key',
    name: 'Azure storage or service bus key',
    pattern: /(?:AccountKey|SharedAccessKey)\s*=\s*(?<secret>[A-Za-z0-9+/]{40,100}={0,2})/g,
    hints: ['AccountKey', 'SharedAccessKey'],
  },
  {
    id: 'azure-client-secret',
    name: 'Azure AD client secret',
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    hints: ['Q~'],
  },
  {
    id: 'aws-session-token',
    name: 'AWS session token',
    pattern:
      /(?:session_?token|security-token)["']?\s*(?::|=>|=)\s*["']?(?<secret>[A-Za-z0-9/+=]{100,2000})/gi,
  },
  {
    id: 'twilio-api-key',
    name: 'Twilio API key',
    pattern: /(?<![A-Za-z0-9_])SK[0-9a-f]{32}(?![A-Za-z0-9_])/g,
    hints: ['SK'],
  },
  {
    id: 'mailgun-private-key',
    name: 'Mailgun private API key',
    pattern: /key-[0-9a-f]{32}(?![A-Za-z0-9_-])/g,
    hints: ['key-'],
  },
  {
    id: 'mailgun-api-key',
    name: 'Mailgun API key',
    // The current format has no prefix of its own: only next to the provider's name.
    pattern: /(?<![A-Za-z0-9_-])[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}(?![A-Za-z0-9_-])/g,
    hints: ['mailgun', 'MAILGUN', 'Mailgun'],
  },
  {
    id: 'gitlab-token',
    name: 'GitLab token',
    // glpat- is also in the preset; the rest (deploy, runner, trigger, OAuth, job, feed, agent,
    // incoming mail, SCIM, feature-flag client tokens and runner registration) are not.
    pattern:
      /(?<![A-Za-z0-9_-])(?:gl(?:dt|rt|ptt|oas|cbt|ft|imt|agent|soat|ffct|cit)-[0-9A-Za-z_-]{20,}|GR1348941[0-9A-Za-z_-]{20,})(?![A-Za-z0-9_-])/g,
    hints: ['gl', 'GR1348941'],
  },
  {
    id: 'pypi-token',
    name: 'PyPI token',
    pattern: /(?<![A-Za-z0-9_-])pypi-AgE[A-Za-z0-9_-]{50,}/g,
    hints: ['pypi-AgE'],
  },
  {
    id: 'npmrc-auth',
    name: '.npmrc credential',
    pattern: /^[ \t]*(?:\/\/[^\s=]*:)?_(?:auth|password)[ \t]*=[ \t]*(?<secret>[^\s$"'][^\s"']{3,})/gm,
    path: /(?:^|\/)\.npmrc$/,
  },
  {
    id: 'netrc-password',
    name: '.netrc password',
    pattern: /\bpassword[ \t]+(?<secret>[^\s]{3,})/g,
    path: /(?:^|\/)[._]netrc$/,
  },
  {
    id: 'kubeconfig-client-key',
    name: 'kubeconfig client key',
    pattern: /\bclient-key-data:[ \t]*["']?(?<secret>[A-Za-z0-9+/=]{40,})/g,
    hints: ['client-key-data'],
  },
  {
    id: 'docker-registry-auth',
    name: 'Docker registry credential',
    pattern: /"(?:auth|identitytoken)"\s*:\s*"(?<secret>[A-Za-z0-9+/=_.-]{12,})"/g,
    hints: ['"auths"'],
  },
  {
    id: 'putty-private-key',
    name: 'PuTTY private key',
    pattern: /^Private-Lines:[ \t]*\d+\r?\n(?<secret>[A-Za-z0-9+/=]{16,}(?:\r?\n[A-Za-z0-9+/=]{16,})*)/gm,
    hints: ['PuTTY-User-Key-File'],
  },
  {
    id: 'private-key-block',
    name: 'private key',
    // Also the traditional encrypted form, whose Proc-Type and DEK-Info headers come before the
    // body, which pairwise/private-key and the preset do not expect.
    pattern:
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----\r?\n(?:[A-Za-z-]+:[^\n]*\r?\n)*\r?\n?(?<secret>[A-Za-z0-9+/=]{40,}(?:\r?\n[A-Za-z0-9+/=]+)*)/g,
    hints: ['PRIVATE KEY-----'],
  },
  {
    id: 'connection-string-password',
    name: 'connection string password',
    // ADO.NET and ODBC: Server=...;User Id=...;Password=...;
    pattern: /;[ \t]*(?:Password|Pwd)[ \t]*=[ \t]*(?<secret>[^;"'\s<>]{3,})/gi,
    hints: ['assword', 'wd', 'ASSWORD', 'WD'],
    value: 'password',
  },
  {
    id: 'url-credentials',
    name: 'URL with a password',
    pattern: /:\/\/[^\s:@/"'<>]{1,100}:(?<secret>[^\s@/"'<>]{3,200})@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g,
    value: 'password',
  },
  {
    id: 'xml-secret',
    name: 'password or secret in XML',
    pattern: new RegExp(
      String.raw`<(?<tag>${passwordName}|${tokenName})>(?<secret>[^<\s]{4,500})</\k<tag>>|\b(?:key|name)="(?:${passwordName}|${tokenName})"\s+value="(?<secret2>[^"\s]{4,500})"`,
      'gi',
    ),
    path: /\.(?:xml|config|xaml|plist|csproj)$/i,
    value: 'password',
  },
  {
    id: 'password-assignment',
    name: 'password assignment',
    pattern: assignment(passwordWord, true),
    hints: ['ass', 'wd', 'ASS', 'WD'],
    value: 'password',
  },
  {
    id: 'password-in-config',
    name: 'password in configuration',
    pattern: assignment(passwordWord, false),
    path: configFile,
    notPath: envStyleFile,
    value: 'password',
  },
  {
    id: 'secret-assignment',
    name: 'secret, token or key assignment',
    pattern: assignment(tokenWord, true),
    value: 'random',
  },
  {
    id: 'secret-in-config',
    name: 'secret, token or key in configuration',
    pattern: assignment(tokenWord, false),
    path: configFile,
    notPath: envStyleFile,
    value: 'random',
  },
];

// Values that stand for a secret without being one.
const placeholder =
  /^(?:\$\{.*\}|\$\(.*\)|\{\{.*\}\}|%[A-Za-z_]+%|\$[A-Za-z_][A-Za-z0-9_]*|<[^>]*>|\[[^\]]*\]|\(.*\)|(.)\1+|\.\.\.+|null|none|nil|undefined|true|false)$/i;
const placeholderWords =
  /example|placeholder|change[-_]?me|changeit|redacted|replace[-_]?me|xxxx|dummy|fake|sample|insert[-_]|^(?:your|my|test|some)[-_]?|[-_]here$|^(?:password|passwd|secret|token|hunter2|admin|root|test|pass|qwerty)\d*$/i;
// An identifier, a word or a constant name: a reference to a secret, a label or a type, not a value.
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const identifier = new RegExp(
  [
    '[A-Za-z][a-z]*', // a word
    '[a-z]+(?:[-_.][a-z0-9]+)*', // snake_case, kebab-case, dotted.name
    '[a-z]*(?:[A-Z]{1,3}[a-z]{2,})+[0-9]*', // camelCase and PascalCase made of words
    '[A-Z]+(?:_[A-Z0-9]+)*', // CONSTANT_CASE
    '[A-Za-z_]+\\.[A-Za-z_.]+', // a property path
  ]
    .map((form) => `^${form}$`)
    .join('|'),
);

export function isPlaceholder(value: string): boolean {
  return placeholder.test(value) || placeholderWords.test(value);
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const characterClasses = (value: string) =>
  [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length;

/** A password people choose: not a word or a name, at least two kinds of character. */
export function looksLikePassword(value: string): boolean {
  return (
    value.length >= 6 &&
    !isPlaceholder(value) &&
    !identifier.test(value) &&
    characterClasses(value) >= 2 &&
    entropy(value) >= 2.5
  );
}

/** A generated token or key: long, varied, and not a name. */
export function looksRandom(value: string): boolean {
  return (
    value.length >= 16 &&
    !isPlaceholder(value) &&
    // Ids of records and lock tokens far outnumber the UUID-shaped keys of a few providers.
    !uuid.test(value) &&
    !identifier.test(value) &&
    (/[0-9]/.test(value) || value.length >= 20) &&
    characterClasses(value) >= 2 &&
    entropy(value) >= 3.2
  );
}
