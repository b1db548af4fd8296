import { createHash, createHmac, generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * The planted-secrets corpus: one file per sample, each either hiding one secret of a kind
 * companies leak (`secret` is the exact text a scan must flag) or a look-alike that must not
 * be flagged (`secret: null`). The shape is the held-out corpus's, so one evaluation reads both.
 *
 * Every value is generated at run time, well-formed where its format has rules (prefixes,
 * lengths, CRC32 checksums, base64 bodies, signed JWTs, real key pairs), and the known
 * prefixes are assembled from pieces, so the repository holds nothing a scanner or GitHub's
 * push protection would flag.
 */

export type CorpusSample = {
  id: string;
  kind: string;
  path: string;
  content: string;
  secret: string | null;
};

const digits = '0123456789';
const lower = 'abcdefghijklmnopqrstuvwxyz';
const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const base62 = upper + lower + digits;
const hex = '0123456789abcdef';
const base64Alphabet = `${base62}+/`;
const base64url = `${base62}-_`;

function randomFrom(alphabet: string, length: number): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

const join = (...parts: string[]) => parts.join('');

/** A password as people choose them for services: words, digits and a symbol. */
function password(): string {
  const words = ['Orchard', 'velvet', 'Harbor', 'quartz', 'Maple', 'lantern', 'Falcon', 'ember'];
  const pick = () => words[randomInt(words.length)]!;
  return `${pick()}${randomInt(10, 99)}${'!#%*-_'[randomInt(6)]}${pick().toLowerCase()}${randomInt(100, 999)}`;
}

function base62Number(value: number, width: number): string {
  let text = '';
  let rest = value;
  while (rest > 0) {
    text = base62[rest % 62]! + text;
    rest = Math.floor(rest / 62);
  }
  return text.padStart(width, '0');
}

/** GitHub's and npm's token format: 30 random base62 characters and their CRC32 in base62. */
function checksummedToken(prefix: string): string {
  const random = randomFrom(base62, 30);
  return `${prefix}${random}${base62Number(crc32(random), 6)}`;
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

function jwt(): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(
    JSON.stringify({ sub: `user-${randomInt(1e6)}`, role: 'admin', iat: 1767225600, exp: 1798761600 }),
  );
  const signature = createHmac('sha256', randomBytes(32)).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

function pemBody(der: Buffer): string {
  return der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
}

function pem(label: string, der: Buffer): string {
  return `-----BEGIN ${label}-----\n${pemBody(der)}\n-----END ${label}-----\n`;
}

/** DER of a SEQUENCE of INTEGERs (the traditional DSA key layout: version, p, q, g, y, x). */
function derIntegers(lengths: number[]): Buffer {
  const length = (n: number) =>
    n < 128 ? Buffer.from([n]) : n < 256 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 255]);
  const integers = lengths.map((size) => {
    const value = size === 0 ? Buffer.from([0]) : Buffer.concat([Buffer.from([0]), randomBytes(size)]);
    if (size > 0) value[1]! |= 0x80;
    return Buffer.concat([Buffer.from([0x02]), length(value.length), value]);
  });
  const body = Buffer.concat(integers);
  return Buffer.concat([Buffer.from([0x30]), length(body.length), body]);
}

function sshString(value: string | Buffer): Buffer {
  const bytes = Buffer.from(value);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(bytes.length);
  return Buffer.concat([size, bytes]);
}

