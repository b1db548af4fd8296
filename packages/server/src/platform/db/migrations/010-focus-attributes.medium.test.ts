import { defaultFocusAttributes } from '@pairwise/domain';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { up } from './010-focus-attributes.ts';

describe('migration 010: focus attributes per position', () => {
  const db = new Kysely<{
    positions: { id: string; title: string; focus_attributes: string };
    scorecards: { author_id: string; submitted_at: string | null; focus_attributes: string | null };
  }>({ dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }) });
  afterEach(() => db.destroy());

  it('gives existing positions, and scorecards already submitted, the list they were rated on', async () => {
    // Only the columns the migration reads, as they were before it.
    await sql`create table positions (id text primary key, title text not null)`.execute(db);
    await sql`create table scorecards (author_id text primary key, submitted_at text)`.execute(db);
    await sql`insert into positions values ('p1', 'Backend'), ('p2', 'Frontend')`.execute(db);
    await sql`insert into scorecards values ('submitted', '2026-11-01T10:00:00Z'), ('draft', null)`.execute(
      db,
    );

    await up(db as Kysely<unknown>);

    // A node not yet upgraded creates a position without the column: it gets the built-in list too.
    await sql`insert into positions (id, title) values ('p3', 'Written by an old node')`.execute(db);
    const positions = await db.selectFrom('positions').select(['id', 'focus_attributes']).execute();
    expect(positions).toHaveLength(3);
    for (const position of positions) {
      expect(JSON.parse(position.focus_attributes)).toEqual(defaultFocusAttributes);
    }
    const cards = await db.selectFrom('scorecards').select(['author_id', 'focus_attributes']).execute();
    const frozen = Object.fromEntries(cards.map((card) => [card.author_id, card.focus_attributes]));
    expect(JSON.parse(frozen.submitted!)).toEqual(defaultFocusAttributes);
    // A draft keeps following its position.
    expect(frozen.draft).toBeNull();
  });
});
