/**
 * The candidate repository through the whole app, as a candidate and a navigator meet it:
 * - clone time over Pairwise's endpoint (`pairwise serve` in its own process: Fastify, the
 *   database lookups and window check of every git request, git upload-pack or a kept answer) against a local
 *   `file://` clone of the same bare repository, for a 200-file and a 1,000-file task exported
 *   through the task-snapshot API;
 * - push → live view latency: from starting `git push` to the navigator's WebSocket receiving
 *   the `push_received` event (post-receive hook, spool, database transaction, fan-out).
 *
 *   node --import tsx bench/candidate-repository.bench.ts [--runs 15]
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/candidate-repository.bench.ts
 *
 * Writes bench/results/candidate-repository.md (or candidate-repository-postgres.md).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inviteToRepository, listenLive } from '../packages/server/test/candidate-repository-flows.ts';
import { createWorld, expectStatus, type TestServer } from '../packages/server/test/harness.ts';
import { commitFiles, gitOk } from '../packages/server/test/support/git-test-harness.ts';
import { createTestFolderSync } from '../packages/server/test/support/test-process.ts';
import { npmStartCommand, startChildServer } from './support/child-server.ts';

const runsArgument = process.argv.indexOf('--runs');
const RUNS = runsArgument > 0 ? Number(process.argv[runsArgument + 1]) : 15;
const PUSH_RUNS = Number(process.env.PUSH_RUNS ?? 20);
/** Which tasks to clone: `demo` (the bundled demo task's starting point), 200, 1000. */
const SIZES = (process.env.SIZES ?? 'demo,200,1000').split(',');
/**
 * FRESH_PACKS=1: before each pair of clones an empty commit moves main in the bare repository (on
 * disk, not through the server), so both clones fetch a commit never cloned before: no pack is
 * served kept (decision 044) and git runs on the server each time, as for the first clone of a
 * task's snapshot since the server started.
 */
const FRESH_PACKS = process.env.FRESH_PACKS === '1';
/**
 * FIRST_CLONE=1: before each pair the task gets a new snapshot (one file changed) and a new
 * interview is planned and invited, so each timed clone is the first clone of its snapshot since
 * the server started, as a candidate makes it: the repository was created through the server,
 * which made its pack then (decision 050). The bench waits for the server's git processes to end
 * before cloning (a candidate clones minutes after planning) and reports what the pack cost.
 */
const FIRST_CLONE = process.env.FIRST_CLONE === '1';
const demoStartingPoint = fileURLToPath(
  new URL('../packages/server/demo-task/starting-point', import.meta.url),
);

/** CPU ms of this process's finished children (the git clients), from /proc: cutime + cstime. */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}
/** CPU ms of the server itself and of its finished children (upload-pack, pack-objects, http-backend). */
function serverCpuMs(pid: number): { own: number; git: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return {
    own: (Number(fields[11]) + Number(fields[12])) * 10,
    git: (Number(fields[13]) + Number(fields[14])) * 10,
  };
}