/** An unencrypted OpenSSH-format Ed25519 key, laid out as `ssh-keygen` writes it. */
function openSshEd25519(): string {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d!, 'base64url');
  const pub = Buffer.from(jwk.x!, 'base64url');
  const publicBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  const check = randomBytes(4);
  let privateSection = Buffer.concat([
    check,
    check,
    sshString('ssh-ed25519'),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString('deploy@ci'),
  ]);
  const padding = Buffer.from(Array.from({ length: (8 - (privateSection.length % 8)) % 8 }, (_, i) => i + 1));
  privateSection = Buffer.concat([privateSection, padding]);
  const count = Buffer.alloc(4);
  count.writeUInt32BE(1);
  const der = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    count,
    sshString(publicBlob),
    sshString(privateSection),
  ]);
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${der
    .toString('base64')
    .match(/.{1,70}/g)!
    .join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

function puttyKey(): { file: string; secret: string } {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  const pub = Buffer.concat([sshString('ssh-ed25519'), sshString(Buffer.from(jwk.x!, 'base64url'))]);
  const privateLine = sshString(Buffer.from(jwk.d!, 'base64url')).toString('base64');
  const mac = createHmac('sha256', Buffer.alloc(0)).update(pub).digest('hex');
  const file = [
    'PuTTY-User-Key-File-3: ssh-ed25519',
    'Encryption: none',
    'Comment: ed25519-key-20260101',
    'Public-Lines: 2',
    ...pub.toString('base64').match(/.{1,64}/g)!,
    'Private-Lines: 1',
    privateLine,
    `Private-MAC: ${mac}`,
    '',
  ].join('\n');
  return { file, secret: privateLine };
}

function privateKeys(): Array<{ kind: string; path: string; key: string }> {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return [
    {
      kind: 'PEM RSA private key',
      path: 'deploy/tls/server.key',
      key: rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
    },
    {
      kind: 'PEM EC private key',
      path: 'deploy/tls/ec.key',
      key: ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string,
    },
    {
      kind: 'PEM DSA private key',
      path: 'legacy/signing-dsa.pem',
      key: pem(join('DSA PRIV', 'ATE KEY'), derIntegers([0, 128, 20, 128, 128, 20])),
    },
    { kind: 'OpenSSH private key', path: 'ops/deploy_key', key: openSshEd25519() },
    {
      kind: 'PKCS#8 private key',
      path: 'src/main/resources/signing.pem',
      key: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    },
    {
      kind: 'encrypted PKCS#8 private key',
      path: 'config/keys/app.p8',
      key: ec.privateKey.export({
        type: 'pkcs8',
        format: 'pem',
        cipher: 'aes-256-cbc',
        passphrase: password(),
      }) as string,
    },
    {
      kind: 'encrypted traditional RSA private key',
      path: 'infra/old-vpn.key',
      key: rsa.privateKey.export({
        type: 'pkcs1',
        format: 'pem',
        cipher: 'aes-128-cbc',
        passphrase: password(),
      }) as string,
    },
    {
      kind: 'Ed25519 PKCS#8 private key',
      path: 'keys/release-ed25519.pem',
      key: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    },
  ];
}

/** The body of a key inside a file: what must be flagged (its first base64 line is enough). */
const keyBodyLine = (key: string) => key.split('\n').find((line) => /^[A-Za-z0-9+/=]{40,}$/.test(line))!;

type Positive = { kind: string; path: string; content: string; secret: string };
type LookAlike = { kind: string; path: string; content: string };

function positives(): Positive[] {
  const scheme = (...parts: string[]) => parts.join('');
  const awsKeyId = join('AK', 'IA', randomFrom(`${upper}234567`, 16));
  const awsTempId = join('AS', 'IA', randomFrom(`${upper}234567`, 16));
  const awsSecret = randomFrom(base64Alphabet, 39) + randomFrom(base62, 1);
  const sessionToken = join('FwoGZXIvYXdzE', randomFrom(base64Alphabet, 300));
  const googleKey = join('AI', 'za', 'Sy', randomFrom(`${base62}-_`, 33));
  const stripeLive = join('sk', '_live_', randomFrom(base62, 99));
  const stripeRestricted = join('rk', '_live_', randomFrom(base62, 99));
  const azureAccountKey = randomBytes(64).toString('base64');
  const azureClientSecret = `${randomFrom(base62, 3)}${randomInt(10)}${join('Q', '~')}${randomFrom(`${base62}_.~-`, 34)}`;
  const twilioKey = join('S', 'K', randomFrom(hex, 32));
  const twilioToken = randomFrom(hex, 32);
  const sendgrid = join('S', 'G.', randomFrom(base64url, 22), '.', randomFrom(base64url, 43));
  const mailgun = join('key', '-', randomFrom(hex, 32));
  const mailgunNew = `${randomFrom(hex, 32)}-${randomFrom(hex, 8)}-${randomFrom(hex, 8)}`;
  const slackWebhook = join(
    'https://hooks.',
    'slack.com/services/T',
    randomFrom(upper + digits, 8),
    '/B',
    randomFrom(upper + digits, 10),
    '/',
    randomFrom(base62, 24),
  );
  const slackToken = (prefix: string) =>
    join(
      'xox',
      prefix,
      '-',
      String(randomInt(1e11, 1e12)),
      '-',
      String(randomInt(1e11, 1e12)),
      '-',
      randomFrom(base62, 24),
    );
  const slackApp = join(
    'xa',
    'pp-1-A',
    randomFrom(upper + digits, 10),
    '-',
    String(randomInt(1e12, 1e13)),
    '-',
    randomFrom(hex, 64),
  );
  const npmToken = checksummedToken(join('np', 'm_'));
  const pypiToken = join('pyp', 'i-AgEIcHlwaS5vcmc', randomFrom(base64url, 140));
  const gcpKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
  }) as string;
  const dockerAuth = Buffer.from(`deploy:${password()}`).toString('base64');
  const kubeToken = jwt();
  const clientKeyData = Buffer.from(
    generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({
      type: 'sec1',
      format: 'pem',
    }) as string,
  ).toString('base64');
  const gitCredential = checksummedToken(join('gh', 'p_'));
  const netrcPassword = password();
  const pypircPassword = password();
  const putty = puttyKey();
  const pw = Array.from({ length: 12 }, password);
  const highEntropy = () => randomBytes(24).toString('base64url');

  const github = ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'].map((prefix) => ({
    kind: `GitHub token (${prefix})`,
    path: `scripts/github-${prefix.slice(0, 3)}.sh`,
    token: checksummedToken(join(prefix.slice(0, 2), prefix.slice(2))),
  }));
  const fineGrained = join('github', '_pat_', randomFrom(base62, 22), '_', randomFrom(base62, 59));
  const gitlab = [
    ['glpat-', 'personal access token'],
    ['gldt-', 'deploy token'],
    ['glrt-', 'runner token'],
    ['glptt-', 'pipeline trigger token'],
    ['gloas-', 'OAuth application secret'],
    ['glcbt-', 'CI/CD job token'],
    ['glft-', 'feed token'],
    ['GR1348941', 'runner registration token'],
  ].map(([prefix, name]) => ({
    prefix: prefix!,
    name: name!,
    token: `${prefix}${randomFrom(`${base62}_-`, 20)}`,
  }));

  const keyed = privateKeys().map(
    ({ kind, path, key }): Positive => ({ kind, path, content: key, secret: keyBodyLine(key) }),
  );

  return [
    {
      kind: 'password in YAML',
      path: 'config/database.yml',
      content: `production:\n  adapter: postgresql\n  host: db.internal\n  username: shop\n  password: ${pw[0]}\n`,
      secret: pw[0]!,
    },
    {
      kind: 'quoted password in YAML',
      path: 'deploy/values.yaml',
      content: `redis:\n  auth:\n    enabled: true\n    password: "${pw[1]}"\n`,
      secret: pw[1]!,
    },
    {
      kind: 'password in JSON',
      path: 'config/production.json',
      content: `{\n  "db": {\n    "host": "db.internal",\n    "user": "shop",\n    "password": "${pw[2]}"\n  }\n}\n`,
      secret: pw[2]!,
    },
    {
      kind: 'password in .properties',
      path: 'src/main/resources/application-prod.properties',
      content: `spring.datasource.url=jdbc:postgresql://db.internal:5432/shop\nspring.datasource.username=shop\nspring.datasource.password=${pw[3]}\n`,
      secret: pw[3]!,
    },
    {
      kind: 'password in INI',
      path: 'deploy/app.ini',
      content: `[database]\nhost = db.internal\nuser = shop\npassword = ${pw[4]}\n`,
      secret: pw[4]!,
    },
    {
      kind: 'password in XML',
      path: 'settings.xml',
      content: `<settings>\n  <servers>\n    <server>\n      <id>nexus</id>\n      <username>deployer</username>\n      <password>${pw[5]}</password>\n    </server>\n  </servers>\n</settings>\n`,
      secret: pw[5]!,
    },
    {
      kind: 'password attribute in XML',
      path: 'src/App.config',
      content: `<configuration>\n  <appSettings>\n    <add key="SmtpPassword" value="${pw[6]}" />\n  </appSettings>\n</configuration>\n`,
      secret: pw[6]!,
    },
    {
      kind: 'password in TOML',
      path: 'config/settings.toml',
      content: `[database]\nuser = "shop"\npassword = "${pw[7]}"\n`,
      secret: pw[7]!,
    },
    {
      kind: 'password in .env',
      path: '.env.production',
      content: `NODE_ENV=production\nDB_USER=shop\nDB_PASSWORD=${pw[8]}\n`,
      secret: pw[8]!,
    },
    {
      kind: 'password in code',
      path: 'src/mailer.py',
      content: `import smtplib\n\nSMTP_PASSWORD = "${pw[9]}"\n\ndef send(msg):\n    server = smtplib.SMTP("smtp.internal")\n    server.login("noreply", SMTP_PASSWORD)\n`,
      secret: pw[9]!,
    },
    {
      kind: 'PostgreSQL URL with password',
      path: 'src/db.ts',
      content: `export const url = '${scheme('post', 'gres')}://shop:${pw[10]}@db.internal:5432/shop';\n`,
      secret: pw[10]!,
    },
    {
      kind: 'MongoDB SRV URL with password',
      path: 'config/mongo.js',
      content: `module.exports = { uri: "${scheme('mongo', 'db+srv')}://app:${pw[11]}@cluster0.ab1cd.mongodb.net/orders" };\n`,
      secret: pw[11]!,
    },
    {
      kind: 'ADO.NET connection string',
      path: 'appsettings.Production.json',
      content: `{\n  "ConnectionStrings": {\n    "Default": "Server=sql.internal;Database=Shop;User Id=sa;Password=${pw[0]}X;"\n  }\n}\n`,
      secret: `${pw[0]}X`,
    },
    {
      kind: 'AMQP URL with password',
      path: 'worker/config.go',
      content: `package worker\n\nconst brokerURL = "${scheme('am', 'qps')}://orders:${pw[1]}Q@mq.internal:5671/prod"\n`,
      secret: `${pw[1]}Q`,
    },
    {
      kind: 'Google API key',
      path: 'web/src/maps.js',
      content: `const MAPS_KEY = '${googleKey}';\nloadMaps(MAPS_KEY);\n`,
      secret: googleKey,
    },
    {
      kind: 'Stripe live secret key',
      path: 'src/payments.rb',
      content: `Stripe.api_key = "${stripeLive}"\n`,
      secret: stripeLive,
    },
    {
      kind: 'Stripe restricted key',
      path: 'services/billing/config.py',
      content: `STRIPE_KEY = "${stripeRestricted}"\n`,
      secret: stripeRestricted,
    },
    {
      kind: 'Azure storage connection string',
      path: 'src/storage.cs',
      content: `var conn = "DefaultEndpointsProtocol=https;AccountName=shopfiles;AccountKey=${azureAccountKey};EndpointSuffix=core.windows.net";\n`,
      secret: azureAccountKey,
    },
    {
      kind: 'Azure AD client secret',
      path: 'infra/azure.tfvars',
      content: `tenant_id     = "${randomUuid()}"\nclient_id     = "${randomUuid()}"\nclient_secret = "${azureClientSecret}"\n`,
      secret: azureClientSecret,
    },
    {
      kind: 'AWS access key id',
      path: 'src/s3.js',
      content: `const s3 = new S3({ accessKeyId: '${awsKeyId}', region: 'eu-west-1' });\n`,
      secret: awsKeyId,
    },
    {
      kind: 'AWS secret access key',
      path: 'deploy/aws.sh',
      content: `export AWS_ACCESS_KEY_ID=${awsTempId}\nexport AWS_SECRET_ACCESS_KEY=${awsSecret}\n`,
      secret: awsSecret,
    },
    {
      kind: 'AWS credentials file',
      path: 'ops/credentials',
      content: `[default]\naws_access_key_id = ${awsKeyId}\naws_secret_access_key = ${awsSecret}\naws_session_token = ${sessionToken}\n`,
      secret: sessionToken,
    },
    {
      kind: 'GCP service account key',
      path: 'gcp/service-account.json',
      content: `${JSON.stringify({ type: 'service_account', project_id: 'shop-prod', private_key_id: randomFrom(hex, 40), private_key: gcpKey, client_email: 'ci@shop-prod.iam.gserviceaccount.com', client_id: String(randomInt(1e12, 1e13)) }, null, 2)}\n`,
      secret: JSON.stringify(gcpKey).slice(1, 60),
    },
    {
      kind: 'Twilio API key',
      path: 'src/sms.js',
      content: `const client = twilio('${twilioKey}', process.env.TWILIO_SECRET);\n`,
      secret: twilioKey,
    },
    {
      kind: 'Twilio auth token',
      path: 'config/twilio.yml',
      content: `account_sid: AC${randomFrom(hex, 32)}\nauth_token: ${twilioToken}\n`,
      secret: twilioToken,
    },
    {
      kind: 'SendGrid API key',
      path: 'src/mail.ts',
      content: `sgMail.setApiKey('${sendgrid}');\n`,
      secret: sendgrid,
    },
    {
      kind: 'Mailgun API key',
      path: 'src/newsletter.php',
      content: `<?php\n$mg = Mailgun::create('${mailgun}');\n`,
      secret: mailgun,
    },
    {
      kind: 'Mailgun API key (new format)',
      path: 'config/mailgun.env',
      content: `MAILGUN_API_KEY=${mailgunNew}\nMAILGUN_DOMAIN=mg.shop.example\n`,
      secret: mailgunNew,
    },
    {
      kind: 'Slack webhook',
      path: 'ci/notify.sh',
      content: `curl -X POST -d '{"text":"deployed"}' ${slackWebhook}\n`,
      secret: slackWebhook,
    },
    {
      kind: 'Slack bot token',
      path: 'bot/config.js',
      content: `export const slackToken = '${slackToken('b')}';\n`,
      secret: '',
    },
    {
      kind: 'Slack user token',
      path: 'scripts/cleanup.py',
      content: `TOKEN = "${slackToken('p')}"\n`,
      secret: '',
    },
    {
      kind: 'Slack app-level token',
      path: 'bot/socket.ts',
      content: `const appToken = "${slackApp}";\n`,
      secret: slackApp,
    },
    ...github.map((g) => ({
      kind: g.kind,
      path: g.path,
      content: `#!/bin/sh\ncurl -H "Authorization: token ${g.token}" https://api.github.com/user\n`,
      secret: g.token,
    })),
    {
      kind: 'GitHub fine-grained token',
      path: '.github/scripts/release.js',
      content: `const octokit = new Octokit({ auth: '${fineGrained}' });\n`,
      secret: fineGrained,
    },
    ...gitlab.map((g) => ({
      kind: `GitLab ${g.name}`,
      path: `ci/gitlab-${g.prefix.replace(/-$/, '')}.sh`,
      content: `curl --header "PRIVATE-TOKEN: ${g.token}" https://gitlab.example.com/api/v4/projects\n`,
      secret: g.token,
    })),
    {
      kind: 'npm token in .npmrc',
      path: '.npmrc',
      content: `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${npmToken}\n`,
      secret: npmToken,
    },
    {
      kind: 'npm basic auth in .npmrc',
      path: 'packages/app/.npmrc',
      content: `//npm.internal.example/:_auth=${Buffer.from(`ci:${pw[2]}`).toString('base64')}\nalways-auth=true\n`,
      secret: Buffer.from(`ci:${pw[2]}`).toString('base64'),
    },
    {
      kind: 'PyPI token in .pypirc',
      path: '.pypirc',
      content: `[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = __token__\npassword = ${pypiToken}\n`,
      secret: pypiToken,
    },
    {
      kind: 'password in .pypirc',
      path: 'release/.pypirc',
      content: `[internal]\nrepository = https://pypi.internal.example/\nusername = release\npassword = ${pypircPassword}\n`,
      secret: pypircPassword,
    },
    {
      kind: '.netrc password',
      path: 'ci/.netrc',
      content: `machine api.heroku.com\n  login ops@shop.example\n  password ${netrcPassword}\n`,
      secret: netrcPassword,
    },
    {
      kind: '.git-credentials',
      path: '.git-credentials',
      content: `https://ci-bot:${gitCredential}@github.com\n`,
      secret: gitCredential,
    },
    {
      kind: 'kubeconfig token',
      path: 'deploy/kubeconfig',
      content: `apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    token: ${kubeToken}\n`,
      secret: kubeToken,
    },
    {
      kind: 'kubeconfig client key',
      path: 'deploy/admin.kubeconfig',
      content: `apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    client-certificate-data: ${Buffer.from('cert').toString('base64')}\n    client-key-data: ${clientKeyData}\n`,
      secret: clientKeyData,
    },
    {
      kind: 'docker config.json auth',
      path: 'ci/docker/config.json',
      content: `{\n  "auths": {\n    "registry.shop.example": {\n      "auth": "${dockerAuth}"\n    }\n  }\n}\n`,
      secret: dockerAuth,
    },
    {
      kind: 'JWT',
      path: 'test-data/session.http',
      content: `GET /api/orders\nAuthorization: Bearer ${jwt()}\n`,
      secret: '',
    },
    {
      kind: 'JWT in code',
      path: 'src/client.ts',
      content: `const serviceToken = '${kubeToken}';\n`,
      secret: kubeToken,
    },
    ...keyed,
    { kind: 'PuTTY private key', path: 'ops/jump-host.ppk', content: putty.file, secret: putty.secret },
    {
      kind: 'high-entropy secret assignment',
      path: 'src/session.js',
      content: `app.use(session({ secret: '${highEntropy()}' }));\n`,
      secret: '',
    },
    {
      kind: 'high-entropy token assignment',
      path: 'config/ci.yml',
      content: `notifications:\n  token: ${highEntropy()}\n`,
      secret: '',
    },
    {
      kind: 'high-entropy api_key assignment',
      path: 'analytics/settings.py',
      content: `API_KEY = '${randomFrom(hex, 40)}'\n`,
      secret: '',
    },
    {
      kind: 'high-entropy client secret',
      path: 'src/oauth.ts',
      content: `export const oauth = { clientId: 'shop-web', clientSecret: "${highEntropy()}" };\n`,
      secret: '',
    },
    {
      kind: 'basic auth URL',
      path: 'scripts/fetch.sh',
      content: `curl https://admin:${pw[3]}Z@internal.shop.example/export\n`,
      secret: `${pw[3]}Z`,
    },
  ].map((sample) => ({ ...sample, secret: sample.secret || secretIn(sample.content) }));
}

