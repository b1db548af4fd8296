/**
 * Server CPU per note save, alone: one signed-in session saving notes back to back (a few in
 * flight), against the floor (support/note-floor.ts) in the same run. No WebSockets, no pacing: on
 * a loaded machine the paced bench (note-save.bench.ts) saves fewer notes than it asks for, and its
 * per-note CPU then carries more of the sockets' heartbeats; this one reads only what a save costs.
 *
 *   node --import tsx bench/note-save-cpu.bench.ts      # NOTES=3000 CONCURRENCY=8 ROUNDS=3 WARMUP=2000
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpuMs, startChildServer, startNoteFloor } from './support/child-server.ts';

const NOTES = Number(process.env.NOTES ?? 3000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
// V8 keeps optimising the save path for a few thousand requests: rounds measured before that fall.
const WARMUP = Number(process.env.WARMUP ?? 2000);
const PASSWORD = 'correct horse battery staple';
const body = JSON.stringify({
  text: 'Extracted a function after the test went green',
  tags: ['design'],
  offsetMs: 1000,
});

async function call(base: string, method: string, url: string, json?: unknown, cookie?: string) {
  const response = await fetch(base + url, {
    method,
    headers: { ...(json ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) },
    body: json ? JSON.stringify(json) : undefined,
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${url} → ${response.status} ${text}`);
  return { body: JSON.parse(text), cookie: response.headers.get('set-cookie')?.split(';')[0] };
}

/** `count` note saves, `CONCURRENCY` at a time; the process's CPU in ms per note. */
async function measure(pid: number, count: number, save: () => Promise<number>): Promise<number> {
  let left = count;
  const before = cpuMs(pid);
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) {
        const status = await save();
        if (status !== 200) throw new Error(`a note save answered ${status}`);
      }
    }),
  );
  return (cpuMs(pid) - before) / count;
}

/** A server under test: its process, one note save, and how to stop it. */
interface Target {
  pid: number;
  save: () => Promise<number>;
  stop: () => Promise<void>;
}

async function pairwise(): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-bench-'));
  const server = await startChildServer({ DATA_DIR: dataDir, DATABASE_URL: '' }, [], 180_000, true);
  const base = server.url;
  const stop = async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const token = new URL(server.setupUrl!).searchParams.get('token');
    const { cookie, body: setup } = await call(base, 'POST', '/api/setup', {
      token,
      email: 'admin@example.com',
      name: 'Ada',
      password: PASSWORD,
    });
    const lm = await call(
      base,
      'POST',
      '/api/users',
      { email: 'lm@example.com', name: 'L', roles: ['line_manager'] },
      cookie,
    );
    const position = await call(
      base,
      'POST',
      '/api/positions',
      { title: 'P', level: '', lineManagerId: lm.body.user.id },
      cookie,
    );
    const task = await call(
      base,
      'POST',
      '/api/tasks',
      { title: 'T', summary: '', navigatorGuide: '', setupCommands: [], testCommand: '' },
      cookie,
    );
    const candidate = await call(
      base,
      'POST',
      '/api/candidates',
      { name: 'Casey Candidate', email: 'casey@example.com', timeZone: 'UTC' },
      cookie,
    );
    const { body: planned } = await call(
      base,
      'POST',
      '/api/interviews',
      {
        candidateId: candidate.body.candidate.id,
        positionId: position.body.position.id,
        taskId: task.body.task.id,
        navigatorId: setup.user.id,
        startsAtLocal: '2030-01-01T10:00',
        timeZone: 'UTC',
        place: 'Room',
      },
      cookie,
    );
    const id = planned.interview.id;
    const preview = await call(base, 'GET', `/api/interviews/${id}/invitation`, undefined, cookie);
    await call(
      base,
      'POST',
      `/api/interviews/${id}/invitation`,
      { previewDigest: preview.body.invitation.previewDigest, notReadyReason: 'A benchmark.' },
      cookie,
    );
    await call(base, 'POST', `/api/interviews/${id}/wellness`, { well: true, startEarly: true }, cookie);
    await call(
      base,
      'POST',
      `/api/interviews/${id}/transitions`,
      { action: 'start_setup', startEarly: true },
      cookie,
    );
    await call(base, 'POST', `/api/interviews/${id}/transitions`, { action: 'start_pairing' }, cookie);
    const save = async () => {
      const response = await fetch(`${base}/api/interviews/${id}/notes/${randomUUID()}`, {
        method: 'PUT',
        headers: { cookie: cookie!, 'content-type': 'application/json' },
        body,
      });
      await response.arrayBuffer();
      return response.status;
    };
    return { pid: server.child.pid!, save, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function floor(): Promise<Target> {
  const { url, pid, stop } = await startNoteFloor();
  const interviewId = randomUUID();
  const save = async () => {
    const response = await fetch(`${url}/api/interviews/${interviewId}/notes/${randomUUID()}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await response.arrayBuffer();
    return response.status;
  };
  return { pid, save, stop };
}

const load = os
  .loadavg()
  .map((value) => value.toFixed(1))
  .join(' / ');
// Both run side by side and their rounds alternate, so a change in the machine's load between
// rounds (other people's work) weighs on both alike; each pair's ratio is then comparable.
const server = await pairwise();
const floorServer = await floor();
const serverRounds: number[] = [];
const floorRounds: number[] = [];
try {
  await measure(server.pid, WARMUP, server.save);
  await measure(floorServer.pid, WARMUP, floorServer.save);
  for (let round = 0; round < ROUNDS; round++) {
    serverRounds.push(await measure(server.pid, NOTES, server.save));
    floorRounds.push(await measure(floorServer.pid, NOTES, floorServer.save));
  }
} finally {
  await server.stop();
  await floorServer.stop();
}
const show = (rounds: number[]) => rounds.map((ms) => ms.toFixed(2)).join(', ');
const best = (rounds: number[]) => Math.min(...rounds);
const ratios = serverRounds.map((ms, round) => ms / floorRounds[round]!).sort((a, b) => a - b);
const median = ratios[Math.floor(ratios.length / 2)]!;
console.log(
  [
    `Load average at the start: ${load}, at the end: ${os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(
        ' / ',
      )}. ${ROUNDS} rounds of ${NOTES} notes each, ${CONCURRENCY} in flight, after ${WARMUP} to warm up, Pairwise's and the floor's rounds alternating.`,
    `Pairwise: ${show(serverRounds)} ms CPU a note`,
    `Floor: ${show(floorRounds)} ms CPU a note`,
    `Best round against best round: ${(best(serverRounds) / best(floorRounds)).toFixed(2)}× the floor; median of the rounds' ratios: ${median.toFixed(2)}×`,
  ].join('\n'),
);
