import { type Retrospective, retrospectiveRequest } from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseJsonColumn, toJsonColumn } from '../../platform/db/json-column.ts';
import type { Database } from '../../platform/db/schema.ts';

type Executor = Kysely<Database>;

const idList = z.array(z.string());
const answers = retrospectiveRequest.shape.answers;

export class RetrospectivesRepository {
  constructor(private readonly db: Executor) {}

  async find(interviewId: string): Promise<Retrospective | null> {
    const row = await this.db
      .selectFrom('retrospectives')
      .selectAll()
      .where('interview_id', '=', interviewId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      sharedNoteIds: parseJsonColumn(idList, row.shared_note_ids),
      answers: parseJsonColumn(answers, row.answers),
      deadline: row.deadline,
      nextSteps: row.next_steps,
      updatedAt: row.updated_at,
    };
  }

  /** The interview's notes that are not deleted, with their tags: what may be shared. */
  async liveNotes(interviewId: string): Promise<Array<{ id: string; tags: string[] }>> {
    const rows = await this.db
      .selectFrom('notes')
      .select(['id', 'tags'])
      .where('interview_id', '=', interviewId)
      .where('deleted_at', 'is', null)
      .execute();
    return rows.map((row) => ({ id: row.id, tags: parseJsonColumn(idList, row.tags) }));
  }

  async save(
    interviewId: string,
    retrospective: Omit<Retrospective, 'updatedAt'>,
    now: string,
  ): Promise<void> {
    const values = {
      shared_note_ids: toJsonColumn(retrospective.sharedNoteIds),
      answers: toJsonColumn(retrospective.answers),
      deadline: retrospective.deadline,
      next_steps: retrospective.nextSteps,
      updated_at: now,
    };
    await this.db
      .insertInto('retrospectives')
      .values({ interview_id: interviewId, ...values })
      .onConflict((conflict) => conflict.column('interview_id').doUpdateSet(values))
      .execute();
  }

  /** See `RetrospectivesService.recordDeadlineIfMissing`: runs in the caller's transaction. */
  async recordDeadlineIfMissing(
    trx: Executor,
    interviewId: string,
    deadline: string,
    now: string,
  ): Promise<boolean> {
    const existing = await trx
      .selectFrom('retrospectives')
      .select('deadline')
      .where('interview_id', '=', interviewId)
      .executeTakeFirst();
    if (existing?.deadline) return false;
    if (existing) {
      await trx
        .updateTable('retrospectives')
        .set({ deadline, updated_at: now })
        .where('interview_id', '=', interviewId)
        .where('deadline', 'is', null)
        .execute();
      return true;
    }
    await trx
      .insertInto('retrospectives')
      .values({
        interview_id: interviewId,
        shared_note_ids: toJsonColumn([]),
        answers: toJsonColumn({ solution: '', learned: '', change: '' }),
        deadline,
        next_steps: '',
        updated_at: now,
      })
      .execute();
    return true;
  }
}
