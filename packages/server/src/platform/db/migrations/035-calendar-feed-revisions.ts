import { type Kysely, PostgresAdapter, sql } from 'kysely';

// A calendar feed's entity tag was a hash of every row it is made of, so even a 304 read a busy
// interviewer's ~1,800 blocks (decision 058). Each feed now carries a revision that the database
// itself raises, in the writer's transaction, whenever a row a feed is made of changes: the
// interviews a user navigates, shadows or manages (moved, cancelled, re-planned, a new one, the
// panel), the calendar blocks mailed to them (SEQUENCE), and, for everyone, a position's or
// task's title or a line manager's name (rare edits shown on many blocks). A 304 reads the token's
// row only. Only users with a feed have a row, so a write for anyone else updates nothing.
const INTERVIEW_COLUMNS = [
  'navigator_id',
  'position_id',
  'task_id',
  'starts_at',
  'time_zone',
  'place',
  'pairing_minutes',
  'setup_budget_sec',
  'day_durations',
  'calendar_sequence',
  'stage',
] as const;

/** The stages a feed leaves out; other stage changes do not change a feed. */
const GONE = "('cancelled', 'no_show')";

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable('calendar_feed_tokens')
    .addColumn('revision', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  const differs = (column: string) =>
    postgres ? `OLD.${column} IS DISTINCT FROM NEW.${column}` : `OLD.${column} IS NOT NEW.${column}`;
  const changed = [
    ...INTERVIEW_COLUMNS.filter((column) => column !== 'stage').map(differs),
    `(OLD.stage IN ${GONE}) <> (NEW.stage IN ${GONE})`,
  ].join(' OR ');
  const bump = 'UPDATE calendar_feed_tokens SET revision = revision + 1';
  /** The users whose feed holds interview `row` (OLD or NEW): its navigator, shadows and line manager. */
  const holders = (row: 'OLD' | 'NEW') => `user_id = ${row}.navigator_id
    OR user_id IN (SELECT line_manager_id FROM positions WHERE id = ${row}.position_id)
    OR user_id IN (SELECT user_id FROM interview_shadows WHERE interview_id = ${row}.id)`;
  const columns = INTERVIEW_COLUMNS.join(', ');
  if (postgres) {
    await sql
      .raw(`CREATE FUNCTION calendar_feeds_interview() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- One statement for the old and the new holders: it locks their rows in one order, the
        -- same in every transaction, so two writers of the same people's interviews cannot deadlock.
        IF TG_OP = 'INSERT' THEN ${bump} WHERE ${holders('NEW')};
        ELSIF TG_OP = 'DELETE' THEN ${bump} WHERE ${holders('OLD')};
        ELSE ${bump} WHERE ${holders('OLD')} OR ${holders('NEW')};
        END IF;
        RETURN NULL;
      END $$`)
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER calendar_feeds_interview_write AFTER INSERT OR DELETE ON interviews
      FOR EACH ROW EXECUTE FUNCTION calendar_feeds_interview()`)
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER calendar_feeds_interview_update AFTER UPDATE OF ${columns} ON interviews
      FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION calendar_feeds_interview()`)
      .execute(db);
    await sql
      // The user's column is the trigger's argument (a trigger function takes no parameters).
      .raw(`CREATE FUNCTION calendar_feeds_user() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${bump} WHERE user_id = to_jsonb(NEW) ->> TG_ARGV[0];
        ELSIF TG_OP = 'DELETE' THEN ${bump} WHERE user_id = to_jsonb(OLD) ->> TG_ARGV[0];
        ELSE ${bump} WHERE user_id IN (to_jsonb(OLD) ->> TG_ARGV[0], to_jsonb(NEW) ->> TG_ARGV[0]);
        END IF;
        RETURN NULL;
      END $$`)
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER calendar_feeds_shadow AFTER INSERT OR DELETE OR UPDATE OF user_id, interview_id
      ON interview_shadows FOR EACH ROW EXECUTE FUNCTION calendar_feeds_user('user_id')`)
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER calendar_feeds_sent AFTER INSERT OR DELETE OR UPDATE OF attendee, interview_id, sequence
      ON calendar_events FOR EACH ROW EXECUTE FUNCTION calendar_feeds_user('attendee')`)
      .execute(db);
    await sql
      .raw(`CREATE FUNCTION calendar_feeds_everyone() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${bump}; RETURN NULL; END $$`)
      .execute(db);
    for (const [table, when] of everyoneSees(differs)) {
      await sql
        .raw(`CREATE TRIGGER calendar_feeds_${table} AFTER UPDATE ON ${table}
        FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION calendar_feeds_everyone()`)
        .execute(db);
    }
    return;
  }
  await sql
    .raw(`CREATE TRIGGER calendar_feeds_interview_insert AFTER INSERT ON interviews
    BEGIN ${bump} WHERE ${holders('NEW')}; END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER calendar_feeds_interview_update AFTER UPDATE OF ${columns} ON interviews
    WHEN ${changed}
    BEGIN ${bump} WHERE ${holders('OLD')} OR ${holders('NEW')}; END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER calendar_feeds_interview_delete AFTER DELETE ON interviews
    BEGIN ${bump} WHERE ${holders('OLD')}; END`)
    .execute(db);
  for (const [table, column, watched] of [
    ['interview_shadows', 'user_id', 'user_id, interview_id'],
    ['calendar_events', 'attendee', 'attendee, interview_id, sequence'],
  ] as const) {
    const name = table === 'interview_shadows' ? 'shadow' : 'sent';
    await sql
      .raw(`CREATE TRIGGER calendar_feeds_${name}_insert AFTER INSERT ON ${table}
      BEGIN ${bump} WHERE user_id = NEW.${column}; END`)
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER calendar_feeds_${name}_update AFTER UPDATE OF ${watched} ON ${table}
      BEGIN ${bump} WHERE user_id IN (OLD.${column}, NEW.${column}); END`)
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER calendar_feeds_${name}_delete AFTER DELETE ON ${table}
      BEGIN ${bump} WHERE user_id = OLD.${column}; END`)
      .execute(db);
  }
  for (const [table, when] of everyoneSees(differs)) {
    await sql
      .raw(`CREATE TRIGGER calendar_feeds_${table} AFTER UPDATE ON ${table} WHEN ${when} BEGIN ${bump}; END`)
      .execute(db);
  }
}

/** Edits shown on many users' blocks, rare enough to change every feed: titles and a line manager's name. */
function everyoneSees(differs: (column: string) => string): Array<[string, string]> {
  return [
    ['positions', `${differs('title')} OR ${differs('line_manager_id')}`],
    ['tasks', differs('title')],
    ['users', differs('name')],
  ];
}
