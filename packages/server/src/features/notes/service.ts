import {
  AppError,
  type EditNoteRequest,
  type Note,
  notFound,
  type putNoteRequest,
  type Stage,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import type { RealtimeHub } from '../../platform/realtime/realtime-hub.ts';
import type { InterviewsService } from '../interviews/service.ts';
import type { NotesRepository } from './repository.ts';

/** Notes are taken from check-in to the end of refinement; after submission they are locked. */
const noteStages: readonly Stage[] = [
  'checked_in',
  'setup',
  'pairing',
  'wrap',
  'break',
  'retrospective',
  'refinement',
];

export class NotesService {
  constructor(
    private readonly interviews: InterviewsService,
    private readonly notes: NotesRepository,
    private readonly hub: RealtimeHub,
  ) {}

  /**
   * Each panel member sees only their own notes until the whole panel has submitted,
   * so nobody's judgement leans on another's before it is formed.
   */
  async list(actor: Actor, interviewId: string): Promise<Note[]> {
    const { interview, shadowIds } = await this.interviews.access(actor, interviewId, 'take_notes');
    const everyone = await this.notes.panelSubmitted(interviewId, [interview.navigator_id, ...shadowIds]);
    return this.notes.list(interviewId, everyone ? {} : { authorId: actor.id });
  }

  /** Idempotent on the client's note id, so a resend after a lost acknowledgement never duplicates. */
  async put(
    actor: Actor,
    interviewId: string,
    noteId: string,
    request: z.output<typeof putNoteRequest>,
  ): Promise<Note> {
    const { interview } = await this.interviews.access(actor, interviewId, 'take_notes');
    const existing = await this.notes.findById(noteId);
    if (existing) {
      if (existing.author_id !== actor.id || existing.interview_id !== interviewId) {
        throw new AppError('conflict', 'This note id is already taken.');
      }
      return this.one(noteId);
    }
    const stage = interview.stage as Stage;
    if (!noteStages.includes(stage)) {
      throw new AppError(
        'conflict',
        `Notes are taken from check-in to the end of refinement; this interview is ${stage}.`,
      );
    }
    const now = DateTime.utc().toISO();
    await this.notes.insert({
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
    });
    this.announce(interviewId, actor);
    return this.one(noteId);
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
    const { interview } = await this.interviews.access(actor, interviewId, 'take_notes');
    const note = await this.notes.findById(noteId);
    // Someone else's note answers like a missing one: its existence is private too.
    if (!note || note.interview_id !== interviewId || note.author_id !== actor.id) throw notFound('Note');
    if (!noteStages.includes(interview.stage as Stage)) {
      throw new AppError('conflict', 'Notes are locked once the impression was submitted.');
    }
    return note;
  }

  private async one(noteId: string): Promise<Note> {
    return (await this.notes.get(noteId))!;
  }
}
