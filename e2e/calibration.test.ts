import { randomUUID } from 'node:crypto';
import { defaultFocusAttributes } from '@pairwise/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { openDatabase } from '../packages/server/src/platform/db/database.ts';
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
  textOf,
} from './harness.ts';

/**
 * Five finished interviews written straight into the database (running each through the
 * browser would take minutes and is covered elsewhere), with the collaboration ratings of
 * packages/server/test/calibration.test.ts: Nora leniency +0.80 there, alpha 0.075.
 */
async function seedInterviews(dataDir: string, adminEmail: string) {
  const handle = await openDatabase({ dataDir, databaseUrl: null });
  try {
    const { db } = handle;
    const admin = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', adminEmail)
      .executeTakeFirstOrThrow();
    const at = '2030-03-05T13:00:00.000Z';
    const person = async (name: string, email: string) => {
      const id = randomUUID();
      await db
        .insertInto('users')
        .values({ id, email, name, roles: '["interviewer"]', password_hash: null, active: 1, created_at: at })
        .execute();
      return id;
    };
    const nora = await person('Nora Navigator', 'nora@example.org');
    const sam = await person('Sam Shadow', 'sam@example.org');
    const positionId = randomUUID();
    await db
      .insertInto('positions')
      .values({
        id: positionId,
        title: 'Backend Engineer',
        level: 'Senior',
        line_manager_id: admin.id,
        created_at: at,
        focus_attributes: JSON.stringify(defaultFocusAttributes),
      })
      .execute();
    const taskId = randomUUID();
    await db
      .insertInto('tasks')
      .values({
        id: taskId,
        title: 'Shopping list',
        summary: 'Pluralise an inventory report.',
        navigator_guide: '',
        setup_commands: '[]',
        test_command: 'node --test',
        setup_budget_sec: 600,
        pairing_minutes: 60,
        tdd_rhythm: 0,
        levers: '[]',
        created_at: at,
        updated_at: at,
        owner_id: nora,
        commands_changed_by: null,
        commands_changed_at: null,
      })
      .execute();
    const scores: Array<[number, number]> = [
      [4, 3],
      [3, 3],
      [4, 2],
      [2, 2],
      [3, 2],
    ];
    for (const [index, [noraScore, samScore]] of scores.entries()) {
      const candidateId = randomUUID();
      await db
        .insertInto('candidates')
        .values({
          id: candidateId,
          name: `Candidate ${index + 1}`,
          email: `candidate${index + 1}@example.org`,
          time_zone: 'Europe/Berlin',
          pronouns: null,
          accommodations: null,
          created_at: at,
          legal_hold_reason: null,
          erased_at: null,
          created_by: nora,
        })
        .execute();
      const id = randomUUID();
      await db
        .insertInto('interviews')
        .values({
          id,
          candidate_id: candidateId,
          position_id: positionId,
          task_id: taskId,
          navigator_id: nora,
          starts_at: at,
          time_zone: 'Europe/Berlin',
          place: 'Room 3',
          stage: 'decided',
          pairing_minutes: 60,
          setup_budget_sec: 600,
          calendar_sequence: 0,
          checklist: '{}',
          difficulty_plan: '[]',
          wellness: null,
          setup_started_at: '2030-03-05T13:05:00.000Z',
          pairing_started_at: '2030-03-05T13:10:00.000Z',
          pairing_ended_at: '2030-03-05T14:05:00.000Z',
          break_started_at: null,
          retrospective_started_at: null,
          refinement_started_at: '2030-03-05T15:00:00.000Z',
          repository_deletion_confirmed_at: null,
          snapshot_id: null,
          day_durations: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await db.insertInto('interview_shadows').values({ interview_id: id, user_id: sam }).execute();
      for (const [author, score] of [
        [nora, noraScore],
        [sam, samScore],
      ] as const) {
        await db
          .insertInto('scorecards')
          .values({
            interview_id: id,
            author_id: author,
            ratings: JSON.stringify(
              defaultFocusAttributes.map((a) => ({
                attribute: a.id,
                score: a.id === 'collaboration' ? score : 3,
                evidenceNoteIds: [],
              })),
            ),
            impression: 'Worked in small, tested steps.',
            recommendation: 'yes',
            bias_checklist: '{}',
            submitted_at: '2030-03-05T15:20:00.000Z',
            updated_at: '2030-03-05T15:20:00.000Z',
            impression_drafted_at: null,
            focus_attributes: JSON.stringify(defaultFocusAttributes),
          })
          .execute();
      }
      await db
        .insertInto('decisions')
        .values({
          interview_id: id,
          outcome: index % 2 === 0 ? 'offer' : 'decline',
          note: '',
          decided_by: admin.id,
          decided_at: '2030-03-06T09:00:00.000Z',
          proceeded_without_panel_reason: null,
          missing_panel_members: null,
        })
        .execute();
    }
  } finally {
    await handle.close();
  }
}

describe('calibration page', () => {
  let pairwise: Pairwise;
  let browser: Browser;
  let admin: Page;

  beforeAll(async () => {
    pairwise = await startPairwise();
    browser = await journeyBrowser();
    admin = await (await newUserContext(browser, pairwise.url)).newPage();
    await setUpAdmin(admin, pairwise.setupUrl, { name: 'Ada Admin', email: 'ada@example.org' });
    await seedInterviews(pairwise.dataDir, 'ada@example.org');
  });
  afterAll(async () => {
    await endJourney(browser);
    await pairwise?.close();
  });

  const step = journey("reads interviewers' calibration for a period, on a laptop and a phone", 120_000);

  step('opens Calibration from the navigation: the last twelve months hold no interviews yet', async () => {
    await admin.goto('/');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calibration' }).click();
    await admin.getByRole('heading', { name: 'Calibration', level: 1 }).waitFor();
    await admin.getByText('No submitted scorecards in this period.').waitFor();
  });

  step('chooses the period by keyboard and reads the figures', async () => {
    const from = admin.getByLabel('From');
    await from.focus();
    await from.fill('2030-01-01');
    await admin.keyboard.press('Tab');
    await admin.getByLabel('To').fill('2030-12-31');
    const nora = admin.getByRole('row', { name: /Nora Navigator/ });
    await nora.waitFor();
    // Nora's leniency over the six attributes: four points above Sam on collaboration in 30 ratings.
    expect(await textOf(nora.getByRole('cell').nth(1))).toBe('+0.13');
    const agreement = admin.getByRole('row', { name: /Collaboration and communication/ });
    expect(await textOf(agreement.getByRole('cell').first())).toBe('0.075');
    expect(await admin.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(
      '/api/calibration.csv?from=2030-01-01&to=2030-12-31',
    );
    await admin.getByRole('img', { name: /Leniency per interviewer/ }).waitFor();
  });

  step("opens Nora's ratings per attribute with the keyboard", async () => {
    const summary = admin.getByText('Ratings per attribute: Nora Navigator');
    await summary.focus();
    await admin.keyboard.press('Enter');
    const region = admin.getByRole('region', { name: 'Nora Navigator: ratings per attribute' });
    const row = region.getByRole('row', { name: /Collaboration and communication/ });
    expect(await textOf(row.getByRole('cell').last())).toBe('+0.80');
    await expectAccessible(admin, 'the calibration page');
    await screenshot(admin, 'calibration-laptop');
  });

  step('fits a phone', async () => {
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.getByRole('heading', { name: 'Interviewers' }).waitFor();
    // chart.js resizes its canvases from a ResizeObserver, a frame after the viewport: a page
    // measured before that frame still has a laptop-wide chart (423 px over, once, at load 10).
    await expect
      .poll(() => admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
        timeout: 10_000,
      })
      .toBeLessThanOrEqual(0);
    await expectAccessible(admin, 'the calibration page on a phone');
    await screenshot(admin, 'calibration-phone');
  });
});
