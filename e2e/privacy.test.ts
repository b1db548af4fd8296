import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCandidate, setUpAdmin } from './flows.ts';
import {
  endJourney,
  expectAccessible,
  journeyBrowser,
  newUserContext,
  type Pairwise,
  screenshot,
  startPairwise,
} from './harness.ts';

/** The admin's privacy page: the retention period and legal holds, set and kept across reloads. */
describe('privacy page', () => {
  let pairwise: Pairwise;
  let browser: Browser;
  let admin: Page;

  beforeAll(async () => {
    pairwise = await startPairwise();
    browser = await journeyBrowser();
    admin = await (await newUserContext(browser, pairwise.url)).newPage();
    await setUpAdmin(admin, pairwise.setupUrl, { name: 'Ada Admin', email: 'ada@example.org' });
    await createCandidate(admin, {
      name: 'Sam Candidate',
      email: 'sam@example.org',
      timeZone: 'Europe/Berlin',
    });
  });
  afterAll(async () => {
    await endJourney(browser);
    await pairwise?.close();
  });

  it('chooses a retention preset and puts a candidate on legal hold', async () => {
    await admin.getByRole('link', { name: 'Privacy' }).click();
    const retention = admin.getByRole('form', { name: 'Retention period' });
    await expect.poll(() => retention.getByLabel('Keep candidate data for').inputValue()).toBe('eu_6_months');
    await retention.getByLabel('Keep candidate data for').selectOption('us_1_year');
    await retention.getByRole('button', { name: 'Save retention period' }).click();
    const hold = admin.getByRole('form', { name: 'Put a candidate on legal hold' });
    await hold.getByLabel('Candidate').selectOption({ label: 'Sam Candidate' });
    await hold.getByLabel('Reason').fill('Pending litigation');
    await hold.getByRole('button', { name: 'Put on legal hold' }).click();
    await admin.getByText('Sam Candidate: Pending litigation').waitFor();
    await expectAccessible(admin, 'privacy page');
    await screenshot(admin, 'privacy-page');

    await admin.reload();
    await expect.poll(() => admin.getByLabel('Keep candidate data for').inputValue()).toBe('us_1_year');
    await admin.getByText('Sam Candidate: Pending litigation').waitFor();
    await admin.getByRole('button', { name: /End hold/ }).click();
    await admin.getByText('Sam Candidate: Pending litigation').waitFor({ state: 'detached' });
  });
});
