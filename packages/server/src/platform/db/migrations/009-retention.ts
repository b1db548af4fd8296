import type { Kysely } from 'kysely';

// Retention. The period itself is a row in `settings` (key 'retention'); a candidate can
// be held against erasure, and is marked once erased so the anonymous rows that remain are
// recognisable. Data requests (migration 005) gain a due date, a status and who approved them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('candidates')
    .addColumn('legal_hold', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('candidates').addColumn('legal_hold_reason', 'text').execute();
  await db.schema.alterTable('candidates').addColumn('erased_at', 'text').execute();

  // Null for requests made before this migration: their due date is read as created_at + 1 month.
  await db.schema.alterTable('data_requests').addColumn('due_at', 'text').execute();
  // pending | completed
  await db.schema
    .alterTable('data_requests')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .execute();
  await db.schema.alterTable('data_requests').addColumn('approved_by', 'text').execute();
  await db.schema.alterTable('data_requests').addColumn('completed_at', 'text').execute();
}
