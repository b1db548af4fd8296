import type { Kysely } from 'kysely';

// A line manager may decide before every panel member submitted only on purpose: the reason and
// who was missing then are kept with the decision, and the report shows them. Null otherwise.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('decisions').addColumn('proceeded_without_panel_reason', 'text').execute();
  await db.schema.alterTable('decisions').addColumn('missing_panel_members', 'text').execute();
}
