/**
 * What the rehearsal sandbox costs per step: the same step run as decision 010 ran it (a process
 * group with a clean environment) and inside the bubblewrap sandbox of decision 014, with and
 * without the egress forwarder; plus the one-off costs (start-up probe, handing a clone to the
 * sandbox's user), the disk watcher's measuring of a rehearsal's folders and the memory watcher's
 * summing of a running sandbox's processes (decision 021).
 *
 *   node --import tsx bench/rehearsal-sandbox.bench.ts [--runs 25]
 *
 * Writes bench/results/rehearsal-sandbox.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  folderBytes,
  RehearsalSandbox,
  treeResidentBytes,
} from '../packages/server/src/features/rehearsals/rehearsal-sandbox.ts';
import { type Runnable, runStep, shell } from '../packages/server/src/features/rehearsals/rehearsal-step.ts';
import { cleanEnvironment } from '../packages/server/src/features/rehearsals/rehearsal-workspace.ts';

const runsArgument = process.argv.indexOf('--runs');
const RUNS = runsArgument > 0 ? Number(process.argv[runsArgument + 1]) : 25;
const limits = { memoryMib: 2048, processes: 256, diskMib: 2048 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function timeStep(run: Runnable, cwd: string, env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const outcome = await runStep(
    { kind: 'setup', command: 'bench', run },
    { cwd, env, timeoutMs: 30_000, signal: undefined, onEvent: () => {} },
  );
  if (outcome.reason) throw new Error(`bench step failed: ${outcome.reason}\n${outcome.result.outputTail}`);
  return performance.now() - started;
}

async function workspace(sandbox: RehearsalSandbox | null, files = 0) {
  const temp = await mkdtemp(path.join(os.tmpdir(), 'pairwise-bench-sandbox-'));
  await Promise.all(['work', 'home', 'tmp'].map((name) => mkdir(path.join(temp, name))));
  for (let index = 0; index < files; index++) {
    const folder = path.join(temp, 'work', `dir-${Math.floor(index / 100)}`);
    if (index % 100 === 0) await mkdir(folder);
    await writeFile(path.join(folder, `file-${index}.js`), `module.exports = ${index};\n`);
  }
  const prepareStarted = performance.now();
  const release = sandbox ? await sandbox.prepare(temp) : async () => {};
  return { temp, release, prepareMs: performance.now() - prepareStarted };
}

const loadBefore = os.loadavg()[0] ?? 0;
const probeTimes: number[] = [];
for (let run = 0; run < 5; run++) {
  const started = performance.now();
  await RehearsalSandbox.create(limits);
  probeTimes.push(performance.now() - started);
}
const sandbox = await RehearsalSandbox.create(limits);
const withEgress = await RehearsalSandbox.create(limits, {
  egress: [{ host: 'registry.npmjs.org', port: 443 }],
});

const cases: Array<{ label: string; command: string }> = [
  { label: '`true` (an empty step)', command: 'true' },
  { label: '`node -e 0`', command: 'node -e 0' },
  {
    label: '`git --version && ls -R . > /dev/null`',
    command: 'git --version > /dev/null && ls -R . > /dev/null',
  },
];
const rows: string[] = [];
const plain = await workspace(null);
const boxed = await workspace(sandbox);
const egress = await workspace(withEgress);
try {
  for (const { label, command } of cases) {
    const plainTimes: number[] = [];
    const boxedTimes: number[] = [];
    const egressTimes: number[] = [];
    const added: number[] = [];
    // One untimed run of each warms caches; the kinds alternate so the shared machine's load
    // falls on all of them alike, and each run gives a paired difference.
    for (let run = -1; run < RUNS; run++) {
      const p = await timeStep(shell(command), path.join(plain.temp, 'work'), cleanEnvironment(plain.temp));
      const b = await timeStep(
        sandbox.wrap(command, boxed.temp, sandbox.environment(), 30_000),
        boxed.temp,
        {},
      );
      const e = await timeStep(
        withEgress.wrap(command, egress.temp, withEgress.environment(), 30_000),
        egress.temp,
        {},
      );
      if (run < 0) continue;
      plainTimes.push(p);
      boxedTimes.push(b);
      egressTimes.push(e);
      added.push(b - p);
    }
    rows.push(
      `| ${label} | ${ms(median(plainTimes))} | ${ms(median(boxedTimes))} | +${ms(median(added))} | ${ms(median(egressTimes))} | ${ms(Math.min(...boxedTimes))}–${ms(Math.max(...boxedTimes))} |`,
    );
  }
} finally {
  for (const { temp, release } of [plain, boxed, egress]) {
    await release();
    await rm(temp, { recursive: true, force: true });
  }
}

// One-off costs that grow with the clone: handing it to the sandbox's user, measuring its size.
const sizeRows: string[] = [];
for (const files of [1_000, 10_000]) {
  const { temp, release, prepareMs } = await workspace(sandbox, files);
  const measures: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    await folderBytes(temp);
    measures.push(performance.now() - started);
  }
  await release();
  await rm(temp, { recursive: true, force: true });
  sizeRows.push(`| ${files.toLocaleString('en')} files | ${ms(prepareMs)} | ${ms(median(measures))} |`);
}

// The memory watcher: summing the resident memory of a running sandbox with 1 or 50 processes.
const memoryRows: string[] = [];
for (const processes of [1, 50]) {
  const { temp, release } = await workspace(sandbox);
  const run = sandbox.wrap(
    `i=0; while [ $i -lt ${processes - 1} ]; do i=$((i+1)); sleep 60 & done; echo ready; wait`,
    temp,
    sandbox.environment(),
    120_000,
  );
  const child = spawn(run.file, run.args, {
    cwd: temp,
    env: {},
    detached: true,
    ...(run.user ?? {}),
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  await new Promise<void>((resolve) =>
    child.stdout.on('data', (chunk: Buffer) => chunk.includes('ready') && resolve()),
  );
  const measures: number[] = [];
  let bytes = 0;
  for (let run = 0; run < 15; run++) {
    const started = performance.now();
    bytes = await treeResidentBytes(child.pid!);
    measures.push(performance.now() - started);
  }
  process.kill(-child.pid!, 'SIGKILL');
  await new Promise((resolve) => child.once('close', resolve));
  await release();
  await rm(temp, { recursive: true, force: true });
  memoryRows.push(`| ${processes} | ${ms(median(measures))} | ${(bytes / 2 ** 20).toFixed(1)} MiB |`);
}
const loadAfter = os.loadavg()[0] ?? 0;

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const bwrapVersion = execFileSync('bwrap', ['--version']).toString().trim();
const report = `# Rehearsal sandbox: start-up cost per step

Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM,
Node ${process.version}, ${bwrapVersion}, Linux ${os.release()}, as ${process.getuid?.() === 0 ? 'root (steps drop to uid 65534)' : 'an unprivileged user'}.
Command: \`node --import tsx bench/rehearsal-sandbox.bench.ts\` (${RUNS} timed runs per case after one warm-up; medians).
The machine is shared with other work: 1-minute load average ${loadBefore.toFixed(2)} before and
${loadAfter.toFixed(2)} after the run, so absolute times vary; the paired differences vary less.

Each figure is a whole step as the runner runs it (\`runStep\`: spawn, output capture, exit, group
kill). *Unsandboxed* is decision 010's way (a process group, clean environment), still what
\`pairwise rehearse\` does on a colleague's machine. *Sandboxed* is \`prlimit\` + \`bwrap\` with new
user, PID, mount, network, IPC and UTS namespaces, the read-only system binds and the limits
(decision 014). *With egress* adds the proxy's forwarder: a Node process inside the sandbox that
starts before the command.

## Per step

| step | unsandboxed | sandboxed | added by the sandbox (paired median) | sandboxed with egress | sandboxed range |
|---|---|---|---|---|---|
${rows.join('\n')}

## Per rehearsal and while a step runs

The start-up probe (one real sandboxed step in a temporary folder) takes ${ms(median(probeTimes))}
(median of 5), once per server start. Before the first sandboxed step, a root server hands the
rehearsal's folder to uid 65534 (\`chown -R\`); while a step runs, the disk watcher measures the
folders every 250 ms or 4× the time a measurement takes, whichever is longer.

| clone size | hand-over (\`prepare\`, once) | one measurement of the folders |
|---|---|---|
${sizeRows.join('\n')}

The memory watcher (decision 021) sums the resident memory of the sandbox's whole process tree
from \`/proc\` at the same interval, before measuring the folders (median of 15):

| processes of the step (its shell included; plus bwrap's own two) | one measurement | resident memory found |
|---|---|---|
${memoryRows.join('\n')}
`;

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'rehearsal-sandbox.md');
await writeFile(out, report);
console.log(report);
