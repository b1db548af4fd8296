import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import {
  candidatePortalToken,
  eventually,
  outboxMessages,
  portalTokenIn,
  reportInterview,
  runSessionUntilRetrospective,
  sendInvitation,
} from './outreach-flows.ts';
import { cancelInterview, rescheduleInterview } from './process-flows.ts';

// Everything staff write about a candidate; none of it may ever reach a portal.
const STAFF_ONLY = [
  'STAFF-NOTE-MARKER',
  'SCORECARD-IMPRESSION-MARKER',
  'RETRO-ANSWER-MARKER',
  'DECISION-NOTE-MARKER',
  'Look for small steps', // navigator guide
  'Provide the first failing test', // difficulty lever
  'recommendation',
  'Olga Other',
  'olga@example.org',
];

const unknownToken = () => randomBytes(32).toString('base64url');

describe.each(databases())('candidate portal (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let otherCandidateId: string;
  // The failure limits' clock, moved instead of waiting.
  let clock = Date.now();

  beforeAll(async () => {
    server = await startTestServer(database, { limitsClock: () => new Date(clock) });
    world = await createWorld(server);
    const { candidate } = await expectStatus(
      world.navigator.post('/api/candidates', {
        name: 'Olga Other',
        email: 'olga@example.org',
        timeZone: 'Asia/Tokyo',
      }),
      201,
    );
    otherCandidateId = candidate.id;
  });
  afterAll(() => server.close());

  const portal = (token: string) => world.anonymous.get(`/api/portal/${token}`);
  const timeline = async (id: string) =>
    (await expectStatus(world.navigator.get(`/api/interviews/${id}`), 200)).interview.events as Array<{
      type: string;
      payload: Record<string, unknown>;
      actorName: string | null;
    }>;

  it('shows the current invitation, and only this candidate’s own interview', async () => {
    const id = await world.planInterview();
    const other = await world.planInterview({
      candidateId: otherCandidateId,
      startsAtLocal: '2030-03-06T09:00',
    });
    await sendInvitation(world.navigator, id);
    await sendInvitation(world.navigator, other);
    const token = await candidatePortalToken(world, id);
    const otherToken = await candidatePortalToken(world, other);
    expect(token).not.toBe(otherToken);

    const { portal: view } = await expectStatus(portal(token), 200);
    expect(view).toMatchObject({
      phase: 'upcoming',
      candidateName: 'Casey Candidate',
      positionTitle: 'Backend Engineer',
      when: 'Tuesday 5 March 2030, 14:00–15:35 (Europe/Berlin, UTC+01:00)',
      place: 'Room 3',
      placeUrl: null,
      contact: { name: 'Nora Navigator', email: 'nora@example.com' },
      response: null,
      hearBack: { asked: false, deadline: null },
      survey: { open: false, answered: false },
    });
    expect(view.sections.map((s: { heading: string }) => s.heading)).toEqual([
      'When and where',
      'The agenda',
      'What to expect',
      'What to install or bring',
    ]);
    expect(view.sections[1].text).toContain('14:05–15:05  Pairing: exactly one hour');
    expect(view.repository).toMatchObject({ state: 'not_yet', cloneUrl: null, password: null });
    expect(view.repository.message).toMatch(/appear here/);
    expect(JSON.stringify(view)).not.toMatch(/casey@example\.com/);
    for (const marker of STAFF_ONLY) expect(JSON.stringify(view)).not.toContain(marker);

    // Always current: a new time shows on the old link at once.
    await rescheduleInterview(world.navigator, id, {
      startsAtLocal: '2030-03-07T11:00',
      timeZone: 'Europe/Berlin',
      reason: 'interviewer_request',
    });
    const moved = await expectStatus(portal(token), 200);
    expect(moved.portal.when).toBe('Thursday 7 March 2030, 11:00–12:35 (Europe/Berlin, UTC+01:00)');

    const otherView = await expectStatus(portal(otherToken), 200);
    expect(otherView.portal.candidateName).toBe('Olga Other');
    expect(JSON.stringify(otherView)).not.toContain('Casey');
  });

  it('answers unknown, malformed and expired links alike, without a hint', async () => {
    const unknown = await portal(unknownToken());
    const malformed = await portal('not-a-token');
    const tooLong = await portal('x'.repeat(90));
    expect(unknown.status).toBe(404);
    expect(malformed).toEqual(unknown);
    expect(tooLong).toEqual(unknown);
    expect(unknown.body.code).toBe('not_found');
    expect(unknown.body.message).toMatch(/This link is not active/);
    expect(unknown.body.message).not.toMatch(/expired|exist/i);
    // Writes answer the same.
    expect((await world.anonymous.post(`/api/portal/${unknownToken()}/confirmation`)).status).toBe(404);
    // A portal link is no calendar feed, and the other way round.
    const id = await world.planInterview({ startsAtLocal: '2030-03-08T10:00' });
    await sendInvitation(world.navigator, id);
    const token = await candidatePortalToken(world, id);
    expect((await fetch(`${server.url}/calendar/${token}.ics`)).status).toBe(404);
  });

  it('confirms, or asks for another time with an optional reason, and tells the navigator', async () => {
    const id = await world.planInterview({ startsAtLocal: '2030-03-11T10:00' });
    await sendInvitation(world.navigator, id);
    const token = await candidatePortalToken(world, id);

    const confirmed = await expectStatus(world.anonymous.post(`/api/portal/${token}/confirmation`), 200);
    expect(confirmed.portal.response).toMatchObject({ kind: 'confirmed', reason: null });
    // Pressing it again tells nobody anything new.
    await expectStatus(world.anonymous.post(`/api/portal/${token}/confirmation`), 200);

    const asked = await expectStatus(
      world.anonymous.post(`/api/portal/${token}/reschedule-request`, {
        reason: 'My daughter’s school play is that day',
      }),
      200,
    );
    expect(asked.portal.response).toMatchObject({ kind: 'reschedule_requested' });

    const mails = (await outboxMessages(world, id)).filter((m) => m.kind === 'candidate_response');
    expect(mails.map((m) => [m.to[0], m.subject])).toEqual([
      ['nora@example.com', 'Casey Candidate confirmed the interview'],
      ['nora@example.com', 'Casey Candidate asked for another time'],
    ]);
    expect(mails[1]!.text).toContain('My daughter’s school play is that day');
    expect(mails[1]!.text).toContain('carries no disadvantage');
    expect(mails[1]!.text).toContain(`/interviews/${id}`);

    const events = await timeline(id);
    const request = events.find((e) => e.type === 'candidate_requested_reschedule')!;
    // The candidate's words and nothing that could count against them.
    expect(request.payload).toEqual({ reason: 'My daughter’s school play is that day' });
    expect(request.actorName).toBeNull();
    expect(events.filter((e) => e.type === 'candidate_confirmed')).toHaveLength(1);

    const staffView = await expectStatus(world.navigator.get(`/api/interviews/${id}/invitation`), 200);
    expect(staffView.invitation.responses.map((r: { kind: string }) => r.kind)).toEqual([
      'confirmed',
      'reschedule_requested',
    ]);

    // No reason is needed; after the navigator picks a new time the slate is clean.
    const otherId = await world.planInterview({ startsAtLocal: '2030-03-12T10:00' });
    await sendInvitation(world.navigator, otherId);
    const otherToken = await candidatePortalToken(world, otherId);
    const noReason = await expectStatus(
      world.anonymous.post(`/api/portal/${otherToken}/reschedule-request`, {}),
      200,
    );
    expect(noReason.portal.response).toMatchObject({ kind: 'reschedule_requested', reason: null });
    await rescheduleInterview(world.navigator, otherId, {
      startsAtLocal: '2030-03-19T10:00',
      timeZone: 'Europe/Berlin',
      reason: 'candidate_request',
    });
    const fresh = await expectStatus(portal(otherToken), 200);
    expect(fresh.portal.response).toBeNull();
    expect(fresh.portal.when).toMatch(/^Tuesday 19 March 2030, 10:00/);
  });

  it('shows the candidate their clone instructions and login while the repository window is open', async () => {
    const id = await world.planInterview({ startsAtLocal: '2030-03-22T10:00' });
    await sendInvitation(world.navigator, id);
    const token = await candidatePortalToken(world, id);
    // The repository is prepared in the background after planning.
    await eventually(
      async () => (await world.navigator.get(`/api/interviews/${id}/repository`)).status === 200,
    );
    const before = await expectStatus(portal(token), 200);
    expect(before.portal.repository).toMatchObject({ state: 'not_yet', password: null, commands: [] });

    await expectStatus(
      world.navigator.put(`/api/interviews/${id}/repository/window`, { open: true, startEarly: true }),
      200,
    );
    const open = await expectStatus(portal(token), 200);
    expect(open.portal.repository).toMatchObject({
      state: 'open',
      cloneUrl: expect.stringMatching(/^http/),
      username: expect.any(String),
      password: expect.any(String),
    });
    expect(open.portal.repository.commands.join('\n')).toContain('git');

    await expectStatus(world.navigator.put(`/api/interviews/${id}/repository/window`, { open: false }), 200);
    const closed = await expectStatus(portal(token), 200);
    expect(closed.portal.repository).toMatchObject({ state: 'closed', password: null, cloneUrl: null });
  });

  it('passes requests for adjustments to the navigator, outside the shared timeline', async () => {
    const id = await world.planInterview({ startsAtLocal: '2030-03-13T10:00' });
    await sendInvitation(world.navigator, id);
    const token = await candidatePortalToken(world, id);
    const empty = await world.anonymous.post(`/api/portal/${token}/accommodations`, { text: '  ' });
    expect(empty.status).toBe(400);
    const { portal: view } = await expectStatus(
      world.anonymous.post(`/api/portal/${token}/accommodations`, {
        text: 'A screen reader; larger font please',
      }),
      200,
    );
    // Not answered yet: the portal shows the answer once staff send it.
    expect(view.accommodations).toEqual([
      { text: 'A screen reader; larger font please', at: expect.any(String), answer: null, answeredAt: null },
    ]);
    const mail = (await outboxMessages(world, id)).find((m) => m.kind === 'accommodation_request')!;
    expect(mail.to).toEqual(['nora@example.com']);
    expect(mail.text).toContain('A screen reader; larger font please');
    const event = (await timeline(id)).find((e) => e.type === 'accommodation_requested')!;
    expect(event.payload).toEqual({});
  });

  it('asks by when to hear back and for the survey only after the interview, and keeps the survey anonymous', async () => {
    const id = await world.planInterview({ startsAtLocal: '2030-03-14T10:00' });
    await sendInvitation(world.navigator, id);
    const token = await candidatePortalToken(world, id);
    const early = await world.anonymous.put(`/api/portal/${token}/hear-back`, { deadline: '2030-12-01' });
    expect(early.status).toBe(409);
    expect((await world.anonymous.post(`/api/portal/${token}/survey`, { preparedScore: 4 })).status).toBe(
      409,
    );

    const noteId = await runSessionUntilRetrospective(world, id);
    const after = await expectStatus(portal(token), 200);
    expect(after.portal).toMatchObject({ phase: 'after', hearBack: { asked: true }, survey: { open: true } });
    // At most the request to delete the clone: no credentials once pairing is over.
    expect(after.portal.repository?.password ?? null).toBeNull();

    const past = await world.anonymous.put(`/api/portal/${token}/hear-back`, { deadline: '2020-01-01' });
    expect(past.status).toBe(422);
    const recorded = await expectStatus(
      world.anonymous.put(`/api/portal/${token}/hear-back`, { deadline: '2030-12-01' }),
      200,
    );
    expect(recorded.portal.hearBack).toEqual({ asked: false, deadline: '2030-12-01' });
    const retro = await expectStatus(world.navigator.get(`/api/interviews/${id}/retrospective`), 200);
    expect(retro.retrospective.deadline).toBe('2030-12-01');
    const twice = await world.anonymous.put(`/api/portal/${token}/hear-back`, { deadline: '2030-12-02' });
    expect(twice.status).toBe(409);

    const answered = await expectStatus(
      world.anonymous.post(`/api/portal/${token}/survey`, {
        preparedScore: 4,
        surprise: 'The alarm at the end',
        comments: 'Calm and kind.',
      }),
      200,
    );
    expect(answered.portal.survey).toEqual({ open: true, answered: true });
    expect((await world.anonymous.post(`/api/portal/${token}/survey`, { preparedScore: 1 })).status).toBe(
      409,
    );
    // No trace of the survey in the interview's own record.
    expect((await timeline(id)).map((e) => e.type)).not.toContain(expect.stringMatching(/survey|feedback/));

    // One or two answers are never shown; from three on, only in aggregate.
    const few = await expectStatus(world.lineManager.get('/api/candidate-feedback'), 200);
    const backend = () => few.positions.find((p: { title: string }) => p.title === 'Backend Engineer');
    expect(backend()).toMatchObject({
      responses: 1,
      shown: false,
      averageScore: null,
      surprises: [],
      comments: [],
    });
    for (const score of [2, 5]) {
      const more = await world.planInterview({ startsAtLocal: `2030-03-1${score}T15:00` });
      await sendInvitation(world.navigator, more);
      const moreToken = await candidatePortalToken(world, more);
      await runSessionUntilRetrospective(world, more);
      await expectStatus(
        world.anonymous.post(`/api/portal/${moreToken}/survey`, {
          preparedScore: score,
          surprise: '',
          comments: `Answer ${score}`,
        }),
        200,
      );
    }
    const many = await expectStatus(world.lineManager.get('/api/candidate-feedback'), 200);
    const aggregate = many.positions.find((p: { title: string }) => p.title === 'Backend Engineer');
    expect(aggregate).toEqual({
      positionId: world.ids.position,
      title: 'Backend Engineer',
      responses: 3,
      shown: true,
      averageScore: 3.7,
      scores: [0, 1, 0, 1, 1],
      surprises: ['The alarm at the end'],
      comments: ['Answer 2', 'Answer 5', 'Calm and kind.'],
    });

    // Staff data recorded after the interview never reaches the portal, reported or decided.
    await reportInterview(world, id, '2030-12-01', noteId);
    await expectStatus(
      world.lineManager.post(`/api/interviews/${id}/decision`, {
        outcome: 'decline',
        note: 'DECISION-NOTE-MARKER',
        proceedWithoutPanel: { reason: 'The shadow is not part of this test.' },
      }),
      200,
    );
    const decided = await expectStatus(portal(token), 200);
    expect(decided.portal.phase).toBe('decided');
    for (const marker of STAFF_ONLY) expect(JSON.stringify(decided)).not.toContain(marker);
    expect(JSON.stringify(decided)).not.toMatch(/decline|offer|next_round/);
  });

  it('records requests for a copy or erasure of the candidate’s data', async () => {
    const id = await world.planInterview({ startsAtLocal: '2030-03-20T10:00' });
    await sendInvitation(world.navigator, id);
    const token = await candidatePortalToken(world, id);
    const bad = await world.anonymous.post(`/api/portal/${token}/data-requests`, { kind: 'everything' });
    expect(bad.status).toBe(400);
    await expectStatus(world.anonymous.post(`/api/portal/${token}/data-requests`, { kind: 'copy' }), 200);
    await expectStatus(world.anonymous.post(`/api/portal/${token}/data-requests`, { kind: 'erasure' }), 200);
    const { portal: view } = await expectStatus(
      world.anonymous.post(`/api/portal/${token}/data-requests`, { kind: 'erasure' }),
      200,
    );
    expect(view.privacy.requests.map((r: { kind: string }) => r.kind)).toEqual(['copy', 'erasure']);
    expect(view.privacy.kept.length).toBeGreaterThan(3);
    expect(view.privacy.howLong).toMatch(/30 days after we tell you our decision/);
    const staff = await expectStatus(world.admin.get(`/api/interviews/${id}/invitation`), 200);
    expect(staff.invitation.dataRequests).toEqual([
      { kind: 'copy', at: expect.any(String), processed: false },
      { kind: 'erasure', at: expect.any(String), processed: false },
    ]);
  });

  it('keeps links working after the decision for the configured days; a cancelled interview says so', async () => {
    const id = await world.planInterview({ startsAtLocal: '2030-03-21T10:00' });
    await sendInvitation(world.navigator, id);
    const token = await candidatePortalToken(world, id);
    await cancelInterview(world.navigator, id);
    const { portal: view } = await expectStatus(portal(token), 200);
    expect(view.phase).toBe('cancelled');
    expect(view.sections).toEqual([]);
    expect(Date.parse(view.privacy.linkExpiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect((await world.anonymous.post(`/api/portal/${token}/confirmation`)).status).toBe(409);
  });

  it('slows unknown links per address, while a working link from that address always opens', async () => {
    // Quiet for over an hour: the unknown links of earlier tests are forgotten.
    clock += 2 * 3600_000;
    const id = await world.planInterview({ startsAtLocal: '2030-03-22T10:00' });
    await sendInvitation(world.navigator, id);
    const token = await candidatePortalToken(world, id);
    for (let guess = 0; guess < 20; guess += 1) expect((await portal(unknownToken())).status).toBe(404);
    const limited = await portal(unknownToken());
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/Wait 1 second/),
    });
    expect((await world.anonymous.post(`/api/portal/${unknownToken()}/confirmation`)).status).toBe(429);
    // A candidate behind the same office address is not slowed by someone else's guesses.
    expect((await portal(token)).status).toBe(200);
    clock += 1000;
    expect((await portal(unknownToken())).status).toBe(404);
  });
});

describe.each(databases())('candidate portal with links that end at the decision (%s)', (database) => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer(database, { portalDaysAfterDecision: 0 });
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  it('answers an expired link exactly like an unknown one', async () => {
    const id = await world.planInterview();
    await sendInvitation(world.navigator, id);
    const token = await candidatePortalToken(world, id);
    expect((await world.anonymous.get(`/api/portal/${token}`)).status).toBe(200);
    await cancelInterview(world.navigator, id);
    const expired = await world.anonymous.get(`/api/portal/${token}`);
    const unknown = await world.anonymous.get(`/api/portal/${unknownToken()}`);
    expect(expired.status).toBe(404);
    expect(expired).toEqual(unknown);
    expect((await world.anonymous.post(`/api/portal/${token}/data-requests`, { kind: 'copy' })).status).toBe(
      404,
    );
    // The cancellation mail carries no portal link to a page that would not open.
    const cancellation = (await outboxMessages(world, id)).find((m) => m.kind === 'cancellation')!;
    expect(() => portalTokenIn(cancellation.text)).toThrow();
  });
});
