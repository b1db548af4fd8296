import { type Note, type NoteTag, notesApi } from '@pairwise/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, call } from '../../lib/api-client.ts';
import { newClientId } from '../../lib/client-id.ts';
import {
  changeOf,
  enqueueNote,
  markNoteRejected,
  nextOrder,
  type PendingNote,
  pendingNotes,
  removePendingNote,
  settlePendingNote,
} from './note-outbox.ts';
import { allNotePages } from './note-pages.ts';

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
// A request that hangs (a laptop waking up mid-request) must not hold the outbox, which other tabs
// wait for too; every change is idempotent, so a late answer to a request given up on is harmless.
const SEND_TIMEOUT_MS = 30_000;

function timed<T>(request: Promise<T>): Promise<T> {
  let timer = 0;
  const timeout = new Promise<never>((_, reject) => {
    timer = window.setTimeout(() => reject(new Error('The server did not answer in time.')), SEND_TIMEOUT_MS);
  });
  return Promise.race([request, timeout]).finally(() => window.clearTimeout(timer));
}

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

  /** Sends one queued change; the server's copy of the note afterwards, or null once deleted. */
  const deliver = useCallback(
    async (note: PendingNote): Promise<Note | null> => {
      const params = { id: interviewId, noteId: note.id };
      const change = changeOf(note);
      if (change === 'delete') {
        try {
          await timed(call(notesApi.remove, { params }));
        } catch (error) {
          // Never reached the server (queued, then deleted before it was sent): nothing to delete.
          if (!(error instanceof ApiError && error.status === 404)) throw error;
        }
        return null;
      }
      const body = { text: note.text, tags: note.tags };
      if (change === 'edit') return (await timed(call(notesApi.edit, { params, body }))).note;
      const created = (
        await timed(call(notesApi.put, { params, body: { ...body, offsetMs: note.offsetMs } }))
      ).note;
      // Stored before (its acknowledgement was lost) and corrected since: send the correction too.
      const differs = created.text !== note.text || created.tags.join() !== note.tags.join();
      return differs ? (await timed(call(notesApi.edit, { params, body }))).note : created;
    },
    [interviewId],
  );

  /** True when the change was settled (saved or refused for good), false when it must wait. */
  const send = useCallback(
    async (note: PendingNote): Promise<boolean> => {
      setSendingId(note.id);
      try {
        const answer = await deliver(note);
        await settlePendingNote(note);
        setSaved((notes) =>
          answer
            ? [answer, ...notes.filter((n) => n.id !== answer.id)]
            : notes.filter((n) => n.id !== note.id),
        );
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
    [deliver],
  );

  const flush = useCallback(async () => {
    if (flushing.current) {
      again.current = true;
      return;
    }
    flushing.current = true;
    try {
      const drain = async () => {
        do {
          again.current = false;
          for (const note of await pendingNotes(interviewId)) {
            if (note.rejection) continue;
            if (!(await send(note))) break;
          }
        } while (again.current);
      };
      // Tabs of the same interview share the outbox: one drains it at a time, or a deletion sent
      // by one tab could overtake the creation still in flight from another.
      if (typeof navigator !== 'undefined' && navigator.locks) {
        await navigator.locks.request(`pairwise-note-outbox:${interviewId}`, drain);
      } else {
        await drain();
      }
    } catch {
      // The outbox could not be read; the next tick tries again.
    } finally {
      flushing.current = false;
      await refreshPending();
      // A flush asked for after this pass last read the outbox (while the lock was being
      // released) found it busy: run it now, not at the next tick.
      if (again.current) void flush();
    }
  }, [interviewId, send, refreshPending]);

  const reload = useCallback(async () => {
    try {
      setSaved(await allNotePages(notesApi.list, interviewId));
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

  /**
   * Queues a correction or a deletion like a new note, so it survives a drop as well. A note not
   * yet sent keeps its place in the queue with the new wording.
   */
  const queueChange = useCallback(
    async (note: ShownNote, change: 'edit' | 'delete', text = note.text) => {
      // A note the server has is corrected by an edit, even while its creation is still listed
      // here: the list is read back from the outbox only once the whole outbox was sent.
      const queued = pending.find(
        (n) => n.id === note.id && !n.rejection && !(note.saved && changeOf(n) === 'create'),
      );
      const entry: PendingNote =
        queued && changeOf(queued) === 'create' && change === 'edit'
          ? { ...queued, text }
          : {
              id: note.id,
              interviewId,
              text,
              tags: note.tags,
              offsetMs: note.offsetMs,
              queuedAt: queued?.queuedAt ?? note.createdAt,
              order: queued?.order ?? nextOrder(),
              change,
            };
      setPending((notes) => [...notes.filter((n) => n.id !== entry.id), entry]);
      await enqueueNote(entry);
      void flush();
    },
    [interviewId, pending, flush],
  );
  const editNote = useCallback(
    (note: ShownNote, text: string) => queueChange(note, 'edit', text),
    [queueChange],
  );
  const deleteNote = useCallback((note: ShownNote) => queueChange(note, 'delete'), [queueChange]);

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

  const savedById = new Map(saved.map((n) => [n.id, n]));
  const queuedById = new Map(pending.map((n) => [n.id, n]));
  // A queued change shows over the server's copy; a deletion hides the note unless it was refused.
  // Without the server's copy (an offline reload) new notes and corrections show on their own.
  const shown = [
    ...pending
      .filter((n) => changeOf(n) !== 'delete' && !savedById.has(n.id))
      .map((n) => fromPending(n, sendingId === n.id)),
    ...saved
      .filter((n) => !n.deleted)
      .flatMap((n) => {
        const queued = queuedById.get(n.id);
        if (!queued || changeOf(queued) === 'create') return [fromSaved(n)];
        if (changeOf(queued) === 'delete' && !queued.rejection) return [];
        return [
          {
            ...fromPending(queued, sendingId === n.id),
            createdAt: n.createdAt,
            authorName: n.authorName,
            saved: n,
          },
        ];
      }),
  ].sort(byNewestFirst);

  return {
    notes: shown,
    savedNotes: saved,
    loadError,
    addNote,
    editNote,
    deleteNote,
    discardRejected,
    replaceSaved,
    reload,
    /** Notes written, corrected or deleted but not yet acknowledged by the server. */
    pendingCount: pending.filter((n) => !n.rejection && !(changeOf(n) === 'create' && savedById.has(n.id)))
      .length,
    reachable,
  };
}

function byNewestFirst(a: ShownNote, b: ShownNote): number {
  if (a.offsetMs !== null && b.offsetMs !== null && a.offsetMs !== b.offsetMs) return b.offsetMs - a.offsetMs;
  return Date.parse(b.createdAt) - Date.parse(a.createdAt);
}
