import type { Kysely } from 'kysely';

// Candidate self-scheduling and calendar replies (decision 033).
export async function up(db: Kysely<unknown>): Promise<void> {
  // The times a navigator offered, with the confirmation each one sends exactly as it was previewed.
  await db.schema
    .createTable('slot_offers')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('interview_id', 'text', (col) => col.notNull().references('interviews.id'))
    // 'invitation' (the offer is the invitation) or 'reschedule' (a new time for an invited candidate).
    .addColumn('kind', 'text', (col) => col.notNull())
    // open, booked (picked_slot_id says which), withdrawn.
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('picked_slot_id', 'text')
    .addColumn('picked_at', 'text')
    .addColumn('created_by', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('slot_offers_interview')
    .on('slot_offers')
    .columns(['interview_id', 'created_at'])
    .execute();
  await db.schema
    .createTable('offered_slots')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('offer_id', 'text', (col) => col.notNull().references('slot_offers.id'))
    .addColumn('starts_at', 'text', (col) => col.notNull())
    .addColumn('ends_at', 'text', (col) => col.notNull())
    // The approved confirmation (InvitationContent as JSON) with the portal link as its placeholder.
    .addColumn('confirmation', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('offered_slots_offer')
    .on('offered_slots')
    .columns(['offer_id', 'starts_at'])
    .execute();

  // Answers from the candidate's calendar sit beside the portal's, with the time a COUNTER proposes.
  await db.schema
    .alterTable('candidate_responses')
    .addColumn('source', 'text', (col) => col.notNull().defaultTo('portal'))
    .execute();
  await db.schema.alterTable('candidate_responses').addColumn('proposed_starts_at', 'text').execute();
  await db.schema.alterTable('candidate_responses').addColumn('proposed_ends_at', 'text').execute();

  // Every reply message read from the mailbox, applied or not, so none is applied twice.
  await db.schema
    .createTable('calendar_replies')
    .addColumn('message_key', 'text', (col) => col.primaryKey())
    .addColumn('received_at', 'text', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('interview_id', 'text')
    .addColumn('method', 'text')
    .addColumn('partstat', 'text')
    .execute();
  // Where the reader stopped in the mailbox (IMAP UIDVALIDITY and the last UID read).
  await db.schema
    .createTable('mailbox_cursors')
    .addColumn('mailbox', 'text', (col) => col.primaryKey())
    .addColumn('uid_validity', 'text', (col) => col.notNull())
    .addColumn('last_uid', 'integer', (col) => col.notNull())
    .execute();
}
