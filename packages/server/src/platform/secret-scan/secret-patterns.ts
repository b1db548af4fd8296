/**
 * Pairwise's own secret rules, as data (decision 015): one secretlint rule runs every row, and
 * a finding is named `pairwise/<row id>`, so it says which row fired and an acknowledgement
 * `{path, line, ruleId}` stays stable. They cover what secretlint's recommended preset misses (measured on the planted
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
  /(?:\.(?:ya?ml|toml|tfvars|hcl|cnf|s3cfg)|(?:^|\/)(?:\.pypirc|credentials|kubeconfig|[^/]*\.kubeconfig|config))$/i;
/** Shell-like files, where `export NAME=value` and Dockerfile's `ENV NAME value` assign bare values. */
const scriptFile =
  /(?:\.(?:sh|bash|zsh|ksh|ps1|bat|cmd)|(?:^|\/)(?:Dockerfile[^/]*|[^/]*\.dockerfile|Makefile|Jenkinsfile|Procfile|\.bashrc|\.zshrc|\.profile|\.bash_profile))$/i;
const bareValueFile = new RegExp(`${configFile.source}|${scriptFile.source}`, 'i');
/** `.env`, properties, INI and compose files: pairwise/env-assignment reads them. */
const envStyleFile =
  /(?:^|\/)(?:\.env[^/]*|[^/]*\.env|\.envrc|[^/]*\.(?:properties|ini|cfg|conf)|(?:docker-)?compose[^/]*\.ya?ml)$/;

const assignment = (word: string, quoted: boolean, calls = false) =>
  quoted
    ? // "key": "value", key = 'value', key: `value`, key => "value", key := "value",
      // environ["KEY"] = "value", define('KEY', 'value'), and with `calls` setPassword("value")
      // (only for passwords: tokenizer code is full of calls like isTokenOnLine("name")).
      new RegExp(
        String.raw`${word}${nameTail}(?:["']?\]?[ \t]*(?::=|=>|==?|:)|["'][ \t]*,${calls ? '|\\(' : ''})[ \t]*(?<q>["'\x60])(?<secret>${valueChar}{4,500})\k<q>`,
        'gi',
      )
    : // key: value, key = value, export KEY=value, ENV KEY value — the whole rest of the line,
      // so prose ("token: see below") is not a value.
      new RegExp(
        String.raw`^[ \t]*(?:-[ \t]*)?(?:(?:export|ENV|ARG|set|setx|declare[ \t]+-x)[ \t]+)?["']?${nameTail}${word}${nameTail}["']?[ \t]*(?:[:=]|(?<=^[ \t]*ENV[ \t]+[A-Za-z0-9_.-]+)[ \t])[ \t]*(?<secret>${valueChar}{4,500})[ \t]*(?:#.*)?$`,
        'gim',
      );

/** A provider's token recognised by its prefix alone. */
const prefixed = (id: string, name: string, prefix: string, body: string): SecretPattern => ({
  id,
  name,
  pattern: new RegExp(`(?<![A-Za-z0-9_-])${prefix.replace(/[.$]/g, '\\$&')}${body}(?![A-Za-z0-9_-])`, 'g'),
  hints: [prefix],
});

