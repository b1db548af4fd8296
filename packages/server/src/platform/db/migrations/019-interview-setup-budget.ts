import { type Kysely, sql } from 'kysely';

// The setup budget is copied onto the interview at planning, as the pairing length is, so the
// invitation, the calendar entries, the portal and the day all read one number that a later
// edit of the task cannot change behind a sent invitation. Existing interviews take their
// task's current budget: that is the number their day already used.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('interviews')
    .addColumn('setup_budget_sec', 'integer', (col) => col.notNull().defaultTo(300))
    .execute();
  await sql`UPDATE interviews SET setup_budget_sec = (SELECT tasks.setup_budget_sec FROM tasks WHERE tasks.id = interviews.task_id)`.execute(
    db,
  );
}
