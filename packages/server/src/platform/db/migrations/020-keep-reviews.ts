import type { Kysely } from 'kysely';

// A phrase kept in a protected category (age, gender, origin, …) needs a second reviewer: the
// verdict and who gave it when are stored with the resolution the author recorded. Null for
// resolutions that need no review (rewritten, or kept in another category).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('bias_resolutions').addColumn('review_status', 'text').execute();
  await db.schema.alterTable('bias_resolutions').addColumn('reviewed_by', 'text').execute();
  await db.schema.alterTable('bias_resolutions').addColumn('reviewed_at', 'text').execute();
}
