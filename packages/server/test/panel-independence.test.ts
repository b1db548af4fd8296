import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { driveToRefinement, navigatorSubmits, note, scorecardFor } from './process-flows.ts';

describe.each(databases())('panel independence, server-enforced (%s)', (database) => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  it('keeps the shadow refining after the navigator submitted, seeing only their own work', async () => {
    const { navigator, shadow } = world;
    const { id, notes } = await driveToRefinement(world);
    await navigatorSubmits(world, id, [notes.positive, notes.positive2]);

    const detail = await expectStatus(shadow.get(`/api/interviews/${id}`), 200);
    expect(detail.interview.stage).toBe('reported');
    expect(detail.interview.myPanelState).toBe('refining');
    expect(detail.interview.panel).toEqual([
      expect.objectContaining({ name: 'Nora Navigator', state: 'submitted' }),
      expect.objectContaining({ name: 'Sam Shadow', state: 'refining' }),
    ]);

    // Every route that could show the navigator's notes, ratings or impression refuses or filters.
    const ownNotes = await expectStatus(shadow.get(`/api/interviews/${id}/notes`), 200);
    expect(ownNotes.notes.map((n: { id: string }) => n.id)).toEqual([notes.shadowNote]);
    for (const url of ['report', 'report.md', 'bias-check/summary']) {
      const refused = await shadow.get(`/api/interviews/${id}/${url}`);
      expect(refused.status, url).toBe(409);
      expect(refused.body.message, url).toMatch(/Submit your own impression first/);
    }
    const mine = await expectStatus(shadow.get(`/api/interviews/${id}/scorecard`), 200);
    expect(mine.scorecard).toBeNull();

    // The shadow's path is still open: refine, add a note, rate, resolve, submit.
    await expectStatus(
      shadow.patch(`/api/interviews/${id}/notes/${notes.shadowNote}`, {
        text: 'Asked about empty input before writing code',
        tags: ['communication', 'positive'],
      }),
      200,
    );
    const late = await note(shadow, id, 'Kept the tests green while refactoring', ['positive']);
    await expectStatus(
      shadow.put(`/api/interviews/${id}/scorecard`, scorecardFor([notes.shadowNote, late])),
      200,
    );
    await expectStatus(shadow.post(`/api/interviews/${id}/scorecard/submit`, { confirmEarly: true }), 200);

    const afterwards = await expectStatus(shadow.get(`/api/interviews/${id}/report`), 200);
    expect(afterwards.report.impressionsIn).toMatchObject({ submitted: 2, total: 2, missing: [] });
    expect(afterwards.report.scorecards).toHaveLength(2);
    // The navigator sees both once both are in, and not before (next test).
    const navigatorView = await expectStatus(navigator.get(`/api/interviews/${id}/notes`), 200);
    expect(navigatorView.notes.map((n: { id: string }) => n.id)).toContain(late);
  });

  it('reports "k of n impressions in" and keeps unsubmitted notes out of every report', async () => {
    const { navigator, lineManager } = world;
    const { id, notes } = await driveToRefinement(world);
    await navigatorSubmits(world, id, [notes.positive]);

    for (const reader of [lineManager, navigator, world.admin]) {
      const { report } = await expectStatus(reader.get(`/api/interviews/${id}/report`), 200);
      expect(report.impressionsIn).toEqual({
        submitted: 1,
        total: 2,
        missing: [{ id: world.ids.shadow, name: 'Sam Shadow' }],
      });
      expect(report.scorecards.map((c: { authorName: string }) => c.authorName)).toEqual(['Nora Navigator']);
      expect(report.notes.map((n: { id: string }) => n.id)).not.toContain(notes.shadowNote);
      const markdown = await expectStatus(reader.get(`/api/interviews/${id}/report.md`), 200);
      expect(markdown).toContain('1 of 2 impressions in; missing: Sam Shadow');
      expect(markdown).not.toContain('Shadow private');
    }
    const before = await navigator.get(`/api/interviews/${id}/notes`);
    expect(before.body.notes.map((n: { id: string }) => n.id)).not.toContain(notes.shadowNote);
  });

  it('refuses the decision while a member is open unless the line manager proceeds with a reason', async () => {
    const { lineManager, shadow } = world;
    const { id, notes } = await driveToRefinement(world);
    await navigatorSubmits(world, id, [notes.positive]);

    const refused = await lineManager.post(`/api/interviews/${id}/decision`, { outcome: 'offer' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/1 of 2 impressions in; missing: Sam Shadow/);
    expect(refused.body.fields).toHaveProperty('proceedWithoutPanel');
    const blank = await lineManager.post(`/api/interviews/${id}/decision`, {
      outcome: 'offer',
      proceedWithoutPanel: { reason: '   ' },
    });
    expect(blank.status).toBe(400);

    const decided = await expectStatus(
      lineManager.post(`/api/interviews/${id}/decision`, {
        outcome: 'offer',
        proceedWithoutPanel: { reason: 'Sam is on leave for three weeks; the candidate has a deadline.' },
      }),
      200,
    );
    expect(decided.report.decision.proceededWithoutPanel).toEqual({
      reason: 'Sam is on leave for three weeks; the candidate has a deadline.',
      missing: ['Sam Shadow'],
    });
    const markdown = await expectStatus(lineManager.get(`/api/interviews/${id}/report.md`), 200);
    expect(markdown).toContain('Decided without the impression of Sam Shadow: Sam is on leave');

    await expectStatus(shadow.put(`/api/interviews/${id}/scorecard`, scorecardFor([notes.shadowNote])), 409);
    const locked = await shadow.post(`/api/interviews/${id}/scorecard/submit`, {});
    expect(locked.status).toBe(409);
    expect(locked.body.message).toMatch(/decision before your impression/);
    // Even now the shadow never reads the others' work: they never submitted.
    expect((await shadow.get(`/api/interviews/${id}/report`)).status).toBe(409);
  });

  it('decides without an override once every member has submitted', async () => {
    const { lineManager, shadow } = world;
    const { id, notes } = await driveToRefinement(world);
    await navigatorSubmits(world, id, [notes.positive]);
    await expectStatus(shadow.put(`/api/interviews/${id}/scorecard`, scorecardFor([notes.shadowNote])), 200);
    await expectStatus(shadow.post(`/api/interviews/${id}/scorecard/submit`, { confirmEarly: true }), 200);
    const decided = await expectStatus(
      lineManager.post(`/api/interviews/${id}/decision`, { outcome: 'offer' }),
      200,
    );
    expect(decided.report.decision.proceededWithoutPanel).toBeNull();
  });
});
