import type { Kysely } from 'kysely';

// What reaches the candidate and the panel by mail, calendar and the candidate portal.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Every message exactly as rendered (Message-ID, envelope, RFC 822 source with its .ics parts):
  // the admin reads what the SMTP server gets, and a retry sends the same bytes.
  await db.schema
    .createTable('outbox_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('interview_id', 'text', (c) => c.references('interviews.id'))
    // One message per key (e.g. one reminder per interview and deadline), however often enqueued.
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('envelope', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('calendar_method', 'text')
    .addColumn('calendar', 'text')
    // kept (no SMTP: only in the outbox) | queued | sending | sent | failed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // The job attempt that marked the row `sending`; see features/outbox/outbox.ts.
    .addColumn('lease', 'text')
    .addColumn('last_error', 'text')
    .addColumn('smtp_response', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sending_at', 'text')
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_messages_created').on('outbox_messages').column('created_at').execute();
  await db.schema
    .createIndex('outbox_messages_interview')
    .on('outbox_messages')
    .column('interview_id')
    .execute();

  // One row per interview × block × attendee: its UID never changes, its SEQUENCE only grows.
  await db.schema
    .createTable('calendar_events')
    .addColumn('uid', 'text', (c) => c.primaryKey())
    .addColumn('interview_id', 'text', (c) => c.notNull().references('interviews.id'))
    // candidate | prep | interview | refinement | debrief
    .addColumn('block', 'text', (c) => c.notNull())
    // A user id, or 'candidate'.
    .addColumn('attendee', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('cancelled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('calendar_events_block_attendee', ['interview_id', 'block', 'attendee'])
    .execute();

  await db.schema
    .createTable('calendar_feed_tokens')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Only the SHA-256 of a portal link is kept; an interview has one per message that carried a link.
  await db.schema
    .createTable('portal_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('interview_id', 'text', (c) => c.notNull().references('interviews.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('portal_tokens_interview').on('portal_tokens').column('interview_id').execute();

  // Confirmations and requests for another time, per version of the plan (calendar_sequence).
  await db.schema
    .createTable('candidate_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('interview_id', 'text', (c) => c.notNull().references('interviews.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('calendar_sequence', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('candidate_responses_interview')
    .on('candidate_responses')
    .column('interview_id')
    .execute();

  await db.schema
    .createTable('accommodation_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('interview_id', 'text', (c) => c.notNull().references('interviews.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('accommodation_requests_interview')
    .on('accommodation_requests')
    .column('interview_id')
    .execute();

  // Requests for a copy or the erasure of the candidate's data; processed by the privacy feature.
  await db.schema
    .createTable('data_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('interview_id', 'text', (c) => c.notNull().references('interviews.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text')
    .execute();

  // Anonymous by construction: no candidate, interview or timestamp, only the position and a month.
  // Which interview answered is kept apart (survey_receipts) and cannot be joined to an answer.
  await db.schema
    .createTable('candidate_feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('position_id', 'text', (c) => c.notNull().references('positions.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('prepared_score', 'integer', (c) => c.notNull())
    .addColumn('surprise', 'text', (c) => c.notNull())
    .addColumn('comments', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('candidate_feedback_position')
    .on('candidate_feedback')
    .column('position_id')
    .execute();
  await db.schema
    .createTable('survey_receipts')
    .addColumn('interview_id', 'text', (c) => c.primaryKey().references('interviews.id'))
    .execute();

  // The line manager's message to the candidate, once sent.
  await db.schema
    .createTable('decision_messages')
    .addColumn('interview_id', 'text', (c) => c.primaryKey().references('interviews.id'))
    .addColumn('outbox_id', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
}
