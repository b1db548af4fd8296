import { act } from '@testing-library/react';
import { vi } from 'vitest';

/*
 * Waiting without waiting: the web's unit tests run on fake timers, so time moves only when a test
 * says so, while IndexedDB (fake-indexeddb) and settled promises still run on the real event loop.
 * `until` lets that loop turn, one task at a time, until the condition the test waits for holds;
 * no clock is read and no time passes.
 */

/** The timers the web's tests fake: not setImmediate, which fake-indexeddb schedules its work on. */
export function installFakeClock(now = Date.parse('2030-03-05T13:00:00Z')) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now });
}

const nextTask = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Lets queued work run until `condition` holds; fails, naming what it waited for, if it never does. */
export async function until(what: string, condition: () => boolean, maxTasks = 500): Promise<void> {
  for (let task = 0; task < maxTasks; task++) {
    if (condition()) return;
    await act(nextTask);
  }
  if (!condition()) throw new Error(`Still waiting for ${what} after ${maxTasks} turns of the event loop.`);
}

/** Moves the fake clock on and lets what it set off (requests, IndexedDB writes) run. */
export async function advance(ms: number): Promise<void> {
  await act(() => vi.advanceTimersByTimeAsync(ms));
}
