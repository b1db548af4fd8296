import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { createWorld, expectStatus, type TestServer, type World } from '../packages/server/test/harness.ts';
import { driveToRefinement, note, scorecardFor } from '../packages/server/test/process-flows.ts';
import { signIn } from './flows.ts';
import {
  endJourney,
  expectAccessible,
  journey,
  journeyBrowser,
  newUserContext,
  type Pairwise,
  screenshot,
  startPairwise,
  textOf,
} from './harness.ts';

/**
 * The bias gate's keep, in the browser: a biased reason is refused with its finding; a phrase
 * about the candidate's age waits for a second reviewer; the shadow, once submitted, confirms it
 * after a confirmation dialog; the line manager's decision screen names who confirmed it. The
 * session before refinement is driven through the API.
 */
describe('keeping a protected-category phrase needs a second reviewer', () => {
  let pairwise: Pairwise;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  let world: World;
  let interviewId = '';
  let evidence: string[] = [];

  beforeAll(async () => {
    pairwise = await startPairwise();
    world = await createWorld(pairwise as unknown as TestServer);
    browser = await journeyBrowser();
    const { id, notes } = await driveToRefinement(world);
    interviewId = id;
    const aged = await note(
      world.navigator,
      id,
      'Not sure someone his age will keep up with how fast we ship.',
      ['concern'],
    );
    evidence = [notes.positive, aged];
    await expectStatus(world.navigator.put(`/api/interviews/${id}/scorecard`, scorecardFor(evidence)), 200);
    await expectStatus(
      world.shadow.put(`/api/interviews/${id}/scorecard`, scorecardFor([notes.shadowNote])),
      200,
    );
  });

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const [index, page] of pages.entries())
      await screenshot(page, `failed-keep-review-${index}`).catch(() => {});
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await endJourney(browser);
    await pairwise?.close();
  });

  async function pageFor(email: string, path: string) {
    const context = await newUserContext(browser, pairwise.url);
    contexts.push(context);
    const page = await context.newPage();
    pages.push(page);
    await signIn(page, email, path);
    return page;
  }

  const step = journey('keeps a phrase about age only with a second reviewer', 3 * 120_000);

  step('refuses a biased reason and shows the keep waiting for a second reviewer', async () => {
    const navigator = await pageFor('nora@example.com', `/interviews/${interviewId}`);
    const check = navigator.getByRole('region', { name: 'Bias check of your wording and ratings' });
    const flagged = check.getByRole('article', { name: /^Flagged note: Not sure someone his age/ });
    await flagged.getByText(/can only be kept when a second reviewer/).waitFor();
    await flagged.getByRole('button', { name: 'Keep with a reason' }).click();
    const reason = flagged.getByLabel('Why keep “his age”?');
    await reason.fill('Honestly her age made her slow with the shortcuts');
    await flagged.getByRole('button', { name: 'Keep phrase' }).click();
    await flagged
      .getByText(/"her age" \(Age\)/)
      .first()
      .waitFor();
    await reason.fill(
      'The candidate raised it himself when we discussed the deadline; I did not rate on it.',
    );
    await flagged.getByRole('button', { name: 'Keep phrase' }).click();
    await flagged.getByText(/waiting for a second reviewer/).waitFor();
    await check.getByText('1 flagged phrase to resolve.').waitFor();
    await screenshot(navigator, 'keep-review-01-pending');
    await expectAccessible(navigator, 'interview (keep waiting for a second reviewer)');
  });

  step('lets the shadow, once submitted, confirm the keep after a confirmation', async () => {
    await expectStatus(
      world.shadow.post(`/api/interviews/${interviewId}/scorecard/submit`, { confirmEarly: true }),
      200,
    );
    const shadow = await pageFor('sam@example.com', `/interviews/${interviewId}`);
    const panel = shadow.getByRole('region', { name: 'Kept phrases to review' });
    await panel.getByText(/1 kept phrase in a protected category waits for your review/).waitFor();
    expect(await textOf(panel)).toContain('The candidate raised it himself');
    await panel.getByRole('button', { name: 'Confirm keep' }).click();
    const dialog = shadow.getByRole('dialog');
    await dialog.getByText(/with your name as the one who confirmed it/).waitFor();
    await dialog.getByRole('button', { name: 'Confirm the keep' }).click();
    await panel.getByText('Confirmed by Sam Shadow').waitFor();
    await screenshot(shadow, 'keep-review-02-confirmed');
    await expectAccessible(shadow, 'interview (shadow reviewing a kept phrase)');
  });

  step("shows the kept phrase and who confirmed it on the line manager's decision screen", async () => {
    await expectStatus(
      world.navigator.post(`/api/interviews/${interviewId}/scorecard/submit`, { confirmEarly: true }),
      200,
    );
    const manager = await pageFor('lena@example.com', `/interviews/${interviewId}/report`);
    const banner = manager.getByRole('region', { name: '1 flagged phrase kept by the panel' });
    await banner.getByText(/Confirmed by Sam Shadow on \d{4}-\d{2}-\d{2}\./).waitFor();
    expect(await textOf(banner)).toContain('“his age” (Age) in Nora Navigator');
    await screenshot(manager, 'keep-review-03-decision-banner');
    await expectAccessible(manager, 'report with kept-phrases banner');
  });
});
