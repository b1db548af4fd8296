import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/platform/db/database.ts';

/*
 * Global set-up of the integration and e2e tiers: the migrations run once per run, into a
 * template database, and every test server starts from a copy of it (a file copy on SQLite,
 * CREATE DATABASE … TEMPLATE on PostgreSQL) instead of migrating an empty database again. The
 * template is built by the server's own migrations, so a copy is exactly what a fresh start
 * would have produced; the server still runs `migrateToLatest` on start, which finds nothing
 * to do. Migrating an empty SQLite file costs ~0.15 s of CPU and, with synchronous=FULL, one
 * fsync per migration (1.5–2.7 s of wall time on a busy 2-core machine); a copy costs ~0.01 s.
 * Migrations themselves stay covered: this set-up runs them on both databases every run, and
 * `database.medium.test.ts` tests them directly.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated SQLite database file to copy into a test server's data folder. */
    pairwiseSqliteTemplate: string;
    /** A migrated PostgreSQL database to create test databases from; '' without TEST_DATABASE_URL. */
    pairwisePostgresTemplate: string;
  }
}

/** The file name the server opens in its data folder (platform/db/database.ts). */
export const SQLITE_FILE = 'pairwise.sqlite';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-template-'));
  const sqlite = await openDatabase({ dataDir: folder, databaseUrl: null });
  // Closing checkpoints the WAL into the main file, so the one file is the whole database.
  await sqlite.close();
  project.provide('pairwiseSqliteTemplate', path.join(folder, SQLITE_FILE));

  let dropPostgres = async () => {};
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `pairwise_template_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
    await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const postgres = await openDatabase({ dataDir: folder, databaseUrl: url.toString() });
    // CREATE DATABASE … TEMPLATE refuses a template that has connections open.
    await postgres.close();
    project.provide('pairwisePostgresTemplate', name);
    dropPostgres = () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } else {
    project.provide('pairwisePostgresTemplate', '');
  }

  return async () => {
    await dropPostgres();
    fs.rmSync(folder, { recursive: true, force: true });
  };
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
