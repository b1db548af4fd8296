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
  textOf,
} from './harness.ts';

/** A candidate who is not well at check-in is rescheduled, with reassurance and no penalty. */
describe('check-in when the candidate is not well', () => {
  let pairwise: Pairwise;
  let browser: Browser;
  let navigator: Page;
  let interviewId = '';

  beforeAll(async () => {
    pairwise = await startPairwise();
    browser = await journeyBrowser();
    ({ navigator } = await setUpTeam(browser, pairwise));
    await createTask(navigator, { title: 'Bowling kata', levers: [] });
    interviewId = await planInterview(navigator, {
      candidate: 'Sam Candidate (sam@example.org)',
      position: 'Backend Engineer',
      task: 'Bowling kata',
      startsAtLocal: tomorrowAtTen(),
      timeZone: 'Europe/Berlin',
    });
    // Invitations are sent from their preview, so the candidate gets exactly what the navigator saw.
    await navigator.getByLabel(/Why send the invitation anyway/).fill('No rehearsal in this journey.');
    await navigator
      .getByRole('region', { name: 'Invite the candidate' })
      .getByRole('button', { name: /^Send invitation to / })
      .click();
  });

  afterAll(async () => {
    await endJourney(browser);
    await pairwise?.close();
  });

  it('reassures, keeps the answer across a reload, and reschedules with the reason "unwell"', async () => {
    // Tomorrow's interview: the day-of steps are folded away, and answering is a "start early".
    await navigator.getByText(/^Day-of steps: the interview is on/).click();
    await navigator.getByText('Are you well? Rescheduling carries no disadvantage.').waitFor();
    await navigator.getByRole('button', { name: 'Not well' }).click();
    await navigator.getByRole('dialog').getByRole('button', { name: 'Yes, start early' }).click();
    await navigator
      .getByText('Rescheduling carries no disadvantage. Agree a new time with Sam Candidate.')
      .waitFor();

    // The answer is on the server: a reload goes straight back to the reschedule form.
    await navigator.reload();
    const form = navigator.getByRole('form', { name: 'Reschedule' }).first();
    await form.waitFor();
    expect(await form.getByLabel('Reason').inputValue()).toBe('candidate_unwell');
    await screenshot(navigator, '20-check-in-not-well');
    await expectAccessible(navigator, 'interview (not well)');

    const date = new Date(Date.now() + 8 * 24 * 3600 * 1000);
    const pad = (n: number) => String(n).padStart(2, '0');
    await form
      .getByLabel('New start', { exact: true })
      .fill(`${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T14:30`);
    // The candidate's update is previewed first and sent exactly as shown.
    await form.getByRole('button', { name: 'Preview the new time' }).click();
    await form.getByText(/The candidate receives exactly this/).waitFor();
    await form.getByRole('button', { name: 'Reschedule and send this update' }).click();
    await navigator.getByText(/Rescheduled to .*nothing counts against the candidate/).waitFor();

    const rescheduled = navigator.locator('.timeline li[data-event-type="rescheduled"]');
    expect(await textOf(rescheduled)).toContain('candidate unwell (no disadvantage)');
    expect(await navigator.locator('.timeline li[data-event-type="wellness_recorded"]').count()).toBe(1);
    // Still invited, with no check-in recorded: the candidate starts afresh on the new day.
    expect(await textOf(navigator.locator('.stage-badge').first())).toBe('Invited');
    await screenshot(navigator, '21-rescheduled');

    const detail = await navigator.evaluate(async (id) => {
      const { interview } = await (await fetch(`/api/interviews/${id}`)).json();
      const wallClock = new Date(interview.startsAt).toLocaleTimeString('en-GB', {
        timeZone: 'Europe/Berlin',
        hour: '2-digit',
        minute: '2-digit',
      });
      return { stage: interview.stage, wellness: interview.wellness, wallClock };
    }, interviewId);
    expect(detail).toEqual({ stage: 'invited', wellness: null, wallClock: '14:30' });
  });
});
