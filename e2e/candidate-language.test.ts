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
  candidatePortalToken,
  finishRetrospective,
  outboxMessages,
  runSessionUntilRetrospective,
  sendInvitation,
} from '../packages/server/test/outreach-flows.ts';
import { cancelInterview, step as processStep } from '../packages/server/test/process-flows.ts';
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

/** A phone as narrow as they come: what fits here fits everywhere. */
const PHONE_WIDTH = 375;

describe('the candidate’s own language', () => {
  let pairwise: Pairwise;
  let browser: Browser;
  let world: World;

  async function signedIn(client: Client): Promise<Page> {
    const context = await newUserContext(browser, pairwise.url);
    const [name, value] = client.cookie!.split('=') as [string, string];
    await context.addCookies([{ name, value, url: pairwise.url }]);
    return context.newPage();
  }

  /** The candidate's phone; its browser says English, so only Pairwise can make the page German. */
  async function phone(): Promise<Page> {
    const context = await browser.newContext({
      baseURL: pairwise.url,
      viewport: { width: PHONE_WIDTH, height: 812 },
      isMobile: true,
      hasTouch: true,
      timezoneId: 'Europe/Berlin',
      locale: 'en-GB',
    });
    context.setDefaultTimeout(10_000);
    return context.newPage();
  }

  beforeAll(async () => {
    // The pseudo-locale is offered only because this server says so (PSEUDO_LOCALE=on).
    pairwise = await startPairwise({ pseudoLocale: true });
    browser = await journeyBrowser();
    world = await createWorld({ url: pairwise.url, setupUrl: pairwise.setupUrl } as unknown as TestServer);
  });

  afterAll(async () => {
    await endJourney(browser);
    await pairwise?.close();
  });

  const step = journey('a German candidate reads Pairwise in German and switches to French', 4 * 120_000);
  let interviewId = '';
  let portalPath = '';

  step('staff add the candidate in German and preview the German invitation', async () => {
    const staff = await signedIn(world.navigator);
    await staff.goto('/candidates');
    const form = staff.getByRole('form', { name: 'Add a candidate' });
    await form.getByLabel('Name').fill('Dora Deutsch');
    await form.getByLabel('Email').fill('dora@example.org');
    await form.getByLabel("Candidate's time zone").selectOption('Europe/Berlin');
    await form.getByLabel("Candidate's language").selectOption({ label: 'Deutsch' });
    await form.getByRole('button', { name: 'Add candidate' }).click();
    await staff.getByRole('cell', { name: 'Dora Deutsch' }).waitFor();
    await expect(staff.getByLabel('Language for Dora Deutsch').inputValue()).resolves.toBe('de');
    await expectAccessible(staff, 'candidates with their language');

    const list = await expectStatus(world.navigator.get('/api/candidates?q=dora'), 200);
    interviewId = await world.planInterview({ candidateId: list.candidates[0].id });
    await staff.goto(`/interviews/${interviewId}`);
    const panel = staff.getByRole('region', { name: 'Invite the candidate' });
    // The preview is the exact message that will go: in German.
    await panel.locator('pre', { hasText: 'Hallo Dora Deutsch,' }).waitFor();
    await expect(panel.locator('pre').textContent()).resolves.toContain('Pairing: genau eine Stunde');
    await panel.getByLabel(/Why send the invitation anyway/).fill('No rehearsal in this journey.');
    await panel.getByRole('button', { name: 'Send invitation to dora@example.org' }).click();
    await staff.getByRole('region', { name: 'Invitation' }).getByText('Sent to dora@example.org').waitFor();
  });

  step('the mail and the calendar entry are German', async () => {
    const [mail] = (await outboxMessages(world, interviewId)).filter((m) => m.kind === 'invitation');
    expect(mail!.subject).toBe(
      'Einladung: Pair-Programming-Interview am Dienstag, 5. März 2030, 14:00 Uhr (Europe/Berlin)',
    );
    expect(mail!.text).toContain('Dass mitgeschrieben wird, ist kein Zeichen dafür, dass etwas schiefläuft.');
    // Long .ics lines are folded; read them unfolded.
    const calendar = (mail!.calendar ?? '').replace(/\r?\n[ \t]/g, '');
    expect(calendar).toContain('SUMMARY:Pair-Programming-Interview: Backend Engineer');
    // (with the comma escaped, as RFC 5545 wants)
    expect(calendar).toContain('Es geht ums Zusammenarbeiten\\, nicht ums Fertigwerden.');
    portalPath = `/p/${await candidatePortalToken(world, interviewId)}`;
  });

  step('the portal is German, switches to French, and stays French on reload', async () => {
    const page = await phone();
    await page.goto(portalPath);
    await page.getByRole('heading', { name: 'Hallo Dora Deutsch' }).waitFor();
    await page.getByText('Dienstag, 5. März 2030, 14:00–15:35 (Europe/Berlin, UTC+01:00)').first().waitFor();
    await page.getByRole('button', { name: 'Termin bestätigen' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de-DE');
    await expectAccessible(page, 'portal in German');
    await screenshot(page, '70-portal-german-phone');

    await page.getByLabel('Sprache').selectOption({ label: 'Français' });
    await page.getByRole('heading', { name: 'Bonjour Dora Deutsch' }).waitFor();
    await page.getByRole('button', { name: 'Confirmer cet horaire' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Bonjour Dora Deutsch' }).waitFor();
    await expect(page.getByLabel('Langue').inputValue()).resolves.toBe('fr');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr-FR');
    await expectAccessible(page, 'portal in French');
    await screenshot(page, '71-portal-french-phone');
  });

  const pseudo = journey(
    'every candidate page in the pseudo-locale: no word outside the catalog, nothing cut off at 375 px',
    6 * 120_000,
  );
  let pseudoId = '';
  let token = '';
  let page: Page;
  // What the portal quotes rather than says: names, places, addresses, zones and offsets.
  const DATA = [
    'Casey Candidate',
    'Nora Navigator',
    'Sam Shadow',
    // The product's name, in the banner.
    'Pairwise',
    'Backend Engineer',
    'Room 3',
    'Larger font, please.',
    'Shopping list',
    'node --version',
    'node --test',
    'PAIRWISE_GIT_PASSWORD',
    /[\w.+-]+@[\w.-]+\w/g,
    /https?:\/\/\S+/g,
    /\b[A-Z][a-z]+\/[A-Za-z_]+\b/g,
    /UTC[+-]\d\d:\d\d/g,
  ];

  /** Fails on any visible word that skipped the catalog and on anything cut off or wider than the phone. */
  async function expectAllThroughTheCatalog(label: string) {
    await page.locator('.portal h1').waitFor();
    const found = await page.evaluate((width) => {
      const plainWords: string[] = [];
      const overflowing: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement!;
        // Code (clone commands, credentials) is quoted, not said; each language's own name is
        // marked with its `lang` and stays as its speakers write it.
        if (parent.closest('pre, code, option, script, style')) continue;
        if (parent.closest('[lang]')?.getAttribute('lang') !== document.documentElement.lang) continue;
        const style = getComputedStyle(parent);
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        // Visually hidden text is heard by screen readers, so it must be translated too.
        if (node.textContent?.trim()) plainWords.push(node.textContent.trim());
        // A word too long for the line runs out of its box without widening any element.
        const range = document.createRange();
        range.selectNodeContents(node);
        if (!parent.closest('.visually-hidden') && range.getBoundingClientRect().right > width + 1) {
          overflowing.push(node.textContent!.trim().slice(0, 60));
        }
      }
      const cut: string[] = [];
      for (const element of document.body.querySelectorAll<HTMLElement>('*')) {
        // Code scrolls on purpose; screen-reader-only text is clipped to nothing on purpose.
        if (element.closest('pre, .visually-hidden')) continue;
        const style = getComputedStyle(element);
        const clipped =
          (style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis') &&
          element.scrollWidth > element.clientWidth + 1;
        const rect = element.getBoundingClientRect();
        if (clipped || (rect.width > 0 && rect.right > width + 1)) {
          cut.push(
            `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent?.slice(0, 60)}`,
          );
        }
      }
      return {
        text: plainWords,
        cut: [...cut, ...overflowing],
        pageWidth: document.documentElement.scrollWidth,
      };
    }, PHONE_WIDTH);
    let rest = found.text.join('\n');
    for (const data of DATA)
      rest = typeof data === 'string' ? rest.split(data).join(' ') : rest.replace(data, ' ');
    // Not a vacuous pass: the page's words were read, and they are the pseudo-locale's.
    expect(found.text.length, label).toBeGreaterThan(10);
    expect(rest, label).toMatch(/[áéîöûñ]{1}.*·/s);
    const plain = rest.split('\n').filter((line) => /[A-Za-z]{2,}/.test(line));
    expect(plain, label).toEqual([]);
    expect(found.cut, label).toEqual([]);
    expect(found.pageWidth, label).toBeLessThanOrEqual(PHONE_WIDTH);
  }

  pseudo('before the interview: the invitation’s details, the answer and the adjustments', async () => {
    pseudoId = await world.planInterview({ startsAtLocal: '2030-04-02T14:00' });
    await sendInvitation(world.navigator, pseudoId);
    token = await candidatePortalToken(world, pseudoId);
    await expectStatus(world.anonymous.put(`/api/portal/${token}/locale`, { locale: 'en-XA' }), 200);
    page = await phone();
    await page.goto(`/p/${token}`);
    await expectAllThroughTheCatalog('upcoming');
    await screenshot(page, '72-portal-pseudo-upcoming-phone');

    // The forms a candidate opens, and what the page says once they have answered.
    await page.locator('.portal-status button.secondary').click();
    await page.locator('.portal-status form').waitFor();
    await expectAllThroughTheCatalog('asking for another time');
    await expectStatus(world.anonymous.post(`/api/portal/${token}/confirmation`), 200);
    await expectStatus(
      world.anonymous.post(`/api/portal/${token}/accommodations`, { text: 'Larger font, please.' }),
      200,
    );
    await expectStatus(world.anonymous.post(`/api/portal/${token}/data-requests`, { kind: 'copy' }), 200);
    await page.reload();
    await page.getByText('Larger font, please.').waitFor();
    await expectAllThroughTheCatalog('confirmed, with an adjustment and a data request');
    await page.locator('section[aria-labelledby="portal-privacy"] button.secondary').last().click();
    await page.locator('.portal-confirm').waitFor();
    await expectAllThroughTheCatalog('confirming erasure');
  });

  pseudo('during the session, with the repository open', async () => {
    await expectStatus(
      world.navigator.post(`/api/interviews/${pseudoId}/wellness`, { well: true, startEarly: true }),
      200,
    );
    await processStep(world.navigator, pseudoId, 'start_setup');
    await page.reload();
    await page.locator('.portal-commands').waitFor();
    await expectAllThroughTheCatalog('in session');
    await screenshot(page, '73-portal-pseudo-repository-phone');
  });

  pseudo('after the session: hearing back and the survey, before and after answering', async () => {
    const other = await world.planInterview({ startsAtLocal: '2030-04-03T14:00' });
    await sendInvitation(world.navigator, other);
    const afterToken = await candidatePortalToken(world, other);
    await expectStatus(world.anonymous.put(`/api/portal/${afterToken}/locale`, { locale: 'en-XA' }), 200);
    await runSessionUntilRetrospective(world, other);
    await page.goto(`/p/${afterToken}`);
    await page.locator('input[type="date"]').waitFor();
    await expectAllThroughTheCatalog('after, asking');
    await finishRetrospective(world, other, isoDateFromToday(10));
    await expectStatus(
      world.anonymous.post(`/api/portal/${afterToken}/survey`, {
        preparedScore: 4,
        surprise: '',
        comments: '',
      }),
      200,
    );
    await page.reload();
    await page.locator('.portal-done').first().waitFor();
    await expectAllThroughTheCatalog('after, answered');
  });

  pseudo('a cancelled interview', async () => {
    const cancelled = await world.planInterview({ startsAtLocal: '2030-04-04T14:00' });
    await sendInvitation(world.navigator, cancelled);
    const cancelledToken = await candidatePortalToken(world, cancelled);
    await expectStatus(world.anonymous.put(`/api/portal/${cancelledToken}/locale`, { locale: 'en-XA' }), 200);
    await cancelInterview(world.navigator, cancelled);
    await page.goto(`/p/${cancelledToken}`);
    await expectAllThroughTheCatalog('cancelled');
  });
});
