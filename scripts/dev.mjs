#!/usr/bin/env node
/*
 * `npm run dev`: Vite with hot reload, and behind it the API server, restarted by `node --watch`
 * when its code changes. Vite proxies /api (with the live WebSocket), /git and /calendar to the
 * server (packages/web/vite.config.ts). Ctrl-C stops both.
 *
 * Vite runs in this process through its API, so the address it really listens on (the next free
 * port when 5173 is taken) is the one printed, and the server is told it as its PUBLIC_URL (unless
 * one is set): the setup link, mail, clone URLs and calendar feeds then point through Vite too.
 * The server runs in its own process group, so stopping it reaches the process `node --watch`
 * restarts as well as the watcher.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = fileURLToPath(new URL('../packages/web/', import.meta.url));

let stopping = false;
let vite;
let api;

const running = (child) => child !== undefined && child.exitCode === null && child.signalCode === null;

async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (running(api)) {
    const exited = new Promise((resolve) => api.once('exit', resolve));
    try {
      process.kill(-api.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await exited;
  }
  await vite?.close();
  process.exit(code);
}

// A second Ctrl-C does not wait for the server to finish stopping.
function interrupt() {
  if (!stopping) return void stop(0);
  try {
    if (running(api)) process.kill(-api.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);

try {
  vite = await createServer({ root: web, configFile: `${web}vite.config.ts` });
  await vite.listen();
} catch (error) {
  console.error(`dev: Vite could not start: ${error instanceof Error ? error.message : error}`);
  await stop(1);
}
// Ctrl-C while Vite was starting: stop() is closing it, and no server is to start.
if (stopping) await new Promise(() => {});
const url = vite.resolvedUrls?.local[0] ?? `http://localhost:${vite.config.server.port}/`;

api = spawn(process.execPath, ['--import', 'tsx', '--watch', 'packages/cli/src/main.ts', 'serve'], {
  cwd: root,
  env: { ...process.env, PUBLIC_URL: process.env.PUBLIC_URL ?? url.replace(/\/$/, '') },
  stdio: ['ignore', 'inherit', 'inherit'],
  detached: true,
});
api.once('error', (error) => {
  console.error(`dev: the API server could not start: ${error.message}`);
  void stop(1);
});
api.once('exit', (code, signal) => {
  if (stopping) return;
  console.error(`dev: the API server stopped (${signal ?? `exit code ${code}`}); stopping Vite too.`);
  void stop(1);
});

vite.printUrls();
console.log(`\n  ➜ Open ${url} — Vite with hot reload; /api, /git and /calendar go to the API server.`);
console.log('    The server restarts when its code changes. Ctrl-C stops both.\n');
