import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { type OutboxFull, outboxMessages, portalTokenIn, sendInvitation } from './outreach-flows.ts';
import {
  caretDecode,
  icsGrammarViolations,
  parseIcs,
  parseSingleEvent,
  propertyParams,
  propertyValue,
} from './support/parse-ics.ts';

/**
 * What every calendar reader gets from Pairwise: one setup number in every place the day is
 * described, parameters and lines as RFC 5545 and RFC 6868 write them (checked by node-ical, a
 * parser nobody here wrote, and by a grammar check written from the RFC), one instant for every
 * wall-clock time, and a place that can change after planning through a previewed update.
 */
describe.each(databases())('calendar interoperability (%s)', (database) => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  const calendarOf = (message: OutboxFull) => {
    if (!message.calendar) throw new Error(`${message.subject} has no calendar part`);
    return parseSingleEvent(message.calendar);
  };

  async function taskWithSetupBudget(setupBudgetSec: number): Promise<string> {
    const { task } = await expectStatus(
      world.navigator.post('/api/tasks', {
        title: `Setup ${setupBudgetSec}`,
        summary: 'A task whose setup takes a while.',
        navigatorGuide: '# Guide',
        setupCommands: ['node --version'],
        testCommand: 'node --test',
        setupBudgetSec,
        levers: [],
      }),
      201,
    );
    return task.id as string;
  }

  it("reserves the task's setup budget in the mail, the .ics, the portal, the panel's blocks and on the day", async () => {
    const id = await world.planInterview({ taskId: await taskWithSetupBudget(1800) });
    await sendInvitation(world.navigator, id);
    const messages = await outboxMessages(world, id);
    const mail = messages.find((m) => m.kind === 'invitation')!;
    // Berlin 14:00 is 13:00Z: 30 minutes of setup, then exactly one hour of pairing.
    expect(mail.text).toContain('14:00–14:30  Setup');
    expect(mail.text).toContain('14:30–15:30  Pairing: exactly one hour');
    const { event } = calendarOf(mail);
    expect(event.start.toISOString()).toBe('2030-03-05T13:00:00.000Z');
    // 30 setup + 60 pairing + 10 break + 20 retrospective.
    expect(event.end?.toISOString()).toBe('2030-03-05T15:00:00.000Z');
    expect(propertyValue(event.description)).toContain('14:00–14:30  Setup');

    const portal = await expectStatus(world.anonymous.get(`/api/portal/${portalTokenIn(mail.text)}`), 200);
    expect(portal.portal.endsAt).toBe('2030-03-05T15:00:00Z');
    const agenda = portal.portal.sections.find((s: { heading: string }) => s.heading === 'The agenda');
    expect(agenda.text).toContain('14:00–14:30  Setup');

    const nora = messages
      .filter((m) => m.kind === 'interviewer_block' && m.to[0] === 'nora@example.com')
      .map((m) => calendarOf(m).event);
    const interviewBlock = nora.find((e) => propertyValue(e.summary).startsWith('Pair-programming'))!;
    expect(interviewBlock.end?.toISOString()).toBe('2030-03-05T15:00:00.000Z');
    expect(propertyValue(interviewBlock.description)).toContain('Setup 30 min');

    const { interview } = await expectStatus(world.navigator.get(`/api/interviews/${id}`), 200);
    expect(interview.task.setupBudgetSec).toBe(1800);
  });

  it('caret-encodes a double quote in a name, and every calendar object follows the grammar', async () => {
    const { candidate } = await expectStatus(
      world.navigator.post('/api/candidates', {
        name: 'Zoë "Z" Ändersson',
        email: 'zoe@example.org',
        timeZone: 'Europe/Berlin',
      }),
      201,
    );
    const id = await world.planInterview({ candidateId: candidate.id, place: 'Room 4.12, Main St 1' });
    await sendInvitation(world.navigator, id);
    const messages = await outboxMessages(world, id);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(icsGrammarViolations(message.calendar!), message.subject).toEqual([]);
    }
    const mail = messages.find((m) => m.kind === 'invitation')!;
    expect(mail.calendar!.replace(/\r\n /g, '')).toContain(`CN="Zoë ^'Z^' Ändersson"`);
    const { event } = calendarOf(mail);
    const attendee = Array.isArray(event.attendee) ? event.attendee[0] : event.attendee;
    expect(propertyValue(attendee).toLowerCase()).toBe('mailto:zoe@example.org');
    expect(caretDecode(String(propertyParams(attendee).CN))).toBe('Zoë "Z" Ändersson');
  });

  it("organizes from Pairwise's own address, the mail's From, with SENT-BY for the navigator", async () => {
    const id = await world.planInterview();
    await sendInvitation(world.navigator, id);
    const mail = (await outboxMessages(world, id)).find((m) => m.kind === 'invitation')!;
    const from = /^From: (?:.*<([^>]+)>|(\S+@\S+))\r?$/m.exec(mail.raw);
    const fromAddress = (from?.[1] ?? from?.[2])!.toLowerCase();
    const { event } = calendarOf(mail);
    expect(propertyValue(event.organizer).toLowerCase()).toBe(`mailto:${fromAddress}`);
    expect(String(propertyParams(event.organizer)['SENT-BY']).toLowerCase()).toBe('mailto:nora@example.com');
    // Mail replies still reach the navigator.
    expect(mail.raw).toMatch(/^Reply-To: .*nora@example\.com/m);
  });

  it('serves an empty feed that still carries a component', async () => {
    const { url } = await expectStatus(world.outsider.post('/api/calendar-feed'), 201);
    const response = await fetch(url.replace(/^https?:\/\/[^/]+/, server.url));
    expect(response.status).toBe(200);
    const feed = await response.text();
    expect(icsGrammarViolations(feed)).toEqual([]);
    expect(feed).toContain('BEGIN:VTIMEZONE');
    expect(parseIcs(feed).events).toEqual([]);
  });

  it('asks which occurrence a fall-back time means, and still refuses a skipped one', async () => {
    const plan = {
      candidateId: world.ids.candidate,
      positionId: world.ids.position,
      taskId: world.ids.task,
      navigatorId: world.ids.navigator,
      shadowIds: [],
      place: 'Room 3',
      timeZone: 'Europe/Berlin',
      confirmOverlap: true,
    };
    // Berlin's clocks go back at 03:00 on 27 October 2030: 02:30 happens twice.
    for (const url of ['/api/interviews', '/api/interviews/plan-preview']) {
      const body =
        url === '/api/interviews'
          ? { ...plan, startsAtLocal: '2030-10-27T02:30' }
          : {
              navigatorId: world.ids.navigator,
              startsAtLocal: '2030-10-27T02:30',
              timeZone: 'Europe/Berlin',
            };
      const ambiguous = await world.navigator.post(url, body);
      expect(ambiguous.status, url).toBe(422);
      expect(ambiguous.body.fields.startsAtLocal).toMatch(/twice.*earlier.*UTC\+02:00.*later.*UTC\+01:00/);
    }
    const earlier = await expectStatus(
      world.navigator.post('/api/interviews', {
        ...plan,
        startsAtLocal: '2030-10-27T02:30',
        startsAtOccurrence: 'earlier',
      }),
      201,
    );
    expect(earlier.interview.startsAt).toBe('2030-10-27T00:30:00.000Z');
    const later = await expectStatus(
      world.navigator.post('/api/interviews', {
        ...plan,
        startsAtLocal: '2030-10-27T02:30',
        startsAtOccurrence: 'later',
      }),
      201,
    );
    expect(later.interview.startsAt).toBe('2030-10-27T01:30:00.000Z');

    const skipped = await world.navigator.post('/api/interviews', {
      ...plan,
      startsAtLocal: '2030-03-31T02:30',
      startsAtOccurrence: 'earlier',
    });
    expect(skipped.status).toBe(422);
    expect(skipped.body.fields.startsAtLocal).toMatch(/does not exist/);

    const reschedule = await world.navigator.post(`/api/interviews/${earlier.interview.id}/transitions`, {
      action: 'reschedule',
      startsAtLocal: '2030-10-27T02:15',
      timeZone: 'Europe/Berlin',
      reason: 'other',
    });
    expect(reschedule.status).toBe(422);
    expect(reschedule.body.fields.startsAtLocal).toMatch(/twice/);
  });

  it('changes the place after planning: silently before the invitation, by a previewed update after it', async () => {
    const id = await world.planInterview();
    const refused = await world.navigator.put(`/api/interviews/${id}/place`, {
      place: 'Casey Candidate’s favourite café',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.fields.place).toMatch(/candidate/i);
    const planRefused = await world.navigator.post('/api/interviews', {
      candidateId: world.ids.candidate,
      positionId: world.ids.position,
      taskId: world.ids.task,
      navigatorId: world.ids.navigator,
      startsAtLocal: '2030-03-05T14:00',
      timeZone: 'Europe/Berlin',
      place: 'Ask for casey@example.com at the desk',
      confirmOverlap: true,
    });
    expect(planRefused.status).toBe(422);
    expect(planRefused.body.fields.place).toMatch(/candidate/i);

    // Only the navigator (or an admin) drives the interview; outsiders do not learn it exists.
    expect((await world.shadow.put(`/api/interviews/${id}/place`, { place: 'Room 5' })).status).toBe(403);
    expect((await world.outsider.put(`/api/interviews/${id}/place`, { place: 'Room 5' })).status).toBe(404);
    expect(
      (await world.lineManager.post(`/api/interviews/${id}/place/preview`, { place: 'Room 5' })).status,
    ).toBe(403);
    expect((await world.navigator.put(`/api/interviews/${id}/place`, { place: '' })).status).toBe(400);

    // Before the invitation nothing goes out; the invitation's preview shows the new place.
    const before = await expectStatus(
      world.navigator.post(`/api/interviews/${id}/place/preview`, { place: 'Room 5' }),
      200,
    );
    expect(before).toEqual({ preview: null, previewDigest: null });
    await expectStatus(world.navigator.put(`/api/interviews/${id}/place`, { place: 'Room 5' }), 200);
    const { invitation } = await expectStatus(world.navigator.get(`/api/interviews/${id}/invitation`), 200);
    expect(invitation.preview.text).toContain('Where: Room 5');
    expect(await outboxMessages(world, id)).toEqual([]);

    await sendInvitation(world.navigator, id);
    const sent = (await outboxMessages(world, id)).length;
    const unpreviewed = await world.navigator.put(`/api/interviews/${id}/place`, { place: 'Room 7' });
    expect(unpreviewed.status).toBe(409);
    const { preview, previewDigest } = await expectStatus(
      world.navigator.post(`/api/interviews/${id}/place/preview`, { place: 'Room 7' }),
      200,
    );
    expect(preview.subject).toMatch(/^New place: /);
    expect(preview.text).toContain('New place: Room 7');
    await expectStatus(
      world.navigator.put(`/api/interviews/${id}/place`, { place: 'Room 7', previewDigest }),
      200,
    );

    const updates = (await outboxMessages(world, id)).slice(sent);
    const candidateUpdate = updates.find((m) => m.kind === 'invitation_update')!;
    expect(candidateUpdate.subject).toBe(preview.subject);
    expect(candidateUpdate.text).toBe(
      preview.text.replace('private-link-created-when-sent', portalTokenIn(candidateUpdate.text)),
    );
    const { method, event } = calendarOf(candidateUpdate);
    expect(method).toBe('REQUEST');
    expect(event.sequence).toBe(1);
    expect(propertyValue(event.location)).toBe('Room 7');
    // The panel hears about the one block the place belongs to, updated in place.
    const blocks = updates.filter((m) => m.kind === 'interviewer_block');
    expect(blocks.map((m) => m.to[0]).sort()).toEqual(['nora@example.com', 'sam@example.com']);
    for (const block of blocks) {
      expect(propertyValue(calendarOf(block).event.location)).toBe('Room 7');
      expect(calendarOf(block).event.sequence).toBe(1);
    }
    const { interview } = await expectStatus(world.navigator.get(`/api/interviews/${id}`), 200);
    expect(interview.place).toBe('Room 7');
  });
});
