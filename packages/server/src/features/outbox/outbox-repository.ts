import type { OutboxStatus } from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { parseJsonColumn } from '../../platform/db/json-column.ts';
import { after } from '../../platform/db/keyset.ts';
import type { Database } from '../../platform/db/schema.ts';

export type OutboxRow = Database['outbox_messages'];
type Executor = Kysely<Database>;

const envelope = z.object({ from: z.string(), to: z.array(z.string()) });

/** A stored message's SMTP envelope: who it is from and every address it goes to. */
export function parseEnvelope(text: string): z.output<typeof envelope> {
  return parseJsonColumn(envelope, text);
}

export class OutboxRepository {
  constructor(private readonly db: Executor) {}

  /** False when a message with the same dedupe key exists already (nothing is written then). */
  async insert(row: OutboxRow, executor: Executor): Promise<boolean> {
    const result = await executor
      .insertInto('outbox_messages')
      .values(row)
      .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  find(id: string) {
    return this.db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Newest first, one more row than the page (see toPage). */
  list(options: {
    status?: OutboxStatus | undefined;
    interviewId?: string | undefined;
    cursor?: string[] | undefined;
    limit: number;
  }) {
    let query = this.db
      .selectFrom('outbox_messages')
      .select([
        'id',
        'kind',
        'interview_id',
        'envelope',
        'subject',
        'status',
        'attempts',
        'last_error',
        'calendar_method',
        'created_at',
        'sent_at',
      ])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit + 1);
    if (options.status) query = query.where('status', '=', options.status);
    if (options.interviewId) query = query.where('interview_id', '=', options.interviewId);
    const cursor = options.cursor;
    if (cursor) query = query.where((eb) => after(eb, ['created_at', 'id'], cursor, 'desc'));
    return query.execute();
  }

  /**
   * Claims the message for one send attempt. Only a message still waiting, or one whose earlier
   * attempt died mid-send, can be claimed; a sent message never is.
   */
  async markSending(id: string, lease: string): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox_messages')
      // Counted here, not when the job ends, so an attempt cut short by a crash still shows.
      .set((eb) => ({
        status: 'sending',
        lease,
        attempts: eb('attempts', '+', 1),
        sending_at: DateTime.utc().toISO(),
      }))
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'sending'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async markSent(id: string, lease: string, response: string | null): Promise<void> {
    await this.db
      .updateTable('outbox_messages')
      .set({ status: 'sent', sent_at: DateTime.utc().toISO(), smtp_response: response, last_error: null })
      .where('id', '=', id)
      .where('lease', '=', lease)
      .execute();
  }

  async markAttemptFailed(id: string, lease: string, error: string, final: boolean): Promise<void> {
    await this.db
      .updateTable('outbox_messages')
      .set({ status: final ? 'failed' : 'queued', last_error: error.slice(0, 2000) })
      .where('id', '=', id)
      .where('lease', '=', lease)
      .execute();
  }
}
