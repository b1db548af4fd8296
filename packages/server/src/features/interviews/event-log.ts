import { randomUUID } from 'node:crypto';
import type { InterviewEventInput } from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { Database } from '../../platform/db/schema.ts';
import type { InterviewEventsRepository } from './repository.ts';

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

  constructor(private readonly events: InterviewEventsRepository) {}

  onRecorded(listener: (event: InterviewEventRecord, trx: Trx) => Promise<void>): void {
    this.inTransaction.push(listener);
  }

  onCommitted(listener: (event: InterviewEventRecord) => void): void {
    this.afterCommit.push(listener);
  }

  /** Runs `work` in a transaction with a `record` function; committed events are then announced. */
  async transaction<T>(work: (trx: Trx, record: RecordEvent) => Promise<T>): Promise<T> {
    const recorded: InterviewEventRecord[] = [];
    const result = await this.events.transaction((trx) =>
      work(trx, async (input) => {
        const event: InterviewEventRecord = {
          ...input,
          id: randomUUID(),
          seq: await this.events.nextSeq(trx, input.interviewId),
          at: input.at ?? DateTime.utc().toISO(),
        };
        await this.events.append(trx, event);
        for (const listener of this.inTransaction) await listener(event, trx);
        recorded.push(event);
        return event;
      }),
    );
    for (const event of recorded) for (const listener of this.afterCommit) listener(event);
    return result;
  }
}
