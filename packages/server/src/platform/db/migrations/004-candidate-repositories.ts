import type { Kysely } from 'kysely';

// One git repository per interview, its credentials and access window, and every push.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The repository itself is <DATA_DIR>/repositories/<slug>.git; this row is what the app knows of it.
  await db.schema
    .createTable('candidate_repositories')
    .addColumn('interview_id', 'text', (c) => c.primaryKey().references('interviews.id'))
    // The URL path segment: the task's name and a random part, never the interview id or the candidate.
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('username', 'text', (c) => c.notNull())
    // SHA-256 (hex) of the password. The password is derived from a server key and the generation,
    // never stored (decision 012).
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('credential_generation', 'integer', (c) => c.notNull())
    .addColumn('credentials_rotated_at', 'text')
    // What the repository was seeded from: a task snapshot, or (null) Pairwise's empty starting point.
    .addColumn('snapshot_id', 'text', (c) => c.references('task_snapshots.id'))
    // Null until the repository exists on disk.
    .addColumn('snapshot_commit', 'text')
    .addColumn('seeded_at', 'text')
    // The first request the candidate's credentials opened; from then on the starting point is fixed.
    .addColumn('first_access_at', 'text')
    // The navigator's own actions only; the automatic opening and closing are derived from the
    // interview's times whenever they are needed, so no job has to run on time.
    .addColumn('window_opened_at', 'text')
    .addColumn('window_closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('pushes')
    // The git engine's id for the push: a replay after a crash repeats it, so it is recorded once.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('interview_id', 'text', (c) => c.notNull().references('interviews.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    // Milliseconds after pairing started; null for a push before pairing (during setup).
    .addColumn('offset_ms', 'integer')
    .addColumn('remote_user', 'text', (c) => c.notNull())
    // JSON: [{ref, before, after}].
    .addColumn('refs', 'text', (c) => c.notNull())
    // JSON: [{sha, parents, author, at, message, changes, files}], oldest first.
    .addColumn('commits', 'text', (c) => c.notNull())
    .addColumn('commits_truncated', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pushes_interview').on('pushes').columns(['interview_id', 'at']).execute();
}
