import { randomUUID } from 'node:crypto';
import { type Note, noteTags } from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { CommitGroup } from '../../platform/db/commit-group.ts';
import type { Db } from '../../platform/db/database.ts';
import { parseJsonColumn } from '../../platform/db/json-column.ts';
import { after, encodeCursor } from '../../platform/db/keyset.ts';
import { preparedQuery } from '../../platform/db/prepared-query.ts';
import type { Database } from '../../platform/db/schema.ts';

export type NoteRow = Database['notes'];

// Built once: every note read (a page holds up to 500, each with its revisions) parses its tags.
const storedTags = z.array(z.enum(noteTags));

export class NotesRepository {
  /** New notes saved in the same turn of the event loop commit together. */
  private readonly commits: CommitGroup;

  constructor(private readonly db: Db) {
    this.commits = new CommitGroup(db);
  }

  findById(id: string) {
    return this.db.selectFrom('notes').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The live path's one write, compiled once (see preparedQuery). */
  private readonly insertIfNew = preparedQuery(
    [
      'id',
      'interview_id',
      'author_id',
      'stage',
      'offset_ms',
      'text',
      'tags',
      'created_at',
      'updated_at',
      'deleted_at',
    ] as const,
    (row) =>
      this.db
        .insertInto('notes')
        .values(row)
        .onConflict((conflict) => conflict.column('id').doNothing()),
  );

  /**
   * False when a note with this id exists already: the save is idempotent on the client's id, and
   * checking in the INSERT itself spares every save a read first. `alsoInTransaction` commits with
   * a new note (its audit entry): one commit, so one fsync, for a save or for the saves that arrived
   * with it (CommitGroup); the promise settles once that commit is durable.
   */
  async insertNew(
    row: NoteRow,
    alsoInTransaction: (trx: Kysely<Database>) => Promise<void>,
  ): Promise<boolean> {
    return this.commits.run(async (trx) => {
      const result = await this.insertIfNew(trx, row);
      const inserted = Number(result.numAffectedRows ?? 0n) > 0;
      // A resend of a saved note changes nothing: the edge audits it as a read of that note.
      if (inserted) await alsoInTransaction(trx);
      return inserted;
    });
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

  /**
   * One page of an interview's notes by these authors, oldest first by (created_at, id). Each
   * author's page is read in order from `notes_interview_author_created` and the pages merged, so
   * a page costs about `limit` rows per author however long the interview (as one query over
   * all the authors, PostgreSQL sorted every note of a long interview for each page). The page
   * holds up to `limit` notes and ends early once its JSON passes `maxBytes` (a note can carry
   * 5,000 characters and revisions), with at least one note so the reader always moves on.
   */
  async page(
    interviewId: string,
    authorIds: readonly string[],
    options: { after?: readonly string[]; limit: number; maxBytes: number },
  ): Promise<{ notes: Note[]; nextCursor: string | null }> {
    if (authorIds.length === 0) return { notes: [], nextCursor: null };
    const branches = authorIds.map((authorId, index) =>
      this.db
        .selectFrom(
          this.withAuthor()
            .where('notes.interview_id', '=', interviewId)
            .where('notes.author_id', '=', authorId)
            .where('notes.deleted_at', 'is', null)
            .$if(options.after !== undefined, (query) =>
              query.where((eb) => after(eb, ['notes.created_at', 'notes.id'], options.after!, 'asc')),
            )
            .orderBy('notes.created_at')
            .orderBy('notes.id')
            .limit(options.limit + 1)
            .as(`author_${index}`),
        )
        .selectAll(),
    );
    let union = branches[0]!;
    for (const branch of branches.slice(1)) union = union.unionAll(branch);
    const rows = await union
      .orderBy('created_at')
      .orderBy('id')
      .limit(options.limit + 1)
      .execute();
    const notes = await this.withRevisions(rows.slice(0, options.limit));
    let bytes = 0;
    let kept = 0;
    while (kept < notes.length) {
      bytes += Buffer.byteLength(JSON.stringify(notes[kept]));
      if (kept > 0 && bytes > options.maxBytes) break;
      kept++;
    }
    const page = notes.slice(0, kept);
    const more = kept < notes.length || rows.length > options.limit;
    const last = page.at(-1);
    return { notes: page, nextCursor: more && last ? encodeCursor([last.createdAt, last.id]) : null };
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
    const revisionsOf = new Map<string, typeof revisions>();
    for (const revision of revisions) {
      const list = revisionsOf.get(revision.note_id);
      if (list) list.push(revision);
      else revisionsOf.set(revision.note_id, [revision]);
    }
    return rows.map((row) => ({
      id: row.id,
      authorId: row.author_id,
      authorName: row.author_name,
      stage: row.stage,
      offsetMs: row.offset_ms,
      text: row.text,
      tags: parseJsonColumn(storedTags, row.tags),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      deleted: row.deleted_at !== null,
      revisions: (revisionsOf.get(row.id) ?? []).map((revision) => ({
        text: revision.text,
        tags: parseJsonColumn(storedTags, revision.tags),
        revisedAt: revision.revised_at,
      })),
    }));
  }
}
