import type { Kysely } from 'kysely';

// The language a candidate reads their mails, calendar entry and portal in. New candidates get
// it at creation (chosen by staff, or the organisation's default); candidates from before read
// English, which is what every message they received so far was written in.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('candidates')
    .addColumn('locale', 'text', (col) => col.notNull().defaultTo('en'))
    .execute();
}
