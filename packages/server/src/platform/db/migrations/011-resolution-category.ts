import type { Kysely } from 'kysely';

// The report says which bias a rewritten phrase may have reflected, as it does for a
// kept one; the finding is gone once rewritten, so the category is kept with its resolution.
// Null for resolutions recorded before this migration.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('bias_resolutions').addColumn('category', 'text').execute();
}
