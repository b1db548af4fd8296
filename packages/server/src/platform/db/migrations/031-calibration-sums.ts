import { type Kysely, PostgresAdapter, sql } from 'kysely';

// The calibration page read every interview of its period on every request: about two seconds of
// CPU for an admin's year at 100,000 interviews. Each interview's figures are now kept as sums
// (calibration_contributions) and added into per-month and per-day sums for every scope that reads
// them (calibration_sums: everyone, each position, each panel member), so a request adds a few
// dozen rows (decision 045).
//
// What changes the figures is marked by the database itself: triggers on the tables the figures are
// read from put the interview in calibration_stale (its version counts the changes, so a refresh
// that read an older version leaves the mark in place), whoever writes, in the writer's
// transaction. The server refreshes marked interviews before it answers and in a background job.
// Every interview that reached pairing is marked here, as the backfill: one statement, and the
// figures are computed afterwards in chunks, never at start-up.
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('calibration_stale')
    .addColumn('interview_id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('calibration_contributions')
    .addColumn('interview_id', 'text', (c) => c.primaryKey())
    // The day it counts on (its start), the scopes it was added to, and its sums (JSON).
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('sums', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('calibration_sums')
    // 'all', 'position:<id>' or 'member:<id>'; a month 'YYYY-MM' or a day 'YYYY-MM-DD'.
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('sums', 'text', (c) => c.notNull())
    // A new random value at every write: servers keep rows they parsed by it (never reused, as a
    // counter would be when a row is deleted and made again).
    .addColumn('revision', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('calibration_sums_pk', ['scope', 'bucket'])
    .execute();

  // [table, trigger name suffix, event, condition or null, the interview's id]
  const marks: Array<[string, string, string, string | null, string]> = [
    ['interviews', 'insert', 'INSERT', 'NEW.pairing_started_at IS NOT NULL', 'NEW.id'],
    [
      'interviews',
      'update',
      'UPDATE',
      [
        'starts_at',
        'position_id',
        'task_id',
        'navigator_id',
        'pairing_started_at',
        'pairing_ended_at',
        'refinement_started_at',
      ]
        .map((column) =>
          postgres ? `OLD.${column} IS DISTINCT FROM NEW.${column}` : `OLD.${column} IS NOT NEW.${column}`,
        )
        .join(' OR '),
      'NEW.id',
    ],
    ['interviews', 'delete', 'DELETE', null, 'OLD.id'],
    ['interview_shadows', 'insert', 'INSERT', null, 'NEW.interview_id'],
    ['interview_shadows', 'delete', 'DELETE', null, 'OLD.interview_id'],
    ['scorecards', 'insert', 'INSERT', 'NEW.submitted_at IS NOT NULL', 'NEW.interview_id'],
    [
      'scorecards',
      'update',
      'UPDATE',
      'OLD.submitted_at IS NOT NULL OR NEW.submitted_at IS NOT NULL',
      'NEW.interview_id',
    ],
    ['scorecards', 'delete', 'DELETE', 'OLD.submitted_at IS NOT NULL', 'OLD.interview_id'],
    ['decisions', 'insert', 'INSERT', null, 'NEW.interview_id'],
    ['decisions', 'update', 'UPDATE', null, 'NEW.interview_id'],
    ['decisions', 'delete', 'DELETE', null, 'OLD.interview_id'],
    ['retrospectives', 'insert', 'INSERT', 'NEW.deadline IS NOT NULL', 'NEW.interview_id'],
    [
      'retrospectives',
      'update',
      'UPDATE',
      postgres ? 'OLD.deadline IS DISTINCT FROM NEW.deadline' : 'OLD.deadline IS NOT NEW.deadline',
      'NEW.interview_id',
    ],
    ['retrospectives', 'delete', 'DELETE', null, 'OLD.interview_id'],
    ['interview_events', 'insert', 'INSERT', "NEW.type = 'lever_pulled'", 'NEW.interview_id'],
    ['interview_events', 'update', 'UPDATE', "NEW.type = 'lever_pulled'", 'NEW.interview_id'],
    ['interview_events', 'delete', 'DELETE', "OLD.type = 'lever_pulled'", 'OLD.interview_id'],
    ['bias_resolutions', 'insert', 'INSERT', null, 'NEW.interview_id'],
    ['bias_resolutions', 'update', 'UPDATE', null, 'NEW.interview_id'],
    ['bias_resolutions', 'delete', 'DELETE', null, 'OLD.interview_id'],
    ['notes', 'delete', 'DELETE', null, 'OLD.interview_id'],
  ];
  // A note counts in words; it is saved often while it is written, and only an author who has
  // submitted their scorecard can change figures already kept (every submission marks the
  // interview): so only their note changes mark it, which costs the note save one key lookup.
  const submitted = (row: string) =>
    `EXISTS (SELECT 1 FROM scorecards WHERE scorecards.interview_id = ${row}.interview_id AND scorecards.author_id = ${row}.author_id AND scorecards.submitted_at IS NOT NULL)`;

  if (postgres) {
    await sql`CREATE FUNCTION calibration_mark(target text) RETURNS void LANGUAGE sql AS $$
      INSERT INTO calibration_stale (interview_id, version) VALUES (target, 1)
        ON CONFLICT (interview_id) DO UPDATE SET version = calibration_stale.version + 1
    $$`.execute(db);
    for (const [table, suffix, event, condition, key] of marks) {
      const name = `calibration_mark_${table}_${suffix}`;
      await sql
        .raw(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN PERFORM calibration_mark(${key}); RETURN NULL; END $$`)
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER ${name} AFTER ${event} ON ${table} FOR EACH ROW ${condition ? `WHEN (${condition})` : ''} EXECUTE FUNCTION ${name}()`,
        )
        .execute(db);
    }
    // A trigger's WHEN cannot hold a subquery on PostgreSQL: the note's check is in its function.
    await sql`CREATE FUNCTION calibration_mark_notes_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM scorecards WHERE scorecards.interview_id = NEW.interview_id
            AND scorecards.author_id = NEW.author_id AND scorecards.submitted_at IS NOT NULL) THEN
          PERFORM calibration_mark(NEW.interview_id);
        END IF;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER calibration_mark_notes_insert AFTER INSERT ON notes
      FOR EACH ROW EXECUTE FUNCTION calibration_mark_notes_change()`.execute(db);
    await sql`CREATE TRIGGER calibration_mark_notes_update AFTER UPDATE OF text, deleted_at ON notes
      FOR EACH ROW EXECUTE FUNCTION calibration_mark_notes_change()`.execute(db);
  } else {
    // Not INSERT OR IGNORE: SQLite applies the firing statement's conflict policy to a trigger's
    // statements, so an upsert on the marked table (a bias resolution, a scorecard) would abort on
    // an interview already marked.
    const mark = (key: string) => `INSERT INTO calibration_stale (interview_id, version)
          SELECT ${key}, 0 WHERE NOT EXISTS (SELECT 1 FROM calibration_stale WHERE interview_id = ${key});
        UPDATE calibration_stale SET version = version + 1 WHERE interview_id = ${key};`;
    for (const [table, suffix, event, condition, key] of marks) {
      await sql
        .raw(
          `CREATE TRIGGER calibration_mark_${table}_${suffix} AFTER ${event} ON ${table}
          ${condition ? `WHEN ${condition}` : ''}
          BEGIN ${mark(key)} END`,
        )
        .execute(db);
    }
    await sql
      .raw(
        `CREATE TRIGGER calibration_mark_notes_insert AFTER INSERT ON notes WHEN ${submitted('NEW')}
        BEGIN ${mark('NEW.interview_id')} END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER calibration_mark_notes_update AFTER UPDATE OF text, deleted_at ON notes WHEN ${submitted('NEW')}
        BEGIN ${mark('NEW.interview_id')} END`,
      )
      .execute(db);
  }
  await sql`INSERT INTO calibration_stale (interview_id, version)
    SELECT id, 1 FROM interviews WHERE pairing_started_at IS NOT NULL`.execute(db);
}
