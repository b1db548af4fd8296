#!/usr/bin/env node
/*
 * `npm run dev`: the API server, restarted by `node --watch` when its code changes, and Vite with
 * hot reload in front of it, which proxies /api (with the live WebSocket), /git and /calendar to
 * the server (packages/web/vite.config.ts). Ctrl-C stops both.
 *
 * Vite runs in this process through its API, so the address it really listens on (the next free
 * port when 5173 is taken) is the one printed. The server runs in its own process group, so
 * stopping it reaches the process `node --watch` restarts as well as the watcher.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = fileURLToPath(new URL('../packages/web/', import.meta.url));

const api = spawn(process.execPath, ['--import', 'tsx', '--watch', 'packages/cli/src/main.ts', 'serve'], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  detached: true,
});

let stopping = false;
let vite;

async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (api.exitCode === null && api.signalCode === null) {
    try {
      process.kill(-api.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  await vite?.close();
  if (api.exitCode === null && api.signalCode === null)
    await new Promise((resolve) => api.once('exit', resolve));
  process.exit(code);
}

process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
api.once('error', (error) => {
  console.error(`dev: the API server could not start: ${error.message}`);
  void stop(1);
});
api.once('exit', (code, signal) => {
  if (stopping) return;
  console.error(`dev: the API server stopped (${signal ?? `exit code ${code}`}); stopping Vite too.`);
  void stop(1);
});

try {
  vite = await createServer({ root: web, configFile: `${web}vite.config.ts` });
  await vite.listen();
} catch (error) {
  console.error(`dev: Vite could not start: ${error instanceof Error ? error.message : error}`);
  await stop(1);
}
if (!stopping) {
  vite.printUrls();
  const url = vite.resolvedUrls?.local[0] ?? `http://localhost:${vite.config.server.port}/`;
  console.log(`\n  ➜ Open ${url} — Vite with hot reload; /api, /git and /calendar go to the API server.`);
  console.log('    The server restarts when its code changes. Ctrl-C stops both.\n');
}
