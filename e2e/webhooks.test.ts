import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../packages/server/test/support/webhook-receiver.ts';
import { setUpAdmin } from './flows.ts';
import {
  endJourney,
  expectAccessible,
  journeyBrowser,
  newUserContext,
  type Pairwise,
  screenshot,
  startPairwise,
} from './harness.ts';

/** The admin's pages for integrations: webhook endpoints and service tokens, secrets shown once, removal confirmed. */
describe('webhooks and service tokens pages', () => {
  let pairwise: Pairwise;
  let browser: Browser;
  let admin: Page;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    receiver = await startWebhookReceiver({ now: () => Date.now() });
    // The receiver is on loopback, which only an operator's allow-list opens.
    pairwise = await startPairwise({ webhookAllowHosts: ['127.0.0.1'] });
    browser = await journeyBrowser();
    admin = await (await newUserContext(browser, pairwise.url)).newPage();
    await setUpAdmin(admin, pairwise.setupUrl, { name: 'Ada Admin', email: 'ada@example.org' });
  });
  afterAll(async () => {
    await endJourney(browser);
    await pairwise?.close();
    await receiver?.close();
  });

  it('adds an endpoint with its events, shows the secret once, and deletes only after confirming', async () => {
    await admin.getByRole('link', { name: 'Webhooks' }).click();
    const form = admin.getByRole('form', { name: 'Add an endpoint' });
    await form.getByLabel('URL').fill(receiver.url);
    await form.getByLabel('Description').fill('Greenhouse');
    await form.getByLabel('Candidate erased').check();
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = admin.getByLabel('Signing secret');
    await expect.poll(() => secret.inputValue()).toMatch(/^whsec_/);
    await admin.getByRole('button', { name: `Show deliveries of ${receiver.url}` }).click();
    await admin.getByText('Nothing delivered yet.').waitFor();
    await expectAccessible(admin, 'webhooks page');
    await screenshot(admin, 'webhooks-page');

    await admin.reload();
    await admin.getByRole('heading', { name: receiver.url }).waitFor();
    expect(await admin.getByLabel('Signing secret').count()).toBe(0);

    await admin.getByRole('button', { name: `Delete ${receiver.url}` }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Go back' }).click();
    await admin.getByRole('heading', { name: receiver.url }).waitFor();
    await admin.getByRole('button', { name: `Delete ${receiver.url}` }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click();
    await admin.getByText('No endpoints yet.').waitFor();
  });

  it('creates a service token shown once and revokes it only after confirming', async () => {
    await admin.getByRole('link', { name: 'Service tokens' }).click();
    const form = admin.getByRole('form', { name: 'Create a service token' });
    await form.getByLabel('Name').fill('Greenhouse');
    await form.getByRole('button', { name: 'Create service token' }).click();
    await expect.poll(() => admin.getByLabel('Token Greenhouse').inputValue()).toMatch(/^pws_/);
    await admin.getByRole('cell', { name: 'candidates:manage, interviews:plan' }).waitFor();
    await expectAccessible(admin, 'service tokens page');
    await admin.getByRole('button', { name: 'Revoke Greenhouse' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    await admin.getByText('No service tokens yet.').waitFor();
  });
});
