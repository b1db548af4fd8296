import { isIP } from 'node:net';
import path from 'node:path';
import { type CandidateLocale, candidateLocales, defaultCandidateLocale } from '@pairwise/domain';
import { z } from 'zod';
import { type HolidayRegion, parseHolidayRegion } from './features/follow-up/public-holidays.ts';
import { type EgressRule, parseEgressHosts } from './features/rehearsals/egress-proxy.ts';
import { type Clock, systemClock } from './platform/clock.ts';

/** An http:// issuer is allowed only here: a provider on the same machine (tests, a laptop). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Host names, addresses or CIDR ranges separated by ",". */
function hostList(example: string) {
  return z
    .string()
    .trim()
    .refine(
      (value) =>
        value.split(',').every((entry) => {
          const [address, bits, extra] = entry.trim().split('/');
          if (!address || extra !== undefined) return false;
          const version = isIP(address);
          if (version === 0) return bits === undefined && /^[A-Za-z0-9.-]+$/.test(address);
          if (bits === undefined) return true;
          return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
        }),
      `host names, addresses or CIDR ranges separated by "," (e.g. ${example})`,
    )
    .optional();
}

/**
 * Every setting Pairwise reads from the environment, validated once at start-up so a wrong
 * value stops the server with a message naming the variable, never halfway through a request.
 * The README's settings table mirrors this list.
 */
