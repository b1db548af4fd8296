import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Config, loadConfig, startServer } from '@pairwise/server';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { inject, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
export const webDistDir = path.join(root, 'packages/web/dist');
const screenshotDir = path.join(root, 'test-output/screenshots');
const axeSource = path.join(root, 'node_modules/axe-core/axe.min.js');

export interface Pairwise {
  url: string;
  setupUrl: string;
  /** The server's data folder; DATA_DIR/imports is where interviewers may import tasks from. */
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The real server, in this process, on a free port, with a data folder of its own; `settings`
 * stand for environment variables (e.g. single sign-on's provider).
 */
export async function startPairwise(settings: Partial<Config> = {}): Promise<Pairwise> {
  if (!fs.existsSync(path.join(webDistDir, 'index.html'))) {
    throw new Error(`No web build in ${webDistDir}: run "npm run build" (npm run test:e2e does) first.`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-e2e-'));
  // A copy of the run's migrated database (packages/server/test/support/template-database.ts).
  fs.copyFileSync(inject('pairwiseSqliteTemplate'), path.join(dataDir, 'pairwise.sqlite'));
  const server = await startServer({
    ...loadConfig({}),
    logLevel: 'silent',
    // Mail and reminders are sent by the job worker; a short poll lets a step see them sooner.
    jobPollMs: 100,
    ...settings,
    dataDir,
    port: 0,
    host: '127.0.0.1',
    webDistDir,
  });
  if (!server.setupUrl)
    throw new Error('A fresh data folder should need setup, but no setup link was issued.');
  return {
    url: server.url,
    setupUrl: server.setupUrl,
    dataDir,
    close: async () => {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/*
 * One Chromium per e2e worker, shared by the journeys the worker runs one after another (the
 * tier does not isolate files, vitest.config.ts, so this module and its browser outlive a file).
 * Starting Chromium costs ~1.5 s of CPU and more of wall time, every journey over. Journeys share
 * nothing through it: each opens browser contexts of its own (own cookies, storage and cache) and
 * closes them all at its end (endJourney). Playwright stops the browser when the worker exits.
 */
let sharedChromium: Promise<Browser> | undefined;

/** The worker's Chromium, started by the first journey that asks (again if it has gone). */
export async function journeyBrowser(): Promise<Browser> {
  const running = await sharedChromium?.catch(() => undefined);
  if (running?.isConnected()) return running;
  sharedChromium = launchChromium();
  return sharedChromium;
}

/** Closes every context the journey opened, and with them its pages; the browser stays. */
export async function endJourney(browser: Browser | undefined): Promise<void> {
  await Promise.all((browser?.contexts() ?? []).map((context) => context.close()));
}

/** Debian's Chromium, launched as FIELD-NOTES says: without the flags it keeps calling home. */
function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Chromium 15x builds the address bar's dropdown as two WebUI pages for every window, each
      // in a renderer of its own, though a headless test never shows an address bar: about 1.5 s
      // of CPU per browser context, ~13 % of a journey's (decision 055).
      '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
    ],
  });
}

/** A fresh browser profile (its own cookies) on a 1366×768 laptop screen. */
export async function newUserContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1366, height: 768 },
    timezoneId: 'Europe/Berlin',
    locale: 'en-GB',
  });
  context.setDefaultTimeout(10_000);
  // E2E_DEBUG=1 prints what the server refused and what the page logged: the quickest way to see why a step waits.
  if (process.env.E2E_DEBUG) {
    context.on('response', async (response) => {
      if (response.status() < 400) return;
      const body = await response.text().catch(() => '');
      console.log(
        '[http]',
        response.request().method(),
        response.url(),
        response.status(),
        body.slice(0, 300),
      );
    });
    context.on('console', (message) => console.log('[browser]', message.type(), message.text()));
  }
  return context;
}

/** Links the server prints name its public URL; the test reaches it at the address it listens on. */
export function onServer(link: string, baseURL: string): string {
  const parsed = new URL(link);
  return new URL(`${parsed.pathname}${parsed.search}`, baseURL).toString();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core on the page as it is now; serious and critical violations fail the test. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  // Evaluated through the DevTools protocol rather than a <script> tag, which the app's
  // Content-Security-Policy (script-src 'self') rightly blocks; the CSP stays on for the test.
  if (!hasAxe) await page.evaluate(fs.readFileSync(axeSource, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: Document, options: { resultTypes: string[] }) => Promise<{ violations: unknown[] }>;
        };
      }
    ).axe;
    // Violations in full; passes and the rest summarised, which is most of axe's work on a big page.
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations as AxeViolation[];
  });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (blocking.length > 0) {
    const summary = blocking
      .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
      .join('\n');
    throw new Error(`Accessibility violations on ${label}:\n${summary}`);
  }
}

/** The element's text, waiting for it to appear. */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

/** "59:58" or "1:00:00" → milliseconds; overrun values ("+00:12") come back negative. */
export function parseClock(text: string): number {
  const trimmed = text.trim();
  const sign = trimmed.startsWith('+') ? -1 : 1;
  const parts = trimmed.replace(/^[+-]/, '').split(':').map(Number);
  const seconds = parts.reduce((total, part) => total * 60 + part, 0);
  return sign * seconds * 1000;
}

/** A date `days` from today, as the yyyy-mm-dd a date input takes. */
export function isoDateFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/**
 * A user journey: steps that build on each other (the interview the first step plans is the one
 * the next step runs), registered as ONE test so a step can never run without the steps before
 * it, alone or on a retry, on state they did not create. A failure names its step.
 */
export function journey(name: string, timeoutMs: number) {
  const steps: Array<{ name: string; run: () => Promise<void> }> = [];
  it(
    name,
    async () => {
      for (const step of steps) {
        try {
          await step.run();
        } catch (error) {
          if (error instanceof Error) error.message = `step "${step.name}": ${error.message}`;
          throw error;
        }
      }
    },
    timeoutMs,
  );
  return (stepName: string, run: () => Promise<void>) => {
    steps.push({ name: stepName, run });
  };
}
