import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';

/** `YYYY-MM-DDTHH:mm` in UTC, `days` from the real now (the server judges lead time by its clock). */
const daysFromNow = (days: number, time = '10:00') =>
  `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;

describe.each(databases())('planning guards (%s)', (database) => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    // Germany: 1 May is a public holiday there in every state.
    server = await startTestServer(database, { holidayRegion: { country: 'DE' } });
    world = await createWorld(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  const plan = (overrides: Record<string, unknown>) =>
    world.navigator.post('/api/interviews', {
      candidateId: world.ids.candidate,
      positionId: world.ids.position,
      taskId: world.ids.task,
      navigatorId: world.ids.navigator,
      shadowIds: [],
      timeZone: 'UTC',
      place: 'Room 3',
      ...overrides,
    });
  const preview = (client: World['navigator'], body: Record<string, unknown>) =>
    client.post('/api/interviews/plan-preview', {
      navigatorId: world.ids.navigator,
      timeZone: 'UTC',
      taskId: world.ids.task,
      ...body,
    });

  it('refuses a start in the past, naming the field and why', async () => {
    const response = await plan({ startsAtLocal: '2020-01-06T10:00' });
    expect(response.status).toBe(422);
    expect(response.body.fields.startsAtLocal).toMatch(/has not passed/);
    expect(response.body.message).toMatch(/in the past/);
  });

  it('refuses rescheduling to a time in the past', async () => {
    const id = await world.planInterview({ startsAtLocal: '2031-02-04T10:00', confirmOverlap: false });
    const response = await world.navigator.post(`/api/interviews/${id}/transitions`, {
      action: 'reschedule',
      startsAtLocal: '2020-01-06T10:00',
      timeZone: 'UTC',
      reason: 'candidate_request',
    });
    expect(response.status).toBe(422);
    expect(response.body.fields.startsAtLocal).toMatch(/has not passed/);
  });

  describe('overlaps with the same people, prep to debrief', () => {
    // Each test books its own day, so what one plans never overlaps another's.
    const planFirst = (day: string) =>
      world.planInterview({
        startsAtLocal: `${day}T10:00`,
        timeZone: 'UTC',
        shadowIds: [world.ids.shadow],
        confirmOverlap: false,
      });

    it('answers 409 listing the overlap, and plans once confirmed (recorded)', async () => {
      // 10:00 UTC: prep from 09:30, interview (5 minutes of setup, the task's budget) to 11:35,
      // refinement to 12:05, debrief to 12:35.
      const first = await planFirst('2031-06-03');
      const refused = await plan({ startsAtLocal: '2031-06-03T10:30' });
      expect(refused.status).toBe(409);
      expect(refused.body.fields).toHaveProperty('confirmOverlap');
      expect(refused.body.details.overlaps).toEqual([
        {
          interviewId: first,
          startsAt: '2031-06-03T09:30:00Z',
          endsAt: '2031-06-03T12:35:00Z',
          // The navigator is on the other interview, so its candidate is named.
          candidateName: 'Casey Candidate',
          people: [{ id: world.ids.navigator, name: 'Nora Navigator' }],
        },
      ]);

      const confirmed = await expectStatus(
        plan({ startsAtLocal: '2031-06-03T10:30', confirmOverlap: true }),
        201,
      );
      const planned = confirmed.interview.events.find((e: { type: string }) => e.type === 'planned');
      expect(planned.payload).toMatchObject({ overlapConfirmed: 1 });
    });

    it('counts the debrief block, and lets back-to-back interviews through', async () => {
      await planFirst('2031-06-04');
      // A 13:00 start has its prep from 12:30, during the first interview's debrief.
      expect((await plan({ startsAtLocal: '2031-06-04T13:00' })).status).toBe(409);
      // A 13:05 start has its prep from 12:35, when the debrief ends.
      await expectStatus(plan({ startsAtLocal: '2031-06-04T13:05' }), 201);
    });

    it('finds a shadow booked twice without naming the candidate to a planner not on it', async () => {
      const first = await planFirst('2031-06-05');
      const refused = await world.outsider.post('/api/interviews', {
        candidateId: world.ids.candidate,
        positionId: world.ids.position,
        taskId: world.ids.task,
        navigatorId: world.ids.outsider,
        shadowIds: [world.ids.shadow],
        startsAtLocal: '2031-06-05T11:00',
        timeZone: 'UTC',
        place: 'Room 9',
      });
      expect(refused.status).toBe(409);
      expect(refused.body.details.overlaps).toEqual([
        expect.objectContaining({
          interviewId: first,
          candidateName: null,
          people: [{ id: world.ids.shadow, name: 'Sam Shadow' }],
        }),
      ]);
      expect(JSON.stringify(refused.body)).not.toContain('Casey');
    });

    it('ignores cancelled interviews and people not on the plan', async () => {
      const cancelled = await planFirst('2031-06-10');
      await expectStatus(
        world.navigator.post(`/api/interviews/${cancelled}/transitions`, { action: 'cancel' }),
        200,
      );
      await expectStatus(plan({ startsAtLocal: '2031-06-10T10:00' }), 201);
      // The outsider's own interview at the same time books neither the navigator nor the shadow,
      // but the position's line manager would sit in two debriefs at once: that needs confirming.
      const theirs = {
        candidateId: world.ids.candidate,
        positionId: world.ids.position,
        taskId: world.ids.task,
        navigatorId: world.ids.outsider,
        startsAtLocal: '2031-06-10T10:00',
        timeZone: 'UTC',
        place: 'Room 9',
      };
      const refused = await world.outsider.post('/api/interviews', theirs);
      expect(refused.status).toBe(409);
      expect(refused.body.details.overlaps ?? []).toEqual([]);
      expect(refused.body.details.calendarConflicts).toEqual([
        expect.objectContaining({ personId: world.ids.lineManager, source: 'pairwise' }),
      ]);
      await expectStatus(world.outsider.post('/api/interviews', { ...theirs, confirmOverlap: true }), 201);
    });

    it('shows the overlap in the preview the plan form asks while typing', async () => {
      const first = await planFirst('2031-06-06');
      const answer = await expectStatus(preview(world.navigator, { startsAtLocal: '2031-06-06T11:00' }), 200);
      expect(answer.overlaps.map((o: { interviewId: string }) => o.interviewId)).toEqual([first]);
      expect(answer.fields).toEqual({});
    });
  });

  describe('warnings on the plan form', () => {
    const codes = async (startsAtLocal: string) => {
      const answer = await expectStatus(preview(world.admin, { startsAtLocal }), 200);
      return answer.warnings.map((w: { code: string }) => w.code);
    };

    it('warns about lead time outside 7 to 21 days, but not inside it', async () => {
      expect(await codes(daysFromNow(2))).toContain('lead_time_short');
      expect(await codes(daysFromNow(40))).toContain('lead_time_long');
      const inside = await codes(daysFromNow(14));
      expect(inside.filter((code: string) => code.startsWith('lead_time'))).toEqual([]);
    });

    it('warns about a weekend and a public holiday of HOLIDAY_REGION', async () => {
      expect(await codes('2031-06-08T10:00')).toContain('weekend'); // a Sunday
      expect(await codes('2031-05-01T10:00')).toContain('holiday'); // Labour Day, a Thursday
      expect(await codes('2031-05-01T10:00')).not.toContain('weekend');
      expect(await codes('2031-05-02T10:00')).not.toContain('holiday');
    });

    it('reports a past start as the field the plan would be refused on', async () => {
      const answer = await expectStatus(preview(world.navigator, { startsAtLocal: '2020-01-06T10:00' }), 200);
      expect(answer.fields.startsAtLocal).toMatch(/has not passed/);
    });

    it('answers 4xx, not 500, to a time that does not exist or a form only half filled', async () => {
      const gap = await preview(world.navigator, {
        startsAtLocal: '2031-03-30T02:30',
        timeZone: 'Europe/Berlin',
      });
      expect(gap.status).toBe(422);
      expect(gap.body.fields.startsAtLocal).toMatch(/clock change/);
      const half = await world.navigator.post('/api/interviews/plan-preview', { startsAtLocal: '2031' });
      expect(half.status).toBe(400);
      expect(half.body.fields).toBeDefined();
    });

    it('still plans a weekend interview: warnings never refuse', async () => {
      await expectStatus(plan({ startsAtLocal: '2031-06-15T10:00' }), 201); // a Sunday
    });
  });

  it('adds the bundled demo kata with TDD rhythm markers on', async () => {
    const { task } = await expectStatus(world.navigator.post('/api/tasks/demo', {}), 201);
    expect(task.tddRhythm).toBe(true);
  });
});