/** The server's child processes (git making a pack), from /proc: each process's parent. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(fields[1]) === pid) children.push(Number(entry));
    } catch {
      // It ended while the list was read.
    }
  }
  return children;
}

/** Resolves once the server runs no child process: the pack made at planning is kept. */
async function childrenEnded(pid: number): Promise<void> {
  while (childrenOf(pid).length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
async function time(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

/** The same generated modules as bench/git-clone.bench.ts, so the two results compare. */
function taskFiles(count: number): Record<string, string> {
  const files: Record<string, string> = { 'README.md': '# Generated task\n' };
  for (let index = 0; index < count - 1; index++) {
    const lines = Array.from(
      { length: 20 + (index % 40) },
      (_, line) => `export const value${line} = ${index * 1000 + line}; // module ${index}, line ${line}`,
    );
    files[`src/module-${Math.floor(index / 50)}/file-${index}.ts`] = `${lines.join('\n')}\n`;
  }
  return files;
}

// A folder the git helpers accept as a cwd (they refuse any other, see test-process.ts).
const dataDir = createTestFolderSync('bench-repository');
const work = path.join(dataDir, 'bench-work');
let databaseUrl: string | null = null;
let dropDatabase = async () => {};
if (process.env.BENCH_DATABASE_URL) {
  const name = `pairwise_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(process.env.BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  dropDatabase = async () => {
    const client = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  };
}
const server = await startChildServer(
  {
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  },
  [],
  // A busy shared machine can take well over the default 30 s to start the server.
  120_000,
  false,
  // As `npm start` runs it (the bundle: its memory is what each git process is forked from);
  // SERVE=tsx runs the sources instead.
  process.env.SERVE === 'tsx' ? undefined : npmStartCommand(),
);
const loadBefore = os.loadavg()[0] ?? 0;
const cloneRows: string[] = [];

try {
  const world = await createWorld({
    url: server.url,
    setupUrl: server.setupUrl,
    dataDir,
  } as unknown as TestServer);
  await mkdir(work, { recursive: true });

  for (const size of SIZES) {
    const fileCount = size === 'demo' ? 0 : Number(size);
    const { task } = await expectStatus(
      world.navigator.post('/api/tasks', {
        title: `Generated ${size}`,
        summary: '',
        navigatorGuide: '',
        setupCommands: [],
        testCommand: '',
      }),
      201,
    );
    // DATA_DIR/imports is where interviewers may import from by default.
    const folder = path.join(dataDir, 'imports', `generated-${size}`);
    if (size === 'demo') await cp(demoStartingPoint, folder, { recursive: true });
    for (const [name, content] of Object.entries(fileCount ? taskFiles(fileCount) : {})) {
      await mkdir(path.dirname(path.join(folder, name)), { recursive: true });
      await writeFile(path.join(folder, name), content);
    }
    await expectStatus(
      world.navigator.post(`/api/tasks/${task.id}/snapshots`, {
        source: { kind: 'directory', path: folder },
      }),
      201,
    );
    let plannedDay = 0;
    const newRepository = async () => {
      const day = new Date(Date.UTC(2030, 2, 5 + plannedDay++)).toISOString().slice(0, 10);
      const interviewId = await world.planInterview({ taskId: task.id, startsAtLocal: `${day}T14:00` });
      const block = await inviteToRepository(world.navigator, interviewId);
      const slug = block.cloneUrl!.split('/git/')[1]!.replace(/\.git$/, '');
      return {
        cloneUrl: block.cloneUrl!,
        login: { username: block.username!, password: block.password! },
        bare: path.join(dataDir, 'repositories', `${slug}.git`),
      };
    };
    let { cloneUrl, login, bare } = await newRepository();
    /** Server CPU (own + git) from a new snapshot's export to its pack made, per FIRST_CLONE pair. */
    const preparing: number[] = [];

    const httpTimes: number[] = [];
    const fileTimes: number[] = [];
    const ratios: number[] = [];
    const overheads: number[] = [];
    const httpCpu: number[] = [];
    const fileCpu: number[] = [];
    const serverCpu: number[] = [];
    const serverOwnCpu: number[] = [];
    // The warm-up clone: the candidate's first access, and the first clone of this snapshot since
    // the server started, so git runs on the server (later clones of it may be served kept).
    const first = { client: 0, server: 0, serverGit: 0, file: 0 };
    const pid = server.child.pid!;
    // One untimed pair warms caches (and is the candidate's first access, which fixes the
    // starting point); the order alternates so machine load hits both sides of a ratio alike.
    for (let run = -1; run < RUNS; run++) {
      if (FIRST_CLONE) {
        await writeFile(path.join(folder, 'RUN.md'), `Run ${run}\n`);
        const before = serverCpuMs(server.child.pid!);
        await expectStatus(
          world.navigator.post(`/api/tasks/${task.id}/snapshots`, {
            source: { kind: 'directory', path: folder },
          }),
          201,
        );
        ({ cloneUrl, login, bare } = await newRepository());
        await childrenEnded(server.child.pid!);
        const after = serverCpuMs(server.child.pid!);
        preparing.push(after.own + after.git - before.own - before.git);
      }
      if (FRESH_PACKS) {
        const tree = (await gitOk([`--git-dir=${bare}`, 'rev-parse', 'main^{tree}'], { cwd: work })).trim();
        const commit = (
          await gitOk([`--git-dir=${bare}`, 'commit-tree', tree, '-p', 'main', '-m', `Run ${run}`], {
            cwd: work,
          })
        ).trim();
        await gitOk([`--git-dir=${bare}`, 'update-ref', 'refs/heads/main', commit], { cwd: work });
      }
      const httpTarget = path.join(work, `http-${fileCount}-${run}`);
      const fileTarget = path.join(work, `file-${fileCount}-${run}`);
      // CPU of the git client processes and of the server with its git processes, per clone.
      const cloneHttp = async () => {
        const [client, served] = [childrenCpuMs(), serverCpuMs(pid)];
        const ms = await time(() => gitOk(['clone', '--quiet', cloneUrl, httpTarget], login));
        if (run < 0) {
          const after = serverCpuMs(pid);
          first.client = childrenCpuMs() - client;
          first.server = after.own + after.git - served.own - served.git;
          first.serverGit = after.git - served.git;
        }
        if (run >= 0) {
          httpCpu.push(childrenCpuMs() - client);
          const after = serverCpuMs(pid);
          serverOwnCpu.push(after.own - served.own);
          serverCpu.push(after.own + after.git - served.own - served.git);
        }
        return ms;
      };
      const cloneFile = async () => {
        const client = childrenCpuMs();
        const ms = await time(() => gitOk(['clone', '--quiet', `file://${bare}`, fileTarget]));
        if (run >= 0) fileCpu.push(childrenCpuMs() - client);
        else first.file = childrenCpuMs() - client;
        return ms;
      };
      const [httpMs, fileMs] =
        run % 2 === 0
          ? [await cloneHttp(), await cloneFile()]
          : await (async () => {
              const f = await cloneFile();
              return [await cloneHttp(), f];
            })();
      if (run >= 0) {
        httpTimes.push(httpMs);
        fileTimes.push(fileMs);
        ratios.push(httpMs / fileMs);
        overheads.push(httpMs - fileMs);
      }
      await rm(httpTarget, { recursive: true, force: true });
      await rm(fileTarget, { recursive: true, force: true });
    }
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    cloneRows.push(
      `| ${size === 'demo' ? 'demo task' : `${fileCount} files`} | ${median(httpTimes).toFixed(0)} ms | ${median(fileTimes).toFixed(0)} ms | ` +
        `${median(ratios).toFixed(2)}× | +${median(overheads).toFixed(0)} ms | ` +
        `${Math.min(...httpTimes).toFixed(0)}–${Math.max(...httpTimes).toFixed(0)} ms | ` +
        `${Math.min(...fileTimes).toFixed(0)}–${Math.max(...fileTimes).toFixed(0)} ms | ` +
        `${mean(httpCpu).toFixed(0)} + ${mean(serverCpu).toFixed(0)} (${mean(serverOwnCpu).toFixed(0)} + ${(mean(serverCpu) - mean(serverOwnCpu)).toFixed(0)}) ms | ${mean(fileCpu).toFixed(0)} ms | ` +
        `${((mean(httpCpu) + mean(serverCpu)) / mean(fileCpu)).toFixed(2)}× | ` +
        `${first.client} + ${first.server} (git ${first.serverGit}) / ${first.file} ms (${((first.client + first.server) / first.file).toFixed(2)}×) |`,
    );
    console.log(cloneRows.at(-1));
    if (FIRST_CLONE)
      console.log(
        `  before each pair: the snapshot's export, the planning and the invitation, with the pack made: ${mean(preparing).toFixed(0)} ms of server CPU (own + git), mean of ${preparing.length}`,
      );
  }

  // Push → live view: a navigator's WebSocket on the interview, as the open interview page has.
  const pushInterview = await world.planInterview({ startsAtLocal: '2030-03-06T14:00' });
  const block = await inviteToRepository(world.navigator, pushInterview);
  const login = { username: block.username!, password: block.password! };
  const clone = path.join(work, 'push-clone');
  await gitOk(['clone', '--quiet', block.cloneUrl!, clone], login);
  const live = await listenLive(server.url, world.navigator, pushInterview);
  const toLive: number[] = [];
  const pushCommand: number[] = [];
  for (let run = -1; run < PUSH_RUNS; run++) {
    const sha = await commitFiles(clone, { [`notes/run-${run}.md`]: `run ${run}\n` }, `Run ${run}`);
    const start = performance.now();
    const heard = live.waitFor(
      (m) => m.type === 'push_received' && JSON.stringify(m.payload ?? {}).includes(sha),
      10_000,
    );
    const commandMs = await time(() =>
      gitOk(['push', '--quiet', 'origin', 'main'], { cwd: clone, ...login }),
    );
    const message = await heard;
    if (run >= 0) {
      pushCommand.push(commandMs);
      toLive.push(message.receivedAt - start);
    }
  }
  live.close();
  const pushRow =
    `| small push (1 file) | ${median(pushCommand).toFixed(0)} ms | ${median(toLive).toFixed(0)} ms | ` +
    `${percentile(toLive, 95).toFixed(0)} ms | ${Math.max(...toLive).toFixed(0)} ms |`;
  console.log(pushRow);

  const gitVersion = execFileSync('git', ['--version']).toString().trim();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const databaseLabel = databaseUrl ? 'PostgreSQL (BENCH_DATABASE_URL)' : 'SQLite (embedded default)';
  const report = `# Candidate repository through the whole app

Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM,
Node ${process.version}, ${gitVersion}, ${os.type()} ${os.release()}, database ${databaseLabel}.
Command: \`node --import tsx bench/candidate-repository.bench.ts\`${databaseUrl ? ' with `BENCH_DATABASE_URL`' : ''}
(${RUNS} timed clone pairs per size after one warm-up, ${PUSH_RUNS} timed pushes; medians)${FRESH_PACKS ? ',\nwith `FRESH_PACKS=1`: main gets a new empty commit before each pair, so no clone is served a kept pack' : ''}${FIRST_CLONE ? ",\nwith `FIRST_CLONE=1`: a new snapshot, interview and repository before each pair, so each clone is its snapshot's first" : ''}.
The machine is shared with other work: 1-minute load average ${loadBefore.toFixed(2)} before and
${(os.loadavg()[0] ?? 0).toFixed(2)} after the run, so absolute times vary between runs; the paired ratios vary less.

\`pairwise serve\` runs in its own process. Each task was exported through \`POST /api/tasks/:id/snapshots\`
(secret scan included), each interview planned through the API and opened with "Invite to repository now";
the candidate's login comes from the clone block. Every git request of a clone (the unauthenticated
first one and its 401, then three with credentials) goes through the app: raw-path match, Basic
credentials against the stored SHA-256 in constant time, the window computed from the interview row,
then the v2 capabilities and ls-refs answered in Node and the pack from \`git upload-pack --stateless-rpc\`, or kept
from an earlier clone of the same snapshot commit (decision 044). The \`file://\` clone reads the same bare repository through \`git upload-pack\`
over pipes. Files are the generated modules of \`bench/git-clone.bench.ts\` (20–59 lines each), so the
difference to \`bench/results/git-clone.md\` (the git engine alone, no database) is what the app adds.

## Clone

| task | over Pairwise's endpoint | \`file://\` | ratio (median of paired runs) | added time (median of paired runs) | endpoint range | \`file://\` range | CPU per clone: git client + server (its own + its git processes; means) | CPU per \`file://\` clone | CPU ratio | first clone (warm-up, one sample): client + server / \`file://\` CPU |
|---|---|---|---|---|---|---|---|---|---|---|
${cloneRows.join('\n')}

## Push → the navigator's live view

From starting \`git push\` of one small commit to the navigator's WebSocket receiving the
\`push_received\` event (post-receive hook → spool file → \`git log\` of the new commits → push row and
interview event in one transaction → after-commit fan-out${databaseUrl ? ' through PostgreSQL NOTIFY' : ''}):

| case | \`git push\` command | push start → WebSocket | p95 | worst |
|---|---|---|---|---|
${pushRow}

The interview page then refetches the repository's pushes (two small GETs) after a 150 ms
debounce, so a push shows on screen a few hundred milliseconds after this figure
(the browser test \`e2e/candidate-repository.test.ts\` prints its own measurement).
`;
  const resultsDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  const file = databaseUrl ? 'candidate-repository-postgres.md' : 'candidate-repository.md';
  await mkdir(resultsDirectory, { recursive: true });
  await writeFile(path.join(resultsDirectory, file), report);
  console.log(`wrote ${path.join(resultsDirectory, file)}`);
} finally {
  await server.stop();
  await dropDatabase();
  await rm(dataDir, { recursive: true, force: true });
}
