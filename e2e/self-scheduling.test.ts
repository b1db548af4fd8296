import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  type Client,
  createWorld,
  expectStatus,
  type TestServer,
  type World,
} from '../packages/server/test/harness.ts';
import {
  endJourney,
  expectAccessible,
  journey,
  journeyBrowser,
  newUserContext,
  type Pairwise,
  screenshot,
  startPairwise,
} from './harness.ts';

/**
 * Self-scheduling: the navigator offers two times from the interview page and sends the offer
 * after reading it; the candidate, on a phone in New York, picks one with the keyboard alone and
 * confirms it; the navigator sees the picked time.
 */
describe('candidate self-scheduling', () => {
  let pairwise: Pairwise;
  let browser: Browser;
  let world: World;
  let interviewId = '';
  let portalLink = '';

  async function signedIn(client: Client): Promise<Page> {
    const context = await newUserContext(browser, pairwise.url);
    const [name, value] = client.cookie!.split('=') as [string, string];
    await context.addCookies([{ name, value, url: pairwise.url }]);
    return context.newPage();
  }

  beforeAll(async () => {
    pairwise = await startPairwise();
    browser = await journeyBrowser();
    world = await createWorld({ url: pairwise.url, setupUrl: pairwise.setupUrl } as unknown as TestServer);
    const { candidate } = await expectStatus(
      world.navigator.post('/api/candidates', {
        name: 'Sam Slots',
        email: 'sam@example.org',
        timeZone: 'America/New_York',
      }),
      201,
    );
    interviewId = await world.planInterview({ candidateId: candidate.id, startsAtLocal: '2030-03-05T14:00' });
  });

  afterAll(async () => {
    await endJourney(browser);
    await pairwise?.close();
  });

  const step = journey('lets the candidate pick an offered time on their phone', 4 * 120_000);

  step('lets the navigator offer two times and send the offer exactly as previewed', async () => {
    const navigator = await signedIn(world.navigator);
    await navigator.goto(`/interviews/${interviewId}`);
    const panel = navigator.getByRole('region', { name: 'Invite the candidate' });
    await panel.waitFor();
    await panel.getByLabel(/Why send the invitation anyway/).fill('No rehearsal in this journey.');
    await panel.getByText('Offer times to choose from instead').click();
    await panel.getByLabel('Time 1').fill('2030-03-12T10:00');
    await panel.getByRole('button', { name: 'Add a time' }).click();
    await panel.getByLabel('Time 2').fill('2030-03-12T15:00');
    await panel.getByRole('button', { name: 'Preview the offer' }).click();
    await panel.getByText('2 times offered').waitFor();
    const offer = (await panel.locator('pre').nth(1).textContent()) ?? '';
    expect(offer).toContain('Hello Sam Slots');
    expect(offer).toContain('for the interviewers Tuesday 12 March 2030, 10:00');
    await expectAccessible(navigator, 'offer preview');
    await screenshot(navigator, '70-slot-offer-preview');
    await panel.getByRole('button', { name: 'Send this offer' }).click();
    await navigator
      .getByRole('region', { name: 'Invitation' })
      .getByText('Sent to sam@example.org')
      .waitFor();

    const { messages } = await expectStatus(world.admin.get('/api/outbox?limit=50'), 200);
    const summary = (messages as Array<{ id: string; kind: string; interviewId: string }>).find(
      (m) => m.kind === 'slot_offer' && m.interviewId === interviewId,
    )!;
    const { message } = await expectStatus(world.admin.get(`/api/outbox/${summary.id}`), 200);
    const link = /https?:\/\/\S+\/p\/[A-Za-z0-9_-]{43}/.exec(message.text)![0];
    portalLink = new URL(new URL(link).pathname, pairwise.url).toString();
  });

  step('lets the candidate pick with the keyboard on a phone, and asks before booking', async () => {
    const context = await browser.newContext({
      baseURL: pairwise.url,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      timezoneId: 'America/New_York',
      locale: 'en-US',
    });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(portalLink);
    await page.getByRole('heading', { name: 'Hello Sam Slots' }).waitFor();
    const picker = page.getByRole('group', { name: 'Choose a time' });
    await picker.waitFor();
    await page.getByText('You choose: see the times below').waitFor();
    await expect(page.getByRole('button', { name: 'Confirm this time' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'portal time picker');
    await screenshot(page, '71-portal-slot-picker-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // Keyboard only: focus the first time, move to the second with the arrow key, then book.
    await page.getByRole('radio').first().focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio').nth(1).isChecked()).resolves.toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('button', { name: 'Yes, book this time' });
    await confirm.waitFor();
    await expect(confirm.evaluate((button) => button === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText(/You confirmed on/).waitFor();
    await page.getByText('Tuesday 12 March 2030, 10:00', { exact: false }).first().waitFor();
    await expect(page.getByRole('group', { name: 'Choose a time' }).count()).resolves.toBe(0);
    await context.close();
  });

  step('shows the navigator the picked time and the confirmation that went out', async () => {
    const detail = await expectStatus(world.navigator.get(`/api/interviews/${interviewId}`), 200);
    expect(Date.parse(detail.interview.startsAt)).toBe(Date.parse('2030-03-12T14:00:00Z'));
    const navigator = await signedIn(world.navigator);
    await navigator.goto(`/interviews/${interviewId}`);
    await navigator.getByText('Candidate picked a time').first().waitFor();
    await navigator.getByText(/The candidate confirmed on/).waitFor();
    await navigator.getByText(/Times offered on .*: picked/).waitFor();
    await navigator.getByText(/— picked by the candidate/).waitFor();
    await expectAccessible(navigator, 'picked offer');
  });
});
