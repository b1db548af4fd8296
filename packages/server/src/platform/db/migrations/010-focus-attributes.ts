import { defaultFocusAttributes } from '@pairwise/domain';
import { type Kysely, sql } from 'kysely';

// Issue 7: focus attributes per position. Existing positions were rated against the built-in
// list, so they get it, as do scorecards already submitted (their frozen copy). A draft scorecard
// keeps no copy: it follows its position until submitted.
export async function up(db: Kysely<unknown>): Promise<void> {
  const defaults = JSON.stringify(defaultFocusAttributes);
  await db.schema.alterTable('positions').addColumn('focus_attributes', 'text').execute();
  await sql`update positions set focus_attributes = ${defaults}`.execute(db);
  await db.schema.alterTable('scorecards').addColumn('focus_attributes', 'text').execute();
  await sql`update scorecards set focus_attributes = ${defaults} where submitted_at is not null`.execute(db);
}
