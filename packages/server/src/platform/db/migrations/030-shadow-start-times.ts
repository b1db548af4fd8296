import { type Kysely, PostgresAdapter, sql } from 'kysely';

// "Interviews I shadow", in start order, one page at a time: the order and the stage lived only on
// `interviews`, so a page joined every one of the person's shadow rows (thousands for a busy
// interviewer) to their interviews and sorted them all. Each shadow row now carries its
// interview's start and stage, kept by the database itself (on insert, and whenever the interview
// moves or changes stage, whoever changes it), and the index (user, start, id, stage) hands a page
// over in order, its stage filter read from the index.
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable('interview_shadows').addColumn('starts_at', 'text').execute();
  await db.schema.alterTable('interview_shadows').addColumn('stage', 'text').execute();
  await sql`UPDATE interview_shadows SET
    starts_at = (SELECT interviews.starts_at FROM interviews WHERE interviews.id = interview_shadows.interview_id),
    stage = (SELECT interviews.stage FROM interviews WHERE interviews.id = interview_shadows.interview_id)`.execute(
    db,
  );
  await db.schema
    .createIndex('interview_shadows_user_starts')
    .on('interview_shadows')
    .columns(['user_id', 'starts_at', 'interview_id', 'stage'])
    .execute();
  if (postgres) {
    await sql`CREATE FUNCTION interview_shadows_take_start() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT starts_at, stage INTO NEW.starts_at, NEW.stage FROM interviews WHERE id = NEW.interview_id;
        RETURN NEW;
      END $$`.execute(db);
    await sql`CREATE TRIGGER interview_shadows_take_start BEFORE INSERT OR UPDATE OF interview_id
      ON interview_shadows FOR EACH ROW EXECUTE FUNCTION interview_shadows_take_start()`.execute(db);
    await sql`CREATE FUNCTION interviews_move_shadow_starts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE interview_shadows SET starts_at = NEW.starts_at, stage = NEW.stage WHERE interview_id = NEW.id;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER interviews_move_shadow_starts AFTER UPDATE OF starts_at, stage ON interviews
      FOR EACH ROW WHEN (OLD.starts_at IS DISTINCT FROM NEW.starts_at OR OLD.stage IS DISTINCT FROM NEW.stage)
      EXECUTE FUNCTION interviews_move_shadow_starts()`.execute(db);
  } else {
    await sql`CREATE TRIGGER interview_shadows_take_start AFTER INSERT ON interview_shadows
      BEGIN
        UPDATE interview_shadows
          SET starts_at = (SELECT starts_at FROM interviews WHERE id = NEW.interview_id),
            stage = (SELECT stage FROM interviews WHERE id = NEW.interview_id)
          WHERE interview_id = NEW.interview_id AND user_id = NEW.user_id;
      END`.execute(db);
    await sql`CREATE TRIGGER interviews_move_shadow_starts AFTER UPDATE OF starts_at, stage ON interviews
      WHEN OLD.starts_at IS NOT NEW.starts_at OR OLD.stage IS NOT NEW.stage
      BEGIN
        UPDATE interview_shadows SET starts_at = NEW.starts_at, stage = NEW.stage WHERE interview_id = NEW.id;
      END`.execute(db);
  }
}
