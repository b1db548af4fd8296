// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { advance, installFakeClock } from '../../../test/support/fake-time.ts';
import { FakeWebSocket } from '../../../test/support/fake-web-socket.ts';
import { useLiveChannel } from './use-live-channel.ts';

/*
 * The live channel's own rules, on a stand-in WebSocket the test plays the server through: where it
 * reconnects from, how long it backs off, and when it gives up on a silent connection. Time is
 * fake; a real socket to a real server is exercised by the e2e journeys.
 */
const interviewId = '00000000-0000-4000-8000-0000000000aa';
const HEARTBEAT_TIMEOUT_MS = 25_000;

function render(lastSeq: number | undefined) {
  const handlers = { onEvent: vi.fn(), onNotesChanged: vi.fn(), onHeartbeat: vi.fn() };
  const hook = renderHook(({ seq }) => useLiveChannel(interviewId, seq, handlers), {
    initialProps: { seq: lastSeq },
  });
  return { ...hook, handlers };
}

const sockets = () => FakeWebSocket.made.length;
const serve = (action: () => void) => act(action);

beforeEach(() => {
  installFakeClock();
  FakeWebSocket.reset();
  vi.stubGlobal('WebSocket', FakeWebSocket);
  // The top of the jitter range, so each backoff is exactly its nominal length.
  vi.spyOn(Math, 'random').mockReturnValue(1);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the live channel', () => {
  it('waits for the first load, then asks for the events after the last seq the page has', () => {
    const page = render(undefined);
    expect(sockets()).toBe(0);
    page.rerender({ seq: 4 });
    expect(sockets()).toBe(1);
    expect(FakeWebSocket.latest().url).toBe(
      `ws://${window.location.host}/api/interviews/${interviewId}/live?since=4`,
    );
    expect(page.result.current).toBe(false);
    serve(() => FakeWebSocket.latest().open());
    expect(page.result.current).toBe(true);
  });

  it('passes on each new event once, note changes and heartbeats with the time they arrived', () => {
    const page = render(4);
    const socket = FakeWebSocket.latest();
    serve(() => socket.open());
    serve(() => socket.receive({ kind: 'event', seq: 5, type: 'lever_pulled' }));
    // A replay of what the page already has (after a reconnect) is not news.
    serve(() => socket.receive({ kind: 'event', seq: 5, type: 'lever_pulled' }));
    serve(() => socket.receive({ kind: 'event', seq: 3, type: 'planned' }));
    expect(page.handlers.onEvent).toHaveBeenCalledTimes(1);

    serve(() => socket.receive({ kind: 'notes_changed' }));
    expect(page.handlers.onNotesChanged).toHaveBeenCalledTimes(1);

    serve(() => socket.receive({ kind: 'heartbeat', serverNow: '2030-03-05T13:00:07.000Z' }));
    expect(page.handlers.onHeartbeat).toHaveBeenCalledWith(
      Date.parse('2030-03-05T13:00:07.000Z'),
      Date.now(),
    );
  });

  it('reconnects with a doubling backoff up to 15 s, from the last seq it saw', async () => {
    const page = render(4);
    serve(() => FakeWebSocket.latest().open());
    serve(() => FakeWebSocket.latest().receive({ kind: 'event', seq: 9, type: 'wrap' }));
    serve(() => FakeWebSocket.latest().drop());
    expect(page.result.current).toBe(false);

    const waits: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const before = sockets();
      let waited = 0;
      while (sockets() === before) {
        await advance(500);
        waited += 500;
        if (waited > 60_000) throw new Error('No reconnection within a minute.');
      }
      waits.push(waited);
      expect(FakeWebSocket.latest().since).toBe(9);
      serve(() => FakeWebSocket.latest().drop());
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 15_000, 15_000]);

    // Once a connection opens, the next drop starts from 1 s again.
    await advance(15_000);
    serve(() => FakeWebSocket.latest().open());
    expect(page.result.current).toBe(true);
    const before = sockets();
    serve(() => FakeWebSocket.latest().drop());
    await advance(999);
    expect(sockets()).toBe(before);
    await advance(1);
    expect(sockets()).toBe(before + 1);
  });

  it('abandons a connection that stays silent past the heartbeat timeout, and connects again', async () => {
    const page = render(4);
    const socket = FakeWebSocket.latest();
    serve(() => socket.open());
    await advance(HEARTBEAT_TIMEOUT_MS - 5_000);
    serve(() => socket.receive({ kind: 'heartbeat', serverNow: new Date().toISOString() }));
    // The heartbeat restarted the count: 25 s after it, not after the open.
    await advance(HEARTBEAT_TIMEOUT_MS - 1);
    expect(socket.closedByPage).toBe(false);
    expect(page.result.current).toBe(true);

    await advance(1);
    expect(socket.closedByPage).toBe(true);
    expect(page.result.current).toBe(false);
    // Its handlers are detached: a late message from the dead socket changes nothing.
    expect(socket.onmessage).toBeNull();

    await advance(1_000);
    expect(sockets()).toBe(2);
    expect(FakeWebSocket.latest().since).toBe(4);
  });

  it('connects at once when the browser is back online, without waiting out the backoff', () => {
    render(4);
    serve(() => FakeWebSocket.latest().drop());
    expect(sockets()).toBe(1);
    serve(() => window.dispatchEvent(new Event('online')));
    expect(sockets()).toBe(2);
  });

  it('closes its socket and stops reconnecting when the page goes', async () => {
    const page = render(4);
    const socket = FakeWebSocket.latest();
    serve(() => socket.open());
    page.unmount();
    expect(socket.closedByPage).toBe(true);
    await advance(60_000);
    expect(sockets()).toBe(1);
  });
});
