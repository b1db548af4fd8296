/**
 * A signed-in session on an interview in pairing, and note saves on it: what the CPU
 * benches of the live path (note-save-cpu.bench.ts, note-save-ab.bench.ts) drive, against
 * Pairwise or the floor (note-floor.ts).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpuMs, startChildServer, startNoteFloor } from './child-server.ts';

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

/** `count` note saves, `concurrency` at a time; the process's CPU in ms per note. */
export async function measure(target: Target, count: number, concurrency: number): Promise<number> {
  let left = count;
  const before = cpuMs(target.pid);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) {
        const status = await target.save();
        if (status !== 200) throw new Error(`a note save answered ${status}`);
      }
    }),
  );
  return (cpuMs(target.pid) - before) / count;
}

/** A server under test: its process, one note save, and how to stop it. */
export interface Target {
  pid: number;
  save: () => Promise<number>;
  stop: () => Promise<void>;
}

/** Pairwise with a fresh data folder, started by `start` (another tree's `startChildServer` for an A/B run). */
export async function pairwise(start: typeof startChildServer = startChildServer): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-bench-'));
  const server = await start({ DATA_DIR: dataDir, DATABASE_URL: '' }, [], 180_000, true);
  const base = server.url;
  const stop = async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const token = new URL(server.setupUrl!).searchParams.get('token');
    const { cookie, body: setup } = await call(base, 'POST', '/api/first-run-setup', {
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

export async function floor(): Promise<Target> {
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
