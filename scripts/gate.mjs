#!/usr/bin/env node
/*
 * The gate behind `npm test` (decision 047). Every step starts as soon as what it needs is there:
 * lint, typecheck, unit, medium, the web build and integration at once, e2e when the build is done
 * (it serves that build). A journey or a server test spends much of its time waiting (on Chromium,
 * on processes it starts, on sockets), so integration and e2e run on two workers each, and nothing
 * waits at a stage boundary: the whole run keeps both cores busy.
 * Each step's output is printed in one piece when it ends; a failure names its step, no new step
 * starts after it, and the gate fails once the running steps have ended (a killed vitest would
 * leave its servers' folders behind). The end shows how long each step took.
 *
 *   npm test                      everything
 *   npm test -- unit medium       only the named steps (a named step's prerequisites run too)
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const steps = [
  { name: 'lint', command: ['npx', 'biome', 'check', '.'] },
  { name: 'typecheck', command: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'unit', command: ['npx', 'vitest', 'run', '--project', 'unit'] },
  { name: 'medium', command: ['npx', 'vitest', 'run', '--project', 'medium'] },
  { name: 'build', command: ['npm', 'run', '--silent', 'build'] },
  {
    name: 'integration',
    command: ['npx', 'vitest', 'run', '--project', 'integration', '--maxWorkers=2'],
  },
  { name: 'e2e', needs: ['build'], command: ['npx', 'vitest', 'run', '--project', 'e2e', '--maxWorkers=2'] },
];

const only = new Set(process.argv.slice(2));
const known = new Set(steps.map((step) => step.name));
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
const wanted = new Set(only.size === 0 ? known : only);
for (const step of steps) if (wanted.has(step.name)) for (const need of step.needs ?? []) wanted.add(need);
const results = [];
const finished = new Map();
let stopped = false;
/** Starts the step once its prerequisites have passed; after any failure nothing new starts. */
function schedule(step) {
  const started = Promise.all((step.needs ?? []).map((need) => finished.get(need))).then(async (needs) => {
    if (stopped || needs.some((result) => !result.ok)) return { name: step.name, ok: false, skipped: true };
    const result = await run(step);
    results.push(result);
    if (!result.ok) stopped = true;
    return result;
  });
  finished.set(step.name, started);
  return started;
}
// In the list's order, which puts every prerequisite before the steps that need it.
const chosen = steps.filter((step) => wanted.has(step.name));
console.log(`gate: ${chosen.map((step) => step.name).join(' + ')}`);
const ended = await Promise.all(chosen.map(schedule));
for (const result of ended) if (result.skipped) results.push(result);

const failed = results.filter((result) => !result.ok && !result.skipped);
console.log('\ngate summary');
for (const result of results)
  console.log(
    `  ${result.skipped ? '–' : result.ok ? '✓' : '✗'} ${result.name.padEnd(12)} ${result.skipped ? 'not run' : seconds(result.ms)}`,
  );
console.log(`  total        ${seconds(performance.now() - gateStarted)}`);
// The plain closing line CI reads: how many tests ran, over every tier that ran.
const passed = results.reduce((sum, result) => sum + (result.tests?.passed ?? 0), 0);
const failedTests = results.reduce((sum, result) => sum + (result.tests?.failed ?? 0), 0);
console.log(`${passed} passed, ${failedTests} failed`);
if (failed.length > 0) {
  console.error(`\ngate FAILED at: ${failed.map((result) => result.name).join(', ')}`);
  process.exit(1);
}
