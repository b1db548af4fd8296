import { randomUUID } from 'node:crypto';
import type { Note, NoteTag } from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';

export type NoteRow = Database['notes'];

export class NotesRepository {
  constructor(private readonly db: Db) {}

  findById(id: string) {
    return this.db.selectFrom('notes').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * False when a note with this id exists already: the save is idempotent on the client's id, and
   * checking in the INSERT itself spares every save a read first.
   */
  async insertNew(row: NoteRow): Promise<boolean> {
    const result = await this.db
      .insertInto('notes')
      .values(row)
      .onConflict((conflict) => conflict.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /** Keeps the previous wording as a revision and applies the new one, atomically. */
  async revise(note: NoteRow, changes: { text: string; tags: string; deleted_at?: string }): Promise<void> {
    const now = DateTime.utc().toISO();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('note_revisions')
        .values({ id: randomUUID(), note_id: note.id, text: note.text, tags: note.tags, revised_at: now })
        .execute();
      await trx
        .updateTable('notes')
        .set({ ...changes, updated_at: now })
        .where('id', '=', note.id)
        .execute();
    });
  }

  /** Notes of an interview with author names and revisions; `authorId` narrows to one author. */
  async list(
    interviewId: string,
    options: { authorId?: string; includeDeleted?: boolean } = {},
  ): Promise<Note[]> {
    let query = this.withAuthor().where('notes.interview_id', '=', interviewId);
    if (options.authorId) query = query.where('notes.author_id', '=', options.authorId);
    if (!options.includeDeleted) query = query.where('notes.deleted_at', 'is', null);
    return this.withRevisions(await query.orderBy('notes.created_at').execute());
  }

  async get(noteId: string): Promise<Note | null> {
    const rows = await this.withAuthor().where('notes.id', '=', noteId).execute();
    return (await this.withRevisions(rows))[0] ?? null;
  }

  private withAuthor() {
    return this.db
      .selectFrom('notes')
      .innerJoin('users', 'users.id', 'notes.author_id')
      .selectAll('notes')
      .select('users.name as author_name');
  }

  private async withRevisions(rows: Array<NoteRow & { author_name: string }>): Promise<Note[]> {
    // Guard against an invalid `IN ()` when there are no notes.
    const revisions = rows.length
      ? await this.db
          .selectFrom('note_revisions')
          .selectAll()
          .where(
            'note_id',
            'in',
            rows.map((row) => row.id),
          )
          .orderBy('revised_at')
          .execute()
      : [];
    return rows.map((row) => ({
      id: row.id,
      authorId: row.author_id,
      authorName: row.author_name,
      stage: row.stage,
      offsetMs: row.offset_ms,
      text: row.text,
      tags: JSON.parse(row.tags) as NoteTag[],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      deleted: row.deleted_at !== null,
      revisions: revisions
        .filter((revision) => revision.note_id === row.id)
        .map((revision) => ({
          text: revision.text,
          tags: JSON.parse(revision.tags) as NoteTag[],
          revisedAt: revision.revised_at,
        })),
    }));
  }
}
