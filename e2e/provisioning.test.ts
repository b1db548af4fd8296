import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { setUpAdmin } from './flows.ts';
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

/** An admin connects an identity provider over SCIM: a token shown once, used, then revoked. */
describe('provisioning', () => {
  let pairwise: Pairwise;
  let browser: Browser;
  let admin: Page;
  let token = '';

  const scimUsers = (bearer: string) =>
    fetch(`${pairwise.url}/scim/v2/Users`, { headers: { authorization: `Bearer ${bearer}` } });

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

  const step = journey('an admin creates a SCIM token for the identity provider and revokes it', 120_000);

  step('the admin creates a token and sees it once, with the base URL to paste', async () => {
    await admin.getByRole('link', { name: 'Provisioning' }).click();
    await admin.getByRole('heading', { name: 'Provisioning', level: 1 }).waitFor();
    expect(await admin.getByLabel('SCIM base URL').inputValue()).toBe(`${pairwise.url}/scim/v2`);
    await admin.getByLabel('Label').fill('Okta');
    await admin.getByRole('button', { name: 'Create token' }).click();
    token = await admin.getByLabel('SCIM token Okta').inputValue();
    expect(token).toMatch(/^pws_[A-Za-z0-9_-]{43}$/);
    await admin.getByRole('cell', { name: 'Okta', exact: true }).waitFor();
    expect((await scimUsers(token)).status).toBe(200);
    await expectAccessible(admin, 'provisioning');
    await screenshot(admin, 'provisioning-token-created');
  });

  step('revoking asks first, and the provider is refused from its next request', async () => {
    await admin.getByRole('button', { name: 'Revoke Okta' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Revoke Okta?' });
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await admin.getByText('No token works now').waitFor();
    expect(await admin.getByLabel('SCIM token Okta').count()).toBe(0);
    expect((await scimUsers(token)).status).toBe(401);
    await expectAccessible(admin, 'provisioning after revoking');
  });
});
