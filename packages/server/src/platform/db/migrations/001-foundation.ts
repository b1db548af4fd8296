import type { Kysely } from 'kysely';

// Written once for both databases: only types and constraints SQLite and PostgreSQL share.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_invitations')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('positions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('line_manager_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('candidates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('pronouns', 'text')
    .addColumn('accommodations', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('navigator_guide', 'text', (c) => c.notNull())
    .addColumn('setup_commands', 'text', (c) => c.notNull())
    .addColumn('test_command', 'text', (c) => c.notNull())
    .addColumn('setup_budget_sec', 'integer', (c) => c.notNull())
    .addColumn('pairing_minutes', 'integer', (c) => c.notNull())
    .addColumn('tdd_rhythm', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('levers', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('interviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('candidates.id'))
    .addColumn('position_id', 'text', (c) => c.notNull().references('positions.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('navigator_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('pairing_minutes', 'integer', (c) => c.notNull())
    .addColumn('calendar_sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('difficulty_plan', 'text', (c) => c.notNull())
    .addColumn('wellness', 'text')
    .addColumn('setup_started_at', 'text')
    .addColumn('pairing_started_at', 'text')
    .addColumn('pairing_ended_at', 'text')
    .addColumn('break_started_at', 'text')
    .addColumn('retrospective_started_at', 'text')
    .addColumn('refinement_started_at', 'text')
    .addColumn('repository_deletion_confirmed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('interviews_navigator').on('interviews').column('navigator_id').execute();
  await db.schema.createIndex('interviews_position').on('interviews').column('position_id').execute();

  await db.schema
    .createTable('interview_shadows')
    .addColumn('interview_id', 'text', (c) => c.notNull().references('interviews.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('interview_shadows_pk', ['interview_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('interview_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('interview_id', 'text', (c) => c.notNull().references('interviews.id'))
    // Position in the interview's log, so a reconnecting client asks for what came after it.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('interview_events_interview_seq')
    .on('interview_events')
    .columns(['interview_id', 'seq'])
    .unique()
    .execute();

  await db.schema
    .createTable('notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('interview_id', 'text', (c) => c.notNull().references('interviews.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('offset_ms', 'integer')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('notes_interview').on('notes').columns(['interview_id', 'author_id']).execute();

  await db.schema
    .createTable('note_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('note_id', 'text', (c) => c.notNull().references('notes.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('revised_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('note_revisions_note').on('note_revisions').column('note_id').execute();

  await db.schema
    .createTable('retrospectives')
    .addColumn('interview_id', 'text', (c) => c.primaryKey().references('interviews.id'))
    .addColumn('shared_note_ids', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('next_steps', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('scorecards')
    .addColumn('interview_id', 'text', (c) => c.notNull().references('interviews.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('ratings', 'text', (c) => c.notNull())
    .addColumn('impression', 'text', (c) => c.notNull())
    .addColumn('recommendation', 'text')
    .addColumn('bias_checklist', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scorecards_pk', ['interview_id', 'author_id'])
    .execute();

  await db.schema
    .createTable('decisions')
    .addColumn('interview_id', 'text', (c) => c.primaryKey().references('interviews.id'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
}
