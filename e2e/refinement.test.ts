import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { defaultFocusAttributes, type FocusAttribute } from '@pairwise/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { createWorld, expectStatus, type TestServer, type World } from '../packages/server/test/harness.ts';
import { runSessionUntilRetrospective } from '../packages/server/test/outreach-flows.ts';
import { step as processStep } from '../packages/server/test/process-flows.ts';
import { reflectAndRate, signIn } from './flows.ts';
import {
  endJourney,
  expectAccessible,
  journey,
  journeyBrowser,
  newUserContext,
  type Pairwise,
  screenshot,
  startPairwise,
  textOf,
} from './harness.ts';

// The position rates one attribute of its own beside the defaults (its editor: e2e/positions).
const domainModelling: FocusAttribute = {
  id: 'domain-modelling',
  label: 'Domain modelling',
  anchors: [
    'Names followed the code, not the domain',
    'Used domain names when prompted',
    'Modelled the domain in types and names',
    'Taught us something about the domain',
  ],
};
const focusAttributes = [...defaultFocusAttributes, domainModelling];

/**
 * The half hour after the retrospective, in the browser: the navigator refines notes, resolves
 * each flagged phrase (one rewritten, one kept with a reason), rates with evidence and submits;
 * the line manager reads the bias-checked report, prints it, exports it and decides. The session
 * before refinement is driven through the API: other journeys cover it in the browser.
 */
