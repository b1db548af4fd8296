import { defaultFocusAttributes } from '@pairwise/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import {
  acceptInvitation,
  createCandidate,
  createPosition,
  createTask,
  inviteUser,
  planInterview,
  reflectAndRate,
  setUpAdmin,
  signIn,
  tomorrowAtTen,
} from './flows.ts';
import {
  endJourney,
  expectAccessible,
  isoDateFromToday,
  journey,
  journeyBrowser,
  newUserContext,
  type Pairwise,
  parseClock,
  screenshot,
  startPairwise,
  textOf,
} from './harness.ts';

/**
 * One interview carried through its whole lifecycle in the browser, by an admin, a navigator
 * and a line manager, each in their own browser profile. The steps depend on each other, so
 * they run in order within one test per role hand-over.
 */
describe('interview lifecycle in the browser', () => {
  let pairwise: Pairwise;
  let browser: Browser;
  let adminContext: BrowserContext;
  let navigatorContext: BrowserContext;
  let managerContext: BrowserContext;
  let admin: Page;
  let navigator: Page;
  let manager: Page;
  let interviewId = '';
  const links = { navigator: '', manager: '' };

  beforeAll(async () => {
    pairwise = await startPairwise();
    browser = await journeyBrowser();
    adminContext = await newUserContext(browser, pairwise.url);
    navigatorContext = await newUserContext(browser, pairwise.url);
    managerContext = await newUserContext(browser, pairwise.url);
    admin = await adminContext.newPage();
    navigator = await navigatorContext.newPage();
    manager = await managerContext.newPage();
  });

  // A failed step leaves a picture of every role's screen, which says more than a timeout.
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    const step = context.task.name.slice(0, 40).replace(/\W+/g, '-');
    for (const [role, page] of Object.entries({ admin, navigator, manager })) {
      await screenshot(page, `failed-${step}-${role}`).catch(() => {});
    }
  });

  afterAll(async () => {
    await endJourney(browser);
    await pairwise?.close();
  });

  const step = journey("from setting up Pairwise to the line manager's decision", 8 * 120_000);

  step('lets the admin set up Pairwise, invite the panel and create a position', async () => {
    await admin.goto(pairwise.setupUrl);
    await admin.getByRole('heading', { name: 'Create the first admin account' }).waitFor();
    await expectAccessible(admin, 'setup');
    await screenshot(admin, '01-setup');
    await setUpAdmin(admin, pairwise.setupUrl, { name: 'Ada Admin', email: 'ada@example.org' });

    links.navigator = await inviteUser(admin, {
      name: 'Nina Navigator',
      email: 'nina@example.org',
      role: 'Interviewer',
    });
    links.manager = await inviteUser(admin, {
      name: 'Lars Manager',
      email: 'lars@example.org',
      role: 'Line manager',
    });
    expect(links.navigator).toContain('/accept-invitation?token=');
    await expectAccessible(admin, 'users');
    await screenshot(admin, '02-users');

    await createPosition(admin, { title: 'Backend Engineer', level: 'Senior', lineManager: 'Lars Manager' });
    await expectAccessible(admin, 'positions');
  });

  step('lets the navigator join, add a candidate and a task, and plan the interview', async () => {
    await acceptInvitation(navigator, links.navigator, pairwise.url);
    await expectAccessible(navigator, 'home (empty)');

    await createCandidate(navigator, {
      name: 'Chris Candidate',
      email: 'chris@example.org',
      timeZone: 'Asia/Tokyo',
    });
    await expectAccessible(navigator, 'candidates');
    await createTask(navigator, {
      title: 'String calculator',
      levers: [
        { direction: 'easier', description: 'Give the failing test for the empty string' },
        { direction: 'harder', description: 'Add custom delimiters' },
      ],
    });
    await navigator.getByRole('link', { name: 'String calculator' }).click();
    await navigator.getByRole('heading', { name: 'Edit task: String calculator' }).waitFor();
    expect(await navigator.getByLabel('Lever 2 description').inputValue()).toBe('Add custom delimiters');
    await expectAccessible(navigator, 'task form');

    await navigator.goto('/interviews/new');
    await navigator.getByLabel('Candidate').waitFor();
    await expectAccessible(navigator, 'plan interview');
    interviewId = await planInterview(navigator, {
      candidate: 'Chris Candidate (chris@example.org)',
      position: 'Backend Engineer (Senior)',
      task: 'String calculator',
      startsAtLocal: tomorrowAtTen(),
      timeZone: 'Europe/Berlin',
    });
    await navigator.getByRole('heading', { name: 'Planning checklist' }).waitFor();
    // The navigator guide is rendered from Markdown, and its script is stripped.
    await navigator.getByRole('heading', { name: 'Path' }).waitFor();
    expect(await navigator.evaluate(() => (window as { pwned?: boolean }).pwned)).toBeUndefined();
    // No surprise afterwards: the position's focus attributes, with their anchors, are read beforehand.
    const rated = navigator.getByRole('region', { name: 'What the panel rates afterwards' });
    expect(await textOf(rated)).toContain('Problem decomposition');
    expect(await textOf(rated)).toContain('Tests drove the design; tight red-green-refactor');
    await screenshot(navigator, '03-planned');
    await expectAccessible(navigator, 'interview (planned)');
  });

  step('runs planning, check-in and setup, and refuses an illegal transition', async () => {
    const checklist = navigator.getByRole('region', { name: 'Planning checklist' });
    // Items no capability computes yet are ticked by hand, and say so; the others cannot be ticked.
    const manual = checklist.getByRole('listitem').filter({ hasText: 'ticked by hand for now' });
    const count = await manual.count();
    expect(count).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < count; i++) await manual.nth(i).getByRole('checkbox').check();
    await navigator.getByRole('checkbox', { name: /Give the failing test for the empty string/ }).check();
    await navigator.getByRole('button', { name: 'Save difficulty plan' }).click();
    await checklist.getByRole('checkbox', { name: 'Difficulty plan chosen', checked: true }).waitFor();
    expect(await checklist.getByRole('checkbox', { checked: true }).count()).toBeGreaterThanOrEqual(
      count + 1,
    );

    // Invitations are sent from their preview, so the candidate gets exactly what the navigator saw;
    // with rehearsals still open, only with a reason.
    await navigator.getByLabel(/Why send the invitation anyway/).fill('Rehearsed on paper for this journey.');
    await navigator
      .getByRole('region', { name: 'Invite the candidate' })
      .getByRole('button', { name: /^Send invitation to / })
      .click();
    // The interview is tomorrow: the day-of steps stay folded away, and starting needs "start early".
    await navigator.getByText(/^Day-of steps: the interview is on/).click();
    await navigator.getByText('Are you well? Rescheduling carries no disadvantage.').waitFor();
    await screenshot(navigator, '04-invited');

    await navigator.getByRole('button', { name: 'Yes, they are well' }).click();
    await navigator.getByRole('dialog').getByRole('button', { name: 'Yes, start early' }).click();
    await navigator.getByRole('heading', { name: /^Agenda/ }).waitFor();
    await screenshot(navigator, '05-checked-in');
    await expectAccessible(navigator, 'interview (checked in)');

    await navigator.getByRole('button', { name: 'Start setup' }).click();
    await navigator.getByRole('dialog').getByRole('button', { name: 'Yes, start early' }).click();
    await navigator.getByRole('heading', { name: 'Setup', exact: true }).waitFor();
    await navigator.getByText(/of a 05:00 budget/).waitFor();

    // The state machine refuses a retrospective during setup, with a message that says why.
    const refused = await navigator.evaluate(async (id) => {
      const response = await fetch(`/api/interviews/${id}/transitions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'start_retrospective' }),
      });
      return { status: response.status, body: await response.json() };
    }, interviewId);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('illegal_transition');
    expect(refused.body.message).toMatch(/retrospective/i);
    await screenshot(navigator, '06-setup');
  });

  step('runs pairing on the server clock: keyboard notes, the clock outlives a reload, alarm', async () => {
    await navigator.getByRole('button', { name: 'Start pairing (60 minutes)' }).click();
    const countdown = navigator.getByTestId('countdown');
    await countdown.waitFor();
    const first = parseClock(await textOf(countdown));
    expect(first).toBeGreaterThan(59 * 60_000);
    expect(first).toBeLessThanOrEqual(60 * 60_000);

    // Keyboard only: the note box has focus, Enter saves, prefixes tag.
    const noteBox = navigator.getByLabel('Note', { exact: true });
    await expect(noteBox.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    const notes = [
      '+ Wrote the failing test for the empty string first',
      't Ran the tests after every small change',
      '? Asked whether negative numbers should throw',
      'c Explained the plan before typing',
    ];
    for (const note of notes) {
      await navigator.keyboard.type(note);
      await navigator.keyboard.press('Enter');
    }
    const list = navigator.getByRole('list', { name: 'Notes, newest first' });
    await list.getByText('Explained the plan before typing').waitFor();
    // Only levers from the difficulty plan are offered; this session pulls none.
    await navigator.getByRole('button', { name: /Easier: Give the failing test/ }).waitFor();
    expect(await navigator.getByRole('button', { name: /Add custom delimiters/ }).count()).toBe(0);
    // Every note acknowledged by the server, not merely queued in the outbox.
    await navigator.waitForFunction(() => document.querySelectorAll('li[data-sync="saved"]').length === 4);
    expect(await list.getByRole('listitem').count()).toBe(4);
    expect(await textOf(list.getByRole('listitem').first())).toContain('Explained the plan');
    expect(await textOf(list.getByRole('listitem').last())).toMatch(/positive[\s\S]*failing test/);
    // Folded while pairing, one click away.
    await navigator.getByText(/^What you rate afterwards/).click();
    await navigator.getByText('Built on ideas together; made pairing easy').waitFor();
    await screenshot(navigator, '07-pairing');
    await expectAccessible(navigator, 'interview (pairing)');

    // A reload keeps the server's clock: still about an hour, not reset, and still running. Each
    // check waits for the clock to tick past the value before, not for a fixed time.
    const clockBelow = (ms: number) =>
      expect.poll(async () => parseClock(await textOf(countdown)), { timeout: 5_000 }).toBeLessThan(ms);
    await clockBelow(first);
    const beforeReload = parseClock(await textOf(countdown));
    await navigator.reload();
    await countdown.waitFor();
    const afterReload = parseClock(await textOf(countdown));
    expect(afterReload).toBeLessThanOrEqual(beforeReload);
    expect(afterReload).toBeGreaterThan(58 * 60_000);
    await clockBelow(afterReload);
    expect(await list.getByRole('listitem').count()).toBe(4);

    // A second device (its own browser, signed in separately) shows the same clock. Its time then
    // jumps an hour ahead to reach the end of pairing without waiting. Any live-channel heartbeat
    // would rightly re-measure the offset to the server and undo the jump (it may arrive at any
    // moment, the first one right after connecting), so this device's live channel is answered by
    // a socket that stays open and silent: its clock is the GET's offset plus its own time.
    const secondContext = await newUserContext(browser, pairwise.url);
    const secondDevice = await secondContext.newPage();
    await secondDevice.routeWebSocket(/\/live\b/, () => {});
    await secondDevice.clock.install({ time: Date.now() });
    await secondDevice.goto(`/interviews/${interviewId}`);
    await secondDevice.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectAccessible(secondDevice, 'sign-in');
    await signIn(secondDevice, 'nina@example.org', `/interviews/${interviewId}`);
    const secondClock = parseClock(await textOf(secondDevice.getByTestId('countdown')));
    expect(Math.abs(secondClock - parseClock(await textOf(countdown)))).toBeLessThan(2_000);
    await secondDevice.clock.setSystemTime(Date.now() + 61 * 60_000);
    await secondDevice.getByRole('alert').filter({ hasText: 'Time is up' }).waitFor();
    expect(await textOf(secondDevice.getByTestId('countdown'))).toMatch(/^\+0[01]:/);
    await screenshot(secondDevice, '08-pairing-alarm');
    await secondContext.close();
  });

  step('wraps up, takes the break and holds the retrospective', async () => {
    await navigator.getByRole('button', { name: 'End pairing' }).click();
    // The server's hour is not over (only the second device's clock jumped): confirm, minutes named.
    const early = navigator.getByRole('dialog');
    expect(await textOf(early)).toMatch(/End pairing with \d+ minutes? of the promised 60 left\?/);
    await early.getByRole('button', { name: 'Yes, end it now' }).click();
    await navigator.getByText('Ask the candidate to delete the repository from their machine.').waitFor();
    await screenshot(navigator, '09-wrap');
    await navigator.getByRole('checkbox', { name: /confirmed they deleted the repository/ }).check();
    await navigator.getByRole('button', { name: 'Record the confirmation' }).click();
    await navigator.getByText(/Deletion confirmed at/).waitFor();
    await navigator.getByRole('button', { name: 'Start the break' }).click();
    await navigator.getByRole('heading', { name: 'Break' }).waitFor();
    await screenshot(navigator, '10-break');

    await navigator.getByRole('button', { name: 'Start the retrospective' }).click();
    await navigator.getByRole('dialog').getByRole('button', { name: 'Yes, end it now' }).click();
    await navigator.getByRole('heading', { name: /^Retrospective with/ }).waitFor();
    // Only the positive note is offered for sharing.
    const sharing = navigator.getByRole('group', { name: 'Share what went well' });
    await sharing.getByRole('checkbox').first().waitFor();
    expect(await sharing.getByRole('checkbox').count()).toBe(1);
    await sharing.getByRole('checkbox', { name: /failing test for the empty string/ }).check();
    await navigator
      .getByLabel('How do you like our solution?')
      .fill('Clean, but I would name things better.');
    await navigator.getByLabel('Did you learn anything new?').fill('Writing the test name first helps.');
    await navigator.getByLabel('What would you change from here?').fill('Extract a parser.');
    await navigator.getByLabel('By when would you like to hear back?').fill(isoDateFromToday(7));
    expect(await navigator.getByLabel('Next steps and who to contact').inputValue()).toContain(
      'Nina Navigator',
    );
    await screenshot(navigator, '11-retrospective');
    await expectAccessible(navigator, 'interview (retrospective)');
    await navigator.getByRole('button', { name: 'Save and start refinement' }).click();
    await navigator.getByRole('heading', { name: 'Refinement', exact: true }).waitFor();
  });

  step('refines notes, goes through the bias check, rates with evidence and submits', async () => {
    const refinement = parseClock(await textOf(navigator.getByTestId('countdown')));
    expect(refinement).toBeGreaterThan(29 * 60_000);

    // Refining a note keeps the original as a revision.
    const question = navigator.getByRole('listitem').filter({ hasText: 'Asked whether negative numbers' });
    await question.getByRole('button', { name: /^Edit note/ }).click();
    await question
      .getByLabel('Note text')
      .fill('Asked whether negative numbers should throw, before coding it');
    await question.getByRole('button', { name: 'Save note' }).click();
    const revised = navigator.getByRole('listitem').filter({ hasText: 'before coding it' });
    await revised.getByText('Edited: see the original').click();
    await revised.getByText('Asked whether negative numbers should throw', { exact: true }).waitFor();

    // Submitting too early names what is missing.
    await navigator.getByRole('button', { name: 'Submit impression' }).click();
    await navigator.getByRole('alert').filter({ hasText: 'The scorecard is not complete yet.' }).waitFor();

    await reflectAndRate(navigator, defaultFocusAttributes, () => 3);
    await navigator
      .getByLabel('Impression', { exact: true })
      .fill('Calm, test-first, talked through the plan; clear collaborator.');
    await navigator.getByRole('radio', { name: 'Yes', exact: true }).check();
    await screenshot(navigator, '12-refinement');
    await expectAccessible(navigator, 'interview (refinement)');

    await navigator.getByRole('button', { name: 'Submit impression' }).click();
    await navigator.getByRole('dialog').getByRole('button', { name: 'Yes, end it now' }).click();
    await navigator.getByRole('heading', { name: 'Impression submitted' }).waitFor();
    await screenshot(navigator, '13-reported');
  });

  step("lets the position's line manager read the report and record the decision", async () => {
    await acceptInvitation(manager, links.manager, pairwise.url);
    const row = manager.getByRole('row').filter({ hasText: 'Chris Candidate' });
    await row.getByText('record the decision').waitFor();
    await expectAccessible(manager, 'home (line manager)');
    await screenshot(manager, '14-home');
    await row.getByRole('link', { name: 'Open the report' }).click();

    await manager.getByRole('heading', { name: 'Report: Chris Candidate' }).waitFor();
    await manager.getByText('Calm, test-first, talked through the plan; clear collaborator.').waitFor();
    const deadline = manager.getByRole('region', { name: "Candidate's deadline" });
    expect(await textOf(deadline)).toMatch(/[67] days left/);
    // Evidence comes with its moment in the session.
    await manager
      .getByRole('table')
      .first()
      .getByText(/\d\d:\d\d/)
      .first()
      .waitFor();
    // Pairing ended before the alarm (confirmed above): the report says how long it really was.
    expect(await textOf(manager.getByRole('region', { name: 'Time', exact: true }))).toMatch(
      /Pairing: \d+ of 60 minutes \(cut short\)/,
    );
    await screenshot(manager, '15-report');
    await expectAccessible(manager, 'report');

    await manager.getByRole('radio', { name: 'Invite to a next round' }).check();
    await manager.getByLabel('Note (optional)').fill('Strong collaboration; meet the team.');
    await manager.getByRole('button', { name: 'Record decision' }).click();
    await manager.getByText(/Decision: Invite to a next round/).waitFor();
    await screenshot(manager, '16-decided');

    // Every transition is on the timeline, in order.
    const types = await manager
      .locator('.timeline li[data-event-type]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-event-type')));
    const stages = types.filter((type) =>
      [
        'planned',
        'invited',
        'checked_in',
        'setup',
        'pairing',
        'wrap',
        'break',
        'retrospective',
        'refinement',
        'reported',
        'decided',
      ].includes(type ?? ''),
    );
    // …and the early end is on the timeline with the minutes that were left.
    expect(await textOf(manager.locator('.timeline li[data-event-type="wrap"]'))).toMatch(
      /pairing lasted \d+ min.*cut short with \d+ min left \(confirmed\)/,
    );
    expect(stages).toEqual([
      'planned',
      'invited',
      'checked_in',
      'setup',
      'pairing',
      'wrap',
      'break',
      'retrospective',
      'refinement',
      'reported',
      'decided',
    ]);
  });

  step('keeps the decision to the line manager: no decision form on the navigator’s report', async () => {
    await navigator.goto(`/interviews/${interviewId}/report`);
    await navigator.getByText(/Decision: Invite to a next round/).waitFor();
    expect(await navigator.getByRole('button', { name: 'Record decision' }).count()).toBe(0);
  });
});
