import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  type Client,
  createWorld,
  expectStatus,
  type TestServer,
  type World,
} from '../packages/server/test/harness.ts';
import { outboxMessages, sendInvitation } from '../packages/server/test/outreach-flows.ts';
import { step as processStep } from '../packages/server/test/process-flows.ts';
import {
  endJourney,
  expectAccessible,
  journey,
  journeyBrowser,
  newUserContext,
  type Pairwise,
  parseClock,
  screenshot,
  startPairwise,
  textOf,
} from './harness.ts';

/** Minutes between the two times of an agenda line such as "11:15–11:30  A short break". */
function breakLength(text: string): number {
  const match = /(\d\d):(\d\d)–(\d\d):(\d\d) {2}A short break/.exec(text);
  if (!match) throw new Error(`No break in:\n${text}`);
  const [, h1, m1, h2, m2] = match.map(Number) as number[];
  return h2! * 60 + m2! - (h1! * 60 + m1!);
}

/**
 * An admin changes the day and the company's words on the Settings page: a newly planned
 * interview's agenda, mail and timer on the day follow the 15-minute break, and a German
 * welcome with an unknown variable is refused by name before a valid one is previewed and saved.
 */
describe('organisation settings', () => {
  let pairwise: Pairwise;
  let browser: Browser;
  let world: World;
  let admin: Page;
  let interviewId = '';

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
    admin = await signedIn(world.admin);
  });
  afterAll(async () => {
    await endJourney(browser);
    await pairwise?.close();
  });

  const step = journey('a 15-minute break and a German welcome in the company’s words', 3 * 60_000);

  step('the admin sets the break to 15 minutes on the Settings page', async () => {
    await admin.goto('/');
    await admin.getByRole('link', { name: 'Settings' }).click();
    const form = admin.getByRole('form', { name: 'Organisation settings' });
    const breakField = form.getByLabel('Break after pairing (minutes)');
    await expect.poll(() => breakField.inputValue()).toBe('10');
    await form.getByText('never changes what a candidate has already been told', { exact: false }).waitFor();
    // Out of bounds first: the field is named, nothing is stored.
    await breakField.fill('2');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form
      .locator('.field-error')
      .getByText('Must be a whole number of minutes between 5 and 60.')
      .waitFor();
    await form.getByText('These settings are not valid: break after pairing.').waitFor();
    await breakField.fill('15');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByRole('status').getByText('Settings saved.').waitFor();
    await expectAccessible(admin, 'settings page');
    await screenshot(admin, 'settings-page');
    const { settings } = await expectStatus(world.admin.get('/api/settings'), 200);
    expect(settings.durations.breakMinutes).toBe(15);
  });

  step('a newly planned interview’s agenda, mail and timer all say 15', async () => {
    interviewId = await world.planInterview({ startsAtLocal: '2030-03-05T14:00' });
    const navigator = await signedIn(world.navigator);
    await navigator.goto(`/interviews/${interviewId}`);
    // The invitation the navigator previews carries the agenda with the 15-minute break.
    const { invitation } = await expectStatus(
      world.navigator.get(`/api/interviews/${interviewId}/invitation`),
      200,
    );
    expect(breakLength(invitation.preview.text)).toBe(15);
    await sendInvitation(world.navigator, interviewId);
    const mail = (await outboxMessages(world, interviewId)).find((m) => m.kind === 'invitation')!;
    expect(breakLength(mail.text)).toBe(15);

    await expectStatus(
      world.navigator.post(`/api/interviews/${interviewId}/wellness`, { well: true, startEarly: true }),
      200,
    );
    await navigator.reload();
    // The agenda said out loud on the day.
    await navigator.getByText('we take a 15-minute break', { exact: false }).waitFor();
    for (const action of ['start_setup', 'start_pairing', 'end_pairing']) {
      await processStep(world.navigator, interviewId, action);
    }
    await expectStatus(
      world.navigator.post(`/api/interviews/${interviewId}/repository-deletion`, { confirmed: true }),
      200,
    );
    await processStep(world.navigator, interviewId, 'start_break');
    await navigator.reload();
    const breakRegion = navigator.getByRole('region', { name: 'Break' });
    await breakRegion.getByText('A 15-minute pause for everyone.', { exact: false }).waitFor();
    const countdown = breakRegion.getByRole('timer');
    const left = parseClock(await textOf(countdown));
    expect(left).toBeLessThanOrEqual(15 * 60_000);
    expect(left).toBeGreaterThan(14 * 60_000);
    await expectAccessible(navigator, 'break with its timer');
  });

  step('a German welcome with an unknown variable is refused by name, a valid one previewed', async () => {
    await admin.goto('/settings');
    const scope = admin.getByLabel('Language', { exact: true });
    await scope.selectOption('de');
    await admin.getByLabel('Message part').selectOption('welcome');
    const editor = admin.getByRole('form', { name: 'Edit message text' });
    const text = editor.getByLabel('Welcome (the invitation’s opening) — German (Deutsch)');
    await text.fill('Hallo {candidateName}, willkommen bei {firma}!');
    // The live preview already names it; saving is refused with the same name on the field.
    await editor.getByRole('alert').getByText('{firma}', { exact: false }).waitFor();
    await editor.getByRole('button', { name: 'Save text' }).click();
    await editor.getByText('Unknown variable {firma}.', { exact: true }).waitFor();

    await text.fill('Hallo {candidateName}, wir freuen uns auf das Pairing am {interviewDate}.');
    await expect
      .poll(async () => (await editor.getByTestId('template-preview').textContent()) ?? '')
      .toBe(
        'Hallo Alex Example, wir freuen uns auf das Pairing am Tuesday, 16 March 2027, 10:00 (Europe/Berlin).',
      );
    await editor.getByRole('button', { name: 'Save text' }).click();
    await editor.getByText('Text saved.').waitFor();
    await admin.getByText('In use now:', { exact: false }).getByText('the organisation’s text').waitFor();
    await expectAccessible(admin, 'template editor');
    await screenshot(admin, 'settings-templates');

    // Reset asks first; cancelling keeps the text.
    await editor.getByRole('button', { name: 'Reset to Pairwise’s wording' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Go back' }).click();
    const { templates } = await expectStatus(world.admin.get('/api/settings/templates'), 200);
    const german = templates.find(
      (t: { locale: string; part: string }) => t.locale === 'de' && t.part === 'welcome',
    );
    expect(german.source).toBe('organisation');

    // A position's own words start from its row on the positions page.
    await admin.goto('/positions');
    await admin.getByRole('link', { name: 'Messages to candidates for Backend Engineer' }).click();
    await expect.poll(() => admin.getByLabel('For', { exact: true }).inputValue()).toBe(world.ids.position);
    await admin.getByText('In use now:', { exact: false }).getByText('Pairwise’s wording').waitFor();
  });
});
