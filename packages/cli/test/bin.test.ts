import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pairwiseArgs } from '../../server/test/support/pairwise-bundle.ts';
import { runInTestFolder, scratchFolder } from '../../server/test/support/test-process.ts';

const bin = fileURLToPath(new URL('../bin/pairwise.js', import.meta.url));

/*
 * Tests that start `pairwise` as a process start the run's bundle of packages/cli/src/main.ts
 * (support/pairwise-bundle.ts); what a user runs is the bin, which loads the same sources through
 * tsx. This is where the bin itself runs, from a folder outside the repository like an installed
 * command: it loads every module of the server (main.ts imports them all) and answers as the bundle.
 */
describe('the pairwise bin', () => {
  // Loading the server through tsx costs 3–5 s of CPU: far longer than the tier's 30 s on a busy machine.
  it('runs the TypeScript sources through tsx and answers as the bundle the tests start', {
    timeout: 120_000,
  }, async () => {
    const run = (args: string[]) =>
      scratchFolder().then((cwd) => runInTestFolder(process.execPath, args, { cwd, env: process.env }));
    const [fromBin, fromBundle] = await Promise.all([run([bin, 'help']), run(pairwiseArgs('help'))]);
    expect(fromBin).toMatchObject({ code: 0, stderr: '' });
    expect(fromBin.stdout).toContain('Usage: pairwise <command>');
    expect(fromBundle).toEqual(fromBin);
  });
});
