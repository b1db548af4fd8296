import type { Kysely } from 'kysely';

// The organisation's voice. The day's lengths an admin may change are copied onto the interview
// at planning (`day_durations`, JSON), as the pairing length and setup budget are, so a later
// setting never changes an interview already announced; null on interviews planned before, which
// were announced with Pairwise's defaults. The settings themselves are a row in `settings` (key
// 'organisation'), like retention. Message templates hold the organisation's texts for the free
// parts of candidate messages per locale; `scope` is 'organisation' or a position's id, whose
// texts override the organisation's.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('interviews').addColumn('day_durations', 'text').execute();
  await db.schema
    .createTable('message_templates')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('part', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_templates_pk', ['scope', 'locale', 'part'])
    .execute();
}
