import type { Kysely } from 'kysely';

// Sessions that end on inactivity and can be listed, and the append-only audit log.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Null for sessions started before this migration: they count as seen at their start.
  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
  // What the user sees when choosing which of their sessions to end.
  await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('ip', 'text').execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  // Never updated or deleted by the app: the repository exposes only insert and query.
  await db.schema
    .createTable('audit_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    // Null for anonymous actions such as a failed sign-in; the label keeps the name after erasure.
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('candidate_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_entries_at').on('audit_entries').column('at').execute();
  await db.schema
    .createIndex('audit_entries_candidate')
    .on('audit_entries')
    .columns(['candidate_id', 'at'])
    .execute();
  await db.schema
    .createIndex('audit_entries_actor')
    .on('audit_entries')
    .columns(['actor_id', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_entries').execute();
  await db.schema.dropIndex('sessions_user').execute();
  await db.schema.alterTable('sessions').dropColumn('ip').execute();
  await db.schema.alterTable('sessions').dropColumn('user_agent').execute();
  await db.schema.alterTable('sessions').dropColumn('last_seen_at').execute();
}
