import type { FocusAttribute } from '@pairwise/domain';
import type { Browser, Page } from 'playwright-core';
import { newUserContext, onServer } from './harness.ts';

/** Steps several tests take the same way, driven through the UI as a person would. */

export const PASSWORD = 'correct horse battery staple';

export async function setUpAdmin(page: Page, setupUrl: string, admin: { name: string; email: string }) {
  await page.goto(setupUrl);
  await page.getByLabel('Your name').fill(admin.name);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Repeat the password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create admin account' }).click();
  await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
}

/** Invites a user from /users and returns their invitation link as shown to the admin. */
export async function inviteUser(
  page: Page,
  user: { name: string; email: string; role: 'Interviewer' | 'Line manager' | 'Admin' },
): Promise<string> {
  if (!page.url().endsWith('/users')) await page.goto('/users');
  const form = page.getByRole('form', { name: 'Invite a user' });
  await form.getByLabel('Name').fill(user.name);
  await form.getByLabel('Email').fill(user.email);
  for (const role of ['Admin', 'Interviewer', 'Line manager'] as const) {
    await form.getByRole('checkbox', { name: role, exact: true }).setChecked(role === user.role);
  }
  await form.getByRole('button', { name: 'Invite' }).click();
  await page.getByRole('heading', { name: `Send this link to ${user.name}` }).waitFor();
  return page.getByLabel(`Invitation link for ${user.name}`).inputValue();
}

export async function acceptInvitation(page: Page, link: string, baseURL: string) {
  await page.goto(onServer(link, baseURL));
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Repeat the password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await page.getByRole('heading', { name: 'My interviews' }).waitFor();
}

/** Signs in from the sign-in page reached by opening `path` signed out, and lands back on `path`. */
export async function signIn(page: Page, email: string, path: string) {
  await page.goto(path);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === path);
}

export async function createPosition(
  page: Page,
  position: { title: string; level: string; lineManager: string },
) {
  await page.goto('/positions');
  const form = page.getByRole('form', { name: 'Create a position' });
  await form.getByLabel('Title').fill(position.title);
  await form.getByLabel('Level').fill(position.level);
  await form.getByLabel('Line manager').selectOption({ label: position.lineManager });
  await form.getByRole('button', { name: 'Create position' }).click();
  await page.getByRole('rowheader', { name: position.title, exact: true }).waitFor();
}

export async function createCandidate(
  page: Page,
  candidate: { name: string; email: string; timeZone: string },
) {
  await page.goto('/candidates');
  const form = page.getByRole('form', { name: 'Add a candidate' });
  await form.getByLabel('Name').fill(candidate.name);
  await form.getByLabel('Email').fill(candidate.email);
  await form.getByLabel("Candidate's time zone").selectOption(candidate.timeZone);
  await form.getByRole('button', { name: 'Add candidate' }).click();
  await page.getByRole('cell', { name: candidate.name }).waitFor();
}

export async function createTask(
  page: Page,
  task: { title: string; levers: Array<{ direction: 'easier' | 'harder'; description: string }> },
) {
  await page.goto('/tasks/new');
  await page.getByLabel('Title').fill(task.title);
  await page.getByLabel('Summary').fill('Build a small string calculator, test first.');
  await page
    .getByLabel('Navigator guide (Markdown)')
    .fill(
      '## Path\n\n1. Start with the empty string.\n2. Then *one* number.\n\n<script>window.pwned = true</script>',
    );
  await page.getByLabel('Command 1', { exact: true }).fill('npm ci');
  await page.getByRole('button', { name: 'Add command' }).click();
  await page.getByLabel('Command 2', { exact: true }).fill('npm test -- --run');
  await page.getByLabel('Test command').fill('npm test');
  for (const [index, lever] of task.levers.entries()) {
    await page.getByRole('button', { name: `Add ${lever.direction} lever` }).click();
    await page.getByLabel(`Lever ${index + 1} description`).fill(lever.description);
  }
  await page.getByRole('button', { name: 'Create task' }).click();
  await page.getByRole('link', { name: task.title }).waitFor();
}

/** Plans an interview and returns its id, read from the interview page's address. */
export async function planInterview(
  page: Page,
  /** `candidate` is the option as listed: "Name (email)". */
  plan: { candidate: string; position: string; task: string; startsAtLocal: string; timeZone: string },
): Promise<string> {
  await page.goto('/interviews/new');
  await page.getByLabel('Candidate').selectOption({ label: plan.candidate });
  await page.getByLabel('Position').selectOption({ label: plan.position });
  await page.getByLabel('Task').selectOption({ label: plan.task });
  await page.getByLabel('Starts at').fill(plan.startsAtLocal);
  await page.getByLabel('Time zone of that time').selectOption(plan.timeZone);
  await page.getByLabel('Place').fill('Room Ada, or https://meet.example.org/pairwise');
  await page.getByRole('button', { name: 'Plan interview' }).click();
  await page.waitForURL(/\/interviews\/[0-9a-f-]{36}$/);
  return page.url().split('/').at(-1)!;
}

/** Tomorrow at 10:00, as a datetime-local value. */
export function tomorrowAtTen(): string {
  const date = new Date(Date.now() + 24 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T10:00`;
}

/**
 * The team most journeys start from: an admin, an interviewer (Nina Navigator, signed in on
 * her own page), a line manager, the Backend Engineer position and one candidate.
 */
export async function setUpTeam(
  browser: Browser,
  pairwise: { url: string; setupUrl: string },
): Promise<{ admin: Page; navigator: Page }> {
  const admin = await (await newUserContext(browser, pairwise.url)).newPage();
  await setUpAdmin(admin, pairwise.setupUrl, { name: 'Ada Admin', email: 'ada@example.org' });
  const link = await inviteUser(admin, {
    name: 'Nina Navigator',
    email: 'nina@example.org',
    role: 'Interviewer',
  });
  await inviteUser(admin, { name: 'Lars Manager', email: 'lars@example.org', role: 'Line manager' });
  await createPosition(admin, { title: 'Backend Engineer', level: '', lineManager: 'Lars Manager' });
  const navigator = await (await newUserContext(browser, pairwise.url)).newPage();
  await acceptInvitation(navigator, link, pairwise.url);
  await createCandidate(navigator, {
    name: 'Sam Candidate',
    email: 'sam@example.org',
    timeZone: 'Europe/Berlin',
  });
  return { admin, navigator };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * On the refinement form: answers every bias checklist question, then rates each attribute with
 * the score `scoreOf` picks (by its anchor's text) and links the first note as evidence.
 */
export async function reflectAndRate(
  page: Page,
  attributes: readonly FocusAttribute[],
  scoreOf: (index: number) => number,
) {
  const questions = page.getByRole('group', { name: 'Bias check' }).getByRole('checkbox');
  for (let i = 0; i < (await questions.count()); i++) await questions.nth(i).check();
  for (const [index, attribute] of attributes.entries()) {
    const score = scoreOf(index);
    const group = page.getByRole('group', { name: attribute.label, exact: true });
    await group
      .getByRole('radio', { name: new RegExp(`^${score} ${escapeRegExp(attribute.anchors[score - 1]!)}`) })
      .check();
    await group
      .getByRole('group', { name: /^Evidence for/ })
      .getByRole('checkbox')
      .first()
      .check();
  }
}
