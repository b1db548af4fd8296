import {
  AppError,
  type EditNoteRequest,
  type Note,
  type NotePageQuery,
  notFound,
  type PanelMemberState,
  panelMemberStateLabels,
  type putNoteRequest,
  type Stage,
  visibleAuthorIds,
  writesNotes,
} from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { RealtimeHub } from '../../platform/realtime/realtime-hub.ts';
import type { InterviewsService } from '../interviews/service.ts';
import type { NotesRepository } from './repository.ts';

/** Half the 1 MB no answer may pass: the rest of a report, or a page's envelope, fits beside it. */
export const NOTE_PAGE_BYTES = 512 * 1024;

/** Notes are written from check-in until the author's own submission (the process model's window). */
function assertMayWrite(stage: Stage, state: PanelMemberState | null): void {
  if (writesNotes(state)) return;
  throw new AppError(
    'conflict',
    state === 'submitted'
      ? 'Your notes are locked: you submitted your impression.'
      : `Notes are taken from check-in until you submit your impression; you are ${
          state ? panelMemberStateLabels[state].toLowerCase() : 'not on the panel'
        } and this interview is ${stage}.`,
  );
}

export class NotesService {
  constructor(
    private readonly interviews: InterviewsService,
    private readonly notes: NotesRepository,
    private readonly hub: RealtimeHub,
  ) {}

  /**
   * Each panel member sees only their own notes until they have submitted, then those of the
   * members who have submitted too, so nobody's judgement leans on another's before it is formed.
   */
  async list(
    actor: Actor,
    interviewId: string,
    query: NotePageQuery,
  ): Promise<{ notes: Note[]; nextCursor: string | null }> {
    const { process, reader } = await this.interviews.accessWithPanel(actor, interviewId, 'take_notes');
    return this.notes.page(interviewId, visibleAuthorIds(process, reader), {
      after: query.cursor,
      limit: query.limit,
      maxBytes: NOTE_PAGE_BYTES,
    });
  }

  /** Idempotent on the client's note id, so a resend after a lost acknowledgement never duplicates. */
  async put(
    actor: Actor,
    interviewId: string,
    noteId: string,
    request: z.output<typeof putNoteRequest>,
    /** Writes the request's audit entry in the note's transaction. */
    audit: (trx: Kysely<Database>, candidateId: string | null) => Promise<void>,
  ): Promise<Note> {
    // Only the author's own path decides the window: the rest of the panel is not read.
    const { interview, state } = await this.interviews.accessAsMember(actor, interviewId, 'take_notes');
    // A resend of a saved note answers with it, even once the window has closed.
    if (!writesNotes(state)) {
      const saved = await this.resent(actor, interviewId, noteId);
      if (saved) return saved;
      assertMayWrite(interview.stage, state);
    }
    const stage = interview.stage;
    const now = new Date().toISOString();
    const inserted = await this.notes.insertNew(
      {
        id: noteId,
        interview_id: interviewId,
        author_id: actor.id,
        stage,
        offset_ms: request.offsetMs,
        text: request.text,
        tags: JSON.stringify(request.tags),
        created_at: now,
        updated_at: now,
        deleted_at: null,
      },
      (trx) => audit(trx, interview.candidate_id),
    );
    if (!inserted) {
      const saved = await this.resent(actor, interviewId, noteId);
      if (saved) return saved;
      throw new AppError('conflict', 'This note id is already taken.');
    }
    this.announce(interviewId, actor);
    // A new note has no revisions and its author is the actor: nothing to read back.
    return {
      id: noteId,
      authorId: actor.id,
      authorName: actor.name,
      stage,
      offsetMs: request.offsetMs,
      text: request.text,
      tags: request.tags,
      createdAt: now,
      updatedAt: now,
      deleted: false,
      revisions: [],
    };
  }

  async edit(actor: Actor, interviewId: string, noteId: string, request: EditNoteRequest): Promise<Note> {
    const note = await this.ownNote(actor, interviewId, noteId);
    if (note.text !== request.text || note.tags !== JSON.stringify(request.tags)) {
      await this.notes.revise(note, { text: request.text, tags: JSON.stringify(request.tags) });
      this.announce(interviewId, actor);
    }
    return this.one(noteId);
  }

  async remove(actor: Actor, interviewId: string, noteId: string): Promise<void> {
    const note = await this.ownNote(actor, interviewId, noteId);
    if (!note.deleted_at) {
      await this.notes.revise(note, { text: note.text, tags: note.tags, deleted_at: DateTime.utc().toISO() });
      this.announce(interviewId, actor);
    }
  }

  /** The author's other devices refresh their notes; nobody else hears of private notes. */
  private announce(interviewId: string, actor: Actor): void {
    this.hub.publish(interviewId, { kind: 'notes_changed', authorId: actor.id });
  }

  private async ownNote(actor: Actor, interviewId: string, noteId: string) {
    const { interview, state } = await this.interviews.accessAsMember(actor, interviewId, 'take_notes');
    const note = await this.notes.findById(noteId);
    // Someone else's note answers like a missing one: its existence is private too.
    if (!note || note.interview_id !== interviewId || note.author_id !== actor.id) throw notFound('Note');
    assertMayWrite(interview.stage, state);
    return note;
  }

  /** The actor's own note under this id (an idempotent resend); someone else's id is refused. */
  private async resent(actor: Actor, interviewId: string, noteId: string): Promise<Note | undefined> {
    const existing = await this.notes.findById(noteId);
    if (!existing) return undefined;
    if (existing.author_id !== actor.id || existing.interview_id !== interviewId) {
      throw new AppError('conflict', 'This note id is already taken.');
    }
    return this.one(noteId);
  }

  private async one(noteId: string): Promise<Note> {
    return (await this.notes.get(noteId))!;
  }
}
