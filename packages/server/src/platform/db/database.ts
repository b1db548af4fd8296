import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, type Migration, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import * as foundation from './migrations/001-foundation.ts';
import * as jobs from './migrations/002-jobs.ts';
import * as taskPreparation from './migrations/003-task-preparation.ts';
import * as candidateRepositories from './migrations/004-candidate-repositories.ts';
import * as invitations from './migrations/005-invitations.ts';
import * as biasCheck from './migrations/007-bias-check.ts';
import * as security from './migrations/008-security.ts';
import * as retention from './migrations/009-retention.ts';
import * as focusAttributes from './migrations/010-focus-attributes.ts';
import * as resolutionCategory from './migrations/011-resolution-category.ts';
import * as taskCommandOwner from './migrations/012-task-command-owner.ts';
import * as failureCounters from './migrations/013-failure-counters.ts';
import * as decisionWithoutPanel from './migrations/014-decision-without-panel.ts';
import * as scaleIndexes from './migrations/015-scale-indexes.ts';
import * as candidateCreator from './migrations/016-candidate-creator.ts';
import * as accommodationAnswers from './migrations/018-accommodation-answers.ts';
import * as interviewSetupBudget from './migrations/019-interview-setup-budget.ts';
import * as keepReviews from './migrations/020-keep-reviews.ts';
import * as singleSignOnAndApiTokens from './migrations/021-single-sign-on-and-api-tokens.ts';
import * as webhooksAndServiceTokens from './migrations/023-webhooks-and-service-tokens.ts';
import * as scimProvisioning from './migrations/024-scim-provisioning.ts';
import * as calendarConnections from './migrations/025-calendar-connections.ts';
import * as slotOffersAndCalendarReplies from './migrations/026-slot-offers-and-calendar-replies.ts';
import * as candidateLocale from './migrations/027-candidate-locale.ts';
import * as organisationVoice from './migrations/028-organisation-voice.ts';
import * as notesInPages from './migrations/029-notes-in-pages.ts';
import * as shadowStartTimes from './migrations/030-shadow-start-times.ts';
import * as calibrationSums from './migrations/031-calibration-sums.ts';
import * as stagePages from './migrations/032-stage-pages.ts';
import * as notesByAuthor from './migrations/033-notes-by-author.ts';
import * as auditEntriesByTime from './migrations/034-audit-entries-by-time.ts';
import * as calendarFeedRevisions from './migrations/035-calendar-feed-revisions.ts';
import * as calendarFeedLocksInOneOrder from './migrations/038-calendar-feed-locks-in-one-order.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

// Listed explicitly rather than read from a folder, so the order is reviewed in code and the
// bundle needs no file-system lookups.
export const migrations: Record<string, Migration> = {
  '001-foundation': foundation,
  '002-jobs': jobs,
  '003-task-preparation': taskPreparation,
  '004-candidate-repositories': candidateRepositories,
  '005-invitations': invitations,
  '007-bias-check': biasCheck,
  '008-security': security,
  '009-retention': retention,
  '010-focus-attributes': focusAttributes,
  '011-resolution-category': resolutionCategory,
  '012-task-command-owner': taskCommandOwner,
  '013-failure-counters': failureCounters,
  '014-decision-without-panel': decisionWithoutPanel,
  '015-scale-indexes': scaleIndexes,
  '016-candidate-creator': candidateCreator,
  '018-accommodation-answers': accommodationAnswers,
  '019-interview-setup-budget': interviewSetupBudget,
  '020-keep-reviews': keepReviews,
  '021-single-sign-on-and-api-tokens': singleSignOnAndApiTokens,
  '024-scim-provisioning': scimProvisioning,
  '025-calendar-connections': calendarConnections,
  '026-slot-offers-and-calendar-replies': slotOffersAndCalendarReplies,
  '028-organisation-voice': organisationVoice,
  '027-candidate-locale': candidateLocale,
  '023-webhooks-and-service-tokens': webhooksAndServiceTokens,
  '029-notes-in-pages': notesInPages,
  '030-shadow-start-times': shadowStartTimes,
  '031-calibration-sums': calibrationSums,
  '032-stage-pages': stagePages,
  '033-notes-by-author': notesByAuthor,
  '034-audit-entries-by-time': auditEntriesByTime,
  '035-calendar-feed-revisions': calendarFeedRevisions,
  '038-calendar-feed-locks-in-one-order': calendarFeedLocksInOneOrder,
};

export interface DatabaseHandle {
  db: Db;
  dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

export async function openDatabase(options: {
  dataDir: string;
  databaseUrl: string | null;
}): Promise<DatabaseHandle> {
  const handle = options.databaseUrl ? await openPostgres(options.databaseUrl) : openSqlite(options.dataDir);
  await migrate(handle.db);
  return handle;
}

function openSqlite(dataDir: string): DatabaseHandle {
  fs.mkdirSync(dataDir, { recursive: true });
  const sqlite = new SqliteDatabase(path.join(dataDir, 'pairwise.sqlite'));
  // FULL, not NORMAL: an acknowledged note must survive power loss, not only a process crash.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/** Distinct SQL texts kept prepared; the server has a few hundred queries, all parameterised. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query it runs; compiling the SQL was the largest part of a note save's CPU
 * in a profile (more than executing it). Kysely's SQL is parameterised, so its texts repeat: keep
 * the prepared statements, least recently used out first. A statement still being iterated (a
 * streamed query) is busy, so that call gets a fresh one.
 */
function withStatementCache(sqlite: SqliteDatabase.Database) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const cached = statements.get(sql);
      if (cached && !cached.busy) {
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      if (!cached) {
        statements.set(sql, statement);
        if (statements.size > STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      }
      return statement;
    },
  };
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  // Loaded only for PostgreSQL: a SQLite server never needs the driver.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection can be cut by the server (restart, failover, an admin's terminate); pg
  // reports that on the pool, and without a listener it is an uncaught exception that stops
  // Pairwise. The pool drops the connection and the next query opens a new one.
  pool.on('error', (error) => console.error(`PostgreSQL closed an idle connection: ${error.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

async function migrate(db: Db): Promise<void> {
  // Each migration only adds tables and columns of its own feature, and features landed out of
  // numeric order (006 is unused); a database that ran a later number first still gets the earlier.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
