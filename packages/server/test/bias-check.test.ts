import { randomUUID } from 'node:crypto';
import { biasChecklistIds, defaultFocusAttributes } from '@pairwise/domain';
import { checkLanguage } from '@pairwise/domain/language-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { finishRetrospective, outboxMessages, runSessionUntilRetrospective } from './outreach-flows.ts';
import { step } from './process-flows.ts';

const checklist = Object.fromEntries(biasChecklistIds.map((b) => [b, { reflected: true, comment: '' }]));
const ratingsWith = (noteIds: string[]) =>
  defaultFocusAttributes.map((a, i) => ({ attribute: a.id, score: (i % 4) + 1, evidenceNoteIds: noteIds }));

describe.each(databases())('bias check through the API (%s)', (database) => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  /** An interview in refinement with one flagged note (two phrases) and one neutral note. */
  async function inRefinement() {
    const { navigator } = world;
    const id = await world.planInterview();
    await step(navigator, id, 'invite');
    const neutral = await runSessionUntilRetrospective(world, id);
    const flagged = randomUUID();
    await expectStatus(
      navigator.put(`/api/interviews/${id}/notes/${flagged}`, {
        text: 'Wrote the failing test first. Reminds me of myself, a real culture fit.',
        tags: ['tdd'],
        offsetMs: 2_000_000,
      }),
      200,
    );
    await finishRetrospective(world, id, '2031-02-01');
    return { id, neutral, flagged };
  }

  it('refuses submission until the checklist is answered, every rating has evidence and every phrase is resolved', async () => {
    const { navigator, lineManager } = world;
    const { id, neutral, flagged } = await inRefinement();
    const url = `/api/interviews/${id}`;

    const first = (await expectStatus(navigator.get(`${url}/bias-check`), 200)).biasCheck;
    const text = 'Wrote the failing test first. Reminds me of myself, a real culture fit.';
    expect(first.language.map((f: { ruleId: string; phrase: string }) => f.phrase)).toEqual([
      'Reminds me of myself',
      'culture fit',
    ]);
    for (const finding of first.language) {
      expect(text.slice(finding.start, finding.end)).toBe(finding.phrase);
      expect(finding).toMatchObject({ target: 'note', targetId: flagged, resolution: null });
      expect(finding.message).toBeTruthy();
      expect(finding.suggestion).toBeTruthy();
    }
    expect(first.openCount).toBe(2);

    // Impression drafted before any note was refined; no checklist and one rating without evidence.
    await expectStatus(
      navigator.put(`${url}/scorecard`, {
        ratings: ratingsWith([neutral]).map((r, i) => (i === 0 ? { ...r, evidenceNoteIds: [] } : r)),
        impression: 'Very smart.',
        recommendation: 'yes',
        biasChecklist: {},
      }),
      200,
    );
    const drafted = (await expectStatus(navigator.get(`${url}/bias-check`), 200)).biasCheck;
    expect(drafted.structural.map((s: { checkId: string }) => s.checkId)).toEqual(
      expect.arrayContaining(['rating_without_evidence', 'impression_before_refinement']),
    );
    expect(drafted.openCount).toBe(3);

    const incomplete = await navigator.post(`${url}/scorecard/submit`, { confirmEarly: true });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.message).toBe('The scorecard is not complete yet.');
    expect(Object.keys(incomplete.body.fields)).toEqual(
      expect.arrayContaining(['biasChecklist', 'ratings.collaboration', 'biasCheck']),
    );
    expect(incomplete.body.fields.biasCheck).toMatch(/3 open.*"culture fit"/);

    // Checklist and evidence complete: only the flagged phrases hold the submission back.
    await expectStatus(
      navigator.put(`${url}/scorecard`, {
        ratings: ratingsWith([neutral, flagged]),
        impression: 'Very smart.',
        recommendation: 'yes',
        biasChecklist: checklist,
      }),
      200,
    );
    const onlyBias = await navigator.post(`${url}/scorecard/submit`, { confirmEarly: true });
    expect(onlyBias.status).toBe(422);
    expect(Object.keys(onlyBias.body.fields)).toEqual(['biasCheck']);

    // Rewriting: the edit removes "culture fit"; the server notices from the note's revisions.
    await expectStatus(
      navigator.patch(`${url}/notes/${flagged}`, {
        text: 'Wrote the failing test first. Reminds me of myself. Asked me to drive the refactoring.',
        tags: ['tdd'],
      }),
      200,
    );
    // Keeping: a reason is required, and only a phrase that is flagged can be kept.
    const keep = {
      target: 'note',
      targetId: flagged,
      ruleId: 'similarity-to-self',
      phrase: 'Reminds me of myself',
      reason: 'x',
    };
    const rewritten = (await expectStatus(navigator.get(`${url}/bias-check`), 200)).biasCheck;
    keep.ruleId = rewritten.language.find((f: { phrase: string }) => f.phrase === keep.phrase).ruleId;
    expect(rewritten.resolutions).toEqual([
      expect.objectContaining({ phrase: 'culture fit', resolution: 'rewritten', targetId: flagged }),
    ]);
    expect((await navigator.put(`${url}/bias-check/resolutions`, keep)).status).toBe(400);
    const notFlagged = await navigator.put(`${url}/bias-check/resolutions`, {
      ...keep,
      phrase: 'failing test',
      reason: 'It is fine.',
    });
    expect(notFlagged.status).toBe(422);
    const kept = (
      await expectStatus(
        navigator.put(`${url}/bias-check/resolutions`, {
          ...keep,
          reason: 'Quoting the candidate: they said it when we compared editors; not part of my rating.',
        }),
        200,
      )
    ).biasCheck;
    expect(kept.openCount).toBe(1);
    expect(kept.language.find((f: { phrase: string }) => f.phrase === keep.phrase).resolution).toMatchObject({
      resolution: 'kept',
    });
    // The shadow has no such finding: resolutions are per author.
    const shadowKeep = await world.shadow.put(`${url}/bias-check/resolutions`, {
      ...keep,
      reason: 'Not mine.',
    });
    expect(shadowKeep.status).toBe(422);

    // The impression's vague "smart" is rewritten through a draft save.
    await expectStatus(
      navigator.put(`${url}/scorecard`, {
        ratings: ratingsWith([neutral, flagged]),
        impression: 'Wrote the failing test first and asked for feedback twice.',
        recommendation: 'yes',
        biasChecklist: checklist,
      }),
      200,
    );
    const submitted = await expectStatus(
      navigator.post(`${url}/scorecard/submit`, { confirmEarly: true }),
      200,
    );
    expect(submitted.interview.stage).toBe('reported');
    const locked = await navigator.put(`${url}/bias-check/resolutions`, { ...keep, reason: 'Too late.' });
    expect(locked.status).toBe(409);

    // The line manager reads the bias check in the report, as Markdown too, and got a notice.
    const summary = await expectStatus(lineManager.get(`${url}/bias-check/summary`), 200);
    expect(summary.biasChecks).toHaveLength(1);
    const resolutions = summary.biasChecks[0].resolutions.map(
      (r: { phrase: string; resolution: string; category: string }) => [r.phrase, r.resolution, r.category],
    );
    // A rewritten phrase keeps the bias it may have reflected, for the line manager's summary.
    expect(resolutions).toEqual(
      expect.arrayContaining([
        ['culture fit', 'rewritten', 'affinity'],
        ['reminds me of myself', 'kept', 'affinity'],
        ['smart', 'rewritten', 'vague_judgement'],
      ]),
    );
    const markdown = await lineManager.get(`${url}/report.md`);
    expect(markdown.status).toBe(200);
    expect(markdown.body).toContain('# Casey Candidate');
    expect(markdown.body).toContain(
      '"Reminds me of myself" (Affinity / similarity) — kept: Quoting the candidate',
    );
    expect(markdown.body).toContain('"culture fit" (Affinity / similarity) — rewritten');
    expect(markdown.body).toContain('| Testing / TDD |');
    // Streamed, gzipped to a client that accepts it (fetch does); the same text to one that does not.
    const download = (acceptEncoding: string) =>
      fetch(`${lineManager.baseUrl}${url}/report.md`, {
        headers: { cookie: lineManager.cookie ?? '', 'accept-encoding': acceptEncoding },
      });
    const gzipped = await download('gzip, deflate');
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(await gzipped.text()).toBe(markdown.body);
    const plain = await download('identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(markdown.body);
    const notices = (await outboxMessages(world, id)).filter((m) => m.kind === 'impression_reported');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.to.join()).toContain('lena@example.com');
    expect(notices[0]!.text).toContain(`/interviews/${id}/report`);
  });

  it('warns of a contrast effect once the navigator rated more than two others for the position that day', async () => {
    const { navigator } = world;
    const rated: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await world.planInterview({
        startsAtLocal: `2030-04-09T${String(8 + i).padStart(2, '0')}:00`,
      });
      await step(navigator, id, 'invite');
      const note = await runSessionUntilRetrospective(world, id);
      await expectStatus(
        navigator.put(`/api/interviews/${id}/scorecard`, {
          ratings: ratingsWith([note]),
          impression: '',
          recommendation: null,
          biasChecklist: {},
        }),
        200,
      );
      rated.push(id);
      const current = await world.planInterview({ startsAtLocal: '2030-04-09T15:00' });
      const check = (await expectStatus(navigator.get(`/api/interviews/${current}/bias-check`), 200))
        .biasCheck;
      const contrast = check.structural.filter((s: { checkId: string }) => s.checkId === 'contrast_effect');
      // Two others are a normal day; the third is when comparing with the last candidate creeps in.
      expect(contrast).toHaveLength(rated.length > 2 ? 1 : 0);
    }
  });

  it("checks notes against the organisation's own terms, which only admins manage", async () => {
    const { admin, navigator } = world;
    const term = {
      phrase: 'guild material',
      category: 'vague_judgement',
      message: 'Praise with no observable behaviour.',
      suggestion: 'Say what the candidate did.',
    };
    expect((await navigator.post('/api/bias-terms', term)).status).toBe(403);
    const created = (await expectStatus(admin.post('/api/bias-terms', term), 201)).term;
    expect((await admin.post('/api/bias-terms', term)).status).toBe(422);
    expect((await admin.post('/api/bias-terms', { ...term, phrase: ' ' })).status).toBe(400);

    const { id, flagged } = await inRefinement();
    await expectStatus(
      navigator.patch(`/api/interviews/${id}/notes/${flagged}`, {
        text: 'A guild material engineer.',
        tags: [],
      }),
      200,
    );
    const check = (await expectStatus(navigator.get(`/api/interviews/${id}/bias-check`), 200)).biasCheck;
    expect(check.language).toEqual([
      expect.objectContaining({
        ruleId: 'custom:guild-material',
        phrase: 'guild material',
        start: 2,
        end: 16,
      }),
    ]);

    const updated = await expectStatus(
      admin.put(`/api/bias-terms/${created.id}`, { ...term, suggestion: 'Name the behaviour.' }),
      200,
    );
    expect(updated.term.suggestion).toBe('Name the behaviour.');
    expect((await expectStatus(admin.get('/api/bias-terms'), 200)).terms).toHaveLength(1);
    await expectStatus(admin.delete(`/api/bias-terms/${created.id}`), 200);
    expect((await admin.delete(`/api/bias-terms/${created.id}`)).status).toBe(404);
    const after = (await expectStatus(navigator.get(`/api/interviews/${id}/bias-check`), 200)).biasCheck;
    // Without the term, the note is checked by Pairwise's own check alone, which reads the bare
    // "A … engineer." as a verdict with no behaviour (decision 060's model) and finds no term.
    const own = checkLanguage('A guild material engineer.');
    const left: Array<{ ruleId: string; start: number; end: number }> = after.language;
    expect(left.map((f) => [f.ruleId, f.start, f.end])).toEqual(own.map((f) => [f.ruleId, f.start, f.end]));
    expect(left.some((f) => f.ruleId.startsWith('custom:'))).toBe(false);
  });
});
