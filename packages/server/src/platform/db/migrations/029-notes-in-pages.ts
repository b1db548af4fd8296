import type { Kysely } from 'kysely';

// An interview's notes are read a page at a time in the order they were written (decision 038):
// one index range in that order answers every page, however long the interview.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('notes_interview_created')
    .on('notes')
    .columns(['interview_id', 'created_at', 'id'])
    .execute();
}
