// @vitest-environment happy-dom
import type { InterviewDetail } from '@pairwise/domain';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeClock, until } from '../../../test/support/fake-time.ts';
import { FakeWebSocket } from '../../../test/support/fake-web-socket.ts';
import { useInterview } from './use-interview.ts';

/*
 * The interview clock on this device: the offset to the server's clock is measured around a GET,
 * and a heartbeat that disagrees with it by more than a second measures it again. The server is a
 * stand-in for `fetch` and the live channel a stand-in WebSocket (the unit tier opens no socket);
 * the device's clock is fake, so the test can set it wrong.
 */
const interviewId = '00000000-0000-4000-8000-0000000000aa';

/** How far the server's clock is ahead of this device's; each GET states the server's time. */
let serverAheadMs = 0;
let gets = 0;
const serverNow = () => Date.now() + serverAheadMs;

function answerInterview(input: string | URL | Request): Promise<Response> {
  if (String(input) !== `/api/interviews/${interviewId}`)
    throw new Error(`Unexpected request ${String(input)}`);
  gets++;
  // Only what useInterview reads; the page's panels are not rendered here.
  const interview = {
    id: interviewId,
    stage: 'pairing',
    events: [{ seq: 3 }],
    clock: { serverNow: new Date(serverNow()).toISOString() },
  } as unknown as InterviewDetail;
  return Promise.resolve(Response.json({ interview }));
}

const heartbeat = (socket: FakeWebSocket) =>
  act(() => socket.receive({ kind: 'heartbeat', serverNow: new Date(serverNow()).toISOString() }));

beforeEach(() => {
  installFakeClock();
  serverAheadMs = 10_000;
  gets = 0;
  FakeWebSocket.reset();
  vi.stubGlobal('WebSocket', FakeWebSocket);
  vi.stubGlobal('fetch', vi.fn(answerInterview));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("the interview's clock offset", () => {
  it('is measured around the first load', async () => {
    const page = renderHook(() => useInterview(interviewId));
    await until('the interview to load', () => page.result.current.loaded !== undefined);
    // The fake clock stands still during the request, so the round trip adds no uncertainty.
    expect(page.result.current.loaded?.offsetMs).toBe(10_000);
    expect(FakeWebSocket.latest().since).toBe(3);
  });

  it('is measured again when a heartbeat disagrees by more than a second, and only then', async () => {
    const page = renderHook(() => useInterview(interviewId));
    await until('the interview to load', () => page.result.current.loaded !== undefined);
    const socket = FakeWebSocket.latest();
    act(() => socket.open());

    // Within a second of the estimate (a heartbeat's one-way delay): not worth a round trip.
    serverAheadMs = 10_900;
    heartbeat(socket);
    serverAheadMs = 9_100;
    heartbeat(socket);

    // The device's clock is set back 2.5 s (a sync, a sleep): the next heartbeat shows it.
    vi.setSystemTime(Date.now() - 2_500);
    serverAheadMs = 12_500;
    heartbeat(socket);
    await until('the offset to be measured again', () => page.result.current.loaded?.offsetMs === 12_500);
    // One load, then one more for the heartbeat that disagreed: the close ones caused none.
    expect(gets).toBe(2);

    // The new estimate holds: a heartbeat agreeing with it changes nothing.
    heartbeat(socket);
    serverAheadMs = 16_000;
    heartbeat(socket);
    await until('the next measurement', () => page.result.current.loaded?.offsetMs === 16_000);
    expect(gets).toBe(3);
  });
});
