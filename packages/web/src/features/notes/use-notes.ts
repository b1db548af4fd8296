import type { Note, NoteTag } from '@pairwise/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../lib/api-client.ts';
import { newClientId } from '../../lib/client-id.ts';
import {
  enqueueNote,
  markNoteRejected,
  nextOrder,
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

const browserOnline = () => typeof navigator === 'undefined' || navigator.onLine !== false;

/**
 * The interview's notes, newest first, with the outbox merged in. The outbox is sent one note at
 * a time, oldest first, stopping at the first that cannot get through: notes reach the server in
 * the order they were written, after a drop, a reload or a closed tab alike.
 */
export function useNotes(interviewId: string, version = 0) {
  const [saved, setSaved] = useState<Note[]>([]);
  const [pending, setPending] = useState<PendingNote[]>([]);
  const [sendingId, setSendingId] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  // False while the browser says it is offline or the last send could not reach the server.
  const [reachable, setReachable] = useState(browserOnline);
  const flushing = useRef(false);
  const again = useRef(false);

  const refreshPending = useCallback(async () => {
    try {
      setPending(await pendingNotes(interviewId));
    } catch {
      // The outbox could not be read; what is on screen stays.
    }
  }, [interviewId]);

  /** True when the note was settled (saved or refused for good), false when it must wait. */
  const send = useCallback(
    async (note: PendingNote): Promise<boolean> => {
      setSendingId(note.id);
      try {
        const answer = await api.put<{ note: Note }>(`/interviews/${interviewId}/notes/${note.id}`, {
          text: note.text,
          tags: note.tags,
          offsetMs: note.offsetMs,
        });
        await removePendingNote(note.id);
        setSaved((notes) => [answer.note, ...notes.filter((n) => n.id !== answer.note.id)]);
        setReachable(true);
        return true;
      } catch (error) {
        // Network trouble and server faults are retried; a refusal (4xx) would be refused again.
        const status = error instanceof ApiError ? error.status : 0;
        if (status === 0) setReachable(false);
        if (status >= 400 && status < 500 && status !== 401 && status !== 429 && status !== 408) {
          await markNoteRejected(note, (error as Error).message);
          return true;
        }
        return false;
      } finally {
        setSendingId(null);
      }
    },
    [interviewId],
  );

  const flush = useCallback(async () => {
    if (flushing.current) {
      again.current = true;
      return;
    }
    flushing.current = true;
    try {
      do {
        again.current = false;
        for (const note of await pendingNotes(interviewId)) {
          if (note.rejection) continue;
          if (!(await send(note))) break;
        }
      } while (again.current);
    } catch {
      // The outbox could not be read; the next tick tries again.
    } finally {
      flushing.current = false;
      await refreshPending();
    }
  }, [interviewId, send, refreshPending]);

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
    void flush();
    const timer = window.setInterval(() => void flush(), RETRY_MS);
    const online = () => {
      setReachable(true);
      void flush();
    };
    const offline = () => setReachable(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    // A laptop waking up: do not wait for the next tick.
    const visible = () => document.visibilityState === 'visible' && void flush();
    document.addEventListener('visibilitychange', visible);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      document.removeEventListener('visibilitychange', visible);
    };
  }, [flush]);

  const addNote = useCallback(
    async (text: string, tags: NoteTag[], offsetMs: number | null) => {
      const note: PendingNote = {
        id: newClientId(),
        interviewId,
        text,
        tags,
        offsetMs,
        queuedAt: new Date().toISOString(),
        order: nextOrder(),
      };
      // Shown at once; sent only after it is on disk, so an acknowledged note was also queued.
      setPending((notes) => [...notes, note]);
      try {
        await enqueueNote(note);
      } catch {
        // No durable outbox: still try to send it now rather than drop it.
        await send(note);
        return;
      }
      void flush();
    },
    [interviewId, flush, send],
  );

  const discardRejected = useCallback(
    async (id: string) => {
      await removePendingNote(id);
      await refreshPending();
    },
    [refreshPending],
  );

  const replaceSaved = useCallback((note: Note) => {
    setSaved((notes) => notes.map((n) => (n.id === note.id ? note : n)));
  }, []);

  const savedIds = new Set(saved.map((n) => n.id));
  const waiting = pending.filter((n) => !savedIds.has(n.id));
  const shown = [
    ...waiting.map((n) => fromPending(n, sendingId === n.id)),
    ...saved.filter((n) => !n.deleted).map(fromSaved),
  ].sort(byNewestFirst);

  return {
    notes: shown,
    savedNotes: saved,
    loadError,
    addNote,
    discardRejected,
    replaceSaved,
    reload,
    /** Notes written but not yet acknowledged by the server. */
    pendingCount: waiting.filter((n) => !n.rejection).length,
    reachable,
  };
}

function byNewestFirst(a: ShownNote, b: ShownNote): number {
  if (a.offsetMs !== null && b.offsetMs !== null && a.offsetMs !== b.offsetMs) return b.offsetMs - a.offsetMs;
  return Date.parse(b.createdAt) - Date.parse(a.createdAt);
}
