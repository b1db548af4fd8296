/**
 * Lean at rest: starts `pairwise serve` on an empty SQLite data folder with the command
 * `npm start` runs (read from the root package.json; run `npm run build` first), and reads its
 * resident memory (VmRSS) when it first answers /api/health, after a few requests (the sign-in
 * page, the health check, a refused API call, the setup page), and after it has sat idle for a
 * while; and its CPU time to that point. Several fresh starts, one at a time.
 *
 *   node --import tsx bench/idle-rss.bench.ts            # 3 starts, idle 10 s
 *   STARTS=5 IDLE_S=10 node --import tsx bench/idle-rss.bench.ts
 *   SERVE=tsx node --import tsx bench/idle-rss.bench.ts  # the sources through tsx instead
 *
 * Budget: idle RSS after start ≤ 120 MB.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpuMs, npmStartCommand, startChildServer } from './support/child-server.ts';

const STARTS = Number(process.env.STARTS ?? 3);
const IDLE_S = Number(process.env.IDLE_S ?? 10);
const startScript = npmStartCommand().join(' ');
const command = process.env.SERVE === 'tsx' ? undefined : npmStartCommand();
const label = command
  ? `\`node ${startScript}\` (npm start)`
  : '`node --import tsx packages/cli/src/main.ts serve`';

const rssMb = (pid: number) => {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.split(/\s+/)[1]) / 1024;
};

const rows: string[] = [];
for (let start = 0; start < STARTS; start++) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-idle-'));
  const spawned = performance.now();
  const server = await startChildServer({ DATA_DIR: dataDir }, [], 120_000, true, command);
  try {
    for (;;) {
      const response = await fetch(`${server.url}/api/health`).catch(() => null);
      if (response?.ok) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const ready = performance.now() - spawned;
    const pid = server.child.pid!;
    const atReady = rssMb(pid);
    const cpuAtReady = cpuMs(pid);
    for (const url of ['/', '/api/health', '/api/interviews', server.setupUrl!, '/api/work-queue']) {
      await (await fetch(new URL(url, server.url))).arrayBuffer();
    }
    const afterRequests = rssMb(pid);
    await new Promise((resolve) => setTimeout(resolve, IDLE_S * 1000));
    const idle = rssMb(pid);
    rows.push(
      `| ${start + 1} | ${Math.round(ready)} ms | ${cpuAtReady} ms | ${atReady.toFixed(0)} MB | ${afterRequests.toFixed(0)} MB | ${idle.toFixed(0)} MB |`,
    );
    console.error(rows.at(-1));
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
const load = os
  .loadavg()
  .map((value) => value.toFixed(1))
  .join(' / ');
console.log(
  [
    `Node ${process.version}, ${os.cpus().length} cores, load average at the end ${load}; ${label} on an empty SQLite data folder, idle ${IDLE_S} s.`,
    '',
    `| start | spawn to first healthy answer | CPU to then | RSS then | RSS after 5 requests | RSS after ${IDLE_S} s idle |`,
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n'),
);
