import type { Kysely } from 'kysely';

// Calendar connections (decision 032): one per staff member, its secret encrypted with the
// server's calendar-credentials key, and what Pairwise wrote into each connected calendar so a
// reschedule updates those events in place and a cancellation removes them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_connections')
    .addColumn('user_id', 'text', (col) => col.primaryKey().references('users.id'))
    .addColumn('provider', 'text', (col) => col.notNull())
    .addColumn('server_url', 'text', (col) => col.notNull())
    .addColumn('username', 'text', (col) => col.notNull())
    // The calendar found at the last check, where busy times are read and blocks written.
    .addColumn('calendar_url', 'text', (col) => col.notNull())
    .addColumn('calendar_name', 'text', (col) => col.notNull())
    // AES-256-GCM: base64url(iv ‖ tag ‖ ciphertext); never returned by any route.
    .addColumn('secret_ciphertext', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('checked_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('calendar_writes')
    .addColumn('uid', 'text', (col) => col.primaryKey())
    .addColumn('interview_id', 'text', (col) => col.notNull().references('interviews.id'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('starts_at', 'text', (col) => col.notNull())
    .addColumn('ends_at', 'text', (col) => col.notNull())
    // 'written', 'removed', or 'failed' (the last error kept for the checklist's evidence).
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('error', 'text')
    // A busy time the person's calendar showed over this block when it was written, if any.
    .addColumn('conflict', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('calendar_writes_interview')
    .on('calendar_writes')
    .column('interview_id')
    .execute();
}