// The example tokens of jwt.io and RFC 7519 ("John Doe", "joe"), copied into many docs and test suites.
const exampleJwts = [
  /\.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9l/,
  /\.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAs/,
];

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
    // The preset's SendGrid rule stops at "-", which about two keys in three contain.
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
    allows: exampleJwts,
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
    // Also the traditional encrypted form and PGP, whose headers come before the body, keys
    // indented in YAML, and keys in JSON strings with escaped newlines.
    pattern:
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:\r?\n|\\r?\\n)(?:[ \t]*[A-Za-z-]+:[^\n\\]*(?:\r?\n|\\r?\\n))*(?:[ \t]*(?:\r?\n|\\r?\\n))?[ \t]*(?<secret>[A-Za-z0-9+/=]{40,}(?:(?:\r?\n|\\r?\\n)[ \t]*[A-Za-z0-9+/=]+)*)/g,
    hints: ['PRIVATE KEY'],
  },
  prefixed('stripe-webhook-secret', 'Stripe webhook signing secret', 'whsec_', '[A-Za-z0-9]{32,}'),
  prefixed('google-oauth-client-secret', 'Google OAuth client secret', 'GOCSPX-', '[A-Za-z0-9_-]{28}'),
  prefixed('google-oauth-token', 'Google OAuth access token', 'ya29.', '[A-Za-z0-9_-]{30,}'),
  prefixed('digitalocean-token', 'DigitalOcean token', 'dop_v1_', '[a-f0-9]{64}'),
  prefixed('digitalocean-oauth-token', 'DigitalOcean OAuth token', 'doo_v1_', '[a-f0-9]{64}'),
  prefixed('postman-api-key', 'Postman API key', 'PMAK-', '[a-f0-9]{24}-[a-f0-9]{34}'),
  prefixed('atlassian-api-token', 'Atlassian API token', 'ATATT3', '[A-Za-z0-9_=-]{100,}'),
  prefixed('bitbucket-app-password', 'Bitbucket app password', 'ATBB', '[A-Za-z0-9_=.-]{28,}'),
  prefixed('heroku-api-key', 'Heroku API key', 'HRKU-', '[A-Za-z0-9_-]{30,}'),
  prefixed('pulumi-token', 'Pulumi access token', 'pul-', '[a-f0-9]{40}'),
  prefixed('new-relic-key', 'New Relic user key', 'NRAK-', '[A-Z0-9]{27}'),
  prefixed('sentry-token', 'Sentry auth token', 'sntry', '[su]_[A-Za-z0-9_=+/-]{40,}'),
  prefixed('sonarqube-token', 'SonarQube token', 'sq', '[apu]_[a-f0-9]{40}'),
  prefixed('rubygems-api-key', 'RubyGems API key', 'rubygems_', '[a-f0-9]{48}'),
  prefixed('nuget-api-key', 'NuGet API key', 'oy2', '[a-z0-9]{43}'),
  prefixed('square-token', 'Square access token', 'sq0', '(?:atp|csp)-[A-Za-z0-9_-]{22,60}'),
  prefixed('brevo-api-key', 'Brevo (Sendinblue) API key', 'xkeysib-', '[a-f0-9]{64}-[A-Za-z0-9]{16}'),
  prefixed('age-secret-key', 'age secret key', 'AGE-SECRET-KEY-1', '[0-9A-Z]{58}'),
  prefixed('mapbox-secret-token', 'Mapbox secret token', 'sk.eyJ', '[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{20,}'),
  prefixed('doppler-token', 'Doppler token', 'dp.', '(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,}'),
  prefixed('alibaba-access-key', 'Alibaba Cloud access key id', 'LTAI', '[A-Za-z0-9]{20}'),
  prefixed('facebook-access-token', 'Facebook access token', 'EAA', '[CGD][A-Za-z0-9]{90,}'),
  prefixed('replicate-token', 'Replicate API token', 'r8_', '[A-Za-z0-9]{37}'),
  prefixed('perplexity-api-key', 'Perplexity API key', 'pplx-', '[A-Za-z0-9]{48}'),
  prefixed('xai-api-key', 'xAI API key', 'xai-', '[A-Za-z0-9]{80}'),
  prefixed('langsmith-api-key', 'LangSmith API key', 'lsv2_', '(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}'),
  prefixed('pinecone-api-key', 'Pinecone API key', 'pcsk_', '[A-Za-z0-9_]{50,}'),
  prefixed('shippo-token', 'Shippo live token', 'shippo_live_', '[a-f0-9]{40}'),
  prefixed('razorpay-key', 'Razorpay live key', 'rzp_live_', '[A-Za-z0-9]{14}'),
  prefixed('telnyx-api-key', 'Telnyx API key', 'KEY0', '[A-F0-9]{31}_[A-Za-z0-9]{22}'),
  prefixed('twitter-bearer-token', 'X (Twitter) bearer token', 'AAAAAAAAAAAAAAAAAAAAA', '[A-Za-z0-9%]{30,}'),
  {
    id: 'mailchimp-api-key',
    name: 'Mailchimp API key',
    pattern: /(?<![A-Za-z0-9_-])[0-9a-f]{32}-us\d{1,2}(?![A-Za-z0-9_-])/g,
    hints: ['-us'],
  },
  {
    id: 'firebase-server-key',
    name: 'Firebase Cloud Messaging server key',
    pattern: /(?<![A-Za-z0-9_-])AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{100,}/g,
    hints: [':APA91b'],
  },
  {
    id: 'telegram-bot-token',
    name: 'Telegram bot token',
    pattern: /(?<![A-Za-z0-9_:-])\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/g,
    hints: [':AA'],
  },
  {
    id: 'discord-bot-token',
    name: 'Discord bot token',
    pattern:
      /(?<![A-Za-z0-9_-])[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}(?![A-Za-z0-9_-])/g,
  },
  {
    id: 'chat-webhook',
    name: 'chat webhook URL',
    // Slack workflow and trigger hooks (the preset knows /services/ only), Discord, Microsoft Teams.
    pattern:
      /https:\/\/(?:hooks\.slack\.com\/(?:workflows|triggers)\/[A-Za-z0-9/]{20,}|(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{15,20}\/[A-Za-z0-9_-]{60,}|[a-z0-9-]+\.webhook\.office\.com\/webhookb2\/[A-Za-z0-9@/-]{60,}[A-Za-z0-9/_-]*|outlook\.office(?:365)?\.com\/webhook\/[A-Za-z0-9@/-]{60,}[A-Za-z0-9/_-]*|[a-z0-9-]+\.logic\.azure\.com[^\s"']*[?&]sig=[A-Za-z0-9%_-]{20,})/g,
    hints: ['hooks.slack.com', 'discord', 'webhook.office.com', 'outlook.office', 'logic.azure.com'],
  },
  {
    id: 'azure-sas-token',
    name: 'Azure shared access signature',
    pattern: /[?&]sig=(?<secret>[A-Za-z0-9%+/]{30,}(?:%3D|=){0,2})/g,
    hints: ['sig='],
    allows: [/^[A-Za-z0-9%+/]*(?:EXAMPLE|example)/],
  },
  {
    id: 'rails-master-key',
    name: 'Rails master key',
    pattern: /^[0-9a-f]{32}\s*$/g,
    path: /(?:^|\/)(?:master|credentials\/[a-z]+)\.key$/,
  },
  {
    id: 'pgpass-password',
    name: '.pgpass password',
    pattern: /^[^:\s#]+:[^:\s]+:[^:\s]+:[^:\s]+:(?<secret>\S{3,})$/gm,
    path: /(?:^|\/)\.?pgpass$/,
  },
  {
    id: 'htpasswd-entry',
    name: '.htpasswd password hash',
    pattern: /^[^:\s#]+:(?<secret>\$(?:apr1|2[aby]|5|6)\$\S{20,}|\{SHA\}[A-Za-z0-9+/=]{28})$/gm,
    path: /(?:^|\/)\.htpasswd$/,
  },
  {
    id: 'authorization-header',
    name: 'Authorization header credential',
    pattern:
      /Authorization["']?\s*[:=,]\s*["']?(?:Bearer|Basic|Token|token|Bot|SSWS)[ \t]+(?<secret>[A-Za-z0-9_.~+/=-]{16,})/gi,
    hints: ['uthorization', 'UTHORIZATION'],
    value: 'random',
    allows: exampleJwts,
  },
  {
    id: 'command-line-password',
    name: 'password on a command line',
    // --password=…, --token …, curl -u user:…, mysql -p…, sshpass -p …
    pattern:
      /(?:--(?:password|passwd|pass|token|api-key|apikey|secret|client-secret|auth-token)(?:=|[ \t]+)|(?:curl|wget)\b[^\n]*?[ \t](?:-u|--user)[ \t]+["']?[^\s:"']+:|\bmysql(?:dump|admin)?\b[^\n]*?[ \t]-p|\bsshpass[ \t]+-p[ \t]*)(?<q>["']?)(?<secret>[^\s"'$`\\|;&()]{4,200})\k<q>/g,
    hints: ['--p', '--t', '--a', '--s', '--c', '-u', '--user', 'mysql', 'sshpass'],
    value: 'password',
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
    pattern: /:\/\/[^\s:@/"'<>]{1,100}:(?<secret>[^\s@/"'<>]{3,200})@[A-Za-z0-9_-]/g,
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
    id: 'env-assignment',
    name: 'password, secret or token assignment',
    // The lookbehind keeps the name out of the match, so the finding's column and mask are the value's.
    pattern:
      /(?<=^[ \t]*(?:export[ \t]+)?[A-Za-z0-9_.-]*(?:PASSWORD|PASSWD|PWD|SECRET|TOKEN|API[_-]?KEY|ACCESS[_-]?KEY|PRIVATE[_-]?KEY|CREDENTIALS?)[A-Za-z0-9_.-]*[ \t]*[=:][ \t]*["']?)[^\s"']{4,}/gim,
    path: envStyleFile,
    value: 'password',
  },
  {
    id: 'password-assignment',
    name: 'password assignment',
    pattern: assignment(passwordWord, true, true),
    hints: ['ass', 'wd', 'ASS', 'WD'],
    value: 'password',
  },
  {
    id: 'password-in-config',
    name: 'password in configuration',
    pattern: assignment(passwordWord, false),
    path: bareValueFile,
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
    path: bareValueFile,
    notPath: envStyleFile,
    value: 'random',
  },
];

// Values that stand for a secret without being one.
const placeholder =
  /^(?:\$\{.*\}|\$\(.*\)|\{\{.*\}\}|%[A-Za-z_]+%|\$[A-Za-z_][A-Za-z0-9_]*|<[^>]*>|\[[^\]]*\]|\(.*\)|![A-Za-z]+|(.)\1+|\.\.\.+|null|none|nil|undefined|true|false)$/i;
const placeholderWords =
  /example|placeholder|change[-_]?me|changeit|redacted|replace[-_]?me|xxxx|dummy|fake|sample|insert[-_]|^(?:your|my|test|some)[-_]|[-_]here$|^(?:password|passwd|secret|token|test|pass)\d*$/i;
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
// A password's hash in crypt(3) or PHC form: what a system stores instead of the password.
const passwordHash = /^\$(?:2[abxy]?|argon2(?:id|i|d)|pbkdf2[-\w]*|scrypt|[156]|apr1|y)\$/;
// A URL, an ARN or a file path (each segment a name) is where a secret is, not the secret.
const reference = /^(?:[a-z][a-z0-9+.-]*:\/\/|arn:|urn:|\.{0,2}\/)/i;
const identifier = new RegExp(
  [
    '[A-Za-z][a-z]*', // a word
    '[a-z]+(?:[-_.][a-z0-9]+)*', // snake_case, kebab-case, dotted.name
    // camelCase and PascalCase made of words; not with digits, which make "Summer2024" a password,
    // and each word at least two letters long: a generated password of letters alone
    // ("CvOJmrcBdZGzRFvYXAth") splits into one-letter "words" and is no name.
    '[a-z]*(?:[A-Z]{1,3}[a-z]{2,})+',
    '[A-Z]+(?:_[A-Z0-9]+)*', // CONSTANT_CASE
    '[A-Za-z_]+\\.[A-Za-z_.]+', // a property path
  ]
    .map((form) => `^${form}$`)
    .join('|'),
);
// A name with a sigil ("?NonExpressionParenEnd", "#main", "@scope") is still a name.
const isName = (value: string) => identifier.test(value.replace(/^[?#@:.$!~^*&%+=-]+/, ''));
const isPath = (value: string) => value.includes('/') && value.split('/').every(isName);

/**
 * Test trees: a name-based guess there is far more often a fixture than a leak, while a
 * provider's format (a Stripe key, a private key) is still reported wherever it is.
 */
export const testPath =
  /(?:^|\/)(?:tests?|__tests__|spec|specs|fixtures?|__fixtures__|mocks?|__mocks__|testdata|test-data|e2e)\/|\.(?:test|spec)\.[A-Za-z]+$/;

// yourToken, myPassword: case matters, or every value starting "my" would be one.
const placeholderName = /^(?:your|my|test|some)[A-Z]/;

// A template that interpolates ("${user}:${password}") is assembled from elsewhere.
const interpolation = /\$\{[A-Za-z_][\w.]*\}|\{\{\s*[\w.]+\s*\}\}|#\{[\w.@]+\}/;

export function isPlaceholder(value: string): boolean {
  return (
    placeholder.test(value) ||
    placeholderWords.test(value) ||
    placeholderName.test(value) ||
    interpolation.test(value)
  );
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

/** A password people choose: not a word, a name or a reference, at least two kinds of character. */
export function looksLikePassword(value: string): boolean {
  return (
    value.length >= 6 &&
    !isPlaceholder(value) &&
    !isName(value) &&
    !passwordHash.test(value) &&
    !reference.test(value) &&
    !isPath(value) &&
    characterClasses(value) >= 2 &&
    entropy(value) >= 2
  );
}

/** A generated token or key: long, varied, and not a name or a reference. */
export function looksRandom(value: string): boolean {
  return (
    value.length >= 16 &&
    !isPlaceholder(value) &&
    // Ids of records and lock tokens far outnumber the UUID-shaped keys of a few providers.
    !uuid.test(value) &&
    !isName(value) &&
    !passwordHash.test(value) &&
    !reference.test(value) &&
    !isPath(value) &&
    (/[0-9]/.test(value) || value.length >= 20) &&
    characterClasses(value) >= 2 &&
    entropy(value) >= 3
  );
}
