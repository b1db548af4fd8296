/**
 * Real-company size: seeds 100,000 interviews and 1,000,000 notes (with their candidates,
 * events, panels, scorecards, decisions, outbox, calendar blocks, audit entries and data
 * requests) straight into the database, starts `pairwise serve` on it in its own process, and
 * times the main routes through the HTTP API with signed-in sessions: p50/p95 and response size
 * per route, and the server's event-loop delay (perf_hooks.monitorEventLoopDelay) while each
 * route is read. Last, lists are read while notes are saved, to show whether one blocks the other.
 *
 *   node --import tsx bench/scale.bench.ts                    # SQLite, full size
 *   SCALE=0.05 node --import tsx bench/scale.bench.ts         # 5,000 interviews while developing
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/scale.bench.ts
 *   SCALE=0.2 SEED_ONLY=/tmp/seeded node --import tsx bench/scale.bench.ts > /tmp/seeded.json   # only seed
 *   SEEDED=/tmp/seeded.json node --import tsx bench/scale.bench.ts   # time a copy of that seed (SQLite)
 *
 * Budget: every route's p95 ≤ 25 ms, no response over 1 MB, event-loop delay p99 ≤ 50 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { z } from 'zod';
import { migrations, openDatabase } from '../packages/server/src/platform/db/database.ts';
import { cpuMs, startChildServer } from './support/child-server.ts';
import { postgresWriter, seededWorld, seedScale, sqliteWriter } from './support/scale-seed.ts';

const SCALE = Number(process.env.SCALE ?? 1);
/**
 * Timed requests per route: p95 is then the 11th-slowest of 200, not the 2nd-slowest of 40, so one
 * request that met another engineer's burst of CPU does not decide a route.
 */
const REQUESTS = Number(process.env.REQUESTS ?? 200);
/** A route that is very slow is cut short after this long, with the requests it got through. */
const ROUTE_BUDGET_MS = Number(process.env.ROUTE_BUDGET_S ?? 20) * 1000;
const MIXED_SECONDS = Number(process.env.MIXED_S ?? 10);
const databaseUrl = process.env.BENCH_DATABASE_URL ?? null;
const loopProbe = fileURLToPath(new URL('./support/loop-delay.ts', import.meta.url));
/** LOOP_STALLS_FILE=…: also note each stall of the server's loop with the requests around it. */
const stallsProbe = fileURLToPath(new URL('./support/loop-stalls.ts', import.meta.url));

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const ms = (value: number) =>
  Number.isNaN(value) ? '–' : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
const size = (bytes: number) =>
  bytes >= 1_048_576
    ? `${(bytes / 1_048_576).toFixed(1)} MB`
    : bytes >= 1024
      ? `${(bytes / 1024).toFixed(1)} kB`
      : `${bytes} B`;

/** A window of the server's event-loop delay, as its probe writes it. */
const loopFigures = z.object({ p50: z.number(), p99: z.number(), max: z.number() });

