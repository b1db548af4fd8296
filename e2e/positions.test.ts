import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { acceptInvitation, createPosition, inviteUser, setUpAdmin } from './flows.ts';
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

interface ApiPosition {
  title: string;
  focusAttributes: Array<{ id: string; label: string; anchors: string[] }>;
}

/** An admin edits a position's focus attributes; others see them read-only. */
describe('positions page', () => {
  let pairwise: Pairwise;
  let browser: Browser;
  let admin: Page;
  let managerLink: string;

  beforeAll(async () => {
    pairwise = await startPairwise();
    browser = await journeyBrowser();
    admin = await (await newUserContext(browser, pairwise.url)).newPage();
    await setUpAdmin(admin, pairwise.setupUrl, { name: 'Ada Admin', email: 'ada@example.org' });
    managerLink = await inviteUser(admin, {
      name: 'Lars Manager',
      email: 'lars@example.org',
      role: 'Line manager',
    });
    await createPosition(admin, { title: 'Backend Engineer', level: 'Senior', lineManager: 'Lars Manager' });
  });
  afterAll(async () => {
    await endJourney(browser);
    await pairwise?.close();
  });

  const step = journey("edits a position's focus attributes and shows them to its line manager", 2 * 120_000);

  step('renames, removes, adds and reorders focus attributes, keeping the ids of existing ones', async () => {
    const row = admin.getByRole('row', { name: /Backend Engineer/ });
    await row.getByRole('cell', { name: /Tooling fluency/ }).waitFor();
    await admin.getByRole('button', { name: 'Edit focus attributes of Backend Engineer' }).click();
    const editor = admin.getByRole('form', { name: 'Focus attributes of Backend Engineer' });
    await editor.waitFor();

    await editor
      .getByRole('group', { name: /Tooling fluency/ })
      .getByLabel('Name')
      .fill('Tooling and debugging');
    await editor.getByRole('group', { name: /Tooling and debugging/ }).waitFor();
    await editor.getByRole('button', { name: 'Remove Receptiveness to feedback' }).click();
    await editor.getByRole('group', { name: /Receptiveness to feedback/ }).waitFor({ state: 'detached' });

    await editor.getByRole('button', { name: 'Add an attribute' }).click();
    // The new attribute's name input has focus, so typing names it straight away.
    await admin.keyboard.type('Domain modelling');
    const domain = editor.getByRole('group', { name: /Domain modelling/ });
    await domain.getByLabel('Anchor 1').fill('Mirrored the database tables');
    await domain.getByLabel('Anchor 2').fill('Named some concepts after the problem');
    await domain.getByLabel('Anchor 3').fill('Modelled the rules in the language of the problem');
    // Anchor 4 left empty: the server refuses it, and says so beside that input.
    await editor.getByRole('button', { name: 'Save focus attributes' }).click();
    await domain.getByText('Describe this step of the scale.').waitFor();
    expect(await domain.getByLabel('Anchor 4').getAttribute('aria-invalid')).toBe('true');
    // The summary names the attribute as its legend reads, not the server's field path.
    expect(await editor.getByRole('alert').textContent()).toContain(
      '6. Domain modelling, anchor 4: Describe this step of the scale.',
    );
    await expectAccessible(admin, 'focus attribute editor with an error');

    await domain.getByLabel('Anchor 4').fill('Shaped the model with the pair as the rules emerged');
    // Moving by keyboard keeps focus on the moved attribute's button.
    await editor.getByRole('button', { name: 'Move up Domain modelling' }).focus();
    await admin.keyboard.press('Enter');
    await expect
      .poll(() => admin.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Move up Domain modelling');
    await expect.poll(() => domain.locator('legend').textContent()).toBe('5. Domain modelling');

    await admin.setViewportSize({ width: 1280, height: 800 });
    await editor
      .getByRole('heading', { name: 'Focus attributes of Backend Engineer' })
      .evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await admin.screenshot({ path: '/tmp/positions-editor.png' });
    await screenshot(admin, 'positions-editor');

    await editor.getByRole('button', { name: 'Save focus attributes' }).click();
    await editor.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await expect.poll(() => domain.getByLabel('Anchor 4').getAttribute('aria-invalid')).toBe(null);
    await row.getByRole('cell', { name: /Tooling and debugging/ }).waitFor();
    await expectAccessible(admin, 'focus attribute editor after saving');

    await admin.reload();
    const labels = admin.getByRole('row', { name: /Backend Engineer/ }).getByRole('cell', { name: /Domain/ });
    expect(await labels.textContent()).toBe(
      'Collaboration and communication, Problem decomposition, Testing / TDD, Design and refactoring, ' +
        'Domain modelling, Tooling and debugging',
    );

    const response = await admin.request.get('/api/positions');
    expect(response.status()).toBe(200);
    const { positions } = (await response.json()) as { positions: ApiPosition[] };
    const attributes = positions.find((position) => position.title === 'Backend Engineer')?.focusAttributes;
    expect(attributes?.map((attribute) => [attribute.id, attribute.label])).toEqual([
      ['collaboration', 'Collaboration and communication'],
      ['decomposition', 'Problem decomposition'],
      ['testing', 'Testing / TDD'],
      ['design', 'Design and refactoring'],
      ['domain-modelling', 'Domain modelling'],
      ['tooling', 'Tooling and debugging'],
    ]);
    expect(attributes?.[4]?.anchors).toHaveLength(4);
  });

  step('shows the line manager the attributes without a way to edit them', async () => {
    const manager = await (await newUserContext(browser, pairwise.url)).newPage();
    await acceptInvitation(manager, managerLink, pairwise.url);
    await manager.goto('/positions');
    const row = manager.getByRole('row', { name: /Backend Engineer/ });
    await row.getByRole('cell', { name: /Tooling and debugging/ }).waitFor();
    expect(await manager.getByRole('button', { name: /Edit focus attributes/ }).count()).toBe(0);
    expect(await manager.getByRole('form', { name: 'Create a position' }).count()).toBe(0);
    await expectAccessible(manager, 'positions page of a line manager');
  });
});
