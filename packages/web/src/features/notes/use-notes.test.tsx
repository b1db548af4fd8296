// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeNotesApi } from '../../../test/support/fake-notes-api.ts';
import { advance, installFakeClock, until } from '../../../test/support/fake-time.ts';

/*
 * useNotes over the real outbox on an IndexedDB implementation (fake-indexeddb) and a stand-in
 * for the notes API (the unit tier opens no socket). Time is fake: the 5 s retry happens when a
 * test moves the clock, never by waiting.
 */
const interviewId = '00000000-0000-4000-8000-0000000000aa';
const RETRY_MS = 5_000;

/** A fresh copy of the hook and the outbox under it, as after a reload of the page. */
async function loadPage() {
  vi.resetModules();
  const { useNotes } = await import('./use-notes.ts');
  return renderHook(() => useNotes(interviewId));
}
type Page = Awaited<ReturnType<typeof loadPage>>;

const shown = (page: Page) => page.result.current.notes.map((note) => `${note.text}: ${note.sync}`);
const stored = (api: FakeNotesApi) =>
  [...api.notes.values()].filter((note) => !note.deleted).map((note) => note.text);

let api: FakeNotesApi;
beforeEach(() => {
  installFakeClock();
  api = new FakeNotesApi();
  vi.stubGlobal('fetch', api.fetch);
  vi.stubGlobal('indexedDB', new IDBFactory());
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('useNotes', () => {
  it('saves a note and shows it as saved once the server took it', async () => {
    const page = await loadPage();
    await page.result.current.addNote('Wrote a failing test first', ['positive'], 60_000);
    await until('the note saved', () => page.result.current.pendingCount === 0 && stored(api).length === 1);
    await until('the page to show it saved', () => shown(page)[0] === 'Wrote a failing test first: saved');
    expect(api.changes()).toEqual(['PUT Wrote a failing test first']);
  });

  it('keeps a note written while offline through a reload, and sends it once the server is back', async () => {
    api.reachability = 'unreachable';
    const before = await loadPage();
    await before.result.current.addNote('Typed on a train', [], 120_000);
    await until('the send to fail', () => !before.result.current.reachable);
    expect(shown(before)).toEqual(['Typed on a train: waiting']);
    expect(before.result.current.pendingCount).toBe(1);
    before.unmount();

    api.reachability = 'up';
    const after = await loadPage();
    await until('the queued note to be sent', () => stored(api).length === 1);
    expect(stored(api)).toEqual(['Typed on a train']);
    await until('the outbox to be empty', () => after.result.current.pendingCount === 0);
    // Sent under the id it was queued with: a resend cannot make a second note.
    const puts = api.requests.filter((request) => request.method === 'PUT').map((request) => request.path);
    expect(new Set(puts).size).toBe(1);
  });

  it('retries a failed save on the next tick, not before', async () => {
    api.reachability = 'failing';
    const page = await loadPage();
    await page.result.current.addNote('Asked about edge cases', ['question'], 0);
    await until(
      'the first attempt',
      () => api.changes().length === 1 && shown(page)[0]?.endsWith('waiting') === true,
    );
    // A server fault is not a dropped connection.
    expect(page.result.current.reachable).toBe(true);

    api.reachability = 'up';
    await advance(RETRY_MS - 1);
    expect(api.changes()).toHaveLength(1);
    await advance(1);
    await until(
      'the retry to be saved',
      () => page.result.current.pendingCount === 0 && stored(api).length === 1,
    );
    expect(api.changes()).toEqual(['PUT Asked about edge cases', 'PUT Asked about edge cases']);
    await until('the page to show it saved', () => shown(page)[0] === 'Asked about edge cases: saved');
  });

  it('sends notes written offline in the order they were written', async () => {
    api.reachability = 'unreachable';
    const page = await loadPage();
    for (const text of ['one', 'two', 'three']) await page.result.current.addNote(text, [], null);
    await until('all three queued', () => page.result.current.pendingCount === 3);
    // Each attempt stopped at the first note: nothing overtook it.
    expect(new Set(api.changes())).toEqual(new Set(['PUT one']));

    api.reachability = 'up';
    await advance(RETRY_MS);
    await until('all three saved', () => page.result.current.pendingCount === 0 && stored(api).length === 3);
    expect(stored(api)).toEqual(['one', 'two', 'three']);
    expect(api.changes().filter((change) => change !== 'PUT one')).toEqual(['PUT two', 'PUT three']);
  });

  it('queues a correction and a deletion made offline and sends them when the server is back', async () => {
    const page = await loadPage();
    await page.result.current.addNote('Refactord the parser', [], 1_000);
    await page.result.current.addNote('Off-topic remark', [], 2_000);
    await until('both saved', () => page.result.current.pendingCount === 0 && stored(api).length === 2);
    await until(
      'the page to show both saved',
      () => shown(page).join() === ['Off-topic remark: saved', 'Refactord the parser: saved'].join(),
    );

    api.reachability = 'unreachable';
    const [remark, typo] = page.result.current.notes;
    await page.result.current.editNote(typo!, 'Refactored the parser');
    await page.result.current.deleteNote(remark!);
    await until('both changes queued', () => page.result.current.pendingCount === 2);
    // Shown as they will be: the correction waiting, the deleted note gone.
    expect(shown(page)).toEqual(['Refactored the parser: waiting']);

    api.reachability = 'up';
    await advance(RETRY_MS);
    await until('the changes sent', () => page.result.current.pendingCount === 0 && stored(api).length === 1);
    expect(stored(api)).toEqual(['Refactored the parser']);
    expect(api.changes().slice(-2)).toEqual(['PATCH Refactored the parser', 'DELETE']);
    expect([...api.notes.values()][0]?.revisions.map((revision) => revision.text)).toEqual([
      'Refactord the parser',
    ]);
  });

  it('says when the browser goes offline, and sends at once when it is back, not on the next tick', async () => {
    const page = await loadPage();
    api.reachability = 'unreachable';
    act(() => {
      window.dispatchEvent(new Event('offline'));
    });
    expect(page.result.current.reachable).toBe(false);
    await page.result.current.addNote('Written in a tunnel', [], null);
    await until('the note queued', () => page.result.current.pendingCount === 1);

    api.reachability = 'up';
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    expect(page.result.current.reachable).toBe(true);
    await until('the note sent', () => page.result.current.pendingCount === 0 && stored(api).length === 1);
  });

  it('sends a correction once more when the note was stored but its acknowledgement lost', async () => {
    const page = await loadPage();
    api.loseAnswers = 1;
    await page.result.current.addNote('Asked abuot tests', [], null);
    await until('the lost answer', () => !page.result.current.reachable);
    api.reachability = 'unreachable';
    // Corrected before it was acknowledged: the queued note takes the new wording.
    await page.result.current.editNote(page.result.current.notes[0]!, 'Asked about tests');
    await until('the correction shown', () => shown(page).join() === 'Asked about tests: waiting');
    expect(page.result.current.pendingCount).toBe(1);

    api.reachability = 'up';
    await advance(RETRY_MS);
    await until('the correction saved', () => page.result.current.pendingCount === 0);
    // The resend met the stored first wording, so the correction followed as an edit: one note.
    expect(api.changes().slice(-2)).toEqual(['PUT Asked about tests', 'PATCH Asked about tests']);
    expect([...api.notes.values()].map((note) => [note.text, note.revisions.length])).toEqual([
      ['Asked about tests', 1],
    ]);
    await until('the page to show it saved', () => shown(page).join() === 'Asked about tests: saved');
  });

  it('sends a change queued while the outbox lock is being released, without waiting for the next tick', async () => {
    // A Web Locks stand-in whose release the test holds back, as a browser may for a few tasks.
    const held: { release: (() => void) | null } = { release: null };
    const letGo = () => {
      held.release?.();
      held.release = null;
    };
    const locks = {
      request: async (_name: string, work: () => Promise<void>) => {
        await work();
        await new Promise<void>((resolve) => {
          held.release = resolve;
        });
      },
    };
    Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
    try {
      const page = await loadPage();
      // The first pass (on an empty outbox) is being released: let it go.
      await until('the first pass to end', () => held.release !== null);
      letGo();
      await page.result.current.addNote('Quick note', [], null);
      await until(
        'the note saved, the lock still held',
        () => stored(api).length === 1 && held.release !== null,
      );
      await until('the page to show it saved', () => shown(page).join() === 'Quick note: saved');

      await page.result.current.editNote(page.result.current.notes[0]!, 'Quick note, corrected');
      // No time passes: the correction goes out as soon as the lock is free.
      await until('the correction saved', () => {
        letGo();
        return stored(api).join() === 'Quick note, corrected';
      });
    } finally {
      Reflect.deleteProperty(navigator, 'locks');
    }
  });

  it('marks a note the server refuses and does not send it again', async () => {
    const page = await loadPage();
    await page.result.current.addNote('   ', [], null);
    await until('the refusal', () => shown(page)[0] === '   : rejected');
    expect(page.result.current.notes[0]?.rejection).toMatch(/needs text/);
    expect(page.result.current.pendingCount).toBe(0);

    await advance(RETRY_MS);
    expect(api.changes()).toEqual(['PUT']);
    await page.result.current.discardRejected(page.result.current.notes[0]!.id);
    await until('the refused note to be discarded', () => page.result.current.notes.length === 0);
  });
});
