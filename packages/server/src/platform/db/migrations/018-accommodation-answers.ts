import type { Kysely } from 'kysely';

// Staff answer a candidate's accommodation request; the answer shows on the portal and is mailed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accommodation_requests').addColumn('answer', 'text').execute();
  await db.schema.alterTable('accommodation_requests').addColumn('answered_at', 'text').execute();
  await db.schema
    .alterTable('accommodation_requests')
    .addColumn('answered_by', 'text', (col) => col.references('users.id'))
    .execute();
}
