import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createWorld,
  expectStatus,
  type TestServer,
  type World,
} from '../packages/server/test/harness.ts';
import { step as processStep, rescheduleInterview } from '../packages/server/test/process-flows.ts';
import {
  endJourney,
  expectAccessible,
  isoDateFromToday,
  journey,
  journeyBrowser,
  newUserContext,
  type Pairwise,
  screenshot,
  startPairwise,
} from './harness.ts';

/**
 * The candidate's side: the navigator sends the previewed invitation, the admin finds it in the
 * outbox, and the candidate, on a phone, uses the private link to confirm, ask for another time,
 * and after the session says when to hear back and answers the survey.
 */
describe('the candidate portal', () => {
  let pairwise: Pairwise;
  let browser: Browser;
  let world: World;
  let interviewId = '';
  let portalLink = '';

  /** A browser profile signed in as a user the API world created. */
  async function signedIn(client: Client): Promise<Page> {
    const context = await newUserContext(browser, pairwise.url);
    const [name, value] = client.cookie!.split('=') as [string, string];
    await context.addCookies([{ name, value, url: pairwise.url }]);
    return context.newPage();
  }

  /** The candidate has no account and reads on a phone, in their own time zone. */
  async function candidatePhone(): Promise<BrowserContext> {
    const context = await browser.newContext({
      baseURL: pairwise.url,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      timezoneId: 'Europe/Berlin',
      locale: 'en-GB',
    });
    context.setDefaultTimeout(10_000);
    return context;
  }

  beforeAll(async () => {
    pairwise = await startPairwise();
    browser = await journeyBrowser();
    // Staff and the plan are set up through the API; the journey under test is the candidate's.
    world = await createWorld({ url: pairwise.url, setupUrl: pairwise.setupUrl } as unknown as TestServer);
    interviewId = await world.planInterview({ startsAtLocal: '2030-03-05T14:00' });
  });

  afterAll(async () => {
    await endJourney(browser);
    await pairwise?.close();
  });

  const step = journey('takes the candidate from the invitation to the survey', 5 * 120_000);

  step('lets the navigator preview the invitation and send exactly that', async () => {
    const navigator = await signedIn(world.navigator);
    await navigator.goto(`/interviews/${interviewId}`);
    const panel = navigator.getByRole('region', { name: 'Invite the candidate' });
    await panel.waitFor();
    await expect(panel.locator('pre').textContent()).resolves.toContain('Hello Casey Candidate,');
    await expect(panel.locator('pre').textContent()).resolves.toContain('Pairing: exactly one hour');
    await screenshot(navigator, '40-invitation-preview');
    await expectAccessible(navigator, 'invitation preview');
    await panel.getByLabel(/Why send the invitation anyway/).fill('No rehearsal in this journey.');
    await panel.getByRole('button', { name: 'Send invitation to casey@example.com' }).click();
    await navigator
      .getByRole('region', { name: 'Invitation' })
      .getByText('Sent to casey@example.com')
      .waitFor();
    await navigator.getByText('The candidate has not answered on their portal yet.').waitFor();
  });

  step('shows the admin the message with its calendar part in the outbox', async () => {
    const admin = await signedIn(world.admin);
    await admin.goto('/outbox');
    await admin.getByRole('heading', { name: 'Outbox' }).waitFor();
    await admin.getByText(/No SMTP server is configured/).waitFor();
    await admin
      .getByRole('button', { name: /^Invitation: pair-programming interview on Tuesday 5 March 2030/ })
      .click();
    const text = (await admin.locator('pre.outbox-source').textContent()) ?? '';
    const link = /https?:\/\/\S+\/p\/[A-Za-z0-9_-]{43}/.exec(text)?.[0];
    expect(link).toBeTruthy();
    portalLink = new URL(new URL(link!).pathname, pairwise.url).toString();
    await admin.getByRole('button', { name: 'Calendar (.ics)' }).click();
    await admin.locator('pre.outbox-source', { hasText: 'METHOD:REQUEST' }).waitFor();
    await expectAccessible(admin, 'outbox');
  });

  step('lets the candidate confirm, then ask for another time without having to say why', async () => {
    const page = await (await candidatePhone()).newPage();
    await page.goto(portalLink);
    await page.getByRole('heading', { name: 'Hello Casey Candidate' }).waitFor();
    await page.getByText('Tuesday 5 March 2030, 14:00–15:35 (Europe/Berlin, UTC+01:00)').first().waitFor();
    await page.getByRole('heading', { name: 'The agenda' }).waitFor();
    // Until the repository window opens, the portal says when the clone instructions will appear.
    await page
      .getByRole('region', { name: 'The interview repository' })
      .getByText(/appear here/)
      .waitFor();
    await expectAccessible(page, 'portal (upcoming)');
    await screenshot(page, '41-portal-upcoming-phone');
    // Nothing on the page is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByRole('button', { name: 'Confirm this time' }).click();
    await page.getByText(/You confirmed on .*Thank you, see you then!/).waitFor();

    await page.getByRole('button', { name: 'Ask for another time' }).click();
    const form = page.getByRole('form', { name: 'Ask for another time' });
    await form.getByText('You do not need to give a reason.').waitFor();
    await form.getByLabel('Anything you would like us to know? (optional)').fill('Mornings suit me better.');
    await form.getByRole('button', { name: 'Send my request' }).click();
    await page.getByText(/You asked for another time on .* will send you a new time/).waitFor();

    const adjustments = page.getByRole('form', { name: 'Ask for adjustments' });
    await adjustments.getByLabel('What would help?').fill('Larger font in the editor, please.');
    await adjustments.getByRole('button', { name: 'Send to my interviewers' }).click();
    await page.getByText('Larger font in the editor, please.').waitFor();
    await expectAccessible(page, 'portal (after answering)');

    // The navigator sees the answer on the interview page.
    const navigator = await signedIn(world.navigator);
    await navigator.goto(`/interviews/${interviewId}`);
    const invitation = navigator.getByRole('region', { name: 'Invitation' });
    await invitation.getByText(/The candidate asked for another time on/).waitFor();
    await invitation.getByText('Mornings suit me better.').waitFor();
    await invitation.getByText('Larger font in the editor, please.').waitFor();

    // A new time: the same link shows it, and the question is open again.
    await rescheduleInterview(world.navigator, interviewId, {
      startsAtLocal: '2030-03-07T09:30',
      timeZone: 'Europe/Berlin',
      reason: 'candidate_request',
    });
    await page.reload();
    await page.getByText('Thursday 7 March 2030, 09:30–11:05 (Europe/Berlin, UTC+01:00)').first().waitFor();
    await page.getByRole('button', { name: 'Confirm this time' }).waitFor();
  });

  step('shows the clone instructions and login once the repository window opens', async () => {
    const page = await (await candidatePhone()).newPage();
    await page.goto(portalLink);
    const repository = page.getByRole('region', { name: 'The interview repository' });
    await repository.getByText(/appear here/).waitFor();
    expect(await repository.getByText('Password', { exact: true }).count()).toBe(0);

    // On the day: check-in, then setup starts, which opens the window.
    // "The day" is years ahead in this journey: start early and cut the phases short, on purpose.
    const step = (action: string) => processStep(world.navigator, interviewId, action);
    await expectStatus(
      world.navigator.post(`/api/interviews/${interviewId}/wellness`, { well: true, startEarly: true }),
      200,
    );
    await step('start_setup');
    await page.reload();
    await page.getByText('Your interview is happening now. Enjoy the pairing!').waitFor();
    await repository.getByText('Clone URL', { exact: true }).waitFor();
    await repository.getByText('Password', { exact: true }).waitFor();
    await repository.locator('pre', { hasText: 'git -c credential.helper=' }).waitFor();
    await expectAccessible(page, 'portal (repository open)');
    await screenshot(page, '43-portal-repository-open-phone');

    await step('start_pairing');
    await step('end_pairing');
    await expectStatus(
      world.navigator.post(`/api/interviews/${interviewId}/repository-deletion`, { confirmed: true }),
      200,
    );
    await step('start_break');
    await step('start_retrospective');
    await page.reload();
    // After pairing: no login any more, only the request to delete the clone.
    await repository.getByText(/Please delete your copy/).waitFor();
    expect(await repository.getByText('Password', { exact: true }).count()).toBe(0);
  });

  step('after the session asks when to hear back and for the anonymous survey', async () => {
    const page = await (await candidatePhone()).newPage();
    await page.goto(portalLink);
    await page.getByRole('heading', { name: 'Thank you for pairing with us' }).waitFor();

    const hearBack = page.getByRole('form', { name: 'By when would you like to hear back?' });
    await hearBack.getByLabel('By when would you like to hear back from us?').fill(isoDateFromToday(10));
    await hearBack.getByRole('button', { name: 'Save the date' }).click();
    await page.getByText(/You would like to hear back by/).waitFor();

    const survey = page.getByRole('form', { name: 'Survey' });
    await survey.getByRole('radio', { name: '4 · Well' }).check();
    await survey.getByLabel('Was anything a surprise?').fill('How relaxed it was.');
    await survey.getByRole('button', { name: 'Send anonymously' }).click();
    await page.getByText('Thank you for your answers. They help the next candidate.').waitFor();
    await expectAccessible(page, 'portal (after the interview)');
    await screenshot(page, '42-portal-after-phone');

    // Privacy: the request is recorded and shown back.
    await page.getByRole('button', { name: 'Request a copy of my data' }).click();
    await page.getByText(/You asked for a copy of your data on/).waitFor();
  });

  it('answers an unknown link with a friendly page that reveals nothing', async () => {
    const page = await (await candidatePhone()).newPage();
    await page.goto('/p/this-link-does-not-exist');
    await page.getByRole('heading', { name: 'This page is not available' }).waitFor();
    await page.getByText(/This link is not active/).waitFor();
    await expectAccessible(page, 'portal (unknown link)');
  });
});
