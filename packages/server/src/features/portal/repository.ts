import { randomUUID } from 'node:crypto';
import type { CandidateResponseKind } from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { Database } from '../../platform/db/schema.ts';

type Executor = Kysely<Database>;

/** What candidates tell us through the portal; the survey is kept apart from everything else. */
export class PortalRepository {
  constructor(private readonly db: Executor) {}

  responses(interviewId: string) {
    return this.db
      .selectFrom('candidate_responses')
      .selectAll()
      .where('interview_id', '=', interviewId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  async insertResponse(
    interviewId: string,
    response: {
      kind: CandidateResponseKind;
      reason: string | null;
      calendarSequence: number;
      source?: 'portal' | 'calendar';
      proposedStartsAt?: string | null;
      proposedEndsAt?: string | null;
    },
    trx: Executor,
  ): Promise<void> {
    await trx
      .insertInto('candidate_responses')
      .values({
        id: randomUUID(),
        interview_id: interviewId,
        kind: response.kind,
        reason: response.reason,
        calendar_sequence: response.calendarSequence,
        created_at: DateTime.utc().toISO(),
        source: response.source ?? 'portal',
        proposed_starts_at: response.proposedStartsAt ?? null,
        proposed_ends_at: response.proposedEndsAt ?? null,
      })
      .execute();
  }

  accommodations(interviewId: string) {
    return this.db
      .selectFrom('accommodation_requests')
      .selectAll()
      .where('interview_id', '=', interviewId)
      .orderBy('created_at')
      .execute();
  }

  async insertAccommodation(interviewId: string, text: string, trx: Executor): Promise<void> {
    await trx
      .insertInto('accommodation_requests')
      .values({ id: randomUUID(), interview_id: interviewId, text, created_at: DateTime.utc().toISO() })
      .execute();
  }

  dataRequests(interviewId: string) {
    return this.db
      .selectFrom('data_requests')
      .selectAll()
      .where('interview_id', '=', interviewId)
      .orderBy('created_at')
      .execute();
  }

  async insertDataRequest(interviewId: string, kind: 'copy' | 'erasure', trx: Executor): Promise<void> {
    await trx
      .insertInto('data_requests')
      .values({
        id: randomUUID(),
        interview_id: interviewId,
        kind,
        created_at: DateTime.utc().toISO(),
        processed_at: null,
        due_at: DateTime.utc().plus({ months: 1 }).toISO(),
      })
      .execute();
  }

  async surveyAnswered(interviewId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('survey_receipts')
      .select('interview_id')
      .where('interview_id', '=', interviewId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Records that this interview answered, and the answer without any link back to it. Returns
   * false (and stores nothing) when this interview answered before.
   */
  async insertSurveyAnswer(
    interviewId: string,
    answer: { positionId: string; preparedScore: number; surprise: string; comments: string },
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const receipt = await trx
        .insertInto('survey_receipts')
        .values({ interview_id: interviewId })
        .onConflict((conflict) => conflict.column('interview_id').doNothing())
        .executeTakeFirst();
      if (Number(receipt.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
      await trx
        .insertInto('candidate_feedback')
        .values({
          id: randomUUID(),
          position_id: answer.positionId,
          // A month, not a date or time: fine enough for trends, too coarse to pick out one person.
          month: DateTime.utc().toFormat('yyyy-LL'),
          prepared_score: answer.preparedScore,
          surprise: answer.surprise,
          comments: answer.comments,
        })
        .execute();
      return true;
    });
  }

  async decisionMessageSentAt(interviewId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('decision_messages')
      .select('sent_at')
      .where('interview_id', '=', interviewId)
      .executeTakeFirst();
    return row?.sent_at ?? null;
  }

  async deadline(interviewId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('retrospectives')
      .select('deadline')
      .where('interview_id', '=', interviewId)
      .executeTakeFirst();
    return row?.deadline ?? null;
  }
}

/** The candidates' private links, stored only as hashes. */
export class PortalTokensRepository {
  constructor(private readonly db: Executor) {}

  async insert(
    trx: Executor,
    token: { hash: string; interviewId: string; createdAt: string; expiresAt: string },
  ): Promise<void> {
    await trx
      .insertInto('portal_tokens')
      .values({
        token_hash: token.hash,
        interview_id: token.interviewId,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
      })
      .execute();
  }

  findByHash(hash: string) {
    return this.db
      .selectFrom('portal_tokens')
      .select(['token_hash', 'interview_id', 'expires_at'])
      .where('token_hash', '=', hash)
      .executeTakeFirst();
  }

  async expireAllAt(trx: Executor, interviewId: string, expiresAt: string): Promise<void> {
    await trx
      .updateTable('portal_tokens')
      .set({ expires_at: expiresAt })
      .where('interview_id', '=', interviewId)
      .execute();
  }

  /** What a link's expiry follows: the interview's stage and start, and the decision's time. */
  expiryFacts(trx: Executor, interviewId: string) {
    return trx
      .selectFrom('interviews')
      .leftJoin('decisions', 'decisions.interview_id', 'interviews.id')
      .select(['interviews.stage', 'interviews.starts_at', 'decisions.decided_at'])
      .where('interviews.id', '=', interviewId)
      .executeTakeFirstOrThrow();
  }
}
