import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { planInterview, setUpTeam, tomorrowAtTen } from './flows.ts';
import {
  endJourney,
  expectAccessible,
  journey,
  journeyBrowser,
  type Pairwise,
  screenshot,
  startPairwise,
} from './harness.ts';

const demoStartingPoint = fileURLToPath(
  new URL('../packages/server/demo-task/starting-point', import.meta.url),
);
const TASK = 'Inventory report';

/**
 * Task preparation as a navigator does it: import the kata from a folder on the server, see the
 * planted secret, exclude it, export, rehearse with live progress, and watch the interview's
 * checklist turn green with links to the evidence.
 */
describe('task preparation', () => {
  let pairwise: Pairwise;
  let browser: Browser;
  let navigator: Page;
  let interviewId = '';
  let taskUrl = '';
  let importPath = '';

  beforeAll(async () => {
    pairwise = await startPairwise();
    browser = await journeyBrowser();
    ({ navigator } = await setUpTeam(browser, pairwise));

    // The bundled kata with a secret someone forgot: a .env with a database password, made up now.
    importPath = path.join(pairwise.dataDir, 'imports', 'inventory-kata');
    fs.cpSync(demoStartingPoint, importPath, { recursive: true });
    fs.writeFileSync(
      path.join(importPath, '.env'),
      `PORT=3000\nDB_PASSWORD=${randomBytes(12).toString('base64url')}\n`,
    );
  });

  afterAll(async () => {
    await endJourney(browser);
    await pairwise?.close();
  });

  const step = journey('prepares a task from nothing to an exported, rehearsed starting point', 5 * 120_000);

  step('creates the task and plans an interview before the task has a starting point', async () => {
    await navigator.goto('/tasks/new');
    await navigator.getByLabel('Title').fill(TASK);
    await navigator.getByLabel('Summary').fill('Singular or plural: teach a stock summary some English.');
    await navigator.getByLabel('Command 1', { exact: true }).fill('node --version');
    await navigator.getByRole('button', { name: 'Add command' }).click();
    await navigator.getByLabel('Command 2', { exact: true }).fill('echo "warming up"; sleep 2');
    await navigator.getByLabel('Test command').fill('node --test');
    await navigator.getByRole('button', { name: 'Add easier lever' }).click();
    await navigator.getByLabel('Lever 1 description').fill('Hand over the irregular plurals');
    await navigator.getByRole('button', { name: 'Create task' }).click();
    await navigator.getByRole('link', { name: TASK }).click();
    await navigator.getByRole('heading', { name: 'Starting point' }).waitFor();
    taskUrl = new URL(navigator.url()).pathname;

    interviewId = await planInterview(navigator, {
      candidate: 'Sam Candidate (sam@example.org)',
      position: 'Backend Engineer',
      task: TASK,
      startsAtLocal: tomorrowAtTen(),
      timeZone: 'Europe/Berlin',
    });
    const checklist = navigator.getByRole('region', { name: 'Planning checklist' });
    await checklist
      .getByRole('link', { name: 'No starting point yet: import and export the task' })
      .first()
      .waitFor();
  });

  step('imports a folder, shows the planted secret masked, exports once the file is excluded', async () => {
    await navigator.goto(taskUrl);
    const section = navigator.getByRole('region', { name: 'Starting point' });
    await section.getByText('No starting point yet.').waitFor();
    await section.getByLabel('Folder path on the server').fill(importPath);
    await section.getByRole('button', { name: 'Check for secrets' }).click();

    const findings = section.getByRole('table', { name: 'Possible secrets' });
    await findings.waitFor();
    const rows = findings.getByRole('row').filter({ hasText: '.env' });
    expect(await rows.count()).toBeGreaterThanOrEqual(1);
    await expect(findings.textContent()).resolves.toMatch(/env-assignment|no-dotenv/);
    // The password itself never reaches the page.
    const password = fs.readFileSync(path.join(importPath, '.env'), 'utf8').match(/DB_PASSWORD=(.+)/)![1]!;
    expect(await navigator.content()).not.toContain(password);
    await section.getByText(/possible secrets? blocks? the export/).waitFor();
    await screenshot(navigator, '30-task-finding');
    await expectAccessible(navigator, 'task page with a finding');

    await findings.getByRole('button', { name: 'Exclude .env' }).first().click();
    await section.getByRole('button', { name: 'Include .env again' }).waitFor();
    await section.getByRole('button', { name: 'Export snapshot' }).click();
    const exported = section
      .getByRole('status')
      .filter({ hasText: /Exported snapshot [0-9a-f]{7}: \d+ files/ });
    await exported.waitFor({ timeout: 20_000 });
    const snapshots = section.getByRole('table', { name: 'Snapshots' });
    await snapshots.getByText('(latest)').waitFor();
    await snapshots.getByText('left out').waitFor();
    await snapshots.getByText(/^\d+ files, [\d.]+ (B|KiB)$/).click();
    await snapshots.getByText('quantity.test.js').waitFor();
    const files = snapshots.locator('.file-tree');
    await files.getByText('quantity.test.js').waitFor();
    expect(await files.getByText('.env', { exact: true }).count()).toBe(0);
  });

  step('rehearses on the server with live progress and records it in the history', async () => {
    const rehearse = navigator.getByRole('region', { name: 'Rehearse setup' });
    // Whose commands these are, and who may change them, is on the page before they run.
    await rehearse
      .getByText(
        /^Commands unchanged since the task was created by .+\. Only .+ and admins can change them\.$/,
      )
      .waitFor();
    await rehearse.getByRole('button', { name: 'Rehearse setup' }).click();
    // While it runs: the step, its elapsed time, and the last lines of its output.
    const live = rehearse.getByRole('region', { name: 'Rehearsal in progress' });
    await live.getByText('Step 3 of 4: echo "warming up"; sleep 2').waitFor();
    await live.getByText('warming up', { exact: true }).waitFor();
    await expect(live.getByTestId('step-elapsed').textContent()).resolves.toMatch(/^\d+\.\d s$/);
    await screenshot(navigator, '31-task-rehearsing');
    const history = rehearse.getByRole('list', { name: 'Rehearsal history' });
    await history.getByText(/^Passed in .* \(budget 5:00 min\)$/).waitFor({ timeout: 30_000 });
    await expect(history.textContent()).resolves.toMatch(/Pairwise server .* \(server\)/);
    await screenshot(navigator, '32-task-rehearsed');
    await expectAccessible(navigator, 'task page after a rehearsal');
  });

  step('shows the interview checklist green, computed from the evidence, with links to it', async () => {
    await navigator.goto(`/interviews/${interviewId}`);
    const checklist = navigator.getByRole('region', { name: 'Planning checklist' });
    await checklist
      .getByRole('checkbox', {
        name: 'Setup rehearsed from scratch within its budget, recently',
        checked: true,
      })
      .waitFor();
    await checklist
      .getByRole('checkbox', { name: 'Fresh candidate repository exported', checked: true })
      .waitFor();
    const manual = checklist.getByRole('listitem').filter({ hasText: 'ticked by hand for now' });
    const count = await manual.count();
    for (let i = 0; i < count; i++) await manual.nth(i).getByRole('checkbox').check();
    await navigator.getByRole('checkbox', { name: /Hand over the irregular plurals/ }).check();
    await navigator.getByRole('button', { name: 'Save difficulty plan' }).click();
    await checklist.getByText('Ready: every required item is done.').waitFor();
    await screenshot(navigator, '33-checklist-green');
    await expectAccessible(navigator, 'interview with a green checklist');

    await checklist.getByRole('link', { name: /^Passed in .* on Pairwise server/ }).click();
    await navigator.waitForURL((url) => url.pathname === taskUrl && url.hash.startsWith('#rehearsal-'));
    const target = navigator.locator('.evidence-target');
    await target.waitFor();
    await expect(target.textContent()).resolves.toMatch(/node --test/);
  });

  step('creates an API token and shows the exact command for a colleague', async () => {
    const taskId = taskUrl.split('/').at(-1)!;
    await navigator.goto(`/api-tokens?task=${taskId}`);
    await navigator.getByLabel('Label').fill('Sam’s laptop');
    await navigator.getByRole('button', { name: 'Create token' }).click();
    const command = await navigator.getByLabel('Command to run').inputValue();
    // The CLI comes from this server, at its version: no checkout and no npm name needed.
    const origin = pairwise.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(command).toMatch(
      new RegExp(
        `^npx --yes ${origin}/cli/pairwise-cli-\\d+\\.\\d+\\.\\d+\\.tgz rehearse ${origin}/tasks/${taskId} --token pw_[A-Za-z0-9_-]{43}$`,
      ),
    );
    await navigator.getByRole('cell', { name: 'Sam’s laptop', exact: true }).waitFor();
    await expectAccessible(navigator, 'API tokens');
  });
});