const environment = z.object({
  /** TCP port for HTTP (the app, its API and the git endpoint). */
  PORT: z.coerce
    .number({ error: 'a port number from 0 to 65535' })
    .int('a whole port number')
    .min(0)
    .max(65_535)
    .default(3000),
  /** Interface to listen on; 0.0.0.0 to accept connections from other machines. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Folder for the SQLite file, repositories and other state. Created on first start. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** Empty: the embedded SQLite file in DATA_DIR. A postgres:// URL switches to PostgreSQL. */
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\/.+/,
      'a postgres:// or postgresql:// URL, or unset for the embedded SQLite database',
    )
    .optional(),
  /** The address people use to reach Pairwise; links in mail and clone URLs are built from it. */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }).optional(),
  /** pino log level. */
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  /** Absolute lifetime of a sign-in session, in hours. */
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  /** A sign-in session ends after this many hours without a request. */
  SESSION_IDLE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  /**
   * Seconds a resolved sign-in session is used again without reading it (decision 043). Unset: 5
   * on SQLite, whose one server process sees every sign-out and role change it makes, and 0 on
   * PostgreSQL, where another node's change would be seen only after that time.
   */
  SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).optional(),
  /**
   * Failed sign-ins allowed per account from one client address before each further try must
   * wait (1 second, doubling per failure). Counted in the database, shared by every node; a
   * success starts over, and the same account from another address is not slowed. One address
   * alone gets ten times as many failures (one password tried on many accounts).
   */
  SIGN_IN_ATTEMPTS: z.coerce.number().int().min(1).max(10_000).default(10),
  /** The longest wait, in seconds, between sign-in tries once SIGN_IN_ATTEMPTS have failed. */
  SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /**
   * Outgoing mail server, e.g. smtp://user:pass@mail.example.com:587?from=Pairwise%20%3Chr%40example.com%3E
   * (smtps:// for TLS from the start; see platform/mail/smtp-url.ts). Unset: every message is kept
   * in the in-app outbox for an admin to read, and nothing is sent.
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, 'an smtp:// or smtps:// URL, or unset to keep mail in the in-app outbox')
    .optional(),
  /**
   * Single sign-on: the OpenID Provider's issuer URL (its /.well-known/openid-configuration is read
   * at the first sign-in), e.g. https://login.example.com/realms/staff. https only, except on a
   * loopback address (a provider on this machine). Unset: email and password only.
   */
  OIDC_ISSUER: z
    .url({ protocol: /^https?$/, error: 'an https:// URL of the OpenID Provider (its issuer)' })
    .refine(
      (value) => value.startsWith('https:') || LOOPBACK_HOSTS.has(new URL(value).hostname),
      'an https:// URL (http:// only for a provider on 127.0.0.1, ::1 or localhost)',
    )
    .optional(),
  /** The client id Pairwise is registered with at the provider; its redirect URI is PUBLIC_URL/api/auth/oidc/callback. */
  OIDC_CLIENT_ID: z.string().trim().min(1).max(500).optional(),
  /** The client secret; unset for a public client (PKCE alone then proves the code's caller). Never logged. */
  OIDC_CLIENT_SECRET: z.string().min(1).max(2_000).optional(),
  /** The claim (in the ID token or from userinfo) that lists a person's groups; an admin maps groups to roles. */
  OIDC_GROUPS_CLAIM: z.string().trim().min(1).max(200).default('groups'),
  /** Scopes asked for, separated by spaces; some providers send groups only for a scope of their own. */
  OIDC_SCOPES: z
    .string()
    .trim()
    .regex(/^openid( [\x21\x23-\x5B\x5D-\x7E]+)*$/, 'scopes separated by spaces, the first one openid')
    .default('openid email profile'),
  /**
   * The mailbox of the address Pairwise sends from (MAIL_FROM): Pairwise is the ORGANIZER of the
   * candidate's invitation, so calendars send their answers (iTIP REPLY and COUNTER) there, e.g.
   * imaps://interviews%40example.com:secret@imap.example.com/INBOX (imap:// uses STARTTLS when
   * the server offers it). Messages are read, never moved or deleted. Unset: replies are not read.
   */
  REPLY_IMAP_URL: z
    .string()
    .regex(/^imaps?:\/\/[^/]+@[^/]+/, 'an imap:// or imaps:// URL with user and password, or unset')
    .optional(),
  /** Seconds between two reads of REPLY_IMAP_URL's mailbox. */
  REPLY_POLL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(120),
  /** The From of every message, e.g. "Pairwise <interviews@example.com>"; wins over SMTP_URL's ?from=. */
  MAIL_FROM: z.string().trim().min(3).max(320).optional(),
  /** Days a candidate's portal link keeps working after the decision (or a cancellation). */
  PORTAL_DAYS_AFTER_DECISION: z.coerce.number().int().min(0).max(3650).default(30),
  /**
   * Folders (separated by ":") whose sub-folders interviewers may import as a task's starting
   * point. Unset: the bundled demo task and DATA_DIR/imports. Admins may import any folder; an
   * interviewer choosing a server path must not be able to read the data folder or /etc with it.
   */
  TASK_IMPORT_ROOT: z
    .string()
    .refine(
      (value) => value.split(path.delimiter).every((root) => path.isAbsolute(root)),
      'absolute folder paths separated by ":"',
    )
    .optional(),
  /**
   * Destinations a git URL import may reach although they are loopback, link-local or private
   * (all refused otherwise): addresses, CIDR ranges or host names separated by ",", e.g.
   * `git.internal.example,10.1.2.0/24`. The host is resolved once and git connects to that
   * address; HTTP redirects are not followed. Behind HTTPS_PROXY the proxy resolves the host.
   */
  TASK_IMPORT_GIT_ALLOW: hostList('git.internal.example,10.1.2.0/24'),
  /**
   * Webhook destinations allowed although they are loopback, link-local or private (all refused
   * otherwise), in the form of TASK_IMPORT_GIT_ALLOW, e.g. `hooks.internal.example,10.1.2.0/24`.
   * Checked at registration and again at each connection, against the address connected to.
   */
  WEBHOOK_ALLOW_HOSTS: hostList('hooks.internal.example,10.1.2.0/24'),
  /** Seconds a webhook receiver has to answer each attempt; keep it well below JOB_LEASE_SECONDS. */
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(10),
  /** Largest task archive (.zip, .tar.gz) an interviewer may upload, in MiB. */
  TASK_UPLOAD_MAX_MIB: z.coerce.number().int().min(1).max(1024).default(50),
  /**
   * Minutes before the interview's start that the candidate's repository opens on its own (it also
   * opens when setup starts or the navigator invites the candidate, whichever comes first).
   */
  REPOSITORY_WINDOW_MINUTES: z.coerce.number().int().min(0).max(240).default(5),
  /**
   * How long planning waits for a connected calendar's busy times before showing that person's
   * calendar as "unknown" and planning on Pairwise's own bookings (decision 032).
   */
  CALENDAR_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  /**
   * Calendar servers a connection may reach although they are loopback, link-local or private
   * (all refused otherwise), in the form of TASK_IMPORT_GIT_ALLOW, e.g. `caldav.internal.example`.
   */
  CALENDAR_ALLOW_HOSTS: hostList('caldav.internal.example,10.1.2.0/24'),
  /**
   * The reverse proxies in front of Pairwise whose X-Forwarded-For is believed: their addresses or
   * CIDR ranges separated by ",". Unset: nothing is believed, and behind a proxy every client has
   * the proxy's address (for sign-in limits, portal rate limits and the audit log).
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .refine(
      (value) =>
        value.split(',').every((entry) => {
          const [address, bits, extra] = entry.trim().split('/');
          const version = address ? isIP(address) : 0;
          if (extra !== undefined || version === 0) return false;
          // A /0 range would believe every client's X-Forwarded-For: any address, chosen per attempt.
          if (bits === undefined) return true;
          return /^\d{1,3}$/.test(bits) && Number(bits) >= 1 && Number(bits) <= (version === 4 ? 32 : 128);
        }),
      'proxy addresses or CIDR ranges (not /0) separated by "," (e.g. 127.0.0.1,10.0.0.0/8)',
    )
    .optional(),
  /**
   * Where "Rehearse setup" runs a task's commands. `sandbox`: on this server, each step in a fresh
   * bubblewrap sandbox with no network, no view of the data folder or the server, and the limits
   * below (docs/decisions/014); the server does not start if the sandbox cannot be created.
   * `off`: only `pairwise rehearse` on a colleague's machine rehearses; the button says so.
   * `worker`: "Rehearse setup" queues the rehearsal in the database and a separate
   * `pairwise rehearsal-worker` (on another machine, with its own sandbox) runs it; this server
   * runs no task commands and needs no bubblewrap (docs/decisions/021).
   * Unset: `sandbox` where this machine can create one, otherwise `off` with a warning at start,
   * so `npm start` on a machine without bubblewrap still serves (and never runs commands unsandboxed).
   */
  SERVER_REHEARSALS: z
    .enum(['sandbox', 'off', 'worker'], { error: 'sandbox, off or worker (unset: sandbox where possible)' })
    .optional(),
  /** Memory one process of a sandboxed rehearsal step may allocate (RLIMIT_DATA), in MiB. */
  REHEARSAL_MEMORY_MIB: z.coerce.number().int().min(64).max(65_536).default(2048),
  /** Processes and threads a sandboxed rehearsal step may run at once (RLIMIT_NPROC). */
  REHEARSAL_PROCESSES: z.coerce.number().int().min(8).max(10_000).default(256),
  /** Disk a rehearsal's folders (clone, dependencies, home, /tmp) may fill, in MiB; a step that exceeds it is stopped. */
  REHEARSAL_DISK_MIB: z.coerce.number().int().min(1).max(1_048_576).default(2048),
  /**
   * Hosts a sandboxed rehearsal step may reach over HTTPS, separated by ",": names such as
   * registry.npmjs.org, `*.example.com` for subdomains, each with an optional `:port` (443).
   * Steps reach them through a proxy (HTTPS_PROXY) that refuses every other host and any name
   * resolving to a loopback, private or link-local address. Unset: steps have no network.
   */
  REHEARSAL_EGRESS_HOSTS: z
    .string()
    .transform((value, context) => {
      const rules = parseEgressHosts(value);
      if (!rules) {
        context.addIssue({
          code: 'custom',
          message:
            'host names (or *.domain), each with an optional :port, separated by "," (e.g. registry.npmjs.org)',
        });
        return z.NEVER;
      }
      return rules;
    })
    .optional(),
  /**
   * Seconds a background job (mail, reminders, erasure) stays with the worker that took it. A job
   * whose worker died (a crash, kill -9) is taken over after this, so it must outlast the slowest
   * job, or a slow job would be run twice.
   */
  JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Seconds before a failed job's first retry; each later retry waits four times longer, up to an hour. */
  JOB_FIRST_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /** Milliseconds between the job worker's looks for due jobs when it found none. */
  JOB_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  /**
   * Whose public holidays are not business days when deadline reminders count back: a country,
   * optionally with state and region (DE, DE-BE, US-CA, GB-ENG), as date-holidays knows them.
   * Unset: Monday to Friday are business days.
   */
  HOLIDAY_REGION: z
    .string()
    .transform((code, context) => {
      const region = parseHolidayRegion(code);
      if (!region) {
        context.addIssue({
          code: 'custom',
          message:
            'a country or country-state code known to date-holidays such as DE, DE-BE, US-CA or GB-ENG, or unset for weekends only',
        });
        return z.NEVER;
      }
      return region;
    })
    .optional(),
  /**
   * The language new candidates read Pairwise in unless staff choose another: en, de, fr or es.
   * Read only through `organisationDefaultLocale` (features/candidates/candidate-locale.ts).
   */
  DEFAULT_CANDIDATE_LOCALE: z.enum(candidateLocales).default(defaultCandidateLocale),
  /** Test only: lets a portal switch to the pseudo-locale en-XA the layout checks render in. */
  PSEUDO_LOCALE: z.enum(['on', 'off']).default('off'),
});

