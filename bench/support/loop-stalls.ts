/**
 * Preloaded into the benchmarked server (`node --import`) beside loop-delay.ts, to find what holds
 * the event loop: a 5 ms timer notes every gap longer than LOOP_STALL_MS (default 30), with the
 * process CPU spent in it (a gap without CPU is the machine's scheduling, not the server), the
 * requests in flight, the requests that finished during it, and garbage-collection pauses over
 * 5 ms. One JSON line per stall in LOOP_STALLS_FILE.
 */
import fs from 'node:fs';
import http from 'node:http';
import { PerformanceObserver } from 'node:perf_hooks';

const file = process.env.LOOP_STALLS_FILE;
if (file) {
  const stallMs = Number(process.env.LOOP_STALL_MS ?? 30);
  const inFlight = new Map<number, string>();
  let finished: string[] = [];
  let collections: number[] = [];
  let next = 0;
  type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  const emit = http.Server.prototype.emit as Emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      const id = next++;
      const label = `${request.method} ${request.url?.replace(/[0-9a-f-]{36}/g, ':id').replace(/\/calendar\/[^.]+/, '/calendar/:token')}`;
      inFlight.set(id, label);
      response.on('close', () => {
        inFlight.delete(id);
        finished.push(label);
      });
    }
    return emit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.duration > 5) collections.push(Math.round(entry.duration));
  }).observe({ entryTypes: ['gc'] });
  let last = performance.now();
  let cpu = process.cpuUsage();
  setInterval(() => {
    const now = performance.now();
    const used = process.cpuUsage(cpu);
    const gap = now - last - 5;
    if (gap > stallMs) {
      fs.appendFileSync(
        file,
        `${JSON.stringify({
          at: new Date().toISOString(),
          gapMs: Math.round(gap),
          cpuMs: Math.round((used.user + used.system) / 1000),
          gcMs: collections,
          inFlight: [...inFlight.values()],
          finished,
        })}\n`,
      );
    }
    finished = [];
    collections = [];
    last = now;
    cpu = process.cpuUsage();
  }, 5).unref();
}