/** For samples whose whole quoted or bare value is the secret. */
function secretIn(content: string): string {
  const value = /(?:'|"|: |Bearer |= )([A-Za-z0-9_.~+/=-]{20,})/.exec(content);
  if (!value) throw new Error(`no secret in ${content}`);
  return value[1]!;
}

function randomUuid(): string {
  const h = createHash('sha256').update(randomBytes(16)).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function lookAlikes(): LookAlike[] {
  const scheme = ['post', 'gres'].join('');
  const publicKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({
    type: 'spki',
    format: 'pem',
  }) as string;
  return [
    {
      kind: 'password from the environment (YAML)',
      path: 'config/database.yml',
      content: `production:\n  username: shop\n  password: \${DB_PASSWORD}\n`,
    },
    {
      kind: 'changeme',
      path: 'docker-compose.yml',
      content: 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: changeme\n',
    },
    {
      kind: 'angle-bracket placeholder',
      path: 'README.md',
      content: 'Set `API_TOKEN=<your-token>` and `password: <your-password>` before running.\n',
    },
    {
      kind: 'x-ed out value',
      path: 'config/example.json',
      content: '{\n  "apiKey": "xxxxxxxxxxxxxxxxxxxxxxxx",\n  "password": "********"\n}\n',
    },
    {
      kind: 'label text for a password field',
      path: 'src/locales/en.json',
      content: '{\n  "password": "Password",\n  "token": "Access token",\n  "secret": "Secret question"\n}\n',
    },
    {
      kind: 'password read from a request',
      path: 'src/auth.js',
      content:
        'const password = req.body.password;\nconst token = await issueToken(user, { expiresIn: "1h" });\n',
    },
    {
      kind: 'token from the environment',
      path: 'src/config.ts',
      content:
        'export const apiKey = process.env.API_KEY ?? "";\nexport const secret = process.env.SESSION_SECRET!;\n',
    },
    {
      kind: 'connection string with a placeholder',
      path: 'docs/setup.md',
      content: `DATABASE_URL=${scheme}://app:\${DB_PASSWORD}@localhost:5432/app\n`,
    },
    {
      kind: 'local development URL',
      path: 'docker/dev.env.example',
      content: `DATABASE_URL=${scheme}://user:password@localhost:5432/dev\n`,
    },
    {
      kind: '.npmrc reading the environment',
      path: '.npmrc',
      content: `//registry.npmjs.org/:_authToken=\${NPM_TOKEN}\n`,
    },
    {
      kind: 'AWS documentation example key',
      path: 'docs/aws.md',
      content: `aws_access_key_id = ${['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('')}\n`,
    },
    { kind: 'public key', path: 'keys/signing.pub.pem', content: publicKey },
    {
      kind: 'private key header in docs',
      path: 'docs/keys.md',
      content: 'Paste your key; it starts with `-----BEGIN PRIVATE KEY-----`.\n',
    },
    {
      kind: 'package-lock integrity hashes',
      path: 'package-lock.json',
      content: `{\n  "packages": {\n    "node_modules/zod": {\n      "version": "4.1.0",\n      "integrity": "sha512-${randomBytes(64).toString('base64')}"\n    }\n  }\n}\n`,
    },
    {
      kind: 'git commit ids',
      path: 'CHANGELOG.md',
      content: `## 1.2.0\n\n- Fix rounding (${randomFrom(hex, 40)})\n- Faster import (${randomFrom(hex, 7)})\n`,
    },
    {
      kind: 'UUIDs as ids',
      path: 'test/fixtures/orders.json',
      content: `[{ "id": "${randomUuid()}", "customerToken": "${randomUuid()}" }]\n`,
    },
    {
      kind: 'test fixture password',
      path: 'test/auth.test.js',
      content:
        "const user = { email: 'a@example.com', password: 'test-password' };\nconst token = 'fake-token';\n",
    },
    {
      kind: 'password policy text',
      path: 'src/validation.ts',
      content: "const message = 'password: must have 12 characters';\nconst passwordMinLength = 12;\n",
    },
    {
      kind: 'token type names',
      path: 'src/lexer.ts',
      content:
        "const tokenType = 'Identifier';\nconst TOKEN_KIND = 'StringLiteral';\nconst secretField = 'secret_answer';\n",
    },
    {
      kind: 'dummy values',
      path: 'examples/config.yml',
      content: 'api_key: dummy\nsecret: example-secret\ntoken: your_token_here\n',
    },
    {
      kind: 'hash of a file',
      path: 'scripts/checksums.txt',
      content: `${createHash('sha256').update(randomBytes(8)).digest('hex')}  release.tar.gz\n`,
    },
    {
      kind: 'base64 image',
      path: 'src/styles.css',
      content: `.logo { background: url("data:image/png;base64,${randomBytes(120).toString('base64')}"); }\n`,
    },
    {
      kind: 'Stripe publishable test key',
      path: 'web/checkout.js',
      content: `const stripe = Stripe('${['pk', '_test_'].join('')}TYooMQauvdEDq54NiTphI7jx');\n`,
    },
    {
      kind: 'secret name without a value',
      path: '.github/workflows/ci.yml',
      content: `env:\n  NPM_TOKEN: \${{ secrets.NPM_TOKEN }}\n  password: \${{ secrets.DB_PASSWORD }}\n`,
    },
    {
      kind: 'Kubernetes secret reference',
      path: 'k8s/deployment.yaml',
      content:
        'env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n        key: password\n',
    },
  ];
}

/** Secrets in scripts, tool configuration and the less common providers. */
function scriptAndToolLeaks(): Positive[] {
  const pw = Array.from({ length: 12 }, password);
  const hexToken = (length: number) => randomFrom(hex, length);
  const pgpBody = randomBytes(600).toString('base64');
  const pgpKey = [
    join('-----BEGIN PGP PRIV', 'ATE KEY BLOCK-----'),
    'Comment: release signing',
    '',
    ...pgpBody.match(/.{1,64}/g)!,
    `=${randomFrom(base64Alphabet, 4)}`,
    join('-----END PGP PRIV', 'ATE KEY BLOCK-----'),
    '',
  ].join('\n');
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
    type: 'pkcs1',
    format: 'pem',
  }) as string;
  const indentedKey = rsa
    .trim()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
  const discordHook = join(
    'https://discord.com/api/web',
    'hooks/',
    `1${randomFrom(digits, 17)}`,
    '/',
    randomFrom(`${base62}_-`, 68),
  );
  const teamsHook = join(
    'https://shop.webhook.office.com/webhookb2/',
    randomUuid(),
    '@',
    randomUuid(),
    '/IncomingWebhook/',
    hexToken(32),
    '/',
    randomUuid(),
  );
  const telegram = `${randomInt(1e8, 9e8)}:${join('A', 'A')}${randomFrom(`${base62}_-`, 33)}`;
  const stripeWebhook = join('wh', 'sec_', randomFrom(base62, 32));
  const googleClientSecret = join('GOC', 'SPX-', randomFrom(`${base62}_-`, 28));
  const doToken = join('dop', '_v1_', hexToken(64));
  const mailchimp = `${hexToken(32)}-us${randomInt(1, 21)}`;
  const sasSignature = encodeURIComponent(randomBytes(32).toString('base64'));
  const masterKey = hexToken(32);
  const bearer = randomBytes(30).toString('base64url');
  const basicAuth = Buffer.from(`api:${pw[0]}`).toString('base64');
  const cargoToken = join('cio', randomFrom(base62, 32));
  const yarnToken = checksummedToken(join('np', 'm_'));
  const composerToken = checksummedToken(join('gh', 'o_'));
  const k8sSecret = Buffer.from(pw[1]!).toString('base64');
  const gemKey = join('rubygems', '_', hexToken(48));
  const wordpressKey = randomFrom(`${base62}!@#%^&*()-_=+[]{}<>;:,.?~|`, 64);
  const notebookKey = randomBytes(24).toString('hex');

  return [
    {
      kind: 'exported token in a shell script',
      path: 'scripts/deploy.sh',
      content: `#!/bin/sh\nexport DEPLOY_TOKEN=${bearer}\n./deploy --prod\n`,
      secret: bearer,
    },
    {
      kind: 'password in a Dockerfile ENV',
      path: 'Dockerfile',
      content: `FROM node:20\nENV DB_PASSWORD ${pw[2]}\nCMD ["node", "server.js"]\n`,
      secret: pw[2]!,
    },
    {
      kind: 'PHP define of a password',
      path: 'wp-config.php',
      content: `<?php\ndefine('DB_NAME', 'shop');\ndefine('DB_PASSWORD', '${pw[3]}');\n`,
      secret: pw[3]!,
    },
    {
      kind: 'WordPress auth salt',
      path: 'public/wp-config.php',
      content: `<?php\ndefine( 'AUTH_KEY', '${wordpressKey.replace(/'/g, '')}' );\n`,
      secret: wordpressKey.replace(/'/g, ''),
    },
    {
      kind: 'password in os.environ default',
      path: 'app/settings.py',
      content: `import os\nos.environ.setdefault("SECRET_KEY", "${notebookKey}")\n`,
      secret: notebookKey,
    },
    {
      kind: 'password flag on a command line',
      path: 'scripts/backup.sh',
      content: `pg_dump --host db.internal --username shop --password=${pw[4]} shop > shop.sql\n`,
      secret: pw[4]!,
    },
    {
      kind: 'curl with user and password',
      path: 'scripts/report.sh',
      content: `curl -s -u reporter:${pw[5]} https://jira.internal.example/rest/api/2/search\n`,
      secret: pw[5]!,
    },
    {
      kind: 'mysql password argument',
      path: 'Makefile',
      content: `seed:\n\tmysql -u root -p${pw[6]} shop < seed.sql\n`,
      secret: pw[6]!,
    },
    {
      kind: 'opaque bearer token in a header',
      path: 'src/api-client.js',
      content: `fetch(url, { headers: { Authorization: 'Bearer ${bearer}' } });\n`,
      secret: bearer,
    },
    {
      kind: 'basic credentials in a header',
      path: 'tools/export.http',
      content: `GET https://api.internal.example/export\nAuthorization: Basic ${basicAuth}\n`,
      secret: basicAuth,
    },
    {
      kind: '.pgpass entry',
      path: 'ops/.pgpass',
      content: `db.internal:5432:shop:shop:${pw[7]}\n`,
      secret: pw[7]!,
    },
    {
      kind: 'MySQL option file password',
      path: 'ops/.my.cnf',
      content: `[client]\nuser = shop\npassword = ${pw[8]}\n`,
      secret: pw[8]!,
    },
    {
      kind: 'PGP private key block',
      path: 'release/signing-key.asc',
      content: pgpKey,
      secret: pgpBody.slice(0, 64),
    },
    {
      kind: 'private key indented in YAML',
      path: 'deploy/secrets.yaml',
      content: `tls:\n  key: |\n${indentedKey}\n`,
      secret: indentedKey.split('\n')[1]!.trim(),
    },
    {
      kind: 'private key in a JSON string',
      path: 'config/jwt.json',
      content: `${JSON.stringify({ issuer: 'shop', signingKey: rsa })}\n`,
      secret: JSON.stringify(rsa).split('\\n')[1]!,
    },
    {
      kind: 'Discord webhook',
      path: 'ci/discord-notify.js',
      content: `await fetch('${discordHook}', { method: 'POST', body });\n`,
      secret: discordHook,
    },
    {
      kind: 'Microsoft Teams webhook',
      path: 'ci/teams.ps1',
      content: `Invoke-RestMethod -Uri "${teamsHook}" -Method Post -Body $body\n`,
      secret: teamsHook,
    },
    {
      kind: 'Telegram bot token',
      path: 'bot/main.py',
      content: `bot = telebot.TeleBot("${telegram}")\n`,
      secret: telegram,
    },
    {
      kind: 'Stripe webhook secret',
      path: 'src/webhooks.ts',
      content: `const endpointSecret = '${stripeWebhook}';\n`,
      secret: stripeWebhook,
    },
    {
      kind: 'Google OAuth client secret',
      path: 'client_secret.json',
      content: `{"web":{"client_id":"${randomInt(1e11, 1e12)}-abc.apps.googleusercontent.com","client_secret":"${googleClientSecret}"}}\n`,
      secret: googleClientSecret,
    },
    {
      kind: 'DigitalOcean token',
      path: 'infra/do.tf',
      content: `provider "digitalocean" {\n  token = "${doToken}"\n}\n`,
      secret: doToken,
    },
    {
      kind: 'Mailchimp API key',
      path: 'src/newsletter.js',
      content: `const mc = new Mailchimp('${mailchimp}');\n`,
      secret: mailchimp,
    },
    {
      kind: 'Azure SAS URL',
      path: 'scripts/upload.sh',
      content: `azcopy copy build.zip "https://shopfiles.blob.core.windows.net/releases?sv=2022-11-02&ss=b&srt=o&sp=rwl&se=2027-01-01T00:00:00Z&sig=${sasSignature}"\n`,
      secret: sasSignature,
    },
    { kind: 'Rails master key', path: 'config/master.key', content: `${masterKey}\n`, secret: masterKey },
    {
      kind: 'Cargo registry token',
      path: '.cargo/credentials.toml',
      content: `[registry]\ntoken = "${cargoToken}"\n`,
      secret: cargoToken,
    },
    {
      kind: 'Yarn registry token',
      path: '.yarnrc.yml',
      content: `npmRegistryServer: "https://registry.npmjs.org"\nnpmAuthToken: ${yarnToken}\n`,
      secret: yarnToken,
    },
    {
      kind: 'Composer GitHub OAuth token',
      path: 'auth.json',
      content: `{\n  "github-oauth": {\n    "github.com": "${composerToken}"\n  }\n}\n`,
      secret: composerToken,
    },
    {
      kind: 'Kubernetes Secret data',
      path: 'k8s/db-secret.yaml',
      content: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: ${k8sSecret}\n`,
      secret: k8sSecret,
    },
    {
      kind: 'RubyGems credentials',
      path: '.gem/credentials',
      content: `---\n:rubygems_api_key: ${gemKey}\n`,
      secret: gemKey,
    },
  ];
}

function moreLookAlikes(): LookAlike[] {
  return [
    {
      kind: 'password hash in a seed file',
      path: 'db/seeds.yml',
      content: `admin:\n  email: admin@shop.example\n  password_digest: "$2b$12$${randomFrom(`${base62}./`, 53)}"\n`,
    },
    {
      kind: 'Ansible vault reference',
      path: 'group_vars/prod.yml',
      content: 'db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\napi_token: "{{ vault_api_token }}"\n',
    },
    {
      kind: 'token endpoint URL',
      path: 'src/oauth-config.ts',
      content:
        "export const tokenUrl = 'https://auth.shop.internal/oauth2/v1/token';\nexport const secretsPath = 'config/secrets/app-token.json';\n",
    },
    {
      kind: 'fixture password in a test tree',
      path: 'test/fixtures/users.json',
      content: '[{ "email": "ana@shop.test", "password": "Passw0rd!2024" }]\n',
    },
    {
      kind: 'jwt.io example token',
      path: 'docs/auth.md',
      content: `Send \`Authorization: Bearer ${['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'].join('.')}\`.\n`,
    },
    {
      kind: 'command-line flag reading the environment',
      path: 'scripts/migrate.sh',
      content: `psql --password="$PGPASSWORD" -h db\ncurl -u "ci:\${CI_TOKEN}" https://ci.internal/api\n`,
    },
    {
      kind: 'Dockerfile ARG without a value',
      path: 'Dockerfile',
      content: `ARG NPM_TOKEN\nENV API_TOKEN=\${API_TOKEN}\nRUN npm ci\n`,
    },
    {
      kind: 'secret names in a Terraform variable',
      path: 'infra/variables.tf',
      content: 'variable "db_password" {\n  type      = string\n  sensitive = true\n}\n',
    },
    {
      kind: 'shell reading a password',
      path: 'scripts/login.sh',
      content: 'read -s -p "Password: " PASSWORD\nexport PASSWORD\n',
    },
    {
      kind: 'lorem ipsum and long identifiers',
      path: 'src/messages.ts',
      content:
        "export const passwordResetTokenExpiredMessage = 'passwordResetTokenExpired';\nconst apiKeyHeaderName = 'X-Api-Key';\n",
    },
  ];
}

export function plantedCorpus(): CorpusSample[] {
  const samples: CorpusSample[] = [...positives(), ...scriptAndToolLeaks()].map((sample, index) => ({
    id: `planted-${index + 1}`,
    ...sample,
  }));
  for (const [index, sample] of [...lookAlikes(), ...moreLookAlikes()].entries()) {
    samples.push({ id: `look-alike-${index + 1}`, ...sample, secret: null });
  }
  return samples;
}
