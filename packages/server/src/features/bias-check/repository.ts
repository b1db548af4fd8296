import { randomUUID } from 'node:crypto';
import type {
  BiasCategory,
  BiasCheckRating,
  BiasResolution,
  BiasTarget,
  BiasTerm,
  CustomBiasTerm,
  KeepReviewStatus,
} from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { parseJsonColumn } from '../../platform/db/json-column.ts';
import type { Database } from '../../platform/db/schema.ts';

const phraseList = z.array(z.string());
const ratingList = z.array(
  z.object({
    attribute: z.string(),
    score: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    evidenceNoteIds: z.array(z.string()),
  }),
);

/** A scorecard's ratings as the structural checks read them. */
export function parseRatings(text: string): BiasCheckRating[] {
  return parseJsonColumn(ratingList, text);
}

export interface ResolutionKey {
  target: BiasTarget;
  targetId: string;
  ruleId: string;
  phrase: string;
}

/** One flagged phrase however it is capitalised or wherever it recurs in the same text. */
export const resolutionKey = (key: ResolutionKey) =>
  `${key.target}\u0000${key.targetId}\u0000${key.ruleId}\u0000${key.phrase.toLowerCase()}`;

export class BiasCheckRepository {
  constructor(private readonly db: Db) {}

  async resolutions(
    interviewId: string,
    authorId?: string,
  ): Promise<Array<BiasResolution & { authorId: string }>> {
    let query = this.db
      .selectFrom('bias_resolutions')
      .leftJoin('users as reviewer', 'reviewer.id', 'bias_resolutions.reviewed_by')
      .selectAll('bias_resolutions')
      .select('reviewer.name as reviewer_name')
      .where('interview_id', '=', interviewId);
    if (authorId) query = query.where('author_id', '=', authorId);
    const rows = await query.orderBy('resolved_at').orderBy('bias_resolutions.id').execute();
    return rows.map((row) => ({
      authorId: row.author_id,
      target: row.target as BiasTarget,
      targetId: row.target_id,
      ruleId: row.rule_id,
      phrase: row.phrase,
      resolution: row.resolution as BiasResolution['resolution'],
      reason: row.reason,
      resolvedAt: row.resolved_at,
      category: row.category as BiasCategory | null,
      review: row.review_status
        ? {
            status: row.review_status as KeepReviewStatus,
            reviewerId: row.reviewed_by,
            reviewerName: row.reviewer_name ?? null,
            reviewedAt: row.reviewed_at,
          }
        : null,
    }));
  }

  /** Records a second reviewer's verdict on a kept phrase; false when it was no longer pending. */
  async review(
    interviewId: string,
    authorId: string,
    key: ResolutionKey,
    status: 'confirmed' | 'rejected',
    reviewerId: string,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('bias_resolutions')
      .set({ review_status: status, reviewed_by: reviewerId, reviewed_at: DateTime.utc().toISO() })
      .where('interview_id', '=', interviewId)
      .where('author_id', '=', authorId)
      .where('target', '=', key.target)
      .where('target_id', '=', key.targetId)
      .where('rule_id', '=', key.ruleId)
      .where('phrase', '=', key.phrase.toLowerCase())
      .where('resolution', '=', 'kept')
      .where('review_status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Records (or replaces) how a phrase was resolved; one row per phrase and text. A keep that
   * needs a second reviewer starts (again) as pending: a new reason is a new request.
   */
  async resolve(
    interviewId: string,
    authorId: string,
    key: ResolutionKey,
    resolution: BiasResolution['resolution'],
    reason: string,
    category: BiasCategory,
    needsReview = false,
  ): Promise<void> {
    const values = {
      resolution,
      reason,
      category,
      resolved_at: DateTime.utc().toISO(),
      review_status: needsReview ? 'pending' : null,
      reviewed_by: null,
      reviewed_at: null,
    };
    await this.db
      .insertInto('bias_resolutions')
      .values({
        id: randomUUID(),
        interview_id: interviewId,
        author_id: authorId,
        target: key.target,
        target_id: key.targetId,
        rule_id: key.ruleId,
        phrase: key.phrase.toLowerCase(),
        ...values,
      })
      .onConflict((conflict) =>
        conflict
          .columns(['interview_id', 'author_id', 'target', 'target_id', 'rule_id', 'phrase'])
          .doUpdateSet(values),
      )
      .execute();
  }

  /** The author's scorecard row, or undefined before the first draft. */
  /** The recommendation on one panel member's scorecard, read in the caller's transaction. */
  async recommendation(
    interviewId: string,
    authorId: string,
    executor: Kysely<Database> = this.db,
  ): Promise<string | null> {
    const card = await executor
      .selectFrom('scorecards')
      .select('recommendation')
      .where('interview_id', '=', interviewId)
      .where('author_id', '=', authorId)
      .executeTakeFirst();
    return card?.recommendation ?? null;
  }

  scorecard(interviewId: string, authorId: string) {
    return this.db
      .selectFrom('scorecards')
      .selectAll()
      .where('interview_id', '=', interviewId)
      .where('author_id', '=', authorId)
      .executeTakeFirst();
  }

  /**
   * Interviews of the same position, other than this one, that the author has rated (a scorecard
   * with ratings), with their start and time zone so the caller can compare local days.
   */
  async ratedForPosition(positionId: string, authorId: string, exceptInterviewId: string) {
    const rows = await this.db
      .selectFrom('scorecards')
      .innerJoin('interviews', 'interviews.id', 'scorecards.interview_id')
      .select(['interviews.starts_at', 'interviews.time_zone', 'scorecards.ratings'])
      .where('interviews.position_id', '=', positionId)
      .where('scorecards.author_id', '=', authorId)
      .where('interviews.id', '!=', exceptInterviewId)
      .execute();
    return rows.filter((row) => row.ratings !== '[]');
  }

  async terms(): Promise<BiasTerm[]> {
    const rows = await this.db.selectFrom('bias_terms').selectAll().orderBy('phrase').execute();
    return rows.map(toTerm);
  }

  async term(id: string): Promise<BiasTerm | null> {
    const row = await this.db.selectFrom('bias_terms').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toTerm(row) : null;
  }

  async termByPhrase(phrase: string) {
    return this.db.selectFrom('bias_terms').select('id').where('phrase', '=', phrase).executeTakeFirst();
  }

  async insertTerm(term: CustomBiasTerm, createdBy: string): Promise<string> {
    const id = randomUUID();
    const now = DateTime.utc().toISO();
    await this.db
      .insertInto('bias_terms')
      .values({ id, ...termColumns(term), created_by: createdBy, created_at: now, updated_at: now })
      .execute();
    return id;
  }

  async updateTerm(id: string, term: CustomBiasTerm): Promise<void> {
    await this.db
      .updateTable('bias_terms')
      .set({ ...termColumns(term), updated_at: DateTime.utc().toISO() })
      .where('id', '=', id)
      .execute();
  }

  async deleteTerm(id: string): Promise<void> {
    await this.db.deleteFrom('bias_terms').where('id', '=', id).execute();
  }
}

function termColumns(term: CustomBiasTerm) {
  return {
    phrase: term.phrase,
    category: term.category,
    message: term.message,
    suggestion: term.suggestion,
    unless: JSON.stringify(term.unless ?? []),
  };
}

function toTerm(row: Database['bias_terms']): BiasTerm {
  const unless = parseJsonColumn(phraseList, row.unless);
  return {
    id: row.id,
    phrase: row.phrase,
    category: row.category as BiasTerm['category'],
    message: row.message,
    suggestion: row.suggestion,
    ...(unless.length ? { unless } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
