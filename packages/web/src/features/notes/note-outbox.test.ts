// @vitest-environment happy-dom
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PendingNote } from './note-outbox.ts';

/*
 * The outbox against an IndexedDB implementation (fake-indexeddb: the browser's engine cannot run
 * here). A "reload" is a fresh copy of the module, with nothing cached, over the same database.
 */
type Outbox = typeof import('./note-outbox.ts');

async function loadOutbox(): Promise<Outbox> {
  vi.resetModules();
  return import('./note-outbox.ts');
}

const interviewId = '00000000-0000-4000-8000-0000000000aa';
let written = 0;
function pending(text: string, extra: Partial<PendingNote> = {}): PendingNote {
  written++;
  return {
    id: `00000000-0000-4000-8000-${String(written).padStart(12, '0')}`,
    interviewId,
    text,
    tags: [],
    offsetMs: written * 1_000,
    queuedAt: new Date().toISOString(),
    order: written,
    ...extra,
  };
}
const texts = (notes: PendingNote[]) => notes.map((note) => note.text);

let outbox: Outbox;
beforeEach(async () => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  localStorage.clear();
  outbox = await loadOutbox();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the note outbox', () => {
  it('keeps queued notes across a reload, in the order they were written', async () => {
    const [first, second, third] = [pending('first'), pending('second'), pending('third')];
    // Queued out of order: the order field, not the time of the write, decides.
    await outbox.enqueueNote(third);
    await outbox.enqueueNote(first);
    await outbox.enqueueNote(second);

    const reloaded = await loadOutbox();
    expect(reloaded).not.toBe(outbox);
    expect(texts(await reloaded.pendingNotes(interviewId))).toEqual(['first', 'second', 'third']);
  });

  it("keeps each interview's notes apart", async () => {
    await outbox.enqueueNote(pending('ours'));
    await outbox.enqueueNote(pending('theirs', { interviewId: '00000000-0000-4000-8000-0000000000bb' }));
    expect(texts(await outbox.pendingNotes(interviewId))).toEqual(['ours']);
  });

  it('drops a note once the server took it, and only that note', async () => {
    const [first, second] = [pending('first'), pending('second')];
    await outbox.enqueueNote(first);
    await outbox.enqueueNote(second);
    await outbox.settlePendingNote(first);
    expect(texts(await (await loadOutbox()).pendingNotes(interviewId))).toEqual(['second']);
  });

  it('keeps a correction made while the note was on its way, to send as an edit', async () => {
    const note = pending('Asked abuot tests');
    await outbox.enqueueNote(note);
    // The page corrects the wording while the PUT of the first wording is in flight.
    await outbox.enqueueNote({ ...note, text: 'Asked about tests' });
    await outbox.settlePendingNote(note);

    const [left] = await outbox.pendingNotes(interviewId);
    expect(left).toMatchObject({ id: note.id, text: 'Asked about tests', change: 'edit', order: note.order });
  });

  it('keeps one entry per note: the latest change wins and keeps its place', async () => {
    const [first, second] = [pending('first'), pending('second')];
    await outbox.enqueueNote(first);
    await outbox.enqueueNote(second);
    await outbox.enqueueNote({ ...first, change: 'delete' });
    const notes = await outbox.pendingNotes(interviewId);
    expect(notes.map((note) => [note.text, outbox.changeOf(note)])).toEqual([
      ['first', 'delete'],
      ['second', 'create'],
    ]);
  });

  it('marks a refused note, unless it was changed after it was sent', async () => {
    const [refused, corrected] = [pending('refused'), pending('corrected')];
    await outbox.enqueueNote(refused);
    await outbox.enqueueNote(corrected);
    await outbox.enqueueNote({ ...corrected, text: 'corrected again' });
    await outbox.markNoteRejected(refused, 'A note needs text.');
    await outbox.markNoteRejected(corrected, 'A note needs text.');

    const notes = await (await loadOutbox()).pendingNotes(interviewId);
    expect(notes.map((note) => [note.text, note.rejection])).toEqual([
      ['refused', 'A note needs text.'],
      ['corrected again', undefined],
    ]);
    await outbox.removePendingNote(refused.id);
    expect(texts(await outbox.pendingNotes(interviewId))).toEqual(['corrected again']);
  });

  it('carries over the notes the localStorage outbox held, once', async () => {
    const { order: _order, ...legacy } = pending('from before IndexedDB');
    localStorage.setItem('pairwise.note-outbox.v1', JSON.stringify([legacy]));
    outbox = await loadOutbox();
    expect(texts(await outbox.pendingNotes(interviewId))).toEqual(['from before IndexedDB']);
    expect(localStorage.getItem('pairwise.note-outbox.v1')).toBeNull();
  });

  it('orders notes written within one millisecond', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2030-03-05T13:00:00Z') });
    try {
      const orders = [outbox.nextOrder(), outbox.nextOrder(), outbox.nextOrder()];
      expect(orders[0]).toBeLessThan(orders[1]!);
      expect(orders[1]).toBeLessThan(orders[2]!);
    } finally {
      vi.useRealTimers();
    }
  });

  it('queues in memory for the life of the tab where there is no IndexedDB', async () => {
    vi.stubGlobal('indexedDB', undefined);
    outbox = await loadOutbox();
    const note = pending('private mode');
    await outbox.enqueueNote(note);
    expect(texts(await outbox.pendingNotes(interviewId))).toEqual(['private mode']);
    await outbox.settlePendingNote(note);
    expect(await outbox.pendingNotes(interviewId)).toEqual([]);
  });
});
