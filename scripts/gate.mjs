#!/usr/bin/env node
/*
 * The gate behind `npm test`. Stage 1 runs the checks that need no server, and the web build the
 * browser tests need, side by side; stage 2 runs the two tiers that start servers side by side
 * (decision 036), integration on two workers and e2e on one (decision 037): on a 2-core machine
 * one worker leaves a core idle most of the time, and the tiers share nothing (each test has its
 * own folder, database and ports the system picks).
 * Each step's output is printed in one piece when it ends, a failure names its step and fails
 * the gate, and the end shows how long each step took.
 *
 *   npm test                      everything
 *   npm test -- unit medium       only the named steps (in their stages)
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const stages = [
  [
    { name: 'lint', command: ['npx', 'biome', 'check', '.'] },
    { name: 'typecheck', command: ['npm', 'run', '--silent', 'typecheck'] },
    { name: 'unit', command: ['npx', 'vitest', 'run', '--project', 'unit'] },
    { name: 'medium', command: ['npx', 'vitest', 'run', '--project', 'medium'] },
    { name: 'build', command: ['npm', 'run', '--silent', 'build'] },
  ],
  [
    // Two workers of its own beside e2e's one: the tier waits on processes it starts, its servers'
    // sockets and SQLite, so one worker leaves a core idle; each test has its own folder, database
    // and ports the system picks, so two workers share nothing.
    {
      name: 'integration',
      command: ['npx', 'vitest', 'run', '--project', 'integration', '--maxWorkers=2'],
    },
    { name: 'e2e', command: ['npx', 'vitest', 'run', '--project', 'e2e'] },
  ],
];

const only = new Set(process.argv.slice(2));
const known = new Set(stages.flat().map((step) => step.name));
for (const name of only) {
  if (!known.has(name)) {
    console.error(`gate: no step "${name}"; the steps are ${[...known].join(', ')}`);
    process.exit(2);
  }
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function run(step) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(step.command[0], step.command.slice(1), {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const finish = (code, error) => {
      const ms = performance.now() - started;
      const ok = code === 0;
      const tests = countTests(output);
      const counted = tests ? ` (${tests.passed} tests passed, ${tests.failed} failed)` : '';
      process.stdout.write(`\n━━ ${step.name} ${ok ? 'passed' : 'FAILED'} in ${seconds(ms)}${counted} ━━\n`);
      if (!ok || process.env.GATE_VERBOSE) process.stdout.write(output + (error ? `${error}\n` : ''));
      resolve({ name: step.name, ok, ms, tests });
    };
    child.on('error', (error) => finish(null, error));
    child.on('close', (code) => finish(code));
  });
}

/** Vitest's closing "Tests  N failed | M passed (T)" line, so the gate can say how many tests ran. */
function countTests(output) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: vitest colours its summary
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const line = plain.split('\n').find((text) => /^\s*Tests\s+\d/.test(text));
  if (!line) return null;
  const count = (word) => Number(line.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0);
  return { passed: count('passed'), failed: count('failed') };
}

const gateStarted = performance.now();
const results = [];
for (const stage of stages) {
  const steps = stage.filter((step) => only.size === 0 || only.has(step.name));
  if (steps.length === 0) continue;
  console.log(`gate: ${steps.map((step) => step.name).join(' + ')}`);
  const done = await Promise.all(steps.map(run));
  results.push(...done);
  if (done.some((result) => !result.ok)) break;
}

const failed = results.filter((result) => !result.ok);
console.log('\ngate summary');
for (const result of results)
  console.log(`  ${result.ok ? '✓' : '✗'} ${result.name.padEnd(12)} ${seconds(result.ms)}`);
console.log(`  total        ${seconds(performance.now() - gateStarted)}`);
// The plain closing line CI reads: how many tests ran, over every tier that ran.
const passed = results.reduce((sum, result) => sum + (result.tests?.passed ?? 0), 0);
const failedTests = results.reduce((sum, result) => sum + (result.tests?.failed ?? 0), 0);
console.log(`${passed} passed, ${failedTests} failed`);
if (failed.length > 0) {
  console.error(`\ngate FAILED at: ${failed.map((result) => result.name).join(', ')}`);
  process.exit(1);
}
