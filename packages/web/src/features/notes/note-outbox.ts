import type { NoteTag } from '@pairwise/domain';

/**
 * Notes are written here before they are sent, so a note typed while the network or server is
 * away survives a reload and is sent later under the same client id (the PUT is idempotent).
 * localStorage is synchronous, so the note is stored before the Enter key handler returns.
 */
export interface PendingNote {
  id: string;
  interviewId: string;
  text: string;
  tags: NoteTag[];
  offsetMs: number | null;
  queuedAt: string;
  /** Set when the server refused the note for a reason retrying will not fix. */
  rejection?: string;
}

const KEY = 'pairwise.note-outbox.v1';

function readAll(): PendingNote[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as PendingNote[]) : [];
  } catch {
    return [];
  }
}

function writeAll(notes: PendingNote[]) {
  localStorage.setItem(KEY, JSON.stringify(notes));
}

export function pendingNotes(interviewId: string): PendingNote[] {
  return readAll().filter((note) => note.interviewId === interviewId);
}

export function enqueueNote(note: PendingNote) {
  writeAll([...readAll().filter((n) => n.id !== note.id), note]);
}

export function removePendingNote(id: string) {
  writeAll(readAll().filter((n) => n.id !== id));
}

export function markNoteRejected(id: string, rejection: string) {
  writeAll(readAll().map((n) => (n.id === id ? { ...n, rejection } : n)));
}
