import type { Kysely } from 'kysely';

// Who added a candidate may read back what they typed before planning any interview for them.
// Null for candidates added before this column existed: only their panels and admins see those.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('candidates')
    .addColumn('created_by', 'text', (col) => col.references('users.id'))
    .execute();
}
