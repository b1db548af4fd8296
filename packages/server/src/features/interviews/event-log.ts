import { randomUUID } from 'node:crypto';
import type { InterviewEventInput } from '@pairwise/domain';
import { type Kysely, sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';

/** An event as it was recorded: its type decides its payload (see `interviewEventPayloads`). */
export type InterviewEventRecord = {
  id: string;
  interviewId: string;
  seq: number;
  at: string;
  actorId: string | null;
} & InterviewEventInput;

type Trx = Kysely<Database>;
export type RecordEvent = (
  event: { interviewId: string; actorId: string | null; at?: string } & InterviewEventInput,
) => Promise<InterviewEventRecord>;

/**
 * The append-only interview log, and the one place its events fan out from: listeners that
 * must commit with the change (enqueueing mail, opening a repository) run inside the
 * transaction; listeners that only tell others (realtime) run after it committed.
 */
export class InterviewEventLog {
  private readonly inTransaction: Array<(event: InterviewEventRecord, trx: Trx) => Promise<void>> = [];
  private readonly afterCommit: Array<(event: InterviewEventRecord) => void> = [];

  constructor(
    private readonly db: Db,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {}

  onRecorded(listener: (event: InterviewEventRecord, trx: Trx) => Promise<void>): void {
    this.inTransaction.push(listener);
  }

  onCommitted(listener: (event: InterviewEventRecord) => void): void {
    this.afterCommit.push(listener);
  }

  /** Runs `work` in a transaction with a `record` function; committed events are then announced. */
  async transaction<T>(work: (trx: Trx, record: RecordEvent) => Promise<T>): Promise<T> {
    const recorded: InterviewEventRecord[] = [];
    const result = await this.db.transaction().execute((trx) =>
      work(trx, async (input) => {
        const event: InterviewEventRecord = {
          ...input,
          id: randomUUID(),
          seq: await this.nextSeq(trx, input.interviewId),
          at: input.at ?? DateTime.utc().toISO(),
        };
        await trx
          .insertInto('interview_events')
          .values({
            id: event.id,
            interview_id: event.interviewId,
            seq: event.seq,
            type: event.type,
            at: event.at,
            actor_id: event.actorId,
            payload: JSON.stringify(event.payload),
          })
          .execute();
        for (const listener of this.inTransaction) await listener(event, trx);
        recorded.push(event);
        return event;
      }),
    );
    for (const event of recorded) for (const listener of this.afterCommit) listener(event);
    return result;
  }

  /**
   * SQLite serialises writers already; on PostgreSQL the interview row is locked first so two
   * transactions never compute the same next position.
   */
  private async nextSeq(trx: Trx, interviewId: string): Promise<number> {
    if (this.dialect === 'postgres') {
      await sql`SELECT id FROM interviews WHERE id = ${interviewId} FOR UPDATE`.execute(trx);
    }
    const row = await trx
      .selectFrom('interview_events')
      .select((eb) => eb.fn.max('seq').as('last'))
      .where('interview_id', '=', interviewId)
      .executeTakeFirst();
    return Number(row?.last ?? 0) + 1;
  }
}
