import type { Kysely } from 'kysely';

// Failed sign-ins (staff, portal links, git credentials) counted in the database, so every node
// of an installation enforces one shared limit and a restart forgets nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('failure_counters')
    // What was tried from where, e.g. `sign-in:<email>:<address>` (platform/auth/failure-limiter.ts).
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('failure_counters_last_failure_at')
    .on('failure_counters')
    .column('last_failure_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('failure_counters').execute();
}
