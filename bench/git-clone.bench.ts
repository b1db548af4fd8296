/**
 * Clone time over Pairwise's git endpoint (Fastify + git upload-pack, Basic auth) against a
 * local `file://` clone of the same bare repository, and push latency until `onPush` fires.
 *
 *   node --import tsx bench/git-clone.bench.ts [--runs 9]
 *
 * Writes bench/results/git-clone.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  commitFiles,
  createTaskSource,
  gitOk,
  startGitServer,
  tempDirectory,
} from '../packages/server/test/support/git-test-harness.ts';

const runsArgument = process.argv.indexOf('--runs');
const RUNS = runsArgument > 0 ? Number(process.argv[runsArgument + 1]) : 15;
const PUSH_RUNS = 15;
const credentials = { username: 'bench-candidate', password: 'bench-password-0123456789abcdef' };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A plausible task: source files of a few dozen lines in nested folders. */
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

async function time(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

const server = await startGitServer({ authorize: ({ username }) => ({ ok: true, remoteUser: username }) });
const work = await tempDirectory('bench-git');
const rows: string[] = [];
const loadBefore = os.loadavg()[0] ?? 0;

try {
  for (const fileCount of [200, 1000]) {
    const slug = `bench-${fileCount}`;
    const source = await createTaskSource(path.join(work, `task-${fileCount}`), taskFiles(fileCount));
    const created = await server.store.create({ slug, source: source.path, commit: source.commit });
    const httpTimes: number[] = [];
    const fileTimes: number[] = [];
    const ratios: number[] = [];
    const overheads: number[] = [];
    // One untimed clone of each kind warms the page cache and git's startup. The two kinds run in
    // alternating order and each pair gives a ratio, so load from other processes on the machine
    // (it is shared) affects both sides of a ratio alike.
    for (let run = -1; run < RUNS; run++) {
      const httpTarget = path.join(work, `http-${fileCount}-${run}`);
      const fileTarget = path.join(work, `file-${fileCount}-${run}`);
      const cloneHttp = () =>
        time(() => gitOk(['clone', '--quiet', server.urlOf(slug), httpTarget], credentials));
      const cloneFile = () => time(() => gitOk(['clone', '--quiet', `file://${created.path}`, fileTarget]));
      let httpMs: number;
      let fileMs: number;
      if (run % 2 === 0) {
        httpMs = await cloneHttp();
        fileMs = await cloneFile();
      } else {
        fileMs = await cloneFile();
        httpMs = await cloneHttp();
      }
      if (run >= 0) {
        httpTimes.push(httpMs);
        fileTimes.push(fileMs);
        ratios.push(httpMs / fileMs);
        overheads.push(httpMs - fileMs);
      }
      await rm(httpTarget, { recursive: true, force: true });
      await rm(fileTarget, { recursive: true, force: true });
    }
    const http = median(httpTimes);
    const file = median(fileTimes);
    rows.push(
      `| ${fileCount} files | ${http.toFixed(0)} ms | ${file.toFixed(0)} ms | ${median(ratios).toFixed(2)}× | ` +
        `+${median(overheads).toFixed(0)} ms | ` +
        `${Math.min(...httpTimes).toFixed(0)}–${Math.max(...httpTimes).toFixed(0)} ms | ` +
        `${Math.min(...fileTimes).toFixed(0)}–${Math.max(...fileTimes).toFixed(0)} ms |`,
    );
    console.log(rows.at(-1));
  }

  // Push latency: from starting `git push` to the onPush callback, and the push command's own time.
  const pushSource = await createTaskSource(path.join(work, 'task-push'), taskFiles(200));
  await server.store.create({ slug: 'bench-push', source: pushSource.path, commit: pushSource.commit });
  const clone = path.join(work, 'push-clone');
  await gitOk(['clone', '--quiet', server.urlOf('bench-push'), clone], credentials);
  const toCallback: number[] = [];
  const pushCommand: number[] = [];
  for (let run = -1; run < PUSH_RUNS; run++) {
    await commitFiles(clone, { [`notes/run-${run}.md`]: `run ${run}\n` }, `Run ${run}`);
    const since = server.pushes.length;
    const start = performance.now();
    const recorded = server.nextPush(since).then(() => performance.now() - start);
    const commandMs = await time(() =>
      gitOk(['push', '--quiet', 'origin', 'main'], { cwd: clone, ...credentials }),
    );
    const callbackMs = await recorded;
    if (run >= 0) {
      pushCommand.push(commandMs);
      toCallback.push(callbackMs);
    }
  }
  const pushRow =
    `| small push (1 file) | ${median(pushCommand).toFixed(0)} ms | ${median(toCallback).toFixed(0)} ms | ` +
    `${Math.max(...toCallback).toFixed(0)} ms |`;
  console.log(pushRow);

  const gitVersion = execFileSync('git', ['--version']).toString().trim();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const report = `# git clone and push over Pairwise's endpoint

Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM,
Node ${process.version}, ${gitVersion}, ${os.type()} ${os.release()}.
Command: \`node --import tsx bench/git-clone.bench.ts\` (${RUNS} timed runs per case after one warm-up; medians).
The machine is shared with other work: 1-minute load average ${loadBefore.toFixed(2)} before and
${(os.loadavg()[0] ?? 0).toFixed(2)} after the run, so absolute times vary between runs; the paired ratios vary less.

The endpoint adds a roughly fixed cost per clone (four HTTP requests; v2's capabilities and
ls-refs answered in Node, the pack by \`git upload-pack --stateless-rpc\` or, for a fresh clone
of a commit cloned before, kept in memory: decision 044), so the ratio falls as repositories grow.

The endpoint is Fastify 5 + \`git upload-pack\` (pushes: \`git http-backend\`) on 127.0.0.1 with HTTP Basic credentials from a
credential helper, so each clone includes git's unauthenticated first request and its 401. The
\`file://\` clone reads the same bare repository through \`git upload-pack\` over pipes. Files are
generated TypeScript modules of 20–59 lines (≈ 1.5–4.5 KiB each).

## Clone

| repository | over the endpoint | \`file://\` | ratio (median of paired runs) | added time (median of paired runs) | endpoint range | \`file://\` range |
|---|---|---|---|---|---|---|
${rows.join('\n')}

## Push

From starting \`git push\` of one small commit to the \`onPush\` callback receiving it (post-receive
hook → spool file → \`git log\` of the new commits → callback), ${PUSH_RUNS} runs:

| case | \`git push\` command | push start → \`onPush\` | worst |
|---|---|---|---|
${pushRow}

The panel's live view adds its own delivery (WebSocket) on top of the \`onPush\` figure.
`;
  const resultsDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  await mkdir(resultsDirectory, { recursive: true });
  await writeFile(path.join(resultsDirectory, 'git-clone.md'), report);
  console.log(`wrote ${path.join(resultsDirectory, 'git-clone.md')}`);
} finally {
  await server.close();
  await rm(work, { recursive: true, force: true });
}
