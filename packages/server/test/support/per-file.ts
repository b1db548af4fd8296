import { forgetTestFolders } from './test-process.ts';

/*
 * Set-up file of the tiers that run several test files in one worker without isolating them
 * (integration, e2e; vitest.config.ts says why): it runs before each file, and gives that file a
 * registry of test folders of its own, as a fresh process would.
 */
forgetTestFolders();
