import { type Kysely, PostgresAdapter, sql } from 'kysely';

// The audit log is keyed by (at, id), the order every reader pages it in (decision 059). Its key
// on `id` alone served no query (entries are never read or changed one at a time) and was, with
// `audit_entries_at`, two of the five B-trees every audited change writes, the live note save's
// included: each is a page in the save's commit. On SQLite the table becomes WITHOUT ROWID,
// stored in (at, id) order, so the table is that index and a new entry lands on its last page; on
// PostgreSQL the primary key's index becomes the (at, id) index. Entries, the candidate's and the
// actor's indexes are kept as they were.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`ALTER TABLE audit_entries DROP CONSTRAINT audit_entries_pkey`.execute(db);
    await sql`ALTER TABLE audit_entries ADD PRIMARY KEY (at, id)`.execute(db);
    await db.schema.dropIndex('audit_entries_at').execute();
    return;
  }
  await sql`CREATE TABLE audit_entries_by_time (
    id TEXT NOT NULL,
    at TEXT NOT NULL,
    actor_id TEXT,
    actor_label TEXT NOT NULL,
    action TEXT NOT NULL,
    subject_type TEXT,
    subject_id TEXT,
    candidate_id TEXT,
    ip TEXT,
    detail TEXT NOT NULL,
    PRIMARY KEY (at, id)
  ) WITHOUT ROWID`.execute(db);
  // Read in key order, so the copy appends rather than inserting all over the new tree.
  await sql`INSERT INTO audit_entries_by_time
    SELECT id, at, actor_id, actor_label, action, subject_type, subject_id, candidate_id, ip, detail
    FROM audit_entries ORDER BY at, id`.execute(db);
  await db.schema.dropTable('audit_entries').execute();
  await sql`ALTER TABLE audit_entries_by_time RENAME TO audit_entries`.execute(db);
  await db.schema
    .createIndex('audit_entries_candidate')
    .on('audit_entries')
    .columns(['candidate_id', 'at', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_entries_actor')
    .on('audit_entries')
    .columns(['actor_id', 'at', 'id'])
    .execute();
}
