import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { Database } from '../../platform/db/schema.ts';
import type { MailboxCursor } from './mailbox.ts';

type Executor = Kysely<Database>;

/** Every reply message read, applied or not, and where the reader stopped in each mailbox. */
export class CalendarRepliesRepository {
  constructor(private readonly db: Executor) {}

  async cursor(mailbox: string): Promise<MailboxCursor | undefined> {
    const row = await this.db
      .selectFrom('mailbox_cursors')
      .selectAll()
      .where('mailbox', '=', mailbox)
      .executeTakeFirst();
    return row ? { uidValidity: row.uid_validity, lastUid: Number(row.last_uid) } : undefined;
  }

  async saveCursor(mailbox: string, cursor: MailboxCursor): Promise<void> {
    await this.db
      .insertInto('mailbox_cursors')
      .values({ mailbox, uid_validity: cursor.uidValidity, last_uid: cursor.lastUid })
      .onConflict((conflict) =>
        conflict
          .column('mailbox')
          .doUpdateSet({ uid_validity: cursor.uidValidity, last_uid: cursor.lastUid }),
      )
      .execute();
  }

  /**
   * Claims a message for this apply: false when it was read before (on this node or another),
   * so nothing of it is applied twice. Written in the apply's transaction.
   */
  async claim(
    messageKey: string,
    outcome: {
      outcome: 'applied' | 'ignored';
      reason: string;
      interviewId: string | null;
      method: string | null;
      partstat: string | null;
    },
    trx: Executor,
  ): Promise<boolean> {
    const claimed = await trx
      .insertInto('calendar_replies')
      .values({
        message_key: messageKey,
        received_at: DateTime.utc().toISO(),
        outcome: outcome.outcome,
        reason: outcome.reason,
        interview_id: outcome.interviewId,
        method: outcome.method,
        partstat: outcome.partstat,
      })
      .onConflict((conflict) => conflict.column('message_key').doNothing())
      // RETURNING says whether this insert won, the same way on SQLite and PostgreSQL.
      .returning('message_key')
      .execute();
    return claimed.length === 1;
  }

  /** The candidate's calendar entry this UID names (panel blocks have UIDs of their own). */
  candidateEvent(uid: string, trx: Executor) {
    return trx
      .selectFrom('calendar_events')
      .select(['interview_id', 'sequence', 'cancelled'])
      .where('uid', '=', uid)
      .where('block', '=', 'candidate')
      .executeTakeFirst();
  }
}
