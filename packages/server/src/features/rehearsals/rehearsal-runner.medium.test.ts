import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestFolder, testCwd } from '../../../test/support/test-process.ts';
import {
  outputTailChars,
  type RehearsalOptions,
  type RehearsalProgressEvent,
  runRehearsal,
} from './rehearsal-runner.ts';

let work: string;
let taskRepo: string;
let firstCommit: string;
let rehearsalTemp: string;

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Author', '-c', 'user.email=author@example.com', ...args], {
    cwd: testCwd(cwd),
    encoding: 'utf8',
  }).trim();

beforeAll(async () => {
  work = await createTestFolder('rehearsal-test');
  rehearsalTemp = path.join(work, 'rehearsals');
  await mkdir(rehearsalTemp);
  const source = path.join(work, 'source');
  await mkdir(path.join(source, 'test'), { recursive: true });
  await writeFile(path.join(source, 'package.json'), '{ "type": "module" }\n');
  await writeFile(
    path.join(source, 'test', 'sum.test.js'),
    "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\ntest('sums', () => assert.equal(1 + 1, 2));\n",
  );
  git(source, 'init', '--quiet', '--initial-branch=main');
  git(source, 'add', '-A');
  git(source, 'commit', '--quiet', '-m', 'first');
  firstCommit = git(source, 'rev-parse', 'HEAD');
  await writeFile(path.join(source, 'VERSION'), '2\n');
  git(source, 'add', '-A');
  git(source, 'commit', '--quiet', '-m', 'second');
  taskRepo = path.join(work, 'task.git');
  execFileSync('git', ['clone', '--quiet', '--bare', source, taskRepo], { cwd: testCwd(work) });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function options(overrides: Partial<RehearsalOptions>): RehearsalOptions {
  return {
    repoUrlOrPath: taskRepo,
    setupCommands: ['node --version'],
    testCommand: 'node --test',
    stepTimeoutMs: 20_000,
    totalTimeoutMs: 60_000,
    budgetMs: 60_000,
    machineLabel: 'ci-runner',
    tempDir: rehearsalTemp,
    ...overrides,
  };
}

function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  // A zombie waiting for a reaper is dead too.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
}

describe('runRehearsal', () => {
  it('passes a task whose setup and tests pass, reporting progress as it goes', async () => {
    const events: RehearsalProgressEvent[] = [];
    const result = await runRehearsal(
      options({
        setupCommands: ['node --version', 'echo "installing" && ls package.json'],
        onProgress: (event) => events.push(event),
      }),
    );

    expect(result).toMatchObject({
      passed: true,
      withinBudget: true,
      cancelled: false,
      machineLabel: 'ci-runner',
    });
    expect(result.failedStep).toBeUndefined();
    expect(result.steps.map((step) => [step.kind, step.command, step.exitCode, step.timedOut])).toEqual([
      ['clone', `git clone ${taskRepo}`, 0, false],
      ['setup', 'node --version', 0, false],
      ['setup', 'echo "installing" && ls package.json', 0, false],
      ['test', 'node --test', 0, false],
    ]);
    expect(result.steps[1]!.outputTail).toMatch(/^v\d+\./);
    expect(result.steps[3]!.outputTail).toMatch(/pass 1/);
    expect(result.totalMs).toBeGreaterThanOrEqual(
      result.steps.reduce((sum, step) => sum + step.durationMs, 0) - 5,
    );
    expect(Date.parse(result.at)).toBeGreaterThan(Date.now() - 60_000);

    const types = events.map((event) => `${event.type}:${event.stepIndex}`);
    expect(types[0]).toBe('step-started:0');
    expect(types).toContain('step-finished:3');
    expect(types.at(-1)).toBe('finished:3');
    expect(events.filter((event) => event.type === 'output' && event.stepIndex === 1).length).toBeGreaterThan(
      0,
    );
    expect(events.at(-1)!.result).toEqual(result);
    expect(await readdir(rehearsalTemp)).toEqual([]);
  });

  it('fails on a failing step, says which and why, and runs nothing after it', async () => {
    const result = await runRehearsal(
      options({ setupCommands: ['echo "boom" >&2; exit 3', 'echo never'], testCommand: 'node --test' }),
    );
    expect(result.passed).toBe(false);
    expect(result.withinBudget).toBe(false);
    expect(result.failedStep).toEqual({ index: 1, reason: 'exited with code 3' });
    expect(result.steps).toHaveLength(2);
    expect(result.steps[1]).toMatchObject({ exitCode: 3, timedOut: false, outputTail: 'boom\n' });
  });

  it('fails when the tests fail', async () => {
    const result = await runRehearsal(options({ testCommand: 'node -e "process.exit(1)"' }));
    expect(result.failedStep).toEqual({ index: 2, reason: 'exited with code 1' });
  });

  it('times out a hanging step and kills its whole process group', async () => {
    const pidFile = path.join(work, 'sleep.pid');
    const result = await runRehearsal(
      options({ setupCommands: [`sleep 300 & echo $! > ${pidFile}; wait`], stepTimeoutMs: 700 }),
    );
    expect(result.passed).toBe(false);
    expect(result.steps[1]).toMatchObject({ exitCode: null, timedOut: true });
    expect(result.failedStep).toEqual({ index: 1, reason: 'timed out after 0.7 s' });
    expect(result.steps[1]!.durationMs).toBeLessThan(5_000);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(pid).toBeGreaterThan(0);
    expect(isGone(pid)).toBe(true);
  });

  it('kills a step that ignores SIGTERM after the grace period', async () => {
    const pidFile = path.join(work, 'stubborn.pid');
    const result = await runRehearsal(
      options({
        setupCommands: [`trap "" TERM; sleep 300 & echo $! > ${pidFile}; wait`],
        // Long enough for a loaded machine to start the shell and set its trap before the timeout.
        stepTimeoutMs: 1_500,
      }),
    );
    expect(result.steps[1]).toMatchObject({ exitCode: null, timedOut: true });
    expect(result.steps[1]!.durationMs).toBeLessThan(5_000);
    expect(isGone(Number(readFileSync(pidFile, 'utf8')))).toBe(true);
  });

  it('stops at the total timeout and says so', async () => {
    const result = await runRehearsal(
      options({ setupCommands: ['sleep 0.4', 'sleep 5'], stepTimeoutMs: 10_000, totalTimeoutMs: 1_500 }),
    );
    expect(result.failedStep?.index).toBe(2);
    expect(result.failedStep?.reason).toBe('stopped: the rehearsal reached its total timeout of 1.5 s');
    expect(result.totalMs).toBeLessThan(4_000);
  });

  it('passes but reports an over-budget setup, naming the slowest step', async () => {
    const result = await runRehearsal(
      options({ setupCommands: ['sleep 0.6'], testCommand: 'true', budgetMs: 300 }),
    );
    expect(result).toMatchObject({ passed: true, withinBudget: false, budgetMs: 300 });
    expect(result.failedStep).toBeUndefined();
    expect(result.slowestStep?.index).toBe(1);
    expect(result.totalMs).toBeGreaterThan(300);
  });

  it('can be cancelled, killing the running step', async () => {
    const controller = new AbortController();
    const pidFile = path.join(work, 'cancel.pid');
    const running = runRehearsal(
      options({
        setupCommands: [`sleep 300 & echo $! > ${pidFile}; wait`],
        signal: controller.signal,
        onProgress: (event) => {
          if (event.type === 'step-started' && event.stepIndex === 1)
            setTimeout(() => controller.abort(), 300);
        },
      }),
    );
    const result = await running;
    expect(result).toMatchObject({
      cancelled: true,
      passed: false,
      failedStep: { index: 1, reason: 'cancelled' },
    });
    expect(isGone(Number(readFileSync(pidFile, 'utf8')))).toBe(true);
  });

  it('runs with a clean environment: no server secrets, HOME in the temp folder', async () => {
    process.env.PAIRWISE_TEST_DATABASE_URL = 'postgres://server-secret';
    try {
      const result = await runRehearsal(options({ setupCommands: ['env | sort', 'pwd'] }));
      const env = result.steps[1]!.outputTail;
      expect(env).not.toContain('server-secret');
      expect(env).toMatch(/^CI=true$/m);
      expect(env).toMatch(/^TERM=dumb$/m);
      expect(env).toMatch(new RegExp(`^HOME=${rehearsalTemp}/pairwise-rehearsal-[^/]+/home$`, 'm'));
      const names = env
        .trim()
        .split('\n')
        .map((line) => line.split('=')[0]);
      expect(names.filter((name) => !['PWD', 'SHLVL', '_', 'OLDPWD'].includes(name!))).toEqual([
        'CI',
        'HOME',
        'LANG',
        'PATH',
        'TERM',
        'TMPDIR',
      ]);
      expect(result.steps[2]!.outputTail).toMatch(/pairwise-rehearsal-[^/]+\/work\n$/);
    } finally {
      delete process.env.PAIRWISE_TEST_DATABASE_URL;
    }
  });

  it('keeps only the tail of a huge output', async () => {
    const result = await runRehearsal(
      options({ setupCommands: ['node -e "for (let i = 0; i < 200000; i++) console.log(\'line \' + i)"'] }),
    );
    const step = result.steps[1]!;
    expect(step.outputBytes).toBeGreaterThan(2_000_000);
    expect(step.outputTail.length).toBeLessThanOrEqual(outputTailChars);
    expect(step.outputTail.endsWith('line 199999\n')).toBe(true);
    expect(step.outputTail.startsWith('line ')).toBe(true);
  });

  it('checks out a given commit', async () => {
    const result = await runRehearsal(
      options({
        repoUrlOrPath: `file://${taskRepo}`,
        commit: firstCommit,
        setupCommands: ['test ! -e VERSION'],
      }),
    );
    expect(result.passed).toBe(true);
    expect(result.steps[0]!.command).toBe(`git clone file://${taskRepo} @ ${firstCommit}`);
  });

  it('reports a clone that fails as the failed step', async () => {
    const result = await runRehearsal(options({ repoUrlOrPath: path.join(work, 'missing.git') }));
    expect(result.failedStep).toEqual({ index: 0, reason: 'exited with code 128' });
    expect(result.steps[0]!.outputTail).toMatch(/does not exist|not a git repository|Could not read/i);
  });

  it('copies a plain folder without its dependencies', async () => {
    const folder = path.join(work, 'plain');
    await mkdir(path.join(folder, 'node_modules', 'x'), { recursive: true });
    await writeFile(path.join(folder, 'package.json'), '{}\n');
    await writeFile(path.join(folder, 'node_modules', 'x', 'index.js'), '\n');
    const result = await runRehearsal(
      options({ repoUrlOrPath: folder, setupCommands: ['test -e package.json', 'test ! -e node_modules'] }),
    );
    expect(result.passed).toBe(true);
    expect(result.steps[0]!.command).toBe(`copy ${folder}`);
    expect(existsSync(path.join(folder, 'node_modules'))).toBe(true);
  });

  it('rehearses the bundled demo task with its own commands, within its budget', async () => {
    const demo = path.resolve(import.meta.dirname, '../../../demo-task');
    const task = JSON.parse(readFileSync(path.join(demo, 'pairwise-task.json'), 'utf8'));
    const result = await runRehearsal(
      options({
        repoUrlOrPath: path.join(demo, task.source),
        setupCommands: task.setupCommands,
        testCommand: task.testCommand,
        budgetMs: task.setupBudgetSec * 1000,
      }),
    );
    expect(result).toMatchObject({ passed: true, withinBudget: true });
    expect(result.steps.at(-1)!.outputTail).toMatch(/# pass 4\n[\s\S]*# todo 6/);
  });

  it('refuses options that cannot work', async () => {
    await expect(runRehearsal(options({ testCommand: ' ' }))).rejects.toThrow(/a test command is required/);
    await expect(runRehearsal(options({ stepTimeoutMs: 0 }))).rejects.toThrow(
      /stepTimeoutMs must be a positive/,
    );
  });
});
