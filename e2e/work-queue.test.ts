import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { createWorld, expectStatus, type TestServer, type World } from '../packages/server/test/harness.ts';
import { candidatePortalToken } from '../packages/server/test/outreach-flows.ts';
import {
  driveToRefinement,
  navigatorSubmits,
  sendInvitation,
} from '../packages/server/test/process-flows.ts';
import { signIn } from './flows.ts';
import {
  endJourney,
  expectAccessible,
  journey,
  journeyBrowser,
  type Pairwise,
  screenshot,
  startPairwise,
  textOf,
} from './harness.ts';

/**
 * A zone in which it is around noon now, so an interview an hour from now is "today" in the
 * browser whenever the journey runs (Etc/GMT-n is n hours ahead of UTC).
 */
function middayZone(now = new Date()): string {
  const offset = 12 - now.getUTCHours();
  return offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/**
 * The home page as each role's work queue: the navigator's day, checklist and the candidate's
 * requests; the shadow's own impression after the navigator reported; the line manager's
 * missing impression and decision; the admin's day and requests; nothing for an interviewer on
 * none of it. The interviews are set up through the API; every check is in the browser.
 */
describe('the home page is a work queue for each role', () => {
  const zone = middayZone();
  let pairwise: Pairwise;
  let browser: Browser;
  let world: World;
  const contexts: BrowserContext[] = [];
  let today = '';
  let asking = '';
  let reported = '';

  /** A signed-in page of its own, in the browser's zone chosen above (the page's "today"). */
  async function pageFor(email: string): Promise<Page> {
    const context = await browser.newContext({
      baseURL: pairwise.url,
      viewport: { width: 1366, height: 768 },
      timezoneId: zone,
      locale: 'en-GB',
    });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, email, '/');
    await page.getByRole('heading', { name: /^Needs your action/ }).waitFor();
    return page;
  }
  const section = (page: Page, title: string) =>
    page.getByRole('region', { name: new RegExp(`^${title} \\(`) });
  /** The row of one interview in the lists below the queue, with its "Next step". */
  const row = (page: Page, id: string) =>
    page.locator('tr', { has: page.locator(`a[href="/interviews/${id}"]`) });

  beforeAll(async () => {
    pairwise = await startPairwise();
    world = await createWorld(pairwise as unknown as TestServer);
    browser = await journeyBrowser();
    today = await world.planInterview({
      startsAtLocal: DateTime.now().setZone(zone).plus({ hours: 1 }).toFormat("yyyy-MM-dd'T'HH:mm"),
      timeZone: zone,
    });
    asking = await world.planInterview({ startsAtLocal: '2030-04-02T10:00' });
    await sendInvitation(world, asking);
    const token = await candidatePortalToken(world, asking);
    await expectStatus(
      world.anonymous.post(`/api/portal/${token}/reschedule-request`, { reason: 'A school play' }),
      200,
    );
    await expectStatus(
      world.anonymous.post(`/api/portal/${token}/accommodations`, { text: 'A quiet room' }),
      200,
    );
    const drove = await driveToRefinement(world);
    reported = drove.id;
    await navigatorSubmits(world, reported, [drove.notes.positive, drove.notes.positive2]);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await endJourney(browser);
    await pairwise?.close();
  });

  const step = journey(
    'each role sees its own work, counted by section, each item a link to where it is done',
    120_000,
  );

  step(
    "the navigator: today's interview held back by its checklist, two checklists, the candidate's requests",
    async () => {
      const nora = await pageFor('nora@example.com');
      await nora.getByRole('heading', { name: 'Needs your action (5)' }).waitFor();
      const day = section(nora, 'Interviews today');
      expect(await textOf(day.getByRole('heading'))).toBe('Interviews today (1)');
      expect(await textOf(day.getByRole('listitem'))).toMatch(
        /Finish the planning checklist first: \d+ items? open\./,
      );
      expect(await textOf(day)).not.toMatch(/check in/);
      expect(await day.getByRole('link').getAttribute('href')).toBe(`/interviews/${today}`);
      expect(await textOf(section(nora, 'Planning checklists').getByRole('heading'))).toBe(
        'Planning checklists (2)',
      );
      const requests = section(nora, 'Candidate requests');
      expect(await textOf(requests.getByRole('heading'))).toBe('Candidate requests (2)');
      // The lists' next step agrees with the queue: no "check in" while the candidate asks for
      // another time; the navigator who submitted waits for the decision instead of refining.
      await row(nora, asking).filter({ hasText: 'The candidate asked for another time' }).waitFor();
      expect(await textOf(row(nora, asking))).not.toMatch(/check in/);
      expect(await textOf(row(nora, reported))).toMatch(/Waiting for the line manager/);
      await expectAccessible(nora, 'home work queue (navigator)');
      await screenshot(nora, '40-work-queue-navigator');

      // By keyboard: the request's link opens the interview where it is answered.
      const link = requests
        .getByRole('listitem')
        .filter({ hasText: 'asked for another time' })
        .getByRole('link');
      await link.focus();
      await nora.keyboard.press('Enter');
      await nora.waitForURL(
        (url) => url.pathname === `/interviews/${asking}` && url.hash === '#invitation-heading',
      );
      // Focus lands on the panel where the request is shown, not at the top of the page.
      await nora.locator('#invitation-heading:focus').waitFor();
      await nora.getByText(/The candidate asked for another time on/).waitFor();
      // The check-in says what stands before the day ahead of its (folded) day-of steps.
      await nora
        .getByRole('region', { name: 'Check-in' })
        .getByText(/^The candidate asked for another time: reschedule/)
        .waitFor();
    },
  );

  step(
    'the shadow: the day, and their own impression still to submit after the navigator reported',
    async () => {
      const sam = await pageFor('sam@example.com');
      await sam.getByRole('heading', { name: 'Needs your action (2)' }).waitFor();
      expect(await textOf(section(sam, 'Interviews today').getByRole('listitem'))).toMatch(
        /You shadow today\./,
      );
      await row(sam, reported).filter({ hasText: 'Your impression is not in yet' }).waitFor();
      const impressions = section(sam, 'Impressions');
      expect(await textOf(impressions.getByRole('listitem'))).toMatch(
        /Refine your notes, rate and submit your impression\./,
      );
      await impressions.getByRole('link').click();
      await sam.waitForURL((url) => url.pathname === `/interviews/${reported}`);
      await sam.getByRole('heading', { name: 'Refinement', exact: true }).waitFor();
    },
  );

  step(
    "the line manager: who is missing, and the decision with the days to the candidate's deadline",
    async () => {
      const lena = await pageFor('lena@example.com');
      await lena.getByRole('heading', { name: 'Needs your action (2)' }).waitFor();
      expect(await textOf(section(lena, 'Impressions').getByRole('listitem'))).toMatch(
        /1 of 2 impressions in; waiting for Sam Shadow\./,
      );
      const decision = section(lena, 'Decisions').getByRole('listitem');
      expect(await textOf(decision)).toMatch(
        /Read the report and record the decision\. \d+ days to the candidate's deadline\./,
      );
      // Nothing of the day or the candidate's requests reaches the person who decides.
      expect(await section(lena, 'Candidate requests').count()).toBe(0);
      await expectAccessible(lena, 'home work queue (line manager)');
      await screenshot(lena, '41-work-queue-line-manager');
      await decision.getByRole('link').click();
      await lena.waitForURL((url) => url.pathname === `/interviews/${reported}/report`);
    },
  );

  step("the admin: today's interviews and the candidates' requests", async () => {
    const ada = await pageFor('admin@example.com');
    await ada.getByRole('heading', { name: 'Needs your action (3)' }).waitFor();
    expect(await textOf(section(ada, 'Interviews today').getByRole('heading'))).toBe('Interviews today (1)');
    expect(await textOf(section(ada, 'Candidate requests').getByRole('heading'))).toBe(
      'Candidate requests (2)',
    );
    expect(await section(ada, 'Decisions').count()).toBe(0);
  });

  step('an interviewer on none of these interviews: nothing', async () => {
    const otto = await pageFor('otto@example.com');
    await otto.getByRole('heading', { name: 'Needs your action (0)' }).waitFor();
    await otto.getByText('Nothing needs your action right now.').waitFor();
    expect(await otto.getByText('Casey Candidate').count()).toBe(0);
  });
});
