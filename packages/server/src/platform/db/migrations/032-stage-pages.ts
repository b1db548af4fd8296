import type { Kysely } from 'kysely';

// A navigator's or a position's coming or running interviews (the home page's "upcoming" and "in
// progress", the work queue) are the newest few of their thousands. Their pages are read one stage
// at a time, in start order, from an index that leads with the scope and the stage: without it the
// page walks the scope's interviews from the oldest, filtering the stage (330 ms for a position's
// "refinement, reported" at 20,000 interviews on SQLite). Every interview and a shadow's rows have
// such an index already (015 and 030).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('interviews_navigator_stage_starts')
    .on('interviews')
    .columns(['navigator_id', 'stage', 'starts_at', 'id'])
    .execute();
  await db.schema
    .createIndex('interviews_position_stage_starts')
    .on('interviews')
    .columns(['position_id', 'stage', 'starts_at', 'id'])
    .execute();
}
