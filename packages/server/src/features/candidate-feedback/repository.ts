import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

export class CandidateFeedbackRepository {
  constructor(private readonly db: Kysely<Database>) {}

  positions() {
    return this.db.selectFrom('positions').select(['id', 'title']).orderBy('title').execute();
  }

  /** Every survey answer, without who or when: only the position ties it to anything. */
  answers() {
    return this.db
      .selectFrom('candidate_feedback')
      .select(['position_id', 'prepared_score', 'surprise', 'comments'])
      .execute();
  }
}
