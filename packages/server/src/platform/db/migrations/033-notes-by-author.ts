import type { Kysely } from 'kysely';

// A page of an interview's notes is read one author at a time, in the order they were written
// (decision 054): each author's range of (interview, author, created, id) is read in order and
// the ranges are merged. With (interview, author) and (interview, created) as two indexes,
// PostgreSQL took the first for a long interview (its estimate is an average interview's few
// notes) and sorted all 3,000 of them for a page of 200. The new index serves every read the two
// served (an interview's notes, an author's notes on it), so both go: one index fewer to write a
// save.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('notes_interview_author_created')
    .on('notes')
    .columns(['interview_id', 'author_id', 'created_at', 'id'])
    .execute();
  await db.schema.dropIndex('notes_interview').execute();
  await db.schema.dropIndex('notes_interview_created').execute();
}
