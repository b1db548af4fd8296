import { afterAll } from 'vitest';
import { forgetTestFolders, removeLeftoverFolders, stopLeftoverProcesses } from './test-process.ts';

/*
 * Set-up file of the tiers that run several test files in one worker without isolating them
 * (integration, e2e; vitest.config.ts says why): it runs before each file, and gives that file a
 * registry of test folders of its own, as a fresh process would. After the file's own clean-up
 * (hooks of a set-up file run outermost), any process its tests started and left running is
 * killed (a test that timed out while its server was starting never got to stop it), and the
 * folders it created and left behind (its scratch folder, any a failed test did not reach
 * removing) are removed.
 */
forgetTestFolders();
afterAll(async () => {
  await stopLeftoverProcesses();
  await removeLeftoverFolders();
});
