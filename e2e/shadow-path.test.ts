import { defaultFocusAttributes } from '@pairwise/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type TestServer, type World } from '../packages/server/test/harness.ts';
import { driveToRefinement, navigatorSubmits } from '../packages/server/test/process-flows.ts';
import { reflectAndRate, signIn } from './flows.ts';
import {
  endJourney,
  expectAccessible,
  journeyBrowser,
  newUserContext,
  type Pairwise,
  screenshot,
  startPairwise,
  textOf,
} from './harness.ts';

/**
 * The shadow's own path after the navigator reported the interview: still refining, told so on
 * the home page, kept from the report until their impression is in, and asked to confirm before
 * cutting refinement's half hour short. The session before is driven through the API.
 */
describe("the shadow's path after the navigator submitted", () => {
  let pairwise: Pairwise;
  let browser: Browser;
  let context: BrowserContext;
  let shadow: Page;
  let world: World;
  let interviewId = '';

  beforeAll(async () => {
    pairwise = await startPairwise();
    world = await createWorld(pairwise as unknown as TestServer);
    browser = await journeyBrowser();
    context = await newUserContext(browser, pairwise.url);
    shadow = await context.newPage();
    const { id, notes } = await driveToRefinement(world);
    interviewId = id;
    await navigatorSubmits(world, id, [notes.positive, notes.positive2]);
  });

  afterAll(async () => {
    await context?.close();
    await endJourney(browser);
    await pairwise?.close();
  });

  it('keeps refining, sees only their own work, and submits with a confirmation', async () => {
    await signIn(shadow, 'sam@example.com', '/');
    await shadow.getByText('Your impression is not in yet: refine your notes, rate and submit it.').waitFor();

    // The report waits for the shadow's own impression.
    await shadow.goto(`/interviews/${interviewId}/report`);
    await shadow.getByText(/Submit your own impression first/).waitFor();

    await shadow.goto(`/interviews/${interviewId}`);
    await shadow.getByRole('heading', { name: 'Refinement', exact: true }).waitFor();
    await shadow.getByText('Shadow private: asked about the edge cases').first().waitFor();
    expect(await shadow.getByText('Wrote the failing test first').count()).toBe(0);

    await reflectAndRate(shadow, defaultFocusAttributes, () => 3);
    await shadow.getByLabel('Impression', { exact: true }).fill('Asked good questions about edge cases.');
    await shadow.getByRole('radio', { name: 'Yes', exact: true }).check();
    await expectAccessible(shadow, 'interview (shadow refining after the navigator submitted)');
    await shadow.getByRole('button', { name: 'Submit impression' }).click();

    const dialog = shadow.getByRole('dialog');
    expect(await textOf(dialog)).toMatch(/Submit with \d+ minutes? of the promised 30 left\?/);
    await screenshot(shadow, '30-shadow-confirm-early-submit');
    await dialog.getByRole('button', { name: 'Yes, end it now' }).click();
    await shadow.getByRole('heading', { name: 'Impression submitted' }).waitFor();

    await shadow.goto(`/interviews/${interviewId}/report`);
    await shadow.getByText(/^2 of 2 impressions in/).waitFor();
    await shadow.getByText(/Pairing: 0 of 60 minutes/).waitFor();
  });
});
