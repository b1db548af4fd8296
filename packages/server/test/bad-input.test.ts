import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../src/app.ts';
import { createWorld, databases, startTestServer, type TestServer, type World } from './harness.ts';

describe.each(databases())('bad input gets a clear 4xx, never a 500 (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let interviewId: string;

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
    interviewId = await world.planInterview();
  });
  afterAll(() => server.close());

  it('answers malformed JSON with 400', async () => {
    const response = await world.navigator.request('POST', '/api/candidates', '{"name": "Casey",');
    expect(response).toMatchObject({
      status: 400,
      body: { code: 'invalid_request', message: 'The request body is not valid JSON.' },
    });
  });

  it('names each missing, extra and wrongly typed field', async () => {
    const response = await world.navigator.post('/api/candidates', {
      name: 42,
      timeZone: 'Mars/Olympus',
      extra: true,
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid_request');
    expect(Object.keys(response.body.fields).sort()).toEqual(['email', 'name', 'request body', 'timeZone']);
    expect(response.body.fields.timeZone).toMatch(/IANA time zone/);
    expect(response.body.fields['request body']).toMatch(/extra/);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await world.navigator.request('POST', '/api/candidates', 'name=Casey', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/application\/json/);
  });

  it('refuses an oversized body with 413', async () => {
    const response = await world.navigator.post('/api/candidates', {
      name: 'x'.repeat(BODY_LIMIT_BYTES),
      email: 'a@b.c',
      timeZone: 'UTC',
    });
    expect(response).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
  });

  it('refuses NUL and unpaired surrogates, which PostgreSQL cannot store, naming the field', async () => {
    const signIn = await world.anonymous.post('/api/session', {
      email: 'nora@example.com',
      password: 'correct\u0000horse',
    });
    expect(signIn.status).toBe(400);
    expect(Object.keys(signIn.body.fields)).toEqual(['password']);
    const candidate = await world.navigator.post('/api/candidates', {
      name: 'Casey\u0000',
      email: 'casey@example.com',
      timeZone: 'UTC',
    });
    expect(candidate).toMatchObject({ status: 400, body: { code: 'invalid_request' } });
    expect(Object.keys(candidate.body.fields)).toEqual(['name']);
    const surrogate = await world.navigator.request(
      'POST',
      '/api/candidates',
      '{"name":"Casey \\ud83d","email":"casey@example.com","timeZone":"UTC"}',
    );
    expect(surrogate.status).toBe(400);
    expect(Object.keys(surrogate.body.fields)).toEqual(['name']);
    const nested = await world.navigator.put(`/api/tasks/${world.ids.task}`, {
      title: 'Shopping list',
      summary: '',
      navigatorGuide: '',
      setupCommands: [],
      testCommand: 'node --test',
      tddRhythm: true,
      levers: [{ id: 'hint', direction: 'easier', description: 'first\u0000test' }],
    });
    expect(nested.status).toBe(400);
    expect(Object.keys(nested.body.fields)).toEqual(['levers.0.description']);
    const query = await world.admin.get(`/api/interviews/${interviewId}/repository/file?path=a%00`);
    expect(query.status).toBe(400);
    expect(Object.keys(query.body.fields)).toEqual(['path']);
    const path = await world.admin.get('/api/interviews/%00');
    expect(path.status).toBe(400);
    expect(Object.keys(path.body.fields)).toEqual(['id']);
    // A character outside the BMP is a proper surrogate pair and is stored as sent.
    const emoji = await world.navigator.post('/api/candidates', {
      name: 'Casey 🙂',
      email: 'casey.emoji@example.com',
      timeZone: 'UTC',
    });
    expect(emoji.status).toBe(201);
    expect(emoji.body.candidate.name).toBe('Casey 🙂');
  });

  it('answers unknown ids with 404 and malformed ids with 400', async () => {
    expect((await world.admin.get(`/api/interviews/${randomUUID()}`)).status).toBe(404);
    expect((await world.admin.get(`/api/tasks/${randomUUID()}`)).status).toBe(404);
    const malformed = await world.admin.get('/api/interviews/not-a-uuid');
    expect(malformed.status).toBe(400);
    expect(malformed.body.fields.id).toBeTruthy();
    expect((await world.admin.get('/api/no-such-route')).status).toBe(404);
  });

  it('refuses references to things that do not exist with 422 and names them', async () => {
    const response = await world.admin.post('/api/interviews', {
      candidateId: randomUUID(),
      positionId: world.ids.position,
      taskId: randomUUID(),
      navigatorId: world.ids.lineManager,
      startsAtLocal: '2030-01-01T10:00',
      timeZone: 'UTC',
      place: 'Room',
    });
    expect(response.status).toBe(422);
    expect(Object.keys(response.body.fields).sort()).toEqual(['candidateId', 'navigatorId', 'taskId']);
  });

  it('refuses an unknown transition and an unknown checklist item', async () => {
    expect(
      (await world.navigator.post(`/api/interviews/${interviewId}/transitions`, { action: 'teleport' }))
        .status,
    ).toBe(400);
    expect(
      (await world.navigator.put(`/api/interviews/${interviewId}/checklist/bribe_ready`, { done: true }))
        .status,
    ).toBe(400);
    expect(
      (await world.navigator.put(`/api/interviews/${interviewId}/difficulty-plan`, { leverIds: ['nope'] }))
        .status,
    ).toBe(422);
  });

  it('refuses an empty note and an out-of-range rating', async () => {
    const note = await world.navigator.put(`/api/interviews/${interviewId}/notes/${randomUUID()}`, {
      text: '   ',
      tags: [],
      offsetMs: 0,
    });
    expect(note.status).toBe(400);
    expect(note.body.fields.text).toMatch(/needs text/);
    const rating = await world.navigator.put(`/api/interviews/${interviewId}/scorecard`, {
      ratings: [{ attribute: 'collaboration', score: 5, evidenceNoteIds: [] }],
      impression: '',
      recommendation: null,
      biasChecklist: {},
    });
    expect(rating.status).toBe(400);
  });

  it('refuses a reused invitation and a duplicate email with a clear message', async () => {
    const created = await world.admin.post('/api/users', {
      email: 'nora@example.com',
      name: 'Nora again',
      roles: ['interviewer'],
    });
    expect(created).toMatchObject({ status: 409, body: { fields: { email: 'Already in use.' } } });
  });
});
