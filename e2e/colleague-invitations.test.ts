import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { acceptInvitation, inviteUser, setUpAdmin } from './flows.ts';
import {
  endJourney,
  expectAccessible,
  journey,
  journeyBrowser,
  newUserContext,
  type Pairwise,
  startPairwise,
} from './harness.ts';

/** Without SMTP the admin passes links on; people who have not accepted show as invited. */
describe('colleague invitations', () => {
  let pairwise: Pairwise;
  let browser: Browser;
  let admin: Page;

  beforeAll(async () => {
    pairwise = await startPairwise();
    browser = await journeyBrowser();
    admin = await (await newUserContext(browser, pairwise.url)).newPage();
    await setUpAdmin(admin, pairwise.setupUrl, { name: 'Ada Admin', email: 'ada@example.org' });
  });
  afterAll(async () => {
    await endJourney(browser);
    await pairwise?.close();
  });

  const step = journey('an admin previews, invites, sends again, and sees the colleague accept', 120_000);
  let firstLink = '';

  step('the form previews the text; the invited colleague is listed as invited', async () => {
    const form = admin.getByRole('form', { name: 'Invite a user' });
    await form.getByLabel('Name').fill('Pia Panel');
    await form.getByText('The text to send them with the link').click();
    await form.getByText('Ada Admin invited you to Pairwise, where your team plans').waitFor();
    await form.getByText(/Hello Pia Panel,/).waitFor();
    firstLink = await inviteUser(admin, { name: 'Pia Panel', email: 'pia@example.org', role: 'Interviewer' });
    const row = admin.getByRole('row', { name: /Pia Panel/ });
    await row.getByText(/Invited \(link works until/).waitFor();
    await expectAccessible(admin, 'users with an invited colleague');
  });

  step('Copy link shows the same link again; Send again makes a new one', async () => {
    await admin.getByRole('button', { name: 'Copy link for Pia Panel' }).click();
    await admin.getByRole('heading', { name: 'Send this link to Pia Panel' }).waitFor();
    expect(await admin.getByLabel('Invitation link for Pia Panel').inputValue()).toBe(firstLink);
    await admin.getByRole('button', { name: 'Send again to Pia Panel' }).click();
    await admin.waitForFunction(
      (old) => (document.getElementById('invitation-url') as HTMLInputElement | null)?.value !== old,
      firstLink,
    );
    const secondLink = await admin.getByLabel('Invitation link for Pia Panel').inputValue();
    expect(secondLink).not.toBe(firstLink);

    const pia = await (await newUserContext(browser, pairwise.url)).newPage();
    await acceptInvitation(pia, secondLink, pairwise.url);
    await admin.reload();
    await admin
      .getByRole('row', { name: /Pia Panel/ })
      .getByRole('cell', { name: 'Active', exact: true })
      .waitFor();
    expect(await admin.getByRole('button', { name: 'Send again to Pia Panel' }).count()).toBe(0);
  });
});
