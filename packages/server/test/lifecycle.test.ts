import { randomUUID } from 'node:crypto';
import { biasChecklistIds, defaultFocusAttributes } from '@pairwise/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { rescheduleInterview, step } from './process-flows.ts';

describe.each(databases())('interview lifecycle through the API (%s)', (database) => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  const transition = (id: string, body: Record<string, unknown>) =>
    world.navigator.post(`/api/interviews/${id}/transitions`, body);

  it('carries one interview from planned to decided', async () => {
    const { navigator, shadow, lineManager } = world;
    const id = await world.planInterview();
    const planned = await expectStatus(navigator.get(`/api/interviews/${id}`), 200);
    expect(planned.interview.stage).toBe('planned');
    expect(planned.interview.startsAt).toBe('2030-03-05T13:00:00.000Z');
    expect(planned.interview.checklist.ready).toBe(false);

    // Calendar cleared follows its evidence (blocks in connected calendars, or mailed).
    for (const item of ['guide_read', 'credentials_ready']) {
      await expectStatus(navigator.put(`/api/interviews/${id}/checklist/${item}`, { done: true }), 200);
    }
    const withPlan = await expectStatus(
      navigator.put(`/api/interviews/${id}/difficulty-plan`, { leverIds: ['hint-tests'] }),
      200,
    );
    // Rehearsal and export are computed from evidence (task-preparation.test.ts), never ticked.
    const open = withPlan.interview.checklist.items.filter((item: { done: boolean }) => !item.done);
    expect(open.map((item: { id: string }) => item.id)).toEqual([
      'setup_rehearsed',
      'rehearsed_second_machine',
      'repository_exported',
    ]);

    await step(world.navigator, id, 'invite');
    await expectStatus(
      navigator.post(`/api/interviews/${id}/wellness`, { well: true, startEarly: true }),
      200,
    );
    await expectStatus(transition(id, { action: 'start_setup', startEarly: true }), 200);

    const illegal = await transition(id, { action: 'start_retrospective' });
    expect(illegal.status).toBe(409);
    expect(illegal.body).toMatchObject({ code: 'illegal_transition' });
    expect(illegal.body.message).toMatch(/retrospective follows the break/);

    const pairing = await expectStatus(transition(id, { action: 'start_pairing' }), 200);
    const { pairingStartedAt, pairingEndsAt } = pairing.interview.clock;
    expect(Date.parse(pairingEndsAt) - Date.parse(pairingStartedAt)).toBe(60 * 60_000);

    // The clock comes from the server: a second look (reload, second device) sees the same end.
    const again = await expectStatus(shadow.get(`/api/interviews/${id}`), 200);
    expect(again.interview.clock.pairingEndsAt).toBe(pairingEndsAt);

    const positive = randomUUID();
    const concern = randomUUID();
    await expectStatus(
      navigator.put(`/api/interviews/${id}/notes/${positive}`, {
        text: 'Wrote the test first',
        tags: ['positive', 'tdd'],
        offsetMs: 61_000,
      }),
      200,
    );
    await expectStatus(
      navigator.put(`/api/interviews/${id}/notes/${concern}`, {
        text: 'Long method left',
        tags: ['concern'],
        offsetMs: 125_000,
      }),
      200,
    );
    const shadowNote = randomUUID();
    await expectStatus(
      shadow.put(`/api/interviews/${id}/notes/${shadowNote}`, {
        text: 'Asked good questions',
        tags: ['communication'],
        offsetMs: 90_000,
      }),
      200,
    );

    // Resending a note (lost acknowledgement) never duplicates it.
    await expectStatus(
      navigator.put(`/api/interviews/${id}/notes/${positive}`, {
        text: 'Wrote the test first',
        tags: ['positive', 'tdd'],
        offsetMs: 61_000,
      }),
      200,
    );
    const navNotes = await expectStatus(navigator.get(`/api/interviews/${id}/notes`), 200);
    expect(navNotes.notes.map((n: { id: string }) => n.id)).toEqual([positive, concern]);
    expect(navNotes.notes[0].offsetMs).toBe(61_000);

    await expectStatus(transition(id, { action: 'end_pairing', confirmEarly: true }), 200);
    const blocked = await transition(id, { action: 'start_break' });
    expect(blocked.status).toBe(422);
    expect(blocked.body.message).toMatch(/deleted the repository/);
    const confirmed = await expectStatus(
      navigator.post(`/api/interviews/${id}/repository-deletion`, { confirmed: true }),
      200,
    );
    expect(confirmed.interview.repositoryDeletionConfirmedAt).toBeTruthy();
    await expectStatus(transition(id, { action: 'start_break' }), 200);
    await expectStatus(transition(id, { action: 'start_retrospective', confirmEarly: true }), 200);

    const noDeadline = await transition(id, { action: 'start_refinement' });
    expect(noDeadline.status).toBe(422);
    await expectStatus(
      navigator.put(`/api/interviews/${id}/retrospective`, {
        sharedNoteIds: [positive],
        answers: {
          solution: 'Likes the small functions',
          learned: 'node --test',
          change: 'Extract a formatter',
        },
        deadline: '2031-01-15',
        nextSteps: 'Lena will be in touch.',
      }),
      200,
    );
    const refinement = await expectStatus(transition(id, { action: 'start_refinement' }), 200);
    expect(
      Date.parse(refinement.interview.clock.refinementEndsAt) -
        Date.parse(refinement.interview.clock.refinementStartedAt),
    ).toBe(30 * 60_000);

    const edited = await expectStatus(
      navigator.patch(`/api/interviews/${id}/notes/${concern}`, {
        text: 'Left a 40-line method unrefactored',
        tags: ['concern', 'design'],
      }),
      200,
    );
    expect(edited.note.text).toBe('Left a 40-line method unrefactored');
    expect(edited.note.revisions).toEqual([
      expect.objectContaining({ text: 'Long method left', tags: ['concern'] }),
    ]);

    const ratings = defaultFocusAttributes.map((a) => ({
      attribute: a.id,
      score: 3,
      evidenceNoteIds: [positive],
    }));
    const checklist = Object.fromEntries(biasChecklistIds.map((b) => [b, { reflected: true, comment: '' }]));
    await expectStatus(
      navigator.put(`/api/interviews/${id}/scorecard`, {
        ratings: ratings.slice(1),
        impression: '',
        recommendation: null,
        biasChecklist: {},
      }),
      200,
    );
    const incomplete = await navigator.post(`/api/interviews/${id}/scorecard/submit`, { confirmEarly: true });
    expect(incomplete.status).toBe(422);
    expect(Object.keys(incomplete.body.fields)).toEqual(
      expect.arrayContaining(['biasChecklist', 'ratings.collaboration', 'impression', 'recommendation']),
    );

    // The shadow rates independently and cannot see the navigator's notes yet.
    const shadowView = await expectStatus(shadow.get(`/api/interviews/${id}/notes`), 200);
    expect(shadowView.notes.map((n: { id: string }) => n.id)).toEqual([shadowNote]);

    await expectStatus(
      navigator.put(`/api/interviews/${id}/scorecard`, {
        ratings,
        impression: 'Strong collaborator.',
        recommendation: 'yes',
        biasChecklist: checklist,
      }),
      200,
    );
    const reported = await expectStatus(
      navigator.post(`/api/interviews/${id}/scorecard/submit`, { confirmEarly: true }),
      200,
    );
    expect(reported.interview.stage).toBe('reported');

    await expectStatus(
      shadow.put(`/api/interviews/${id}/scorecard`, {
        ratings: ratings.map((r) => ({ ...r, evidenceNoteIds: [shadowNote] })),
        impression: 'Good.',
        recommendation: 'yes',
        biasChecklist: checklist,
      }),
      200,
    );
    await expectStatus(shadow.post(`/api/interviews/${id}/scorecard/submit`, { confirmEarly: true }), 200);
    const everyone = await expectStatus(shadow.get(`/api/interviews/${id}/notes`), 200);
    expect(everyone.notes).toHaveLength(3);

    const report = await expectStatus(lineManager.get(`/api/interviews/${id}/report`), 200);
    expect(report.report).toMatchObject({
      deadline: '2031-01-15',
      canDecide: true,
      candidateName: 'Casey Candidate',
    });
    expect(report.report.daysLeft).toBeGreaterThan(0);
    expect(report.report.scorecards).toHaveLength(2);
    expect(report.report.retrospective.answers.solution).toBe('Likes the small functions');

    const decided = await expectStatus(
      lineManager.post(`/api/interviews/${id}/decision`, { outcome: 'offer', note: 'Welcome aboard' }),
      200,
    );
    expect(decided.report.decision).toMatchObject({ outcome: 'offer', decidedByName: 'Lena Manager' });
    expect(decided.report.canDecide).toBe(false);

    const timeline = decided.report.events
      .map((e: { type: string }) => e.type)
      .filter((t: string) => !t.endsWith('_updated') && !t.endsWith('_chosen'));
    expect(timeline).toEqual([
      'planned',
      'invited',
      'checked_in',
      'setup',
      'pairing',
      'wrap',
      'repository_deletion_confirmed',
      'break',
      'retrospective',
      'refinement',
      'reported',
      'scorecard_submitted',
      'decided',
    ]);
  });

  it('turns "not well" into a reschedule that carries no penalty', async () => {
    const id = await world.planInterview();
    await step(world.navigator, id, 'invite');
    const unwell = await expectStatus(
      world.navigator.post(`/api/interviews/${id}/wellness`, { well: false, startEarly: true }),
      200,
    );
    expect(unwell.interview.stage).toBe('invited');
    expect(unwell.interview.wellness).toBe('not_well');
    const moved = await rescheduleInterview(world.navigator, id, {
      startsAtLocal: '2030-03-12T10:00',
      timeZone: 'America/New_York',
      reason: 'candidate_unwell',
    });
    expect(moved.interview).toMatchObject({
      stage: 'invited',
      wellness: null,
      startsAt: '2030-03-12T14:00:00.000Z',
    });
    const event = moved.interview.events.at(-1);
    expect(event.type).toBe('rescheduled');
    expect(Object.keys(event.payload).sort()).toEqual([
      'from',
      'previousStartsAt',
      'reason',
      'startsAt',
      'timeZone',
      'to',
    ]);

    // A penalty field cannot even be sent.
    const penalty = await transition(id, {
      action: 'reschedule',
      startsAtLocal: '2030-03-13T10:00',
      timeZone: 'UTC',
      reason: 'other',
      penalty: true,
    });
    expect(penalty.status).toBe(400);
  });

  it('cancels or records a no-show only before pairing', async () => {
    const cancelled = await world.planInterview();
    expect(
      (await expectStatus(transition(cancelled, { action: 'cancel', reason: 'Position closed' }), 200))
        .interview.stage,
    ).toBe('cancelled');
    const noShow = await world.planInterview();
    await step(world.navigator, noShow, 'invite');
    expect((await expectStatus(transition(noShow, { action: 'mark_no_show' }), 200)).interview.stage).toBe(
      'no_show',
    );
    const late = await world.planInterview();
    for (const action of ['invite', 'start_setup']) {
      if (action === 'start_setup')
        await expectStatus(
          world.navigator.post(`/api/interviews/${late}/wellness`, { well: true, startEarly: true }),
          200,
        );
      await step(world.navigator, late, action);
    }
    await expectStatus(transition(late, { action: 'start_pairing' }), 200);
    expect((await transition(late, { action: 'cancel' })).status).toBe(409);
  });

  it('counts an empty difficulty plan as chosen once saved', async () => {
    const id = await world.planInterview();
    const item = (detail: { interview: { checklist: { items: Array<{ id: string; done: boolean }> } } }) =>
      detail.interview.checklist.items.find((i) => i.id === 'difficulty_plan')?.done;
    expect(item(await expectStatus(world.navigator.get(`/api/interviews/${id}`), 200))).toBe(false);
    expect(
      item(
        await expectStatus(
          world.navigator.put(`/api/interviews/${id}/difficulty-plan`, { leverIds: [] }),
          200,
        ),
      ),
    ).toBe(true);
  });

  it('refuses a time that does not exist in the chosen zone', async () => {
    const response = await world.navigator.post('/api/interviews', {
      candidateId: world.ids.candidate,
      positionId: world.ids.position,
      taskId: world.ids.task,
      navigatorId: world.ids.navigator,
      startsAtLocal: '2030-03-31T02:30',
      timeZone: 'Europe/Berlin',
      place: 'Room 3',
    });
    expect(response.status).toBe(422);
    expect(response.body.fields.startsAtLocal).toMatch(/clock change/);
  });
});
