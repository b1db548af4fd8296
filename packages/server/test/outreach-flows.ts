import { randomUUID } from 'node:crypto';
import { biasChecklistIds, defaultFocusAttributes } from '@pairwise/domain';
import { openDatabase } from '../src/platform/db/database.ts';
import { type Client, expectStatus, type TestServer, type World } from './harness.ts';
import { step as processStep } from './process-flows.ts';

/** Steps the mail, calendar and portal tests share, taken through the HTTP API. */

export interface OutboxSummary {
  id: string;
  kind: string;
  interviewId: string | null;
  to: string[];
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  calendarMethod: string | null;
}

export interface OutboxFull extends OutboxSummary {
  text: string;
  calendar: string | null;
  raw: string;
  messageId: string;
}

/** Every message in the outbox, oldest first, read as the admin reads it. */
export async function outboxMessages(world: World, interviewId?: string): Promise<OutboxFull[]> {
  const list = await expectStatus(world.admin.get('/api/outbox?limit=200'), 200);
  const summaries = (list.messages as OutboxSummary[])
    .filter((m) => !interviewId || m.interviewId === interviewId)
    .reverse();
  return Promise.all(
    summaries.map(async (m) => (await expectStatus(world.admin.get(`/api/outbox/${m.id}`), 200)).message),
  );
}

/** The private link's token in a message text. */
export function portalTokenIn(text: string): string {
  const match = /\/p\/([A-Za-z0-9_-]{43})\b/.exec(text);
  if (!match?.[1]) throw new Error(`No portal link in:\n${text}`);
  return match[1];
}

/** Previews the invitation and sends exactly that, as the navigator does in the UI. */
export async function sendInvitation(navigator: Client, interviewId: string) {
  const { invitation } = await expectStatus(navigator.get(`/api/interviews/${interviewId}/invitation`), 200);
  await expectStatus(
    navigator.post(`/api/interviews/${interviewId}/invitation`, {
      previewDigest: invitation.previewDigest,
      notReadyReason: 'A test about outreach: the checklist is not its subject.',
    }),
    200,
  );
  return invitation as { preview: { subject: string; text: string; html: string }; previewDigest: string };
}

/** The candidate's token from the newest candidate mail of an interview. */
export async function candidatePortalToken(world: World, interviewId: string): Promise<string> {
  const messages = await outboxMessages(world, interviewId);
  const candidateMail = messages
    .filter((m) => m.kind === 'invitation' || m.kind === 'invitation_update')
    .at(-1);
  if (!candidateMail) throw new Error('No invitation in the outbox');
  return portalTokenIn(candidateMail.text);
}

/** From invited to the retrospective, as on the day; returns the id of a staff note taken while pairing. */
export async function runSessionUntilRetrospective(world: World, id: string): Promise<string> {
  const { navigator } = world;
  const step = (action: string) => processStep(navigator, id, action);
  await expectStatus(navigator.post(`/api/interviews/${id}/wellness`, { well: true, startEarly: true }), 200);
  await step('start_setup');
  await step('start_pairing');
  const noteId = randomUUID();
  await expectStatus(
    navigator.put(`/api/interviews/${id}/notes/${noteId}`, {
      text: 'STAFF-NOTE-MARKER: paused before naming things',
      tags: ['concern'],
      offsetMs: 60_000,
    }),
    200,
  );
  await step('end_pairing');
  await expectStatus(navigator.post(`/api/interviews/${id}/repository-deletion`, { confirmed: true }), 200);
  await step('start_break');
  await step('start_retrospective');
  return noteId;
}

/** Records the retrospective with the candidate's deadline and starts refinement. */
export async function finishRetrospective(world: World, id: string, deadline: string): Promise<void> {
  const { navigator } = world;
  await expectStatus(
    navigator.put(`/api/interviews/${id}/retrospective`, {
      sharedNoteIds: [],
      answers: { solution: 'RETRO-ANSWER-MARKER', learned: '', change: '' },
      deadline,
      nextSteps: '',
    }),
    200,
  );
  await expectStatus(
    navigator.post(`/api/interviews/${id}/transitions`, { action: 'start_refinement' }),
    200,
  );
}

/** Records the retrospective with a deadline and submits the navigator's impression: stage `reported`. */
export async function reportInterview(
  world: World,
  id: string,
  deadline: string,
  noteId: string,
): Promise<void> {
  const { navigator } = world;
  await finishRetrospective(world, id, deadline);
  await expectStatus(
    navigator.put(`/api/interviews/${id}/scorecard`, {
      ratings: defaultFocusAttributes.map((a) => ({ attribute: a.id, score: 3, evidenceNoteIds: [noteId] })),
      impression: 'SCORECARD-IMPRESSION-MARKER',
      recommendation: 'yes',
      biasChecklist: Object.fromEntries(biasChecklistIds.map((b) => [b, { reflected: true, comment: '' }])),
    }),
    200,
  );
  await expectStatus(navigator.post(`/api/interviews/${id}/scorecard/submit`, { confirmEarly: true }), 200);
}

/** Polls until `check` returns a value (the job worker runs about once a second). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The positive signal that background work has caught up: no job that is due now is waiting or
 * running. A duplicate a test wants to rule out would be such a job, so after this it has run.
 */
export async function dueJobsDone(server: TestServer): Promise<void> {
  const handle = await openDatabase({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
  try {
    await eventually(async () => {
      const { pending } = await handle.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll().as('pending'))
        .where('done_at', 'is', null)
        .where('failed_at', 'is', null)
        .where('run_at', '<=', new Date().toISOString())
        .executeTakeFirstOrThrow();
      return Number(pending) === 0;
    });
  } finally {
    await handle.close();
  }
}

/** A weekday date `businessDays` working days after today (UTC), as yyyy-mm-dd. */
export function businessDaysFromToday(businessDays: number): string {
  const day = new Date();
  let left = businessDays;
  while (left > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) left -= 1;
  }
  return day.toISOString().slice(0, 10);
}
