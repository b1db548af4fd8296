import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  type Client,
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import {
  driveToRefinement,
  go,
  navigatorSubmits,
  note,
  rescheduleInterview,
  scorecardFor,
  sendInvitation,
} from './process-flows.ts';

/** Everything the live channel replays from the start, up to the heartbeat that ends the replay. */
async function replay(server: TestServer, client: Client, id: string) {
  const url = `${server.url.replace('http', 'ws')}/api/interviews/${id}/live?since=0`;
  const socket = new WebSocket(url, { headers: { cookie: client.cookie ?? '' } });
  const messages: Array<{ kind: string; type?: string; payload?: Record<string, unknown> }> = [];
  await new Promise<void>((resolve, reject) => {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.kind === 'heartbeat') resolve();
      else messages.push(message);
    });
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
  socket.close();
  return messages;
}

describe.each(databases())('the process keeps its promises (%s)', (database) => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  describe('protected time', () => {
    it('refuses a plain early end of pairing, the break and refinement, and records a confirmed one', async () => {
      const { navigator } = world;
      const id = await world.planInterview();
      await sendInvitation(world, id);
      await expectStatus(
        navigator.post(`/api/interviews/${id}/wellness`, { well: true, startEarly: true }),
        200,
      );
      await go(navigator, id, { action: 'start_setup', startEarly: true });
      await go(navigator, id, { action: 'start_pairing' });

      const early = await navigator.post(`/api/interviews/${id}/transitions`, { action: 'end_pairing' });
      expect(early.status).toBe(409);
      expect(early.body.message).toMatch(/End pairing with 60 minutes of the promised 60 left\?/);
      expect(early.body.fields).toHaveProperty('confirmEarly');
      const ended = await go(navigator, id, { action: 'end_pairing', confirmEarly: true });
      const wrap = ended.interview.events.find((e: { type: string }) => e.type === 'wrap');
      expect(wrap.payload).toMatchObject({ cutShort: true, minutesLeft: 60, pairingLengthMinutes: 0 });

      await expectStatus(
        navigator.post(`/api/interviews/${id}/repository-deletion`, { confirmed: true }),
        200,
      );
      await go(navigator, id, { action: 'start_break' });
      const skip = await navigator.post(`/api/interviews/${id}/transitions`, {
        action: 'start_retrospective',
      });
      expect(skip.status).toBe(409);
      expect(skip.body.message).toMatch(/End the break with 10 minutes/);
      await go(navigator, id, { action: 'start_retrospective', confirmEarly: true });
      await expectStatus(
        navigator.put(`/api/interviews/${id}/retrospective`, {
          sharedNoteIds: [],
          answers: { solution: '', learned: '', change: '' },
          deadline: '2030-03-20',
          nextSteps: '',
        }),
        200,
      );
      await go(navigator, id, { action: 'start_refinement' });
      const mine = await note(navigator, id, 'Tested first', ['positive']);
      await expectStatus(navigator.put(`/api/interviews/${id}/scorecard`, scorecardFor([mine])), 200);
      const hurried = await navigator.post(`/api/interviews/${id}/scorecard/submit`, {});
      expect(hurried.status).toBe(409);
      expect(hurried.body.message).toMatch(/Submit with 30 minutes of the promised 30 left\?/);
      await expectStatus(
        navigator.post(`/api/interviews/${id}/scorecard/submit`, { confirmEarly: true }),
        200,
      );

      const { report } = await expectStatus(world.lineManager.get(`/api/interviews/${id}/report`), 200);
      expect(report.phaseLengths).toEqual([
        { phase: 'pairing', promisedMinutes: 60, actualMinutes: 0, cutShort: true },
        { phase: 'break', promisedMinutes: 10, actualMinutes: 0, cutShort: true },
        { phase: 'refinement', promisedMinutes: 30, actualMinutes: 0, cutShort: true },
      ]);
      const markdown = await expectStatus(world.lineManager.get(`/api/interviews/${id}/report.md`), 200);
      expect(markdown).toContain('pairing 0 of 60 min (cut short)');
    });

    it('asks for "start early" for check-in, setup and the repository days before the interview', async () => {
      const { navigator } = world;
      const id = await world.planInterview();
      await sendInvitation(world, id);
      const window = await navigator.put(`/api/interviews/${id}/repository/window`, { open: true });
      expect(window.status).toBe(409);
      expect(window.body.fields).toHaveProperty('startEarly');
      const status = await expectStatus(navigator.get(`/api/interviews/${id}/repository`), 200);
      expect(status.repository.window.state).toBe('not_yet');

      expect((await navigator.post(`/api/interviews/${id}/wellness`, { well: false })).status).toBe(409);
      const checkIn = await navigator.post(`/api/interviews/${id}/wellness`, { well: true });
      expect(checkIn.status).toBe(409);
      expect(checkIn.body.message).toMatch(/starts in \d+ days\. Check-in happens on the day/);
      const checked = await expectStatus(
        navigator.post(`/api/interviews/${id}/wellness`, { well: true, startEarly: true }),
        200,
      );
      expect(checked.interview.events.at(-1)).toMatchObject({
        type: 'checked_in',
        payload: { startedEarly: true },
      });
      const setup = await navigator.post(`/api/interviews/${id}/transitions`, { action: 'start_setup' });
      expect(setup.status).toBe(409);
      expect(
        (await expectStatus(navigator.get(`/api/interviews/${id}/repository`), 200)).repository.window.state,
      ).toBe('not_yet');
      const started = await go(navigator, id, { action: 'start_setup', startEarly: true });
      expect(started.interview.events.at(-1)).toMatchObject({
        type: 'setup',
        payload: { startedEarly: true },
      });
    });
  });

  describe('one path per candidate message', () => {
    it('sends the invitation only from its preview, and a checklist not ready only with a reason', async () => {
      const { navigator } = world;
      const id = await world.planInterview();
      const generic = await navigator.post(`/api/interviews/${id}/transitions`, { action: 'invite' });
      expect(generic.status).toBe(409);
      expect(generic.body.message).toMatch(/sent from its preview/);
      const outbox = await expectStatus(world.admin.get('/api/outbox'), 200);
      const toCandidate = (outbox.messages as Array<{ interviewId: string | null }>).filter(
        (m) => m.interviewId === id,
      );
      expect(toCandidate).toEqual([]);

      const { invitation } = await expectStatus(navigator.get(`/api/interviews/${id}/invitation`), 200);
      const notReady = await navigator.post(`/api/interviews/${id}/invitation`, {
        previewDigest: invitation.previewDigest,
      });
      expect(notReady.status).toBe(422);
      expect(notReady.body.fields).toHaveProperty('notReadyReason');
      expect((await expectStatus(navigator.get(`/api/interviews/${id}`), 200)).interview.stage).toBe(
        'planned',
      );
      await expectStatus(
        navigator.post(`/api/interviews/${id}/invitation`, {
          previewDigest: invitation.previewDigest,
          notReadyReason: 'Rehearsed on the candidate laptop image instead.',
        }),
        200,
      );
      const detail = await expectStatus(navigator.get(`/api/interviews/${id}`), 200);
      expect(
        detail.interview.events.find((e: { type: string }) => e.type === 'invited').payload,
      ).toMatchObject({
        checklistNotReady: true,
        notReadyReason: 'Rehearsed on the candidate laptop image instead.',
      });
    });
  });

  describe('no disadvantage from rescheduling', () => {
    it('keeps wellness answers and reschedule reasons from the line manager on every route', async () => {
      const { navigator, shadow, lineManager, admin } = world;
      const { id: other } = { id: await world.planInterview() };
      await sendInvitation(world, other);
      await expectStatus(
        navigator.post(`/api/interviews/${other}/wellness`, { well: false, startEarly: true }),
        200,
      );
      await rescheduleInterview(navigator, other, {
        startsAtLocal: '2030-03-06T14:00',
        timeZone: 'Europe/Berlin',
        reason: 'candidate_unwell',
        confirmOverlap: true,
      });
      await expectStatus(
        navigator.post(`/api/interviews/${other}/wellness`, { well: false, startEarly: true }),
        200,
      );

      for (const [name, client] of [
        ['navigator', navigator],
        ['shadow', shadow],
        ['admin', admin],
      ] as const) {
        const { interview } = await expectStatus(client.get(`/api/interviews/${other}`), 200);
        expect(interview.wellness, name).toBe('not_well');
        expect(JSON.stringify(interview.events), name).toMatch(/candidate_unwell/);
        expect(
          (await replay(server, client, other)).some((m) => m.type === 'wellness_recorded'),
          name,
        ).toBe(true);
      }
      const { interview } = await expectStatus(lineManager.get(`/api/interviews/${other}`), 200);
      expect(interview.wellness).toBeNull();
      expect(interview.events.map((e: { type: string }) => e.type)).toContain('rescheduled');
      expect(interview.events.map((e: { type: string }) => e.type)).not.toContain('wellness_recorded');
      expect(JSON.stringify(interview.events)).not.toMatch(/unwell|"well"|reason/);
      const live = await replay(server, lineManager, other);
      expect(live.map((m) => m.type)).toContain('rescheduled');
      expect(JSON.stringify(live)).not.toMatch(/unwell|wellness|"well"|reason/);
      const invitation = await expectStatus(lineManager.get(`/api/interviews/${other}/invitation`), 200);
      expect(JSON.stringify(invitation.invitation.responses)).not.toMatch(/unwell/);
    });

    it('keeps them out of the report and report.md too', async () => {
      const { navigator, lineManager } = world;
      const id = await world.planInterview();
      await sendInvitation(world, id);
      await expectStatus(
        navigator.post(`/api/interviews/${id}/wellness`, { well: false, startEarly: true }),
        200,
      );
      await rescheduleInterview(navigator, id, {
        startsAtLocal: '2030-03-06T14:00',
        timeZone: 'Europe/Berlin',
        reason: 'candidate_unwell',
        confirmOverlap: true,
      });
      // The same interview then runs to the report.
      await expectStatus(
        navigator.post(`/api/interviews/${id}/wellness`, { well: true, startEarly: true }),
        200,
      );
      await go(navigator, id, { action: 'start_setup', startEarly: true });
      await go(navigator, id, { action: 'start_pairing' });
      const positive = await note(navigator, id, 'Tested first', ['positive']);
      await go(navigator, id, { action: 'end_pairing', confirmEarly: true });
      await expectStatus(
        navigator.post(`/api/interviews/${id}/repository-deletion`, { confirmed: true }),
        200,
      );
      await go(navigator, id, { action: 'start_break' });
      await go(navigator, id, { action: 'start_retrospective', confirmEarly: true });
      await expectStatus(
        navigator.put(`/api/interviews/${id}/retrospective`, {
          sharedNoteIds: [positive],
          answers: { solution: '', learned: '', change: '' },
          deadline: '2030-03-20',
          nextSteps: '',
        }),
        200,
      );
      await go(navigator, id, { action: 'start_refinement' });
      await navigatorSubmits(world, id, [positive]);
      const { report } = await expectStatus(lineManager.get(`/api/interviews/${id}/report`), 200);
      expect(report.events.map((e: { type: string }) => e.type)).toContain('rescheduled');
      expect(JSON.stringify(report)).not.toMatch(/unwell|wellness_recorded|"well"/);
      const markdown = await expectStatus(lineManager.get(`/api/interviews/${id}/report.md`), 200);
      expect(markdown).not.toMatch(/unwell/);
    });
  });

  describe('retrospective and evidence rules', () => {
    it('shares only positive notes and never a "hear back by" before the interview', async () => {
      const { navigator } = world;
      const { id, notes } = await driveToRefinement(world);
      const save = (body: Record<string, unknown>) =>
        navigator.put(`/api/interviews/${id}/retrospective`, {
          sharedNoteIds: [notes.positive],
          answers: { solution: '', learned: '', change: '' },
          deadline: '2030-03-20',
          nextSteps: '',
          ...body,
        });
      const concern = await save({ sharedNoteIds: [notes.positive, notes.concern] });
      expect(concern.status).toBe(422);
      expect(concern.body.message).toMatch(/Only positive observations are shared/);
      // The interview took place today (it was run early, on purpose): the day of its pairing counts.
      const today = DateTime.now().setZone('Europe/Berlin');
      const before = await save({ deadline: today.minus({ days: 1 }).toISODate() });
      expect(before.status).toBe(422);
      expect(before.body.message).toContain(`cannot be before it (${today.toISODate()})`);
      expect(before.body.fields.deadline).toBe(`Choose ${today.toISODate()} or later.`);
      await expectStatus(save({}), 200);
    });

    it("accepts as evidence only the member's own notes of this interview", async () => {
      const { navigator, shadow } = world;
      const { id, notes } = await driveToRefinement(world);
      const { notes: elsewhere } = await driveToRefinement(world);
      const others = await navigator.put(
        `/api/interviews/${id}/scorecard`,
        scorecardFor([notes.positive, notes.shadowNote]),
      );
      expect(others.status).toBe(422);
      expect(others.body.message).toMatch(/your own notes of this interview/);
      const otherInterview = await navigator.put(
        `/api/interviews/${id}/scorecard`,
        scorecardFor([elsewhere.positive]),
      );
      expect(otherInterview.status).toBe(422);
      const unknown = await shadow.put(`/api/interviews/${id}/scorecard`, scorecardFor([randomUUID()]));
      expect(unknown.status).toBe(422);

      // One note behind every rating is allowed but flagged.
      await expectStatus(
        navigator.put(`/api/interviews/${id}/scorecard`, scorecardFor([notes.positive])),
        200,
      );
      const check = await expectStatus(navigator.get(`/api/interviews/${id}/bias-check`), 200);
      expect(check.biasCheck.structural.map((f: { checkId: string }) => f.checkId)).toContain(
        'single_evidence',
      );
    });
  });
});
