import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import {
  eventually,
  type OutboxFull,
  type OutboxSummary,
  portalTokenIn,
  sendInvitation,
} from './outreach-flows.ts';
import { rescheduleInterview } from './process-flows.ts';

/**
 * The day-before reminders run from the durable job queue at a time the test reaches by moving
 * the server's clock, never by waiting for it.
 */
describe.each(databases())('day-before reminders (%s)', (database) => {
  let server: TestServer;
  let world: World;
  // The server's clock (job queue, sessions); moved by the test.
  let now = Date.now();

  beforeAll(async () => {
    server = await startTestServer(database, {
      clock: () => new Date(now),
      // Sessions read the same clock; moving it days ahead must not sign everyone out.
      sessionTtlHours: 24 * 30,
      sessionIdleHours: 24 * 30,
    });
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  // Whole hours some days ahead in Berlin, the candidate's zone.
  const berlinHoursAhead = (days: number) =>
    DateTime.now().setZone('Europe/Berlin').plus({ days }).startOf('hour').set({ hour: 11 });
  const local = (at: DateTime) => at.toFormat("yyyy-LL-dd'T'HH:mm");
  // Only the reminders are read in full: polling every message of the interview is slow.
  const remindersOf = async (id: string): Promise<OutboxFull[]> => {
    const list = await expectStatus(world.admin.get('/api/outbox?limit=200'), 200);
    const reminders = (list.messages as OutboxSummary[]).filter(
      (m) => m.interviewId === id && (m.kind === 'day_before_reminder' || m.kind === 'prep_reminder'),
    );
    return Promise.all(
      reminders.map(async (m) => (await expectStatus(world.admin.get(`/api/outbox/${m.id}`), 200)).message),
    );
  };

  // Two invitations and a reschedule, each with the panel's blocks: longer than most tests.
  it('reminds the candidate and the panel the day before, once, and only for the current time', {
    timeout: 90_000,
  }, async () => {
    const start = berlinHoursAhead(3);
    const id = await world.planInterview({ startsAtLocal: local(start), timeZone: 'Europe/Berlin' });
    await sendInvitation(world.navigator, id);
    // Moved to a day later after the invitation: the old time's reminder must come to nothing.
    const moved = await world.planInterview({ startsAtLocal: local(start), timeZone: 'Europe/Berlin' });
    await sendInvitation(world.navigator, moved);
    // Once invited, a new time goes out only from its preview.
    await rescheduleInterview(world.navigator, moved, {
      startsAtLocal: local(start.plus({ days: 1 })),
      timeZone: 'Europe/Berlin',
      reason: 'candidate_request',
    });
    expect(await remindersOf(id)).toEqual([]);

    // The day before, a minute after the same wall-clock time.
    now = start.minus({ days: 1 }).plus({ minutes: 1 }).toMillis();
    const reminders = await eventually(async () => {
      const found = await remindersOf(id);
      return found.length === 3 ? found : null;
    });
    const candidate = reminders.find((m) => m.kind === 'day_before_reminder') as OutboxFull;
    expect(candidate.to).toEqual(['casey@example.com']);
    const day = start.setLocale('en-GB').toFormat('cccc d LLLL yyyy');
    expect(candidate.subject).toBe(`Reminder: pair-programming interview on ${day}, 11:00 (Europe/Berlin)`);
    // The agenda in the candidate's zone, with the task's setup budget (300 s: 5 minutes).
    expect(candidate.text).toContain('11:00–11:05  Setup');
    expect(candidate.text).toContain('11:05–12:05  Pairing: exactly one hour');
    expect(candidate.text).toContain('node --version');
    // The repository window (REPOSITORY_WINDOW_MINUTES, 5 by default) opens before the start.
    expect(candidate.text).toContain('From 10:55 (Europe/Berlin), 5 minutes before the start');
    const portal = await world.anonymous.get(`/api/portal/${portalTokenIn(candidate.text)}`);
    expect(portal.status).toBe(200);
    expect(candidate.calendar).toBeNull();

    const prep = reminders.filter((m) => m.kind === 'prep_reminder');
    expect(prep.map((m) => m.to[0]).sort()).toEqual(['nora@example.com', 'sam@example.com']);
    for (const message of prep) {
      expect(message.subject).toMatch(/^Tomorrow: Prep: pair-programming interview/);
      expect(message.text).toContain('10:30–11:00');
      expect(message.raw).not.toMatch(/Casey|casey@example\.com/i);
    }

    // The moved interview: nothing at its old time, which has passed by now.
    expect(await remindersOf(moved)).toEqual([]);
    now = start.plus({ minutes: 1 }).toMillis();
    const movedReminders = await eventually(async () => {
      const found = await remindersOf(moved);
      return found.length === 3 ? found : null;
    });
    expect(movedReminders.find((m) => m.kind === 'day_before_reminder')!.subject).toContain(
      start.plus({ days: 1 }).setLocale('en-GB').toFormat('cccc d LLLL yyyy'),
    );
    // Once: a later look at the first interview still finds its three.
    expect(await remindersOf(id)).toHaveLength(3);
  });
});
