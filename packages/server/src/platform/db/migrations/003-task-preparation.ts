import type { Kysely } from 'kysely';

// Task snapshots (exported starting points), rehearsals of their setup, and the
// personal API tokens `pairwise rehearse` signs in with.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The commit itself lives in <DATA_DIR>/tasks/<task_id>.git behind refs/tags/snapshot/<id>.
  await db.schema
    .createTable('task_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('commit', 'text', (c) => c.notNull())
    // Where it came from, without credentials: "git https://host/repo.git @ v1 (3f2a…)".
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_count', 'integer', (c) => c.notNull())
    .addColumn('total_bytes', 'integer', (c) => c.notNull())
    // JSON: the paths the interviewer left out.
    .addColumn('excluded_paths', 'text', (c) => c.notNull())
    // JSON: findings let through as false positives, each with its masked secret, reason and who.
    .addColumn('acknowledgements', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('task_snapshots_task')
    .on('task_snapshots')
    .columns(['task_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('rehearsals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('snapshot_id', 'text', (c) => c.notNull().references('task_snapshots.id'))
    .addColumn('machine_label', 'text', (c) => c.notNull())
    // server | cli
    .addColumn('origin', 'text', (c) => c.notNull())
    // running | finished; a server rehearsal is stored when it starts, so a reload still shows it.
    .addColumn('status', 'text', (c) => c.notNull())
    // JSON: per step its command, exit code, duration and output tail.
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('total_ms', 'integer')
    // The task's setup budget when it ran.
    .addColumn('budget_ms', 'integer', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('within_budget', 'integer', (c) => c.notNull())
    // JSON {index, reason}, or null.
    .addColumn('failed_step', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('ran_by', 'text', (c) => c.notNull().references('users.id'))
    .execute();
  await db.schema.createIndex('rehearsals_task').on('rehearsals').columns(['task_id', 'at']).execute();
  await db.schema
    .createIndex('rehearsals_snapshot')
    .on('rehearsals')
    .columns(['snapshot_id', 'at'])
    .execute();

  // Only the SHA-256 of a token is kept; the token is shown once, when it is created.
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();

  // The snapshot an interview's candidate repository starts from, chosen at planning.
  await db.schema
    .alterTable('interviews')
    .addColumn('snapshot_id', 'text', (c) => c.references('task_snapshots.id'))
    .execute();
}
