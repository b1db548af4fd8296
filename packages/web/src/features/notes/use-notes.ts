import type { Note, NoteTag } from '@pairwise/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../lib/api-client.ts';
import { newClientId } from '../../lib/client-id.ts';
import {
  enqueueNote,
  markNoteRejected,
  type PendingNote,
  pendingNotes,
  removePendingNote,
} from './note-outbox.ts';

export type SyncState = 'saved' | 'sending' | 'waiting' | 'rejected';

/** A note as the page shows it: the server's copy, or one still in the outbox. */
export interface ShownNote {
  id: string;
  text: string;
  tags: NoteTag[];
  offsetMs: number | null;
  createdAt: string;
  authorName: string | null;
  sync: SyncState;
  rejection?: string;
  saved?: Note;
}

const RETRY_MS = 5_000;

function fromPending(note: PendingNote, sending: boolean): ShownNote {
  return {
    id: note.id,
    text: note.text,
    tags: note.tags,
    offsetMs: note.offsetMs,
    createdAt: note.queuedAt,
    authorName: null,
    sync: note.rejection ? 'rejected' : sending ? 'sending' : 'waiting',
    rejection: note.rejection,
  };
}

function fromSaved(note: Note): ShownNote {
  return {
    id: note.id,
    text: note.text,
    tags: note.tags,
    offsetMs: note.offsetMs,
    createdAt: note.createdAt,
    authorName: note.authorName,
    sync: 'saved',
    saved: note,
  };
}

/** The interview's notes, newest first, with the outbox merged in and retried until acknowledged. */
export function useNotes(interviewId: string, version = 0) {
  const [saved, setSaved] = useState<Note[]>([]);
  const [pending, setPending] = useState<PendingNote[]>(() => pendingNotes(interviewId));
  const [sending, setSending] = useState<ReadonlySet<string>>(new Set());
  const [loadError, setLoadError] = useState<unknown>(null);
  const inFlight = useRef(new Set<string>());

  const refreshPending = useCallback(() => setPending(pendingNotes(interviewId)), [interviewId]);

  const send = useCallback(
    async (note: PendingNote) => {
      if (inFlight.current.has(note.id) || note.rejection) return;
      inFlight.current.add(note.id);
      setSending(new Set(inFlight.current));
      try {
        const answer = await api.put<{ note: Note }>(`/interviews/${interviewId}/notes/${note.id}`, {
          text: note.text,
          tags: note.tags,
          offsetMs: note.offsetMs,
        });
        removePendingNote(note.id);
        setSaved((notes) => [answer.note, ...notes.filter((n) => n.id !== answer.note.id)]);
      } catch (error) {
        // Network trouble and server faults are retried; a refusal (4xx) would be refused again.
        const permanent = error instanceof ApiError && error.status >= 400 && error.status < 500;
        if (permanent && error.status !== 401) markNoteRejected(note.id, error.message);
      } finally {
        inFlight.current.delete(note.id);
        setSending(new Set(inFlight.current));
        refreshPending();
      }
    },
    [interviewId, refreshPending],
  );

  const flush = useCallback(() => {
    for (const note of pendingNotes(interviewId)) void send(note);
  }, [interviewId, send]);

  const reload = useCallback(async () => {
    try {
      const answer = await api.get<{ notes: Note[] }>(`/interviews/${interviewId}/notes`);
      setSaved(answer.notes);
      setLoadError(null);
    } catch (error) {
      setLoadError(error);
    }
  }, [interviewId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version means "fetch again".
  useEffect(() => {
    void reload();
  }, [reload, version]);

  useEffect(() => {
    flush();
    const timer = window.setInterval(flush, RETRY_MS);
    window.addEventListener('online', flush);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('online', flush);
    };
  }, [flush]);

  const addNote = useCallback(
    (text: string, tags: NoteTag[], offsetMs: number | null) => {
      const note: PendingNote = {
        id: newClientId(),
        interviewId,
        text,
        tags,
        offsetMs,
        queuedAt: new Date().toISOString(),
      };
      enqueueNote(note);
      refreshPending();
      void send(note);
    },
    [interviewId, refreshPending, send],
  );

  const discardRejected = useCallback(
    (id: string) => {
      removePendingNote(id);
      refreshPending();
    },
    [refreshPending],
  );

  const replaceSaved = useCallback((note: Note) => {
    setSaved((notes) => notes.map((n) => (n.id === note.id ? note : n)));
  }, []);

  const savedIds = new Set(saved.map((n) => n.id));
  const shown = [
    ...pending.filter((n) => !savedIds.has(n.id)).map((n) => fromPending(n, sending.has(n.id))),
    ...saved.filter((n) => !n.deleted).map(fromSaved),
  ].sort(byNewestFirst);

  return { notes: shown, savedNotes: saved, loadError, addNote, discardRejected, replaceSaved, reload };
}

function byNewestFirst(a: ShownNote, b: ShownNote): number {
  if (a.offsetMs !== null && b.offsetMs !== null && a.offsetMs !== b.offsetMs) return b.offsetMs - a.offsetMs;
  return Date.parse(b.createdAt) - Date.parse(a.createdAt);
}
