import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  busyEvent,
  type Radicale,
  radicaleMissing,
  startRadicale,
} from '../packages/server/test/support/radicale.ts';
import { createTask, setUpTeam } from './flows.ts';
import {
  endJourney,
  expectAccessible,
  journey,
  journeyBrowser,
  type Pairwise,
  screenshot,
  startPairwise,
} from './harness.ts';

const missing = radicaleMissing();
if (missing) console.warn(`Skipping the calendar connection journey: ${missing}`);

const ZONE = 'Europe/Berlin';
// A Wednesday two to three weeks ahead, so the day is a weekday with room for proposals.
const day = DateTime.now().setZone(ZONE).plus({ days: 14 }).set({ weekday: 3 }).startOf('day');
const local = (hour: number, minute = 0) => day.set({ hour, minute }).toFormat("yyyy-MM-dd'T'HH:mm");
const utc = (hour: number) => day.set({ hour }).toUTC().toISO({ suppressMilliseconds: true })!;

/**
 * Nina connects her CalDAV calendar (a real Radicale), sees its busy morning on the plan form,
 * is refused when she books over it, and picks a proposed time instead.
 */
describe.skipIf(missing !== null)('calendar connections in the browser', () => {
  let radicale: Radicale;
  let pairwise: Pairwise;
  let browser: Browser;
  let navigator: Page;
  let calendarUrl: string;

  beforeAll(async () => {
    radicale = await startRadicale({ nina: 'nina-app-password' });
    calendarUrl = await radicale.createCalendar('nina', 'work', 'Nina at work');
    await radicale.putEvent(
      'nina',
      calendarUrl,
      'nina-workshop',
      busyEvent('nina-workshop', utc(9), utc(12), 'Workshop'),
    );
    pairwise = await startPairwise({ calendarTimeoutMs: 5_000, calendarAllowHosts: ['127.0.0.1'] });
    browser = await journeyBrowser();
    ({ navigator } = await setUpTeam(browser, pairwise));
    await createTask(navigator, { title: 'Bowling kata', levers: [] });
  });

  afterAll(async () => {
    await endJourney(browser);
    await pairwise?.close();
    await radicale?.close();
  });

  const step = journey('connect a calendar, see it on the plan form, pick a proposed time', 180_000);

  step('connects a CalDAV calendar, after a wrong password is named as such', async () => {
    await navigator.goto('/account');
    const section = navigator.getByRole('region', { name: 'Your calendar' });
    await section.getByLabel('Calendar server address').fill(radicale.url);
    await section.getByLabel('Username').fill('nina');
    await section.getByLabel('App password').fill('not-the-password');
    await section.getByRole('button', { name: 'Connect calendar' }).click();
    await section.getByText('The calendar server refused this username and app password.').first().waitFor();
    expect(await section.getByLabel('App password').getAttribute('aria-invalid')).toBe('true');

    await section.getByLabel('App password').fill('nina-app-password');
    await section.getByRole('button', { name: 'Connect calendar' }).click();
    await section.getByRole('status').filter({ hasText: 'Nina at work' }).waitFor();
    await expectAccessible(navigator, 'account page with a connected calendar');
  });

  step('shows the busy morning and refuses booking over it', async () => {
    await navigator.goto('/interviews/new');
    await navigator.getByLabel('Candidate').selectOption({ label: 'Sam Candidate (sam@example.org)' });
    await navigator.getByLabel('Position').selectOption({ label: 'Backend Engineer' });
    await navigator.getByLabel('Task').selectOption({ label: 'Bowling kata' });
    await navigator.getByLabel('Time zone of that time').selectOption(ZONE);
    await navigator.getByLabel('Starts at').fill(local(10));
    await navigator.getByLabel('Place').fill('Room Ada');

    const freeBusy = navigator.getByRole('region', { name: 'Free and busy' });
    await freeBusy.getByText('(their calendar)').first().waitFor();
    const conflicts = navigator.getByRole('group', { name: 'Overlaps with other bookings' });
    await conflicts.getByText(/Nina Navigator \(busy in their calendar\)/).waitFor();
    await expectAccessible(navigator, 'plan form with free/busy and a calendar conflict');
    await screenshot(navigator, 'plan-calendar-conflict');

    await navigator.getByRole('button', { name: 'Plan interview' }).click();
    await conflicts.getByText('Confirm to book over the busy time.').waitFor();
    expect(navigator.url()).toMatch(/\/interviews\/new$/);
  });

  step('picks the first proposed time, which books without a question', async () => {
    const proposals = navigator.getByRole('group', { name: /Times when everyone is free/ });
    // Prep may start when the workshop ends at 12:00, so the first start is 12:30.
    await proposals.getByRole('button').first().click();
    expect(await navigator.getByLabel('Starts at').inputValue()).toBe(local(12, 30));
    await navigator
      .getByRole('group', { name: 'Overlaps with other bookings' })
      .waitFor({ state: 'detached' });
    await navigator.getByRole('button', { name: 'Plan interview' }).click();
    await navigator.waitForURL(/\/interviews\/[0-9a-f-]{36}$/);

    // The blocks land in Nina's calendar (a job after the plan commits), and the checklist item
    // follows that evidence; the page shows it once loaded after the job ran.
    const evidence = navigator
      .getByRole('region', { name: 'Planning checklist' })
      .getByText(/Blocks in 1 connected calendar, no conflicts/);
    const deadline = Date.now() + 20_000;
    while (!(await evidence.isVisible())) {
      if (Date.now() > deadline) throw new Error('The checklist never showed the blocks in the calendar.');
      await navigator.reload();
      await navigator.getByRole('heading', { name: 'Planning checklist' }).waitFor();
    }
  });
});
