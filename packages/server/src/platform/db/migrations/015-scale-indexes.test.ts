import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../database.ts';
import type { Database } from '../schema.ts';

describe('migration 015: indexes for a company-sized history', () => {
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }),
  });
  afterEach(() => db.destroy());

  it('gives existing candidates their search terms and existing mail its recipient', async () => {
    const before = Object.entries(migrations).filter(([name]) => name < '015');
    for (const [, migration] of before) await migration.up(db as Kysely<unknown>);
    await db
      .insertInto('candidates')
      .values({
        id: 'c1',
        name: 'Zoë Ölund',
        email: 'zoe@example.org',
        time_zone: 'UTC',
        pronouns: null,
        accommodations: null,
        created_at: '2026-01-01T00:00:00.000Z',
        legal_hold_reason: null,
        erased_at: null,
      })
      .execute();
    await db
      .insertInto('outbox_messages')
      .values({
        id: 'm1',
        kind: 'invitation',
        interview_id: null,
        dedupe_key: null,
        message_id: '<m1@pairwise>',
        envelope: JSON.stringify({ from: 'pairwise@example.com', to: ['Zoe@Example.org'] }),
        subject: 'Hello',
        raw: '',
        text_body: '',
        calendar_method: null,
        calendar: null,
        status: 'kept',
        attempts: 0,
        lease: null,
        last_error: null,
        smtp_response: null,
        created_at: '2026-01-01T00:00:00.000Z',
        sending_at: null,
        sent_at: null,
      } as never)
      .execute();

    await migrations['015-scale-indexes']!.up(db as Kysely<unknown>);

    const terms = await db
      .selectFrom('candidate_terms')
      .select('term')
      .where('candidate_id', '=', 'c1')
      .execute();
    expect(terms.map((row) => row.term).sort()).toEqual(['example.org', 'olund', 'zoe', 'zoe@example.org']);
    const message = await db.selectFrom('outbox_messages').select('recipient').executeTakeFirstOrThrow();
    expect(message.recipient).toBe('zoe@example.org');
  });
});
