import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Migration 035 raises a feed's revision in the writer's transaction, which locks the feed's row
// until commit. Its triggers on shadows and on mailed blocks locked one attendee's row per block,
// so two transactions mailing the same two people in swapped roles (one navigates what the other
// shadows) took the rows in opposite orders, and PostgreSQL killed one as a deadlock. Now every
// raise first locks all of the interview's people (navigator, shadows, line manager) and the
// attendee, ordered by id, and raises only the rows it raised before: every transaction touching
// an interview takes its people's rows at once and in the same order, so one waits for the other.
// The triggers keep their names and conditions; only their functions are replaced. SQLite has one
// writer at a time and needs nothing.

/** The people whose feed holds an interview with this id, navigator and position. */
const HOLDERS = `CREATE FUNCTION calendar_feeds_holders(of_interview text, of_navigator text, of_position text)
  RETURNS text[] LANGUAGE sql STABLE AS $$
    SELECT ARRAY(
      SELECT of_navigator
      UNION SELECT line_manager_id FROM positions WHERE id = of_position
      UNION SELECT user_id FROM interview_shadows WHERE interview_id = of_interview)
  $$`;

/** Locks `locked` and `raised` in one order, then raises `raised`. */
const RAISE = `CREATE FUNCTION calendar_feeds_raise(locked text[], raised text[])
  RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM 1 FROM calendar_feed_tokens WHERE user_id = ANY (locked || raised)
      ORDER BY user_id FOR UPDATE;
    UPDATE calendar_feed_tokens SET revision = revision + 1 WHERE user_id = ANY (raised);
  END $$`;

const INTERVIEW = `CREATE OR REPLACE FUNCTION calendar_feeds_interview() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE people text[] := '{}';
  BEGIN
    IF TG_OP <> 'INSERT' THEN
      people := people || calendar_feeds_holders(OLD.id, OLD.navigator_id, OLD.position_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
      people := people || calendar_feeds_holders(NEW.id, NEW.navigator_id, NEW.position_id);
    END IF;
    PERFORM calendar_feeds_raise(people, people);
    RETURN NULL;
  END $$`;

/** For shadows and mailed blocks: the user's column is the trigger's argument. */
const USER = `CREATE OR REPLACE FUNCTION calendar_feeds_user() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    raised text[] := '{}';
    interview_ids text[] := '{}';
  BEGIN
    IF TG_OP <> 'INSERT' THEN
      raised := raised || (to_jsonb(OLD) ->> TG_ARGV[0]);
      interview_ids := interview_ids || OLD.interview_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
      raised := raised || (to_jsonb(NEW) ->> TG_ARGV[0]);
      interview_ids := interview_ids || NEW.interview_id;
    END IF;
    PERFORM calendar_feeds_raise(
      ARRAY(SELECT unnest(calendar_feeds_holders(id, navigator_id, position_id))
            FROM interviews WHERE id = ANY (interview_ids)),
      raised);
    RETURN NULL;
  END $$`;

const EVERYONE = `CREATE OR REPLACE FUNCTION calendar_feeds_everyone() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM calendar_feeds_raise('{}', ARRAY(SELECT user_id FROM calendar_feed_tokens));
    RETURN NULL;
  END $$`;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const statement of [HOLDERS, RAISE, INTERVIEW, USER, EVERYONE]) {
    await sql.raw(statement).execute(db);
  }
}
