import { type FocusAttribute, focusAttribute, type Rating, rating, scorecard } from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseJsonColumn, toJsonColumn } from '../../platform/db/json-column.ts';
import type { Database } from '../../platform/db/schema.ts';

type Executor = Kysely<Database>;
type ScorecardRow = Database['scorecards'];

/** A scorecard as stored, its JSON columns read through their schemas. */
export interface StoredScorecard {
  interviewId: string;
  authorId: string;
  authorName: string;
  ratings: Rating[];
  impression: string;
  recommendation: z.output<typeof scorecard>['recommendation'];
  biasChecklist: z.output<typeof scorecard>['biasChecklist'];
  submittedAt: string | null;
  updatedAt: string;
  impressionDraftedAt: string | null;
  /** Frozen at submission; null while a draft follows the position's attributes. */
  focusAttributes: FocusAttribute[] | null;
}

const ratingList = z.array(rating);
const attributeList = z.array(focusAttribute);
const biasChecklist = scorecard.shape.biasChecklist;

function fromRow(row: ScorecardRow & { author_name: string }): StoredScorecard {
  return {
    interviewId: row.interview_id,
    authorId: row.author_id,
    authorName: row.author_name,
    ratings: parseJsonColumn(ratingList, row.ratings),
    impression: row.impression,
    recommendation: scorecard.shape.recommendation.parse(row.recommendation),
    biasChecklist: parseJsonColumn(biasChecklist, row.bias_checklist),
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    impressionDraftedAt: row.impression_drafted_at,
    focusAttributes: row.focus_attributes ? parseJsonColumn(attributeList, row.focus_attributes) : null,
  };
}

export class ScorecardsRepository {
  constructor(private readonly db: Executor) {}

  async list(interviewId: string): Promise<StoredScorecard[]> {
    const rows = await this.db
      .selectFrom('scorecards')
      .innerJoin('users', 'users.id', 'scorecards.author_id')
      .selectAll('scorecards')
      .select('users.name as author_name')
      .where('scorecards.interview_id', '=', interviewId)
      .execute();
    return rows.map(fromRow);
  }

  async find(interviewId: string, authorId: string): Promise<StoredScorecard | undefined> {
    const row = await this.db
      .selectFrom('scorecards')
      .innerJoin('users', 'users.id', 'scorecards.author_id')
      .selectAll('scorecards')
      .select('users.name as author_name')
      .where('scorecards.interview_id', '=', interviewId)
      .where('scorecards.author_id', '=', authorId)
      .executeTakeFirst();
    return row && fromRow(row);
  }

  /** The attributes the interview's position rates on today. */
  async positionAttributes(interviewId: string): Promise<FocusAttribute[]> {
    const row = await this.db
      .selectFrom('interviews')
      .innerJoin('positions', 'positions.id', 'interviews.position_id')
      .select('positions.focus_attributes')
      .where('interviews.id', '=', interviewId)
      .executeTakeFirstOrThrow();
    return parseJsonColumn(attributeList, row.focus_attributes);
  }

  async saveDraft(
    interviewId: string,
    authorId: string,
    draft: {
      ratings: Rating[];
      impression: string;
      recommendation: string | null;
      biasChecklist: unknown;
      updatedAt: string;
      impressionDraftedAt: string | null;
    },
  ): Promise<void> {
    const values = {
      ratings: toJsonColumn(draft.ratings),
      impression: draft.impression,
      recommendation: draft.recommendation,
      bias_checklist: toJsonColumn(draft.biasChecklist),
      updated_at: draft.updatedAt,
      impression_drafted_at: draft.impressionDraftedAt,
    };
    await this.db
      .insertInto('scorecards')
      .values({ interview_id: interviewId, author_id: authorId, submitted_at: null, ...values })
      .onConflict((conflict) => conflict.columns(['interview_id', 'author_id']).doUpdateSet(values))
      .execute();
  }

  /** Submits and freezes a scorecard, inside the transaction that records it. */
  async lock(
    trx: Executor,
    interviewId: string,
    authorId: string,
    frozen: { submittedAt: string; focusAttributes: FocusAttribute[]; ratings: Rating[] },
  ): Promise<void> {
    await trx
      .updateTable('scorecards')
      .set({
        submitted_at: frozen.submittedAt,
        focus_attributes: toJsonColumn(frozen.focusAttributes),
        ratings: toJsonColumn(frozen.ratings),
      })
      .where('interview_id', '=', interviewId)
      .where('author_id', '=', authorId)
      .execute();
  }

  /** The ids of the author's notes on the interview, deleted ones too when asked. */
  async ownNoteIds(interviewId: string, authorId: string, includeDeleted: boolean): Promise<Set<string>> {
    let query = this.db
      .selectFrom('notes')
      .select('id')
      .where('interview_id', '=', interviewId)
      .where('author_id', '=', authorId);
    if (!includeDeleted) query = query.where('deleted_at', 'is', null);
    const rows = await query.execute();
    return new Set(rows.map((note) => note.id));
  }
}
