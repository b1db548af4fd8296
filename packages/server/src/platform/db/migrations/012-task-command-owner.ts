import type { Kysely } from 'kysely';

// Task commands run on the server (in a sandbox) and on colleagues' machines, so who may change
// them and who last did is recorded. Tasks created before this migration have no owner: only
// admins change their commands.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('owner_id', 'text').execute();
  await db.schema.alterTable('tasks').addColumn('commands_changed_by', 'text').execute();
  await db.schema.alterTable('tasks').addColumn('commands_changed_at', 'text').execute();
}
