import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const cli = fileURLToPath(new URL('../../packages/cli/src/main.ts', import.meta.url));

/** A process's CPU time so far in ms (user + system, from /proc, in clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * What `npm start` runs after `node` (from the root package.json), with its paths made absolute:
 * the bundle that `npm run build -w @pairwise/cli` writes (decision 039).
 */
export function npmStartCommand(): string[] {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const manifest = z
    .object({ scripts: z.object({ start: z.string() }) })
    .parse(JSON.parse(fs.readFileSync(`${root}package.json`, 'utf8')));
  return manifest.scripts.start
    .replace(/^node\s+/, '')
    .split(/\s+/)
    .map((part) => (part.startsWith('packages/') ? `${root}${part}` : part));
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** `pairwise serve` in its own process, so the load generator does not share its event loop. */
export async function startChildServer(
  env: Record<string, string>,
  /** Modules to preload into the server process (`node --import`), e.g. a measuring probe. */
  imports: string[] = [],
  /** A server on a big database, on a busy machine, can take minutes to start. */
  startTimeoutMs = 30_000,
  /** A fresh data folder: wait for the one-time setup link too (printed after "running"). */
  expectSetupUrl = false,
  /** What runs after `node`: by default the CLI's sources through tsx; the idle-RSS bench passes `npm start`'s. */
  command: string[] = ['--import', 'tsx', ...imports.flatMap((m) => ['--import', m]), cli, 'serve'],
): Promise<{
  url: string;
  setupUrl: string | null;
  child: ChildProcess;
  stop(): Promise<void>;
}> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      // e.g. SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (not allowed in NODE_OPTIONS).
      ...(process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      ...command,
    ],
    {
      env: { ...process.env, PORT: String(port), LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + startTimeoutMs;
  while (
    !output.includes('Pairwise is running') ||
    (expectSetupUrl && !/http:\S+\/setup\?token=\S+\s/.test(output))
  ) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url: `http://localhost:${port}`,
    setupUrl: /(http:\S+\/setup\?token=\S+)/.exec(output)?.[1] ?? null,
    child,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The floor (support/note-floor.ts: node:http and one durable SQLite INSERT) in its own process,
 * with a database in a fresh folder; resolves once it listens.
 */
export async function startNoteFloor(): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-floor-'));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('./note-floor.ts', import.meta.url)),
      path.join(dir, 'floor.sqlite'),
      String(port),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const stop = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  await new Promise((resolve) => child.stdout!.once('data', resolve));
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop };
}
