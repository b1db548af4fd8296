import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTask, planInterview, setUpTeam, tomorrowAtTen } from './flows.ts';
import {
  endJourney,
  expectAccessible,
  journeyBrowser,
  type Pairwise,
  screenshot,
  startPairwise,
} from './harness.ts';

/** The plan form shows the server's warnings and asks before booking the same navigator twice. */
describe('planning guards on the plan form', () => {
  let pairwise: Pairwise;
  let browser: Browser;
  let navigator: Page;
  const plan = {
    candidate: 'Sam Candidate (sam@example.org)',
    position: 'Backend Engineer',
    task: 'Bowling kata',
    startsAtLocal: tomorrowAtTen(),
    timeZone: 'Europe/Berlin',
  };

  beforeAll(async () => {
    pairwise = await startPairwise();
    browser = await journeyBrowser();
    ({ navigator } = await setUpTeam(browser, pairwise));
    await createTask(navigator, { title: plan.task, levers: [] });
    await planInterview(navigator, plan);
  });

  afterAll(async () => {
    await endJourney(browser);
    await pairwise?.close();
  });

  it('warns about the short lead time and needs a ticked box to book the overlap', async () => {
    await navigator.goto('/interviews/new');
    await navigator.getByLabel('Candidate').selectOption({ label: plan.candidate });
    await navigator.getByLabel('Position').selectOption({ label: plan.position });
    await navigator.getByLabel('Task').selectOption({ label: plan.task });
    await navigator.getByLabel('Starts at').fill(plan.startsAtLocal);
    await navigator.getByLabel('Time zone of that time').selectOption(plan.timeZone);
    await navigator.getByLabel('Place').fill('Room Ada');

    await navigator
      .getByRole('status')
      .filter({ hasText: /days? away; candidates usually get 7 to 21 days/ })
      .waitFor();
    const overlaps = navigator.getByRole('group', { name: 'Overlaps with other interviews' });
    await overlaps.waitFor();
    expect(await overlaps.textContent()).toContain('Sam Candidate');
    await expectAccessible(navigator, 'plan form with warnings and an overlap');
    await screenshot(navigator, 'plan-overlap');

    // Without the confirmation the server refuses, and the form says why next to the box.
    await navigator.getByRole('button', { name: 'Plan interview' }).click();
    await overlaps.getByText('Confirm to book the overlapping time.').waitFor();
    expect(navigator.url()).toMatch(/\/interviews\/new$/);

    await overlaps.getByLabel(/Plan it anyway/).check();
    await navigator.getByRole('button', { name: 'Plan interview' }).click();
    await navigator.waitForURL(/\/interviews\/[0-9a-f-]{36}$/);
  });
});
