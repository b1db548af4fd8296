import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

type Executor = Kysely<Database>;

/** What following up on a decision reads and writes: the message to the candidate, the deadline. */
export class FollowUpRepository {
  constructor(private readonly db: Executor) {}

  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  /** Who told the candidate the decision, and when; undefined while nobody has. */
  decisionMessageSent(interviewId: string, executor: Executor = this.db) {
    return executor
      .selectFrom('decision_messages')
      .innerJoin('users', 'users.id', 'decision_messages.sent_by')
      .select(['decision_messages.sent_at', 'users.name'])
      .where('decision_messages.interview_id', '=', interviewId)
      .executeTakeFirst();
  }

  async recordDecisionMessage(
    trx: Executor,
    message: { interviewId: string; outboxId: string; sentBy: string; sentAt: string },
  ): Promise<void> {
    await trx
      .insertInto('decision_messages')
      .values({
        interview_id: message.interviewId,
        outbox_id: message.outboxId,
        sent_by: message.sentBy,
        sent_at: message.sentAt,
      })
      .execute();
  }

  /** The candidate's "hear back by" date, once recorded. */
  async candidateDeadline(interviewId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('retrospectives')
      .select('deadline')
      .where('interview_id', '=', interviewId)
      .executeTakeFirst();
    return row?.deadline ?? null;
  }

  /** The interview's zone and the candidate's deadline, read in the transaction that recorded it. */
  deadlineInZone(trx: Executor, interviewId: string) {
    return trx
      .selectFrom('interviews')
      .leftJoin('retrospectives', 'retrospectives.interview_id', 'interviews.id')
      .select(['interviews.time_zone', 'retrospectives.deadline'])
      .where('interviews.id', '=', interviewId)
      .executeTakeFirst();
  }

  /** The recorded decision's outcome; undefined before the decision. */
  async decisionOutcome(interviewId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('decisions')
      .select('outcome')
      .where('interview_id', '=', interviewId)
      .executeTakeFirst();
    return row?.outcome;
  }
}