describe('refinement and report in the browser', () => {
  let pairwise: Pairwise;
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let navigator: Page;
  let manager: Page;
  let world: World;
  let interviewId = '';

  beforeAll(async () => {
    pairwise = await startPairwise();
    world = await createWorld(pairwise as unknown as TestServer);
    browser = await journeyBrowser();
    contexts = [await newUserContext(browser, pairwise.url), await newUserContext(browser, pairwise.url)];
    navigator = await contexts[0]!.newPage();
    manager = await contexts[1]!.newPage();

    interviewId = await world.planInterview();
    const url = `/api/interviews/${interviewId}`;
    const nav = world.navigator;
    await processStep(nav, interviewId, 'invite');
    await runSessionUntilRetrospective(world, interviewId);
    const notes = [
      ['Wrote the failing test first, then the simplest code; a real culture fit.', 600_000],
      ['Reminds me of myself when I started with TypeScript.', 1_500_000],
      ['Renamed calc to parse after my hint', 2_400_000],
    ] as const;
    for (const [text, offsetMs] of notes) {
      await expectStatus(nav.put(`${url}/notes/${randomUUID()}`, { text, tags: [], offsetMs }), 200);
    }
    await expectStatus(
      nav.put(`${url}/retrospective`, {
        sharedNoteIds: [],
        answers: { solution: 'Likes the small steps', learned: 'node --test', change: 'Extract a parser' },
        deadline: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
        nextSteps: 'Lena will write within a week.',
      }),
      200,
    );
    await expectStatus(nav.post(`${url}/transitions`, { action: 'start_refinement' }), 200);
    await expectStatus(world.admin.patch(`/api/positions/${world.ids.position}`, { focusAttributes }), 200);
  });

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    const step = context.task.name.slice(0, 40).replace(/\W+/g, '-');
    await screenshot(navigator, `failed-${step}-navigator`).catch(() => {});
    await screenshot(manager, `failed-${step}-manager`).catch(() => {});
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await endJourney(browser);
    await pairwise?.close();
  });

  const step = journey('takes one interview from refinement to the decision', 3 * 120_000);

  step('refines notes, resolves each flagged phrase, rates with evidence and submits', async () => {
    await signIn(navigator, 'nora@example.com', `/interviews/${interviewId}`);
    await navigator.getByRole('heading', { name: 'Refinement', exact: true }).waitFor();
    const check = navigator.getByRole('region', { name: 'Bias check of your wording and ratings' });
    await check.getByText('2 flagged phrases to resolve.').waitFor();
    // Each phrase is marked in place, with the bias it may reflect and a suggested rewrite.
    await check.locator('mark', { hasText: 'culture fit' }).waitFor();
    await check.locator('mark', { hasText: 'Reminds me of myself' }).waitFor();
    await check
      .getByText(/Try instead:/)
      .first()
      .waitFor();
    await screenshot(navigator, 'refinement-01-flagged');

    // Refining a plain note keeps the original as a revision.
    const plain = navigator.getByRole('listitem').filter({ hasText: 'Renamed calc to parse' });
    await plain.getByRole('button', { name: /^Edit note/ }).click();
    await plain.getByLabel('Note text').fill('Renamed calc to parse within a minute of my hint');
    await plain.getByRole('button', { name: 'Save note' }).click();
    await navigator
      .getByRole('listitem')
      .filter({ hasText: 'within a minute' })
      .getByText('Edited: see the original')
      .waitFor();

    // Rewriting: the phrase is gone from the note, so the server records it as rewritten.
    const fit = check.getByRole('article', { name: /^Flagged note: Wrote the failing test/ });
    await fit.getByRole('button', { name: 'Rewrite note' }).click();
    await fit
      .getByLabel('Rewritten note')
      .fill('Wrote the failing test first, then the simplest code; asked me which name I preferred.');
    await fit.getByRole('button', { name: 'Save rewrite' }).click();
    await check.getByText('1 flagged phrase to resolve.').waitFor();

    // Keeping: with a reason the line manager will read.
    const similar = check.getByRole('article', { name: /^Flagged note: Reminds me of myself/ });
    await similar.getByRole('button', { name: 'Keep with a reason' }).click();
    await similar
      .getByLabel('Why keep “Reminds me of myself”?')
      .fill('A reminder to myself to check for similarity bias; not used as evidence.');
    await similar.getByRole('button', { name: 'Keep phrase' }).click();
    await check.getByText('No open phrases.').waitFor();
    await similar.getByText(/^Kept: A reminder to myself/).waitFor();

    await reflectAndRate(navigator, focusAttributes, (index) => (index % 2) + 2);
    await navigator
      .getByLabel('Impression', { exact: true })
      .fill('Test-first throughout, asked for my view on names, took the hint on parsing quickly.');
    await navigator.getByRole('radio', { name: 'Yes', exact: true }).check();
    await screenshot(navigator, 'refinement-02-resolved');
    await expectAccessible(navigator, 'interview (refinement with bias check)');

    await navigator.getByRole('button', { name: 'Submit impression' }).click();
    await navigator.getByRole('dialog').getByRole('button', { name: 'Yes, end it now' }).click();
    await navigator.getByRole('heading', { name: 'Impression submitted' }).waitFor();
  });

  step("lets an admin add the organisation's own bias terms", async () => {
    const context = await newUserContext(browser, pairwise.url);
    contexts.push(context);
    const admin = await context.newPage();
    await signIn(admin, 'admin@example.com', '/bias-terms');
    await admin.getByRole('heading', { name: 'Organisation bias terms' }).waitFor();
    await admin.getByLabel('Phrase').fill('guild material');
    await admin.getByLabel('May reflect').selectOption('affinity');
    await admin.getByLabel('Why it may be biased (one line)').fill('In-group slang for "one of us".');
    await admin.getByLabel('Suggested evidence-based rewrite').fill('Name what they did with the team.');
    await admin.getByRole('button', { name: 'Add term' }).click();
    await admin.getByRole('row').filter({ hasText: '“guild material”' }).waitFor();
    await screenshot(admin, 'refinement-00-bias-terms');
    await expectAccessible(admin, 'bias terms (admin)');
  });

  step('lets the line manager read the bias-checked report, print it, export it and decide', async () => {
    await signIn(manager, 'lena@example.com', `/interviews/${interviewId}/report`);
    await manager.getByRole('heading', { name: 'Report: Casey Candidate' }).waitFor();
    const summary = manager.getByRole('region', { name: 'Bias check' });
    const fit = summary.getByRole('row').filter({ hasText: '“culture fit”' });
    await fit.getByText('Rewritten').waitFor();
    // Rewritten away, the phrase still says which bias it may have reflected.
    expect(await textOf(fit)).toContain('Affinity / similarity');
    const kept = summary.getByRole('row').filter({ hasText: '“Reminds me of myself”' });
    expect(await textOf(kept)).toContain('Kept: A reminder to myself');
    const modelling = manager.getByRole('row').filter({ hasText: 'Domain modelling' });
    expect(await textOf(modelling)).toContain('Used domain names when prompted');
    await screenshot(manager, 'refinement-03-report');
    await expectAccessible(manager, 'report with bias check');

    await manager.emulateMedia({ media: 'print' });
    await screenshot(manager, 'refinement-04-report-print');
    const pdf = await manager.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await manager.emulateMedia({ media: 'screen' });

    const [download] = await Promise.all([
      manager.waitForEvent('download'),
      manager.getByRole('link', { name: 'Export as Markdown' }).click(),
    ]);
    const markdown = fs.readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toBe('report-casey-candidate.md');
    expect(markdown).toContain('# Casey Candidate — Backend Engineer');
    expect(markdown).toContain('"culture fit" (Affinity / similarity) — rewritten');
    expect(markdown).toContain('Test-first throughout');
    expect(markdown).toContain('| Domain modelling | 2/4 — Used domain names when prompted |');

    await manager.getByRole('radio', { name: 'Invite to a next round' }).check();
    await manager.getByLabel('Note (optional)').fill('Meet the team.');
    // The shadow has not submitted: deciding now needs a reason, which the report then shows.
    await manager.getByLabel('Why decide without Sam Shadow?').fill('Sam is away until after the deadline.');
    await manager.getByRole('button', { name: 'Record decision' }).click();
    await manager.getByText(/Decision: Invite to a next round/).waitFor();
  });
});
