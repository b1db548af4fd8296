/**
 * Lean at rest: starts `pairwise serve` on an empty SQLite data folder, as `npm start` runs it,
 * and reads its resident memory (VmRSS) when it first answers /api/health and again after it has
 * sat idle for a while. Several fresh starts, one at a time.
 *
 *   node --import tsx bench/idle-rss.bench.ts            # 3 starts, idle 10 s
 *   STARTS=5 IDLE_S=10 node --import tsx bench/idle-rss.bench.ts
 *
 * Budget: idle RSS after start ≤ 120 MB.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startChildServer } from './support/child-server.ts';

const STARTS = Number(process.env.STARTS ?? 3);
const IDLE_S = Number(process.env.IDLE_S ?? 10);

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
  const server = await startChildServer({ DATA_DIR: dataDir }, [], 120_000);
  try {
    for (;;) {
      const response = await fetch(`${server.url}/api/health`).catch(() => null);
      if (response?.ok) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const ready = performance.now() - spawned;
    const atReady = rssMb(server.child.pid!);
    await new Promise((resolve) => setTimeout(resolve, IDLE_S * 1000));
    const idle = rssMb(server.child.pid!);
    rows.push(
      `| ${start + 1} | ${Math.round(ready)} ms | ${atReady.toFixed(0)} MB | ${idle.toFixed(0)} MB |`,
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
    `Node ${process.version}, ${os.cpus().length} cores, load average at the end ${load}; \`pairwise serve\` (through tsx, as \`npm start\`) on an empty SQLite data folder, idle ${IDLE_S} s.`,
    '',
    `| start | spawn to first healthy answer | RSS then | RSS after ${IDLE_S} s idle |`,
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n'),
);
