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
import { finishRetrospective, runSessionUntilRetrospective } from './outreach-flows.ts';
import { step } from './process-flows.ts';

const checklist = Object.fromEntries(biasChecklistIds.map((b) => [b, { reflected: true, comment: '' }]));
const domainModelling = {
  label: 'Domain modelling',
  anchors: [
    'Names followed the code, not the domain',
    'Used domain names when prompted',
    'Modelled the domain in types and names',
    'Taught us something about the domain',
  ],
};
type Attribute = { id: string; label: string; anchors: string[] };

describe.each(databases())('focus attributes per position (%s)', (database) => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  it('starts a position with the defaults and lets an admin rename, reorder, add and remove them', async () => {
    const { admin } = world;
    const { position } = await expectStatus(
      admin.post('/api/positions', { title: 'Platform engineer', lineManagerId: world.ids.lineManager }),
      201,
    );
    expect(position.focusAttributes).toEqual(defaultFocusAttributes);

    const [collaboration, , testing, , tooling] = position.focusAttributes as Attribute[];
    const edited = await expectStatus(
      admin.patch(`/api/positions/${position.id}`, {
        focusAttributes: [
          testing,
          { ...tooling, label: 'Tooling and debugging' },
          collaboration,
          domainModelling,
          { ...domainModelling, label: 'Domain modelling!' },
        ],
      }),
      200,
    );
    expect(edited.position.focusAttributes.map((a: Attribute) => [a.id, a.label])).toEqual([
      ['testing', 'Testing / TDD'],
      // A rename keeps the id, so ratings already given stay attached to it.
      ['tooling', 'Tooling and debugging'],
      ['collaboration', 'Collaboration and communication'],
      ['domain-modelling', 'Domain modelling'],
      ['domain-modelling-2', 'Domain modelling!'],
    ]);
    expect(edited.position.title).toBe('Platform engineer');

    const listed = await expectStatus(admin.get('/api/positions'), 200);
    const stored = listed.positions.find((p: { id: string }) => p.id === position.id);
    expect(stored.focusAttributes).toEqual(edited.position.focusAttributes);

    // Who changed what candidates are rated on is on record.
    const { entries } = await expectStatus(admin.get('/api/audit?limit=200'), 200);
    expect(entries).toContainEqual(
      expect.objectContaining({
        action: 'position.updated',
        subjectId: position.id,
        actorLabel: 'admin@example.com',
      }),
    );
  });

  it('refuses an attribute list a scorecard could not use, naming the field', async () => {
    const { admin } = world;
    const url = `/api/positions/${world.ids.position}`;
    const emptyAnchor = await admin.patch(url, {
      focusAttributes: [{ ...domainModelling, anchors: ['a', 'b', ' ', 'd'] }],
    });
    expect(emptyAnchor.status).toBe(400);
    expect(emptyAnchor.body.fields['focusAttributes.0.anchors.2']).toBe('Describe this step of the scale.');

    const twice = await admin.patch(url, { focusAttributes: [domainModelling, { ...domainModelling }] });
    expect(twice.status).toBe(400);
    expect(twice.body.fields['focusAttributes.1.label']).toBe('Each attribute needs its own name.');

    const none = await admin.patch(url, { focusAttributes: [] });
    expect(none.status).toBe(400);
    expect(none.body.fields.focusAttributes).toBe('Keep at least one focus attribute.');

    const threeAnchors = await admin.patch(url, {
      focusAttributes: [{ label: 'Short', anchors: ['a', 'b', 'c'] }],
    });
    expect(threeAnchors.status).toBe(400);

    const unknown = await admin.patch(`/api/positions/${randomUUID()}`, { level: 'Senior' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('not_found');

    // Nothing above changed the position.
    const listed = await expectStatus(admin.get('/api/positions'), 200);
    const position = listed.positions.find((p: { id: string }) => p.id === world.ids.position);
    expect(position.focusAttributes).toEqual(defaultFocusAttributes);
  });

  it("rates an interview on its position's attributes, each with evidence, and freezes them on submission", async () => {
    const { admin, navigator, lineManager } = world;
    const positionUrl = `/api/positions/${world.ids.position}`;
    const id = await world.planInterview();
    await step(navigator, id, 'invite');
    const noteId = await runSessionUntilRetrospective(world, id);
    await finishRetrospective(world, id, '2031-02-01');

    // The admin tailors the position while the navigator refines: the draft follows it.
    const testing = defaultFocusAttributes.find((a) => a.id === 'testing')!;
    await expectStatus(admin.patch(positionUrl, { focusAttributes: [testing, domainModelling] }), 200);
    const { interview } = await expectStatus(navigator.get(`/api/interviews/${id}`), 200);
    expect(interview.position.focusAttributes.map((a: Attribute) => a.label)).toEqual([
      'Testing / TDD',
      'Domain modelling',
    ]);
    const mine = await expectStatus(navigator.get(`/api/interviews/${id}/scorecard`), 200);
    expect(mine.scorecard).toBeNull();
    expect(mine.focusAttributes.map((a: Attribute) => a.id)).toEqual(['testing', 'domain-modelling']);

    const draft = {
      impression: 'Wrote the failing test first and named types after the domain.',
      recommendation: 'yes',
      biasChecklist: checklist,
    };
    // A form still showing the old attributes keeps saving the rest (the impression above all);
    // the rating of the removed attribute is dropped and the answer names the current ones.
    const stale = await expectStatus(
      navigator.put(`/api/interviews/${id}/scorecard`, {
        ...draft,
        ratings: [
          { attribute: 'collaboration', score: 3, evidenceNoteIds: [noteId] },
          { attribute: 'testing', score: 4, evidenceNoteIds: [noteId] },
        ],
      }),
      200,
    );
    expect(stale.scorecard.impression).toBe(draft.impression);
    expect(stale.scorecard.ratings.map((r: { attribute: string }) => r.attribute)).toEqual(['testing']);
    expect(stale.focusAttributes.map((a: Attribute) => a.id)).toEqual(['testing', 'domain-modelling']);

    await expectStatus(
      navigator.put(`/api/interviews/${id}/scorecard`, {
        ...draft,
        ratings: [
          { attribute: 'testing', score: 4, evidenceNoteIds: [noteId] },
          { attribute: 'domain-modelling', score: 3, evidenceNoteIds: [] },
        ],
      }),
      200,
    );
    const withoutEvidence = await navigator.post(`/api/interviews/${id}/scorecard/submit`, {
      confirmEarly: true,
    });
    expect(withoutEvidence.status).toBe(422);
    expect(withoutEvidence.body.fields).toEqual({
      'ratings.domain-modelling': 'Link at least one note as evidence.',
    });

    const saved = await expectStatus(
      navigator.put(`/api/interviews/${id}/scorecard`, {
        ...draft,
        ratings: [
          { attribute: 'testing', score: 4, evidenceNoteIds: [noteId] },
          { attribute: 'domain-modelling', score: 3, evidenceNoteIds: [noteId] },
        ],
      }),
      200,
    );
    expect(saved.scorecard.focusAttributes.map((a: Attribute) => a.id)).toEqual([
      'testing',
      'domain-modelling',
    ]);
    await expectStatus(navigator.post(`/api/interviews/${id}/scorecard/submit`, { confirmEarly: true }), 200);

    // Changing the position afterwards leaves the submitted scorecard, and the report, as rated.
    await expectStatus(admin.patch(positionUrl, { focusAttributes: defaultFocusAttributes }), 200);
    const { report } = await expectStatus(lineManager.get(`/api/interviews/${id}/report`), 200);
    const card = report.scorecards.find((c: { authorId: string }) => c.authorId === world.ids.navigator);
    expect(card.focusAttributes.map((a: Attribute) => a.label)).toEqual([
      'Testing / TDD',
      'Domain modelling',
    ]);
    expect(card.ratings).toContainEqual({
      attribute: 'domain-modelling',
      score: 3,
      evidenceNoteIds: [noteId],
    });
    const markdown = await lineManager.get(`/api/interviews/${id}/report.md`);
    expect(markdown.status).toBe(200);
    expect(markdown.body).toContain('| Domain modelling | 3/4 — Modelled the domain in types and names |');
  });
});
