/**
 * Preloaded into the benchmarked server (`node --import`): measures its event-loop delay with
 * `perf_hooks.monitorEventLoopDelay`. On SIGUSR2 it appends the figures since the last signal
 * to LOOP_DELAY_FILE as one JSON line and starts a new window, so the benchmark reads one
 * window per route without touching the server's code.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.LOOP_DELAY_FILE;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  process.on('SIGUSR2', () => {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    fs.appendFileSync(
      file,
      `${JSON.stringify({ p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) })}\n`,
    );
    histogram.reset();
  });
}
