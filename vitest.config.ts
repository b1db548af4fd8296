import fs from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';

/*
 * Four tiers, named for what they touch; `npm test` (scripts/gate.mjs) runs each as its own step
 * so a failure names its tier:
 * - unit: beside the code, pure logic, no I/O (refused by unit-no-io.ts);
 * - medium (`*.medium.test.ts`, beside the code): real git, real SQLite files, sockets and
 *   processes, but no whole server;
 * - integration (`packages/*\/test/`): a real server over HTTP on a real database;
 * - e2e: the built app in Chromium.
 * No tier retries: a retry hides a flaky test and cannot help one whose steps depend on each other.
 */
const medium = ['packages/*/src/**/*.medium.test.ts'];

/*
 * Speed (decisions 027, 055). Every tier runs its files one after another in a worker that
 * does not re-import the modules for each file (`isolate: false`): importing the server, zod's
 * schemas and their dependencies cost ~2 s of CPU per file, more than most files' tests (medium:
 * 27.6 CPU-s isolated, 18.3 not). No test mocks modules or fakes global timers, and test files
 * share no state but the test-folder registry, which per-file.ts starts afresh for each file. The server tiers start every test
 * database as a copy of one migrated template instead of migrating it again.
 */
/*
 * Test folders in memory (decision 036). Every test server's SQLite database runs with
 * synchronous=FULL, so each commit waits for an fsync: ~2 ms on these machines' disk, tens of
 * thousands of times per run, and git and Chromium write their folders too. On a tmpfs an fsync
 * returns at once, and what a killed process leaves behind is kept all the same, which is all
 * the crash tests ask of the disk. Only a default: a TMPDIR set by the caller wins, and where
 * /dev/shm is no writable folder or small (a container's 64 MB default) the system's default stays.
 */
if (!process.env.TMPDIR && isWritableFolder('/dev/shm')) process.env.TMPDIR = '/dev/shm';

function isWritableFolder(folder: string): boolean {
  try {
    fs.accessSync(folder, fs.constants.W_OK);
    const space = fs.statfsSync(folder);
    // A run writes a few hundred MB of databases, repositories and browser profiles at its peak.
    return fs.statSync(folder).isDirectory() && space.bavail * space.bsize >= 2 * 1024 ** 3;
  } catch {
    return false;
  }
}

const serverTiers = {
  // Every JSON answer is parsed against its route's response schema (platform/http/route.ts).
  env: { PAIRWISE_CHECK_RESPONSES: '1' },
  globalSetup: ['packages/server/test/support/template-database.ts'],
  setupFiles: ['packages/server/test/support/per-file.ts'],
  isolate: false,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/src/**/*.test.tsx',
            // The harness's own pure rules (e.g. where a test process may run).
            'packages/*/test/support/**/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, ...medium],
          environment: 'node',
          // What keeps I/O out: a test that spawns, listens or writes fails with the reason.
          setupFiles: ['packages/server/test/support/unit-no-io.ts'],
          testTimeout: 5_000,
          isolate: false,
        },
      },
      {
        test: {
          name: 'medium',
          include: medium,
          environment: 'node',
          isolate: false,
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['packages/*/test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'packages/*/test/support/**'],
          environment: 'node',
          ...serverTiers,
          // Tests that start `pairwise` as a process start one bundle of it, built once per run.
          globalSetup: [...serverTiers.globalSetup, 'packages/server/test/support/pairwise-bundle.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          ...serverTiers,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Journeys may run side by side (the gate gives e2e two workers, decision 047): each has
          // its own server, data folder and browser.
        },
      },
    ],
  },
});