export interface SingleSignOnConfig {
  issuer: string;
  clientId: string;
  /** null: a public client; the code is then bound to this server by PKCE alone. */
  clientSecret: string | null;
  groupsClaim: string;
  scopes: string;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  publicUrl: string | null;
  logLevel: z.infer<typeof environment>['LOG_LEVEL'];
  sessionTtlHours: number;
  sessionIdleHours: number;
  /** 0: every request reads its session. */
  sessionCacheSeconds: number;
  signInAttempts: number;
  signInWindowSeconds: number;
  smtpUrl: string | null;
  /** null: calendar replies are not read (see REPLY_IMAP_URL). */
  replyImapUrl: string | null;
  replyPollSeconds: number;
  /** null: no single sign-on (see OIDC_*). */
  singleSignOn: SingleSignOnConfig | null;
  mailFrom: string | null;
  portalDaysAfterDecision: number;
  /** null: the defaults, which depend on the data folder (see TASK_IMPORT_ROOT). */
  taskImportRoots: string[] | null;
  taskUploadMaxBytes: number;
  /** Non-public git import destinations an admin allowed (see TASK_IMPORT_GIT_ALLOW). */
  taskImportGitAllow: string[];
  /** Non-public webhook destinations an operator allowed (see WEBHOOK_ALLOW_HOSTS). */
  webhookAllowHosts: string[];
  webhookTimeoutSeconds: number;
  repositoryWindowMinutes: number;
  /** How long planning waits for a connected calendar (see CALENDAR_TIMEOUT_MS). */
  calendarTimeoutMs: number;
  /** Non-public calendar servers an operator allowed (see CALENDAR_ALLOW_HOSTS). */
  calendarAllowHosts: string[];
  /** null: only weekends are skipped when counting business days (see HOLIDAY_REGION). */
  holidayRegion: HolidayRegion | null;
  /** The organisation's default candidate language (DEFAULT_CANDIDATE_LOCALE). */
  defaultCandidateLocale: CandidateLocale;
  /** Whether a portal may switch to the pseudo-locale (PSEUDO_LOCALE=on, tests only). */
  pseudoLocale: boolean;
  /** The proxies whose X-Forwarded-For is believed (addresses or CIDR ranges); false: none. */
  trustProxy: false | string[];
  /** Where server rehearsals run: in a sandbox, nowhere, or in a sandbox if one can be created (see SERVER_REHEARSALS). */
  serverRehearsals: 'sandbox' | 'off' | 'worker' | 'sandbox-if-possible';
  /** Limits of each sandboxed rehearsal step (see REHEARSAL_*). */
  rehearsalLimits: { memoryMib: number; processes: number; diskMib: number };
  /** Hosts sandboxed steps may reach through the egress proxy; empty: no network. */
  rehearsalEgressHosts: EgressRule[];
  /**
   * Not from the environment: the failure limits' own clock when a test moves it apart from the
   * sessions' (defaults to `clock`).
   */
  limitsClock?: Clock;
  /** Not from the environment: where the packed CLI is (packages/cli/dist; tests pack their own). */
  cliDistDir?: string;
  jobLeaseSeconds: number;
  jobFirstRetrySeconds: number;
  jobPollMs: number;
  /** Not from the environment: the wall clock, or in tests one they move on (see platform/clock.ts). */
  clock: Clock;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings are how people unset a variable in .env files and CI; treat them as unset.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = environment.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0]);
      return `  ${variable}=${JSON.stringify(env[variable] ?? '')}: expected ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const value = parsed.data;
  if (value.OIDC_ISSUER && !value.OIDC_CLIENT_ID) {
    throw new ConfigError(
      'Invalid configuration:\n  OIDC_CLIENT_ID="": expected the client id registered at the provider, since OIDC_ISSUER is set',
    );
  }
  return {
    port: value.PORT,
    host: value.HOST,
    dataDir: path.resolve(value.DATA_DIR),
    databaseUrl: value.DATABASE_URL ?? null,
    publicUrl: value.PUBLIC_URL?.replace(/\/$/, '') ?? null,
    logLevel: value.LOG_LEVEL,
    sessionTtlHours: value.SESSION_TTL_HOURS,
    sessionIdleHours: value.SESSION_IDLE_HOURS,
    sessionCacheSeconds: value.SESSION_CACHE_SECONDS ?? (value.DATABASE_URL ? 0 : 5),
    signInAttempts: value.SIGN_IN_ATTEMPTS,
    signInWindowSeconds: value.SIGN_IN_WINDOW_SECONDS,
    smtpUrl: value.SMTP_URL ?? null,
    replyImapUrl: value.REPLY_IMAP_URL ?? null,
    replyPollSeconds: value.REPLY_POLL_SECONDS,
    singleSignOn: value.OIDC_ISSUER
      ? {
          issuer: value.OIDC_ISSUER,
          clientId: value.OIDC_CLIENT_ID!,
          clientSecret: value.OIDC_CLIENT_SECRET ?? null,
          groupsClaim: value.OIDC_GROUPS_CLAIM,
          scopes: value.OIDC_SCOPES,
        }
      : null,
    mailFrom: value.MAIL_FROM ?? null,
    portalDaysAfterDecision: value.PORTAL_DAYS_AFTER_DECISION,
    taskImportRoots: value.TASK_IMPORT_ROOT?.split(path.delimiter).map((root) => path.resolve(root)) ?? null,
    taskUploadMaxBytes: value.TASK_UPLOAD_MAX_MIB * 1024 * 1024,
    taskImportGitAllow: value.TASK_IMPORT_GIT_ALLOW?.split(',').map((entry) => entry.trim()) ?? [],
    webhookAllowHosts: value.WEBHOOK_ALLOW_HOSTS?.split(',').map((entry) => entry.trim()) ?? [],
    webhookTimeoutSeconds: value.WEBHOOK_TIMEOUT_SECONDS,
    repositoryWindowMinutes: value.REPOSITORY_WINDOW_MINUTES,
    calendarTimeoutMs: value.CALENDAR_TIMEOUT_MS,
    calendarAllowHosts: value.CALENDAR_ALLOW_HOSTS?.split(',').map((entry) => entry.trim()) ?? [],
    holidayRegion: value.HOLIDAY_REGION ?? null,
    defaultCandidateLocale: value.DEFAULT_CANDIDATE_LOCALE,
    pseudoLocale: value.PSEUDO_LOCALE === 'on',
    trustProxy: value.TRUST_PROXY?.split(',').map((entry) => entry.trim()) ?? false,
    serverRehearsals: value.SERVER_REHEARSALS ?? 'sandbox-if-possible',
    rehearsalLimits: {
      memoryMib: value.REHEARSAL_MEMORY_MIB,
      processes: value.REHEARSAL_PROCESSES,
      diskMib: value.REHEARSAL_DISK_MIB,
    },
    rehearsalEgressHosts: value.REHEARSAL_EGRESS_HOSTS ?? [],
    jobLeaseSeconds: value.JOB_LEASE_SECONDS,
    jobFirstRetrySeconds: value.JOB_FIRST_RETRY_SECONDS,
    jobPollMs: value.JOB_POLL_MS,
    clock: systemClock,
  };
}
