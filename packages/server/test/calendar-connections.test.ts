import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarUid } from '../src/features/invitations/invitation-mail.ts';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { cancelInterview, rescheduleInterview } from './process-flows.ts';
import { busyEvent, type Radicale, radicaleMissing, startRadicale } from './support/radicale.ts';

/**
 * Asks again until the answer shows what a background job did, or fails after 20 s: the job runs
 * after the change commits, so there is no single event in the API to wait on.
 */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Still not there after 20 s: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const missing = radicaleMissing();
if (missing) console.warn(`Skipping calendar connection tests: ${missing}`);

// Radicale accounts: the navigator and the line manager connect calendars, the shadow does not.
const ACCOUNTS = { nora: 'nora-app-password', lena: 'lena-app-password' };

describe.skipIf(missing !== null).each(databases())('calendar connections (%s)', (database) => {
  let radicale: Radicale;
  let server: TestServer;
  let world: World;
  let noraCalendar: string;
  let lenaCalendar: string;

  beforeAll(async () => {
    radicale = await startRadicale(ACCOUNTS);
    noraCalendar = await radicale.createCalendar('nora', 'work', 'Nora at work');
    lenaCalendar = await radicale.createCalendar('lena', 'work', 'Lena at work');
    // Planning waits this long for a calendar before showing it as unknown.
    server = await startTestServer(database, { calendarTimeoutMs: 4_000, calendarAllowHosts: ['127.0.0.1'] });
    world = await createWorld(server);
  });
  afterAll(async () => {
    await server?.close();
    await radicale?.close();
  });

  const connect = (client: World['navigator'], body: Record<string, unknown>) =>
    client.put('/api/account/calendar', { provider: 'caldav', serverUrl: radicale.url, ...body });
  /** Nora and Lena connect their calendars (again): each test that reads them starts so. */
  const connectBoth = async () => {
    await expectStatus(connect(world.navigator, { username: 'nora', password: ACCOUNTS.nora }), 200);
    await expectStatus(connect(world.lineManager, { username: 'lena', password: ACCOUNTS.lena }), 200);
  };
  const freeBusy = (body: Record<string, unknown>) =>
    world.navigator.post('/api/interviews/free-busy', {
      navigatorId: world.ids.navigator,
      shadowIds: [world.ids.shadow],
      positionId: world.ids.position,
      taskId: world.ids.task,
      timeZone: 'UTC',
      days: 1,
      ...body,
    });
  const plan = (body: Record<string, unknown>) =>
    world.navigator.post('/api/interviews', {
      candidateId: world.ids.candidate,
      positionId: world.ids.position,
      taskId: world.ids.task,
      navigatorId: world.ids.navigator,
      shadowIds: [world.ids.shadow],
      timeZone: 'UTC',
      place: 'Room 3',
      ...body,
    });

  it('refuses a wrong password or address on save, naming the field', async () => {
    const wrongPassword = await connect(world.navigator, { username: 'nora', password: 'not-it' });
    expect(wrongPassword.status).toBe(422);
    expect(Object.keys(wrongPassword.body.fields)).toEqual(['password']);

    // A port nobody listens on: Radicale's own, once it is gone, is as good as any.
    const nowhere = await connect(world.navigator, {
      serverUrl: 'http://127.0.0.1:9/',
      username: 'nora',
      password: ACCOUNTS.nora,
    });
    expect(nowhere.status).toBe(422);
    expect(Object.keys(nowhere.body.fields)).toEqual(['serverUrl']);

    const notAUrl = await connect(world.navigator, {
      serverUrl: 'ftp://calendar',
      username: 'nora',
      password: 'x',
    });
    expect(notAUrl.status).toBe(400);
    expect(notAUrl.body.fields).toHaveProperty('serverUrl');

    expect((await expectStatus(world.navigator.get('/api/account/calendar'), 200)).connection).toBeNull();
  });

  it('connects a calendar, found from the server root, and never shows the password', async () => {
    const { connection } = await expectStatus(
      connect(world.navigator, { username: 'nora', password: ACCOUNTS.nora }),
      200,
    );
    expect(connection).toMatchObject({ provider: 'caldav', username: 'nora', calendarName: 'Nora at work' });
    await expectStatus(connect(world.lineManager, { username: 'lena', password: ACCOUNTS.lena }), 200);

    const seen = await expectStatus(world.navigator.get('/api/account/calendar'), 200);
    expect(seen.connection.calendarName).toBe('Nora at work');
    expect(JSON.stringify(seen)).not.toContain(ACCOUNTS.nora);
    // Each person sees only their own connection.
    expect((await expectStatus(world.shadow.get('/api/account/calendar'), 200)).connection).toBeNull();
    expect((await world.anonymous.get('/api/account/calendar')).status).toBe(401);
  });

  it("shows each person's busy times and proposes starts where everyone is free", async () => {
    await connectBoth();
    await radicale.putEvent(
      'nora',
      noraCalendar,
      'nora-standup',
      busyEvent('nora-standup', '2031-06-02T09:00:00Z', '2031-06-02T12:00:00Z', 'Planning day'),
    );
    // Over the debrief of a 12:30 start (14:35–15:05), not over that of a 13:00 start.
    await radicale.putEvent(
      'lena',
      lenaCalendar,
      'lena-one-to-one',
      busyEvent('lena-one-to-one', '2031-06-02T14:30:00Z', '2031-06-02T15:00:00Z'),
    );
    const answer = await expectStatus(freeBusy({ fromLocal: '2031-06-02T00:00' }), 200);
    const person = (id: string) => answer.people.find((p: { id: string }) => p.id === id);
    expect(person(world.ids.navigator)).toMatchObject({
      role: 'navigator',
      calendar: 'connected',
      busy: [{ startsAt: '2031-06-02T09:00:00Z', endsAt: '2031-06-02T12:00:00Z', source: 'calendar' }],
    });
    expect(person(world.ids.shadow)).toMatchObject({ role: 'shadow', calendar: 'none', busy: [] });
    expect(person(world.ids.lineManager)).toMatchObject({ role: 'line_manager', calendar: 'connected' });
    // Prep from 12:00 at the earliest; 12:30 puts the debrief over Lena's meeting.
    expect(answer.proposals[0]).toEqual({
      startsAt: '2031-06-02T13:00:00Z',
      startsAtLocal: '2031-06-02T13:00',
    });

    await expectStatus(plan({ startsAtLocal: answer.proposals[0].startsAtLocal }), 201);
    // Pairwise's own booking now counts too: prep to debrief for the panel.
    const after = await expectStatus(freeBusy({ fromLocal: '2031-06-02T00:00' }), 200);
    const shadow = after.people.find((p: { id: string }) => p.id === world.ids.shadow);
    expect(shadow.busy).toEqual([
      { startsAt: '2031-06-02T12:30:00Z', endsAt: '2031-06-02T15:35:00Z', source: 'pairwise' },
    ]);
    // After 15:35 the day has no room for prep to debrief (3 h 05) before 18:00.
    expect(after.proposals).toEqual([]);
  });

  it('refuses a plan over a busy time unless confirmed with a reason, which is recorded', async () => {
    await connectBoth();
    await radicale.putEvent(
      'nora',
      noraCalendar,
      'nora-dentist',
      busyEvent('nora-dentist', '2031-06-03T10:00:00Z', '2031-06-03T11:00:00Z', 'Dentist'),
    );
    const preview = await expectStatus(
      world.navigator.post('/api/interviews/plan-preview', {
        navigatorId: world.ids.navigator,
        shadowIds: [world.ids.shadow],
        positionId: world.ids.position,
        taskId: world.ids.task,
        startsAtLocal: '2031-06-03T10:00',
        timeZone: 'UTC',
      }),
      200,
    );
    expect(preview.calendarConflicts).toEqual([
      {
        personId: world.ids.navigator,
        name: 'Nora Navigator',
        startsAt: '2031-06-03T10:00:00Z',
        endsAt: '2031-06-03T11:00:00Z',
        source: 'calendar',
      },
    ]);

    const refused = await plan({ startsAtLocal: '2031-06-03T10:00' });
    expect(refused.status).toBe(409);
    expect(refused.body.fields).toHaveProperty('confirmOverlap');
    expect(refused.body.fields).toHaveProperty('conflictReason');
    const noReason = await plan({ startsAtLocal: '2031-06-03T10:00', confirmOverlap: true });
    expect(noReason.status).toBe(409);
    expect(Object.keys(noReason.body.fields)).toEqual(['conflictReason']);

    const booked = await expectStatus(
      plan({
        startsAtLocal: '2031-06-03T10:00',
        confirmOverlap: true,
        conflictReason: 'Nora moves the dentist; the candidate has no other day.',
      }),
      201,
    );
    const planned = booked.interview.events.find((e: { type: string }) => e.type === 'planned');
    expect(planned.payload).toMatchObject({
      calendarConflictsConfirmed: 1,
      conflictReason: 'Nora moves the dentist; the candidate has no other day.',
    });
  });

  it('checks a new time against the calendars too, ignoring the interview it moves', async () => {
    await connectBoth();
    await radicale.putEvent(
      'nora',
      noraCalendar,
      'nora-offsite',
      busyEvent('nora-offsite', '2031-06-09T09:00:00Z', '2031-06-09T17:00:00Z', 'Offsite'),
    );
    const { interview } = await expectStatus(plan({ startsAtLocal: '2031-06-10T10:00' }), 201);
    // The same time again: its own blocks are not in its way.
    const same = await expectStatus(
      world.navigator.post(`/api/interviews/${interview.id}/reschedule/preview`, {
        startsAtLocal: '2031-06-10T10:30',
        timeZone: 'UTC',
        reason: 'candidate_request',
      }),
      200,
    );
    expect(same.overlaps).toEqual([]);
    expect(same.calendarConflicts).toEqual([]);

    const move = { startsAtLocal: '2031-06-09T10:00', timeZone: 'UTC', reason: 'candidate_request' };
    const preview = await expectStatus(
      world.navigator.post(`/api/interviews/${interview.id}/reschedule/preview`, move),
      200,
    );
    expect(preview.calendarConflicts).toEqual([expect.objectContaining({ personId: world.ids.navigator })]);
    const refused = await world.navigator.post(`/api/interviews/${interview.id}/reschedule`, {
      ...move,
      confirmOverlap: true,
      previewDigest: preview.previewDigest,
    });
    expect(refused.status).toBe(409);
    expect(Object.keys(refused.body.fields)).toEqual(['conflictReason']);
    const moved = await expectStatus(
      world.navigator.post(`/api/interviews/${interview.id}/reschedule`, {
        ...move,
        confirmOverlap: true,
        conflictReason: 'Nora leaves the offsite for it.',
        previewDigest: preview.previewDigest,
      }),
      200,
    );
    const rescheduled = moved.interview.events.find((e: { type: string }) => e.type === 'rescheduled');
    expect(rescheduled.payload).toMatchObject({
      calendarConflictsConfirmed: 1,
      conflictReason: 'Nora leaves the offsite for it.',
    });
  });

  it('writes the blocks into connected calendars, moves them in place, removes them on cancel', async () => {
    await connectBoth();
    const { interview } = await expectStatus(plan({ startsAtLocal: '2031-06-16T10:00' }), 201);
    const cleared = async () => {
      const detail = await expectStatus(world.navigator.get(`/api/interviews/${interview.id}`), 200);
      return detail.interview.checklist.items.find((item: { id: string }) => item.id === 'calendar_cleared');
    };
    // The blocks are written by a job after the plan commits; the checklist item follows them.
    const item = await eventually(cleared, (state) => state.done);
    expect(item.evidence.label).toBe(
      'Blocks in 2 connected calendars, no conflicts; mailed with the invitation to 1 person without a connection',
    );
    const prep = await radicale.getEvent(
      'nora',
      noraCalendar,
      calendarUid(interview.id, 'prep', world.ids.navigator),
    );
    expect(prep).toContain('DTSTART:20310616T093000Z');
    expect(prep).not.toContain('METHOD:');
    expect(prep).not.toContain('Casey');
    const debrief = calendarUid(interview.id, 'debrief', world.ids.lineManager);
    expect(await radicale.getEvent('lena', lenaCalendar, debrief)).toContain('DTSTART:20310616T120500Z');
    // Lena's own busy time is not her debrief: the blocks Pairwise wrote are not counted twice.
    const busy = await expectStatus(freeBusy({ fromLocal: '2031-06-16T00:00' }), 200);
    const lena = busy.people.find((p: { id: string }) => p.id === world.ids.lineManager);
    expect(lena.busy.map((period: { source: string }) => period.source)).toEqual(['pairwise']);

    await rescheduleInterview(world.navigator, interview.id, {
      startsAtLocal: '2031-06-17T10:00',
      timeZone: 'UTC',
      reason: 'candidate_request',
    });
    await eventually(
      () => radicale.getEvent('nora', noraCalendar, calendarUid(interview.id, 'prep', world.ids.navigator)),
      (text) => text?.includes('DTSTART:20310617T093000Z') ?? false,
    );
    await cancelInterview(world.navigator, interview.id);
    await eventually(
      () => radicale.getEvent('lena', lenaCalendar, debrief),
      (text) => text === null,
    );
  });

  it('shows a calendar that does not answer in time as unknown, and plans anyway', async () => {
    await connectBoth();
    radicale.freeze();
    try {
      const started = process.hrtime.bigint();
      const answer = await expectStatus(freeBusy({ fromLocal: '2031-06-04T00:00' }), 200);
      const waitedMs = Number(process.hrtime.bigint() - started) / 1e6;
      const navigator = answer.people.find((p: { id: string }) => p.id === world.ids.navigator);
      expect(navigator).toMatchObject({ calendar: 'unknown', busy: [] });
      expect(answer.proposals.length).toBeGreaterThan(0);
      // Time-boxed: the form waits about CALENDAR_TIMEOUT_MS, not for the calendar.
      expect(waitedMs).toBeLessThan(10_000);

      const booked = await plan({ startsAtLocal: '2031-06-04T10:00' });
      expect(booked.status).toBe(201);
    } finally {
      radicale.thaw();
    }
  });

  it('lets only planners ask for free/busy', async () => {
    const body = {
      navigatorId: world.ids.navigator,
      timeZone: 'UTC',
      fromLocal: '2031-06-05T00:00',
      days: 1,
    };
    expect((await world.lineManager.post('/api/interviews/free-busy', body)).status).toBe(403);
    expect((await world.anonymous.post('/api/interviews/free-busy', body)).status).toBe(401);
    const bad = await world.navigator.post('/api/interviews/free-busy', { ...body, days: 99 });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty('days');
  });

  it('disconnects: the calendar is no longer asked', async () => {
    await connectBoth();
    await expectStatus(world.navigator.delete('/api/account/calendar'), 200);
    expect((await expectStatus(world.navigator.get('/api/account/calendar'), 200)).connection).toBeNull();
    expect((await world.navigator.delete('/api/account/calendar')).status).toBe(404);
    const answer = await expectStatus(freeBusy({ fromLocal: '2031-06-03T00:00' }), 200);
    const navigator = answer.people.find((p: { id: string }) => p.id === world.ids.navigator);
    expect(navigator.calendar).toBe('none');
    expect(navigator.busy.every((period: { source: string }) => period.source === 'pairwise')).toBe(true);
  });
});
