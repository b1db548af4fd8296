import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { driveToRefinement, note, scorecardFor } from './process-flows.ts';

/**
 * The bias gate has no escape hatch: a keep-reason is checked like the notes, a phrase kept in a
 * protected category waits for a second reviewer before the impression can reach the line
 * manager, and every panel member's words (the shadow's too) pass the same gate.
 */
describe.each(databases())('keeping a flagged phrase (%s)', (database) => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  const ageNote = 'Not sure someone his age will keep up with how fast we ship.';
  const fairReason = 'The candidate raised it himself when we discussed the deadline; I did not rate on it.';

  async function ageFinding(id: string, noteId: string) {
    const check = (await expectStatus(world.navigator.get(`/api/interviews/${id}/bias-check`), 200))
      .biasCheck;
    const finding = check.language.find((f: { targetId: string }) => f.targetId === noteId);
    expect(finding).toMatchObject({ category: 'age', phrase: 'his age' });
    return {
      target: 'note',
      targetId: noteId,
      ruleId: finding.ruleId as string,
      phrase: finding.phrase as string,
    };
  }

  it('refuses a keep-reason that is itself biased, naming the field and the finding', async () => {
    const { id } = await driveToRefinement(world);
    const flagged = await note(world.navigator, id, ageNote, ['concern']);
    const key = await ageFinding(id, flagged);
    const refused = await world.navigator.put(`/api/interviews/${id}/bias-check/resolutions`, {
      ...key,
      reason: 'Honestly her age made her slow with the shortcuts',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('unprocessable');
    expect(refused.body.fields.reason).toMatch(/"her age" \(Age\)/);
    expect(refused.body.details.findings).toEqual([
      expect.objectContaining({ phrase: 'her age', category: 'age' }),
    ]);
    const check = (await expectStatus(world.navigator.get(`/api/interviews/${id}/bias-check`), 200))
      .biasCheck;
    expect(check.resolutions).toEqual([]);
    expect(check.openCount).toBe(1);
  });

  it('needs a second reviewer for a protected-category keep, enforced per role', async () => {
    const { navigator, shadow, lineManager, outsider, anonymous, admin } = world;
    const { id, notes } = await driveToRefinement(world);
    const url = `/api/interviews/${id}`;
    const flagged = await note(navigator, id, ageNote, ['concern']);
    const key = await ageFinding(id, flagged);

    const kept = (
      await expectStatus(navigator.put(`${url}/bias-check/resolutions`, { ...key, reason: fairReason }), 200)
    ).biasCheck;
    expect(kept.language[0].resolution).toMatchObject({
      resolution: 'kept',
      review: { status: 'pending', reviewerId: null, reviewerName: null, reviewedAt: null },
    });
    // Kept, but not yet confirmed by anyone else: it still holds the submission back.
    expect(kept.openCount).toBe(1);
    await expectStatus(navigator.put(`${url}/scorecard`, scorecardFor([notes.positive, flagged])), 200);
    const waiting = await navigator.post(`${url}/scorecard/submit`, { confirmEarly: true });
    expect(waiting.status).toBe(422);
    expect(waiting.body.fields.biasCheck).toMatch(/1 kept phrase \("his age"\) await a second reviewer/);

    const review = { authorId: world.ids.navigator, ...key };
    // Who may not review: the author, a panel member who has not submitted, the line manager,
    // someone not on the interview, and nobody signed out.
    expect((await navigator.put(`${url}/bias-check/reviews`, { ...review, verdict: 'confirm' })).status).toBe(
      403,
    );
    expect((await navigator.get(`${url}/bias-check/reviews`)).status).toBe(403);
    expect((await shadow.get(`${url}/bias-check/reviews`)).status).toBe(403);
    expect((await shadow.put(`${url}/bias-check/reviews`, { ...review, verdict: 'confirm' })).status).toBe(
      403,
    );
    expect((await lineManager.get(`${url}/bias-check/reviews`)).status).toBe(403);
    expect(
      (await lineManager.put(`${url}/bias-check/reviews`, { ...review, verdict: 'confirm' })).status,
    ).toBe(403);
    expect((await outsider.get(`${url}/bias-check/reviews`)).status).toBe(404);
    expect((await outsider.put(`${url}/bias-check/reviews`, { ...review, verdict: 'confirm' })).status).toBe(
      404,
    );
    expect((await anonymous.get(`${url}/bias-check/reviews`)).status).toBe(401);
    expect((await admin.put(`${url}/bias-check/reviews`, { ...review, verdict: 'maybe' })).status).toBe(400);
    expect(
      (await admin.put(`${url}/bias-check/reviews`, { ...review, phrase: 'keep up', verdict: 'confirm' }))
        .status,
    ).toBe(422);

    // The shadow submits, and so may review the navigator's keep: it is shown in its sentence.
    await expectStatus(shadow.put(`${url}/scorecard`, scorecardFor([notes.shadowNote])), 200);
    await expectStatus(shadow.post(`${url}/scorecard/submit`, { confirmEarly: true }), 200);
    const pending = (await expectStatus(shadow.get(`${url}/bias-check/reviews`), 200)).keeps;
    expect(pending).toEqual([
      expect.objectContaining({
        authorId: world.ids.navigator,
        authorName: 'Nora Navigator',
        phrase: 'his age',
        category: 'age',
        context: ageNote,
        reason: fairReason,
        review: expect.objectContaining({ status: 'pending' }),
      }),
    ]);

    // Rejected: the phrase is open again; a new reason is a new request for review.
    const rejected = (
      await expectStatus(shadow.put(`${url}/bias-check/reviews`, { ...review, verdict: 'reject' }), 200)
    ).keeps;
    expect(rejected[0].review).toMatchObject({ status: 'rejected', reviewerName: 'Sam Shadow' });
    expect((await shadow.put(`${url}/bias-check/reviews`, { ...review, verdict: 'confirm' })).status).toBe(
      409,
    );
    const afterReject = await navigator.post(`${url}/scorecard/submit`, { confirmEarly: true });
    expect(afterReject.status).toBe(422);
    expect(afterReject.body.fields.biasCheck).toMatch(/1 open: "his age"/);
    await expectStatus(
      navigator.put(`${url}/bias-check/resolutions`, {
        ...key,
        reason: 'He said it about his own first job when we discussed the deadline; not part of my rating.',
      }),
      200,
    );
    const confirmed = (
      await expectStatus(shadow.put(`${url}/bias-check/reviews`, { ...review, verdict: 'confirm' }), 200)
    ).keeps;
    expect(confirmed[0].review).toMatchObject({ status: 'confirmed', reviewerId: world.ids.shadow });
    expect(Date.parse(confirmed[0].review.reviewedAt)).not.toBeNaN();

    const submitted = await expectStatus(
      navigator.post(`${url}/scorecard/submit`, { confirmEarly: true }),
      200,
    );
    expect(submitted.interview.stage).toBe('reported');

    // The line manager sees who confirmed the keep, in the summary and in the Markdown report.
    const summary = (await expectStatus(lineManager.get(`${url}/bias-check/summary`), 200)).biasChecks;
    const navigatorCheck = summary.find((c: { authorId: string }) => c.authorId === world.ids.navigator);
    expect(navigatorCheck.findings[0].resolution.review).toMatchObject({
      status: 'confirmed',
      reviewerName: 'Sam Shadow',
    });
    const markdown = await lineManager.get(`${url}/report.md`);
    expect(markdown.body).toMatch(
      /"his age" \(Age\) — kept: He said it .*\(confirmed by Sam Shadow, \d{4}-\d{2}-\d{2}\)/,
    );
  });

  it("lets an admin confirm a shadow's keep, and never the author even when they are an admin", async () => {
    const { shadow, admin } = world;
    const { id, notes } = await driveToRefinement(world);
    const url = `/api/interviews/${id}`;
    const flagged = await note(shadow, id, 'Her accent was hard to follow on the call.', ['communication']);
    const check = (await expectStatus(shadow.get(`${url}/bias-check`), 200)).biasCheck;
    const finding = check.language.find((f: { targetId: string }) => f.targetId === flagged);
    expect(finding.category).toBe('accent_language');
    const key = { target: 'note', targetId: flagged, ruleId: finding.ruleId, phrase: finding.phrase };
    await expectStatus(
      shadow.put(`${url}/bias-check/resolutions`, {
        ...key,
        reason: 'The audio dropped twice; she repeated the point in the chat and I did not rate on it.',
      }),
      200,
    );
    const pending = (await expectStatus(admin.get(`${url}/bias-check/reviews`), 200)).keeps;
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ authorName: 'Sam Shadow', category: 'accent_language' });
    await expectStatus(
      admin.put(`${url}/bias-check/reviews`, { authorId: world.ids.shadow, ...key, verdict: 'confirm' }),
      200,
    );
    await expectStatus(shadow.put(`${url}/scorecard`, scorecardFor([notes.shadowNote, flagged])), 200);
    await expectStatus(shadow.post(`${url}/scorecard/submit`, { confirmEarly: true }), 200);
  });

  it("checks the shadow's notes and impression before the line manager can read them", async () => {
    const { navigator, shadow, lineManager } = world;
    const { id, notes } = await driveToRefinement(world);
    const url = `/api/interviews/${id}`;
    const shadowFlagged = await note(shadow, id, 'Reminds me of myself, a real culture fit.', [
      'communication',
    ]);
    await expectStatus(shadow.put(`${url}/scorecard`, scorecardFor([notes.shadowNote], 'Very smart.')), 200);
    const refused = await shadow.post(`${url}/scorecard/submit`, { confirmEarly: true });
    expect(refused.status).toBe(422);
    expect(refused.body.fields.biasCheck).toMatch(/3 open/);

    // The navigator reports; the line manager's report shows none of the shadow's words yet.
    await expectStatus(navigator.put(`${url}/scorecard`, scorecardFor([notes.positive])), 200);
    await expectStatus(navigator.post(`${url}/scorecard/submit`, { confirmEarly: true }), 200);
    const early = (await expectStatus(lineManager.get(`${url}/report`), 200)).report;
    expect(early.notes.map((n: { id: string }) => n.id)).not.toContain(shadowFlagged);
    expect(early.scorecards.map((c: { authorId: string }) => c.authorId)).toEqual([world.ids.navigator]);

    // Rewritten, the shadow's words pass the gate and reach the report with their bias check.
    await expectStatus(
      shadow.patch(`${url}/notes/${shadowFlagged}`, {
        text: 'Asked which edge cases mattered before writing the parser.',
        tags: ['communication'],
      }),
      200,
    );
    await expectStatus(
      shadow.put(
        `${url}/scorecard`,
        scorecardFor([notes.shadowNote], 'Asked about edge cases before coding.'),
      ),
      200,
    );
    await expectStatus(shadow.post(`${url}/scorecard/submit`, { confirmEarly: true }), 200);
    const later = (await expectStatus(lineManager.get(`${url}/report`), 200)).report;
    expect(later.notes.map((n: { id: string }) => n.id)).toContain(shadowFlagged);
    const summary = (await expectStatus(lineManager.get(`${url}/bias-check/summary`), 200)).biasChecks;
    const shadowCheck = summary.find((c: { authorId: string }) => c.authorId === world.ids.shadow);
    expect(shadowCheck.findings).toEqual([]);
    expect(shadowCheck.resolutions.map((r: { phrase: string }) => r.phrase).sort()).toEqual([
      'culture fit',
      'reminds me of myself',
      'smart',
    ]);
  });
});