/** A new database, empty or a copy of a seeded one (PostgreSQL copies its files: seconds, not minutes). */
async function freshPostgresDatabase(
  url: string,
  template?: string,
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `pairwise_scale_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

async function main() {
  const loadAtStart = os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-scale-'));
  const dataDir = path.join(dir, 'data');
  const seedStarted = performance.now();
  const seeded = process.env.SEEDED
    ? seededWorld
        .extend({ dataDir: z.string(), database: z.string().optional() })
        .parse(JSON.parse(fs.readFileSync(process.env.SEEDED, 'utf8')))
    : null;
  const pgDatabase = databaseUrl ? await freshPostgresDatabase(databaseUrl, seeded?.database) : null;
  let keepDatabase = false;
  try {
    let world: Awaited<ReturnType<typeof seedScale>>;
    if (seeded) {
      // Seeding a million notes takes minutes on a busy machine: time a copy of an earlier seed
      // (the server migrates the copy to this commit's schema when it starts).
      fs.cpSync(seeded.dataDir, dataDir, { recursive: true });
      world = seeded;
    } else {
      // Migrations through the server's own code, so the seed lands in the schema it will read.
      const handle = await openDatabase({ dataDir, databaseUrl: pgDatabase?.url ?? null });
      await handle.close();
      const writer = pgDatabase
        ? postgresWriter(pgDatabase.url)
        : sqliteWriter(path.join(dataDir, 'pairwise.sqlite'));
      // The same bench runs against commits from before migration 015 (for the "before" figures).
      world = await seedScale(writer, SCALE, '015-scale-indexes' in migrations);
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    console.error(`seeded in ${seedSeconds.toFixed(0)} s: ${JSON.stringify(world.rowCounts)}`);
    if (process.env.SEED_ONLY) {
      // For reading query plans by hand: keep the seeded folder and say where it is.
      // PostgreSQL's seed leaves no data folder behind (the server makes it when it starts).
      fs.mkdirSync(dataDir, { recursive: true });
      fs.renameSync(dataDir, process.env.SEED_ONLY);
      // On PostgreSQL the seeded database stays, as the template later runs copy.
      keepDatabase = true;
      const database = pgDatabase?.name;
      console.log(JSON.stringify({ dataDir: process.env.SEED_ONLY, database, ...world }, null, 2));
      return;
    }

    const loopFile = path.join(dir, 'loop-delay.jsonl');
    fs.writeFileSync(loopFile, '');
    const server = await startChildServer(
      {
        DATA_DIR: dataDir,
        DATABASE_URL: pgDatabase?.url ?? '',
        LOOP_DELAY_FILE: loopFile,
        // The feed answers 60 requests a minute per client address (then 429). Calendar apps poll
        // it from their own servers' addresses: the bench's feed requests name one address each,
        // through X-Forwarded-For, which the server believes from the loopback only.
        TRUST_PROXY: '127.0.0.1,::1',
      },
      process.env.LOOP_STALLS_FILE ? [loopProbe, stallsProbe] : [loopProbe],
      300_000,
    );
    /** Closes the server's current measuring window and returns its figures. */
    const loopWindow = async () => {
      const before = fs.readFileSync(loopFile, 'utf8').split('\n').filter(Boolean).length;
      server.child.kill('SIGUSR2');
      for (;;) {
        const lines = fs.readFileSync(loopFile, 'utf8').split('\n').filter(Boolean);
        if (lines.length > before) return loopFigures.parse(JSON.parse(lines.at(-1)!));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };

    // On a machine shared with other work, CPU per request moves less with the load than time.
    const serverCpuMs = () => cpuMs(server.child.pid!);

    // The start-up work (today's retention run walks every candidate, in chunks) would be timed
    // with the first routes: wait until the server has been idle for a second.
    const settleStarted = performance.now();
    for (let idleFor = 0; idleFor < 1000 && performance.now() - settleStarted < 600_000; ) {
      const before = serverCpuMs();
      await new Promise((resolve) => setTimeout(resolve, 250));
      idleFor = serverCpuMs() - before <= 10 ? idleFor + 250 : 0;
    }
    const settleSeconds = (performance.now() - settleStarted) / 1000;
    console.error(`server settled after ${settleSeconds.toFixed(0)} s`);

    const etags = new Map<string, string>();
    let calendarApps = 0;
    const get = async (url: string, cookie: string | null) => {
      const started = performance.now();
      // 'etag': a calendar app polling with the tag of its last download.
      const headers: Record<string, string> =
        cookie === 'etag' ? { 'if-none-match': etags.get(url) ?? '' } : cookie ? { cookie } : {};
      if (url.startsWith('/calendar/')) {
        const app = ++calendarApps;
        headers['x-forwarded-for'] = `10.${(app >> 16) & 255}.${(app >> 8) & 255}.${app & 255}`;
      }
      const response = await fetch(server.url + url, { headers, signal: AbortSignal.timeout(60_000) });
      const etag = response.headers.get('etag');
      if (etag) etags.set(url, etag);
      const body = await response.arrayBuffer();
      return { status: response.status, ms: performance.now() - started, bytes: body.byteLength };
    };

    const { cookies } = world;
    const big = world.bigInterviewId;
    const inProgress = 'checked_in,setup,pairing,wrap,break,retrospective,refinement,reported';
    const done = 'decided,cancelled,no_show';
    const week = `from=${encodeURIComponent(new Date().toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 7 * 86_400_000).toISOString())}`;
    const routes: Array<[string, string, string | null]> = [
      ['home, all interviews (admin)', '/api/interviews', cookies.admin],
      ['home, my interviews (navigator)', '/api/interviews', cookies.navigator],
      ['home, my interviews (line manager)', '/api/interviews', cookies.lineManager],
      // As the home page asks since keyset pages (a 400 before: the route took no query).
      ['home: in progress (navigator)', `/api/interviews?stages=${inProgress}`, cookies.navigator],
      [
        'home: upcoming, next 7 days (navigator)',
        `/api/interviews?stages=planned,invited&${week}`,
        cookies.navigator,
      ],
      ['home: upcoming, all (admin)', '/api/interviews?stages=planned,invited', cookies.admin],
      ['home: done, latest first (admin)', `/api/interviews?stages=${done}&order=desc`, cookies.admin],
      [
        'home: done, latest first (line manager)',
        `/api/interviews?stages=${done}&order=desc`,
        cookies.lineManager,
      ],
      ['home: search a candidate (admin)', '/api/interviews?q=candidate123', cookies.admin],
      // The work queue above the lists: bounded reads per scope, plus today's (decision 029).
      ['home: work queue (admin)', '/api/work-queue?timeZone=Europe%2FBerlin', cookies.admin],
      ['home: work queue (navigator)', '/api/work-queue?timeZone=Europe%2FBerlin', cookies.navigator],
      ['home: work queue (line manager)', '/api/work-queue?timeZone=Europe%2FBerlin', cookies.lineManager],
      ['candidates list (admin)', '/api/candidates', cookies.admin],
      ['candidates search (admin)', '/api/candidates?q=candidate12', cookies.admin],
      ['calendar feed (navigator)', `/calendar/${world.feedToken}.ics`, null],
      ['calendar feed, unchanged (If-None-Match)', `/calendar/${world.feedToken}.ics`, 'etag'],
      ['outbox, newest (admin)', '/api/outbox', cookies.admin],
      ['outbox, failed only (admin)', '/api/outbox?status=failed', cookies.admin],
      ['audit log, newest (admin)', '/api/audit', cookies.admin],
      ['audit log of a candidate (admin)', `/api/audit?candidateId=${world.someCandidateId}`, cookies.admin],
      ['privacy: legal holds', '/api/privacy/legal-holds', cookies.admin],
      ['privacy: upcoming erasures', '/api/privacy/erasures', cookies.admin],
      ['privacy: data requests', '/api/privacy/requests', cookies.admin],
      ['interview detail, 3,000 notes', `/api/interviews/${big}`, cookies.navigator],
      ['notes, 3,000-note interview', `/api/interviews/${big}/notes`, cookies.navigator],
      ['report, 3,000-note interview', `/api/interviews/${big}/report`, cookies.navigator],
      // Calibration's default period, the last twelve months, per role (decision 041).
      ['calibration, 12 months (admin)', '/api/calibration', cookies.admin],
      ['calibration, 12 months (line manager)', '/api/calibration', cookies.lineManager],
      ['calibration, 12 months (navigator)', '/api/calibration', cookies.navigator],
      ['positions (admin)', '/api/positions', cookies.admin],
      ['users (admin)', '/api/users', cookies.admin],
      ['session', '/api/session', cookies.navigator],
    ];

    const results: string[] = [];
    let inBudget = 0;
    // ROUTES=<regex> times only the routes whose label matches (e.g. while profiling one).
    const only = process.env.ROUTES ? new RegExp(process.env.ROUTES, 'i') : null;
    await loopWindow();
    const routesStarted = performance.now();
    for (const [label, url, cookie] of routes) {
      if (only && !only.test(label)) continue;
      const latencies: number[] = [];
      let cpuBefore = 0;
      let bytes = 0;
      let status = 0;
      let error = '';
      try {
        // One untimed request first: the server's first use of a query plan or a lazy module.
        ({ status } = await get(url, cookie));
        await loopWindow();
        cpuBefore = serverCpuMs();
        const until = performance.now() + ROUTE_BUDGET_MS;
        while (latencies.length < REQUESTS && performance.now() < until) {
          const result = await get(url, cookie);
          latencies.push(result.ms);
          bytes = Math.max(bytes, result.bytes);
          status = result.status;
        }
      } catch (caught) {
        error = (caught as Error).name === 'TimeoutError' ? 'timed out (60 s)' : String(caught);
      }
      const cpuPerRequest =
        latencies.length > 0 ? (serverCpuMs() - cpuBefore) / latencies.length : Number.NaN;
      const loop = await loopWindow();
      const p95 = percentile(latencies, 95);
      const ok = !error && p95 <= 25 && bytes <= 1_048_576 && status < 400;
      if (ok) inBudget++;
      results.push(
        `| ${label} | ${status || '–'} | ${latencies.length} | ${ms(percentile(latencies, 50))} | ${ms(p95)} | ${ms(cpuPerRequest)} | ${size(bytes)} | ${loop.p99.toFixed(1)} / ${loop.max.toFixed(1)} ms | ${ok ? 'yes' : error || 'no'} |`,
      );
      console.error(results.at(-1));
    }

    const routesSeconds = (performance.now() - routesStarted) / 1000;
    // Mixed: four readers go through the lists while notes are saved on the live interview.
    const mixedUntil = performance.now() + MIXED_SECONDS * 1000;
    const noteLatencies: number[] = [];
    let noteFailures = 0;
    let reads = 0;
    await loopWindow();
    const mixedCpuBefore = serverCpuMs();
    // Calibration stays out, as in earlier runs: its seconds of CPU per request would set the pace.
    const listRoutes = routes.filter(
      ([label]) => !label.includes('3,000') && !label.startsWith('calibration'),
    );
    await Promise.all([
      ...[0, 1, 2, 3].map(async (reader) => {
        let index = reader;
        while (performance.now() < mixedUntil) {
          const [, url, cookie] = listRoutes[index++ % listRoutes.length]!;
          await get(url, cookie).catch(() => undefined);
          reads++;
        }
      }),
      (async () => {
        let n = 0;
        while (performance.now() < mixedUntil) {
          const started = performance.now();
          const response = await fetch(
            `${server.url}/api/interviews/${world.liveInterviewId}/notes/${crypto.randomUUID()}`,
            {
              method: 'PUT',
              headers: { cookie: cookies.navigator, 'content-type': 'application/json' },
              body: JSON.stringify({
                text: `Live note ${n++}: tests first, then the edge case.`,
                tags: [],
                offsetMs: n * 1000,
              }),
            },
          );
          await response.arrayBuffer();
          if (response.status === 200) noteLatencies.push(performance.now() - started);
          else noteFailures++;
          // Twenty notes a second: a busy afternoon of several sessions at once.
          await new Promise((resolve) =>
            setTimeout(resolve, Math.max(0, 50 - (performance.now() - started))),
          );
        }
      })(),
    ]);
    const mixedCpu = serverCpuMs() - mixedCpuBefore;
    const mixedLoop = await loopWindow();
    await server.stop();

    const load = os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(' / ');
    const lines = [
      `### ${pgDatabase ? 'PostgreSQL 15' : 'SQLite (WAL, synchronous=FULL)'}, scale ${SCALE}: ${world.interviews.toLocaleString('en')} interviews, ${world.notes.toLocaleString('en')} notes`,
      '',
      `Node ${process.version}, ${os.cpus().length} cores, load average at the start ${loadAtStart}, at the end ${load}; ${process.env.SEEDED ? 'copied the seed' : 'seeded'} in ${seedSeconds.toFixed(0)} s; the server's start-up work (retention run) settled ${settleSeconds.toFixed(0)} s after it answered. Up to ${REQUESTS} sequential requests per route after one untimed request (a route is cut short after ${ROUTE_BUDGET_MS / 1000} s).`,
      '',
      '| route | status | requests | p50 | p95 | server CPU per request | size | event-loop delay p99 / max | within budget |',
      '|---|---|---|---|---|---|---|---|---|',
      ...results,
      '',
      `${inBudget} of ${routes.length} routes within budget (p95 ≤ 25 ms, ≤ 1 MB). The routes were timed in ${routesSeconds.toFixed(0)} s; the whole run, seed and settling included, took ${((performance.now() - seedStarted) / 1000).toFixed(0)} s.`,
      '',
      `Mixed, ${MIXED_SECONDS} s: 4 readers through the lists (${reads} reads) while notes are saved at 20/s: note save p50 ${ms(percentile(noteLatencies, 50))}, p99 ${ms(percentile(noteLatencies, 99))} (${noteLatencies.length} saved, ${noteFailures} failed); event-loop delay p99 ${mixedLoop.p99.toFixed(1)} ms, max ${mixedLoop.max.toFixed(1)} ms; server CPU ${(mixedCpu / 1000).toFixed(1)} s in ${MIXED_SECONDS} s.`,
      '',
    ];
    console.log(lines.join('\n'));
  } finally {
    if (!keepDatabase) await pgDatabase?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
