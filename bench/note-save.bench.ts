/**
 * Note save under load: N concurrent sessions, each on its own interview in pairing, each
 * posting notes over HTTP (autocannon) and listening on the interview's WebSocket. A probe
 * session measures fan-out: time from sending a note to its author's other device hearing it.
 *
 *   node --import tsx bench/note-save.bench.ts            # SQLite
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/note-save.bench.ts
 */

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import WebSocket from 'ws';
import { cpuMs, startChildServer, startNoteFloor } from './support/child-server.ts';

const SESSIONS = Number(process.env.SESSIONS ?? 200);
const DURATION_S = Number(process.env.DURATION_S ?? 15);
const NOTES_PER_SESSION_PER_S = 1;
const PASSWORD = 'correct horse battery staple';

async function call(base: string, method: string, url: string, body?: unknown, cookie?: string) {
  const response = await fetch(base + url, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${url} → ${response.status} ${text}`);
  return { body: JSON.parse(text), cookie: response.headers.get('set-cookie')?.split(';')[0] };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

interface LoadResult {
  total: number;
  failed: number;
  p50: number;
  p99: number;
}

async function pacedLoad(
  sessions: Array<{ cookie: string; interviewId: string }>,
  request: (s: { cookie: string; interviewId: string }) => {
    method: string;
    path: string;
    headers: Record<string, string>;
    body: string;
  },
  base: string,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let failed = 0;
  let sent = 0;
  const until = performance.now() + DURATION_S * 1000;
  await Promise.all(
    sessions.map(async (session, index) => {
      // Spread the sessions over the first second so they do not fire in lockstep.
      await new Promise((r) => setTimeout(r, (index / sessions.length) * 1000));
      // Each session's first note also opens its HTTP connection; it is sent but not timed, so the
      // figures are the steady state of an hour-long session rather than 200 simultaneous connects.
      let warm = false;
      while (performance.now() < until) {
        const started = performance.now();
        const { method, path: url, headers, body } = request(session);
        const response = await fetch(base + url, { method, headers, body });
        await response.arrayBuffer();
        if (warm) latencies.push(performance.now() - started);
        warm = true;
        sent++;
        if (response.status !== 200) failed++;
        await new Promise((r) =>
          setTimeout(r, Math.max(0, 1000 / NOTES_PER_SESSION_PER_S - (performance.now() - started))),
        );
      }
    }),
  );
  return { total: sent, failed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function run(label: string, databaseUrl: string | null) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-bench-'));
  let dbName: string | null = null;
  let serverDbUrl = '';
  if (databaseUrl) {
    dbName = `pairwise_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(databaseUrl);
    url.pathname = `/${dbName}`;
    serverDbUrl = url.toString();
  }
  const server = await startChildServer({ DATA_DIR: dataDir, DATABASE_URL: serverDbUrl }, [], 180_000, true);
  const base = server.url;
  try {
    const token = new URL(server.setupUrl!).searchParams.get('token');
    const { cookie: adminCookie, body: setup } = await call(base, 'POST', '/api/first-run-setup', {
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
      adminCookie,
    );
    const { body: position } = await call(
      base,
      'POST',
      '/api/positions',
      { title: 'P', level: '', lineManagerId: lm.body.user.id },
      adminCookie,
    );
    const { body: task } = await call(
      base,
      'POST',
      '/api/tasks',
      { title: 'T', summary: '', navigatorGuide: '', setupCommands: [], testCommand: '' },
      adminCookie,
    );
    const { body: candidate } = await call(
      base,
      'POST',
      '/api/candidates',
      { name: 'Casey Candidate', email: 'casey@example.com', timeZone: 'UTC' },
      adminCookie,
    );

    const sessions: Array<{ cookie: string; interviewId: string }> = [];
    for (let i = 0; i <= SESSIONS; i++) {
      const { body } = await call(
        base,
        'POST',
        '/api/interviews',
        {
          candidateId: candidate.candidate.id,
          positionId: position.position.id,
          taskId: task.task.id,
          navigatorId: setup.user.id,
          startsAtLocal: '2030-01-01T10:00',
          timeZone: 'UTC',
          place: 'Room',
          // Every session's interview is at the same time with the same navigator.
          confirmOverlap: true,
        },
        adminCookie,
      );
      const id = body.interview.id;
      // The invitation goes out only from its preview; the interview is far off, so "start early".
      const preview = await call(base, 'GET', `/api/interviews/${id}/invitation`, undefined, adminCookie);
      await call(
        base,
        'POST',
        `/api/interviews/${id}/invitation`,
        { previewDigest: preview.body.invitation.previewDigest, notReadyReason: 'A benchmark.' },
        adminCookie,
      );
      await call(
        base,
        'POST',
        `/api/interviews/${id}/wellness`,
        { well: true, startEarly: true },
        adminCookie,
      );
      await call(
        base,
        'POST',
        `/api/interviews/${id}/transitions`,
        { action: 'start_setup', startEarly: true },
        adminCookie,
      );
      await call(base, 'POST', `/api/interviews/${id}/transitions`, { action: 'start_pairing' }, adminCookie);
      const signIn = await call(base, 'POST', '/api/session', {
        email: 'admin@example.com',
        password: PASSWORD,
      });
      sessions.push({ cookie: signIn.cookie!, interviewId: id });
    }
    const probe = sessions.pop()!;

    // Every session listens on its interview's channel, as an open live page does.
    const sockets = await Promise.all(
      [...sessions, probe].map(
        (s) =>
          new Promise<WebSocket>((resolve, reject) => {
            const socket = new WebSocket(
              `${base.replace('http', 'ws')}/api/interviews/${s.interviewId}/live`,
              {
                headers: { cookie: s.cookie },
              },
            );
            socket.once('open', () => resolve(socket));
            socket.once('error', reject);
          }),
      ),
    );
    const probeSocket = sockets.at(-1)!;
    const fanout: number[] = [];
    let waiting: ((t: number) => void) | null = null;
    probeSocket.on('message', (data) => {
      if (String(data).includes('notes_changed')) waiting?.(performance.now());
    });
    let probing = true;
    const prober = (async () => {
      await new Promise((r) => setTimeout(r, 1000));
      while (probing) {
        const heard = new Promise<number>((resolve) => {
          waiting = resolve;
        });
        const sentAt = performance.now();
        await call(
          base,
          'PUT',
          `/api/interviews/${probe.interviewId}/notes/${randomUUID()}`,
          { text: 'probe', tags: [], offsetMs: 0 },
          probe.cookie,
        );
        fanout.push((await heard) - sentAt);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    const request = (s: (typeof sessions)[number]) => ({
      method: 'PUT' as const,
      path: `/api/interviews/${s.interviewId}/notes/${randomUUID()}`,
      headers: { cookie: s.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({
        text: 'Extracted a function after the test went green',
        tags: ['design'],
        offsetMs: 1000,
      }),
    });
    // Every request must be a new note: autocannon ignores setRequest after the first send,
    // which would measure idempotent re-sends instead. Each connection keeps one session's
    // cookie, and setupRequest reads it back to pick that session's interview and a fresh id.
    const interviewByCookie = new Map(sessions.map((s) => [s.cookie, s.interviewId]));
    const load = () => {
      let next = 0;
      return autocannon({
        url: base,
        connections: sessions.length,
        duration: DURATION_S,
        setupClient: (client) => {
          const session = sessions[next++ % sessions.length]!;
          client.setHeaders({ cookie: session.cookie, 'content-type': 'application/json' });
        },
        requests: [
          {
            method: 'PUT',
            setupRequest: (req) => {
              const cookie = String((req.headers as Record<string, string>).cookie);
              const { path: url, body } = request({ cookie, interviewId: interviewByCookie.get(cookie)! });
              return { ...req, path: url, body };
            },
          },
        ],
      });
    };
    // Paced: every session saves a note each second, far faster than anyone types; this is what
    // the budget is about. autocannon's own latency under a rate limit includes its pacing
    // delay, so the paced load times each request itself.
    const cpuBefore = cpuMs(server.child.pid!);
    const paced = await pacedLoad(sessions, request, base);
    const pacedCpu = cpuMs(server.child.pid!) - cpuBefore;
    const pacedFanout = fanout.splice(0);
    const saturated = await load();
    const failures = `status codes ${JSON.stringify(saturated.statusCodeStats)}, connection errors ${saturated.errors}, timeouts ${saturated.timeouts}`;
    probing = false;
    (waiting as ((t: number) => void) | null)?.(performance.now());
    await prober;
    for (const socket of sockets) socket.close();

    const row = (name: string, result: LoadResult, heard: number[]) =>
      `| ${name} | ${result.total} (${Math.round(result.total / DURATION_S)}/s) | ${result.failed} | ${result.p50.toFixed(1)} / ${result.p99.toFixed(1)} ms | ${heard.length ? `${percentile(heard, 50).toFixed(1)} / ${percentile(heard, 99).toFixed(1)} ms (${heard.length} probes)` : 'n/a'} |`;
    const lines = [
      `### ${label}`,
      '',
      `${sessions.length} sessions, each with an HTTP connection and a WebSocket, ${DURATION_S} s per load.`,
      '',
      '| load | notes saved | failed | note save p50 / p99 | fan-out to the other device p50 / p99 |',
      '|---|---|---|---|---|',
      row(`paced: ${NOTES_PER_SESSION_PER_S} note/s per session`, paced, pacedFanout),
      row(
        'saturated: back-to-back (autocannon)',
        {
          total: saturated.requests.total,
          failed: saturated.non2xx + saturated.errors + saturated.timeouts,
          p50: saturated.latency.p50,
          p99: saturated.latency.p99,
        },
        fanout,
      ),
      '',
      `Saturated run: ${failures}.`,
      '',
      `Server CPU during the paced load: ${(pacedCpu / 1000).toFixed(1)} s for ${paced.total + pacedFanout.length} notes, ${(pacedCpu / (paced.total + pacedFanout.length)).toFixed(2)} ms a note (WebSocket heartbeats included).`,
      '',
    ];
    console.log(lines.join('\n'));
    return lines.join('\n');
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (dbName && databaseUrl) {
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
}

/** The same paced and saturated loads against the floor: node:http and one durable INSERT. */
async function runFloor(): Promise<string> {
  const floor = await startNoteFloor();
  try {
    const base = floor.url;
    const sessions = Array.from({ length: SESSIONS }, () => ({
      cookie: '',
      interviewId: randomUUID() as string,
    }));
    const request = (s: (typeof sessions)[number]) => ({
      method: 'PUT',
      path: `/api/interviews/${s.interviewId}/notes/${randomUUID()}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        text: 'Extracted a function after the test went green',
        tags: ['design'],
        offsetMs: 1000,
      }),
    });
    const cpuBefore = cpuMs(floor.pid);
    const paced = await pacedLoad(sessions, request, base);
    const pacedCpu = cpuMs(floor.pid) - cpuBefore;
    const saturated = await autocannon({
      url: base,
      connections: SESSIONS,
      duration: DURATION_S,
      requests: [
        {
          method: 'PUT',
          setupRequest: (req) => {
            const { path: url, body } = request(sessions[0]!);
            return { ...req, path: url, body, headers: { 'content-type': 'application/json' } };
          },
        },
      ],
    });
    const lines = [
      '### The floor: node:http and one SQLite INSERT (WAL, synchronous=FULL), same loads',
      '',
      '| load | notes saved | failed | note save p50 / p99 |',
      '|---|---|---|---|',
      `| paced: ${NOTES_PER_SESSION_PER_S} note/s per session | ${paced.total} (${Math.round(paced.total / DURATION_S)}/s) | ${paced.failed} | ${paced.p50.toFixed(1)} / ${paced.p99.toFixed(1)} ms |`,
      `| saturated: back-to-back (autocannon) | ${saturated.requests.total} (${Math.round(saturated.requests.total / DURATION_S)}/s) | ${saturated.non2xx + saturated.errors + saturated.timeouts} | ${saturated.latency.p50.toFixed(1)} / ${saturated.latency.p99.toFixed(1)} ms |`,
      '',
      `Floor CPU during the paced load: ${(pacedCpu / 1000).toFixed(1)} s for ${paced.total} notes, ${(pacedCpu / paced.total).toFixed(2)} ms a note.`,
      '',
    ];
    console.log(lines.join('\n'));
    return lines.join('\n');
  } finally {
    await floor.stop();
  }
}

// Recorded with the figures: on a shared 2-core machine the tails depend on what else runs.
const startLoad = os
  .loadavg()
  .map((load) => load.toFixed(1))
  .join(' / ');
const sections = [await run('SQLite (WAL, synchronous=FULL)', null)];
if (!process.env.NO_FLOOR) sections.push(await runFloor());
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (pgUrl) sections.push(await run('PostgreSQL 15 (local, default synchronous_commit)', pgUrl));
const header = `# Note save under load\n\nMachine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}. Load average when it started: ${startLoad} (other work on the machine inflates the tails).\nCommand: \`node --import tsx bench/note-save.bench.ts\` (${SESSIONS} sessions, ${DURATION_S} s). Budget: note save p99 ≤ 20 ms on SQLite at 200 sessions.\n\n`;
// RESULTS_FILE=- prints only (for profiling runs and before/after comparisons).
const resultsFile = process.env.RESULTS_FILE ?? new URL('./results/note-save.md', import.meta.url).pathname;
if (resultsFile !== '-') fs.writeFileSync(resultsFile, header + sections.join('\n'));
