import { candidateSearchTerms } from '@pairwise/domain';
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// A company's years of history. Every list is read one keyset page at a time in a
// stable order (its sort key, then id), so each filter and join the pages use gets an index that
// ends in that order; indexes that became a prefix of a wider one are replaced by it.
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const index = (name: string, table: string, columns: string[]) =>
    db.schema.createIndex(name).on(table).columns(columns).execute();

  // Home and the calendar feed: by start time, alone or within a navigator, position or stage.
  await db.schema.dropIndex('interviews_navigator').execute();
  await db.schema.dropIndex('interviews_position').execute();
  await index('interviews_starts', 'interviews', ['starts_at', 'id']);
  await index('interviews_navigator_starts', 'interviews', ['navigator_id', 'starts_at', 'id']);
  await index('interviews_position_starts', 'interviews', ['position_id', 'starts_at', 'id']);
  await index('interviews_stage_starts', 'interviews', ['stage', 'starts_at', 'id']);
  // Search, retention, erasure and a candidate's copy go from a candidate to their interviews.
  await index('interviews_candidate', 'interviews', ['candidate_id']);
  // "Interviews I shadow" and "positions I manage".
  await index('interview_shadows_user', 'interview_shadows', ['user_id', 'interview_id']);
  await index('positions_line_manager', 'positions', ['line_manager_id']);

  // Candidates by name; legal holds are the few with the flag set.
  await index('candidates_name', 'candidates', ['name', 'id']);
  await index('candidates_legal_hold', 'candidates', ['legal_hold', 'name', 'id']);

  // Search terms, one row per word of a candidate's name and their address (decision 019). On
  // PostgreSQL the column compares bytewise ("C"), so a prefix is one index range whatever the
  // database's locale; SQLite compares text bytewise already.
  await db.schema
    .createTable('candidate_terms')
    .addColumn('term', 'text', (c) => (postgres ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull()))
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('candidates.id'))
    .addPrimaryKeyConstraint('candidate_terms_pk', ['term', 'candidate_id'])
    .execute();
  await index('candidate_terms_candidate', 'candidate_terms', ['candidate_id']);
  const candidates = db as unknown as Kysely<{
    candidates: { id: string; name: string; email: string };
    candidate_terms: { term: string; candidate_id: string };
  }>;
  let after = '';
  for (;;) {
    const page = await candidates
      .selectFrom('candidates')
      .select(['id', 'name', 'email'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(2_000)
      .execute();
    if (page.length === 0) break;
    const rows = page.flatMap((row) =>
      candidateSearchTerms(row.name, row.email).map((term) => ({ term, candidate_id: row.id })),
    );
    // PostgreSQL takes at most 65,535 parameters per statement: two per row.
    for (let start = 0; start < rows.length; start += 10_000) {
      await candidates
        .insertInto('candidate_terms')
        .values(rows.slice(start, start + 10_000))
        .execute();
    }
    after = page.at(-1)!.id;
  }

  // The outbox's addressee as a column: erasure and a candidate's copy find their mail by an
  // index instead of parsing every envelope. Every message Pairwise sends has one recipient.
  await db.schema.alterTable('outbox_messages').addColumn('recipient', 'text').execute();
  await sql`update outbox_messages set recipient = lower(${
    postgres ? sql`(envelope::json -> 'to' ->> 0)` : sql`json_extract(envelope, '$.to[0]')`
  })`.execute(db);
  await index('outbox_messages_recipient', 'outbox_messages', ['recipient']);
  await db.schema.dropIndex('outbox_messages_created').execute();
  await index('outbox_messages_created', 'outbox_messages', ['created_at', 'id']);
  await index('outbox_messages_status', 'outbox_messages', ['status', 'created_at', 'id']);

  // A user's calendar blocks, for the feed's sequences.
  await index('calendar_events_attendee', 'calendar_events', ['attendee', 'interview_id']);

  // The audit log pages newest first by (at, id), overall or per candidate or user.
  await db.schema.dropIndex('audit_entries_at').execute();
  await db.schema.dropIndex('audit_entries_candidate').execute();
  await db.schema.dropIndex('audit_entries_actor').execute();
  await index('audit_entries_at', 'audit_entries', ['at', 'id']);
  await index('audit_entries_candidate', 'audit_entries', ['candidate_id', 'at', 'id']);
  await index('audit_entries_actor', 'audit_entries', ['actor_id', 'at', 'id']);

  // Data requests by date; retention finds the processes that closed in a window of time.
  await index('data_requests_created', 'data_requests', ['created_at', 'id']);
  await index('data_requests_interview', 'data_requests', ['interview_id']);
  await index('decisions_decided', 'decisions', ['decided_at']);
  await index('interview_events_type_at', 'interview_events', ['type', 'at']);
  // An interview's own cancellation or no-show: without this, SQLite answers that correlated
  // lookup through the (type, at) index above, reading every cancellation for each interview.
  await index('interview_events_interview_type', 'interview_events', ['interview_id', 'type', 'at']);
}
