import path from 'node:path';
import { z } from 'zod';

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
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  publicUrl: string | null;
  logLevel: z.infer<typeof environment>['LOG_LEVEL'];
  sessionTtlHours: number;
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
  return {
    port: value.PORT,
    host: value.HOST,
    dataDir: path.resolve(value.DATA_DIR),
    databaseUrl: value.DATABASE_URL ?? null,
    publicUrl: value.PUBLIC_URL?.replace(/\/$/, '') ?? null,
    logLevel: value.LOG_LEVEL,
    sessionTtlHours: value.SESSION_TTL_HOURS,
  };
}
