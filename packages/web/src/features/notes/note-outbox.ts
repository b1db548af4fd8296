import type { NoteTag } from '@pairwise/domain';

/**
 * Notes are written here before they are sent, so a note typed while the network or server is
 * away survives a reload, a closed tab or a sleeping laptop, and is sent later under the same
 * client id (the PUT is idempotent). Corrections and deletions wait here the same way. IndexedDB
 * rather than localStorage: it is not capped at a few megabytes, it is shared safely between tabs,
 * and a 'strict' transaction is flushed to disk before it reports success.
 */
/** What waits to reach the server for a note: one entry per note, the latest wording wins. */
export type NoteChange = 'create' | 'edit' | 'delete';

export interface PendingNote {
  id: string;
  interviewId: string;
  text: string;
  tags: NoteTag[];
  offsetMs: number | null;
  queuedAt: string;
  /** Send order: notes leave the outbox in the order they were written. */
  order: number;
  /** Set when the server refused the note for a reason retrying will not fix. */
  rejection?: string;
  /** Absent on entries queued before corrections could wait: a new note. */
  change?: NoteChange;
}

export const changeOf = (note: PendingNote): NoteChange => note.change ?? 'create';

const DATABASE = 'pairwise';
const STORE = 'note-outbox';
// The outbox before it moved to IndexedDB; its notes are carried over once.
const LEGACY_KEY = 'pairwise.note-outbox.v1';

let database: Promise<IDBDatabase> | null = null;
// Without IndexedDB (some private modes) notes still queue for the life of the tab.
const memory = new Map<string, PendingNote>();

function open(): Promise<IDBDatabase> {
  database ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(STORE, { keyPath: 'id' }).createIndex('interviewId', 'interviewId');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  }).then(async (db) => {
    await carryOverLegacy(db);
    return db;
  });
  database.catch(() => {
    database = null;
  });
  return database;
}

function transact<T>(
  db: IDBDatabase,
  mode: IDBTransactionMode,
  use: (store: IDBObjectStore) => IDBRequest<T> | undefined,
): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, mode, { durability: 'strict' });
    const request = use(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(request?.result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

async function carryOverLegacy(db: IDBDatabase) {
  let legacy: Array<Omit<PendingNote, 'order'>> = [];
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(LEGACY_KEY) ?? '[]');
    if (Array.isArray(parsed)) legacy = parsed;
  } catch {
    return;
  }
  if (legacy.length === 0) return;
  await transact(db, 'readwrite', (store) => {
    for (const [index, note] of legacy.entries()) {
      store.put({ ...note, order: Date.parse(note.queuedAt) + index / 1000 });
    }
    return undefined;
  });
  localStorage.removeItem(LEGACY_KEY);
}

const usable = () => typeof indexedDB !== 'undefined';

let lastOrder = 0;
/** Increasing even when several notes are written within one millisecond. */
export function nextOrder(): number {
  lastOrder = Math.max(Date.now(), lastOrder + 0.001);
  return lastOrder;
}

/** This interview's queued notes, oldest first. */
export async function pendingNotes(interviewId: string): Promise<PendingNote[]> {
  let notes: PendingNote[];
  if (usable()) {
    const db = await open();
    notes = (await transact(db, 'readonly', (store) => store.index('interviewId').getAll(interviewId))) ?? [];
  } else {
    notes = [...memory.values()].filter((note) => note.interviewId === interviewId);
  }
  return notes.sort((a, b) => a.order - b.order);
}

/** Resolves once the note is on disk: only then is it safe to say it will not be lost. */
export async function enqueueNote(note: PendingNote): Promise<void> {
  if (!usable()) {
    memory.set(note.id, note);
    return;
  }
  await transact(await open(), 'readwrite', (store) => store.put(note));
}

/** Reads and rewrites (or, for null, deletes) one entry in a single transaction. */
async function update(id: string, next: (current: PendingNote | undefined) => PendingNote | null) {
  if (!usable()) {
    const value = next(memory.get(id));
    if (value) memory.set(id, value);
    else memory.delete(id);
    return;
  }
  const db = await open();
  await new Promise<void>((resolve, reject) => {
    const transaction = db.transaction(STORE, 'readwrite', { durability: 'strict' });
    const store = transaction.objectStore(STORE);
    const read = store.get(id);
    read.onsuccess = () => {
      const value = next(read.result as PendingNote | undefined);
      if (value) store.put(value);
      else store.delete(id);
    };
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

/** Whether the stored entry is still what was sent (not corrected or deleted meanwhile). */
const same = (current: PendingNote | undefined, sent: PendingNote): boolean =>
  current !== undefined &&
  changeOf(current) === changeOf(sent) &&
  current.text === sent.text &&
  current.tags.join() === sent.tags.join();

/**
 * After the server took `sent`: drops the entry, unless the note was corrected meanwhile. Then
 * the newer wording stays queued, as a correction once the note itself has arrived.
 */
export function settlePendingNote(sent: PendingNote): Promise<void> {
  return update(sent.id, (current) => {
    if (!current || same(current, sent)) return null;
    return changeOf(sent) === 'create' && changeOf(current) === 'create'
      ? { ...current, change: 'edit' }
      : current;
  });
}

export async function removePendingNote(id: string): Promise<void> {
  memory.delete(id);
  if (usable()) await transact(await open(), 'readwrite', (store) => store.delete(id));
}

/** The server refused `sent` for good; a change queued after it is left to be sent on its own. */
export function markNoteRejected(sent: PendingNote, rejection: string): Promise<void> {
  return update(sent.id, (current) => {
    if (!current) return null;
    return same(current, sent) ? { ...current, rejection } : current;
  });
}
