import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { startTestProvider, type TestProvider } from '../packages/server/test/support/oidc-test-provider.ts';
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

/** Signed out, opens `path`, and signs in through the company's provider as `login`. */
async function signInThroughProvider(page: Page, path: string, login: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByRole('link', { name: 'Sign in with your company account' }).click();
  await page.getByRole('heading', { name: 'Company sign-in' }).waitFor();
  await page.getByLabel('Account').fill(login);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** A real OpenID Provider in this process; people sign in through it in Chromium and get their mapped roles. */
describe('single sign-on', () => {
  let provider: TestProvider;
  let pairwise: Pairwise;
  let browser: Browser;
  let admin: Page;

  beforeAll(async () => {
    provider = await startTestProvider();
    pairwise = await startPairwise({
      singleSignOn: {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        groupsClaim: 'groups',
        scopes: 'openid email profile groups',
      },
    });
    await provider.registerRedirectUri(`${pairwise.url}/api/auth/oidc/callback`);
    browser = await journeyBrowser();
    admin = await (await newUserContext(browser, pairwise.url)).newPage();
    await setUpAdmin(admin, pairwise.setupUrl, { name: 'Ada Admin', email: 'ada@example.org' });
  });
  afterAll(async () => {
    await endJourney(browser);
    await pairwise?.close();
    await provider?.close();
  });

  const step = journey(
    'an admin maps groups to roles; people sign in through the provider with them',
    120_000,
  );

  step('the admin maps the provider groups to roles', async () => {
    await admin.getByRole('link', { name: 'Single sign-on' }).click();
    await admin.getByRole('heading', { name: 'Single sign-on', level: 1 }).waitFor();
    await admin.getByText(`People sign in through ${provider.issuer}`).waitFor();
    await admin.getByRole('button', { name: 'Add a group' }).click();
    await admin.getByLabel('Group 1', { exact: true }).fill('engineers');
    await admin.getByRole('button', { name: 'Add a group' }).click();
    await admin.getByLabel('Group 2', { exact: true }).fill('managers');
    await admin.getByLabel('Role for group 2').selectOption({ label: 'Line manager' });
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await expectAccessible(admin, 'single sign-on settings');
    await screenshot(admin, 'single-sign-on-settings');
  });

  step(
    'a first sign-in creates the account with the mapped role and returns to the page asked for',
    async () => {
      provider.accounts.set('ines', {
        email: 'ines@example.org',
        name: 'Ines Interviewer',
        groups: ['engineers'],
      });
      const page = await (await newUserContext(browser, pairwise.url)).newPage();
      await signInThroughProvider(page, '/tasks', 'ines');
      await page.waitForURL((url) => url.pathname === '/tasks');
      await page.getByRole('link', { name: 'Ines Interviewer' }).waitFor();
      // Interviewers plan interviews; the role came from the "engineers" group.
      await page.getByRole('link', { name: 'Plan interview' }).waitFor();
      expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
      await page.context().close();
    },
  );

  step('taken out of every mapped group, the next sign-in is refused in words', async () => {
    provider.accounts.set('ines', { email: 'ines@example.org', name: 'Ines Interviewer', groups: ['sales'] });
    const page = await (await newUserContext(browser, pairwise.url)).newPage();
    await signInThroughProvider(page, '/', 'ines');
    await page
      .getByRole('alert')
      .filter({ hasText: 'You are in no group that has access to Pairwise' })
      .waitFor();
    await expectAccessible(page, 'sign-in refused');
    await page.context().close();
  });

  step(
    'passwords are switched off after a confirmation; the sign-in page keeps one for the break-glass admin',
    async () => {
      await admin.getByLabel('People may also sign in with a password').uncheck();
      await admin.getByLabel(/Break-glass admin/).waitFor();
      await admin.getByRole('button', { name: 'Save' }).click();
      const dialog = admin.getByRole('dialog', { name: 'Switch passwords off?' });
      await dialog.getByText('Everyone except Ada Admin').waitFor();
      await dialog.getByRole('button', { name: 'Switch passwords off' }).click();
      await admin.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

      const page = await (await newUserContext(browser, pairwise.url)).newPage();
      await page.goto('/sign-in');
      await page.getByRole('link', { name: 'Sign in with your company account' }).waitFor();
      expect(await page.getByLabel('Password').isVisible()).toBe(false);
      await page.getByText('Break-glass admin sign-in').click();
      await page.getByLabel('Email').fill('ada@example.org');
      await page.getByLabel('Password').fill('correct horse battery staple');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('link', { name: 'Ada Admin' }).waitFor();
      await page.context().close();
    },
  );
});
