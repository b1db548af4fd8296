import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { step } from './process-flows.ts';

/**
 * Object ids from another interview, or another person's private objects, answer 404 exactly
 * like ids that do not exist: access to one interview never reaches into another.
 */
describe.each(databases())('another interview’s objects are out of reach (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let mine: string;
  let theirs: string;
  let theirNote: string;
  let shadowNote: string;

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
    mine = await world.planInterview();
    // The admin plans an interview for the outsider on the same position; the navigator is not on it.
    const { interview } = await expectStatus(
      world.admin.post('/api/interviews', {
        candidateId: world.ids.candidate,
        positionId: world.ids.position,
        taskId: world.ids.task,
        navigatorId: world.ids.outsider,
        startsAtLocal: '2030-03-06T10:00',
        timeZone: 'UTC',
        place: 'Room 9',
      }),
      201,
    );
    theirs = interview.id;
    for (const [client, id] of [
      [world.navigator, mine],
      [world.outsider, theirs],
    ] as const) {
      await step(client, id, 'invite');
      await expectStatus(
        client.post(`/api/interviews/${id}/wellness`, { well: true, startEarly: true }),
        200,
      );
    }
    theirNote = randomUUID();
    await expectStatus(
      world.outsider.put(`/api/interviews/${theirs}/notes/${theirNote}`, {
        text: 'Theirs',
        tags: [],
        offsetMs: 0,
      }),
      200,
    );
    shadowNote = randomUUID();
    await expectStatus(
      world.shadow.put(`/api/interviews/${mine}/notes/${shadowNote}`, {
        text: 'Shadow’s own',
        tags: [],
        offsetMs: 0,
      }),
      200,
    );
  });
  afterAll(() => server.close());

  it('refuses a note of another interview through my interview’s URL', async () => {
    expect(
      (
        await world.navigator.patch(`/api/interviews/${mine}/notes/${theirNote}`, {
          text: 'Mine now',
          tags: [],
        })
      ).status,
    ).toBe(404);
    expect((await world.navigator.delete(`/api/interviews/${mine}/notes/${theirNote}`)).status).toBe(404);
    // Reusing its id for a new note of mine does not overwrite or reveal it.
    expect(
      (
        await world.navigator.put(`/api/interviews/${mine}/notes/${theirNote}`, {
          text: 'x',
          tags: [],
          offsetMs: 0,
        })
      ).status,
    ).toBe(409);
    const { notes } = await expectStatus(world.outsider.get(`/api/interviews/${theirs}/notes`), 200);
    expect(notes.map((n: { text: string }) => n.text)).toEqual(['Theirs']);
  });

  it('refuses another panel member’s private note on the same interview', async () => {
    expect(
      (
        await world.navigator.patch(`/api/interviews/${mine}/notes/${shadowNote}`, {
          text: 'Edited',
          tags: [],
        })
      ).status,
    ).toBe(404);
    expect((await world.navigator.delete(`/api/interviews/${mine}/notes/${shadowNote}`)).status).toBe(404);
  });

  it('answers 404 for another interview’s report, repository, retrospective and scorecard', async () => {
    for (const path of [
      '',
      '/report',
      '/repository',
      '/retrospective',
      '/scorecard',
      '/notes',
      '/report.md',
    ]) {
      const response = await world.navigator.get(`/api/interviews/${theirs}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
  });
});
