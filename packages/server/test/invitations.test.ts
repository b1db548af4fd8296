import type { VEvent } from 'node-ical';
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
  businessDaysFromToday,
  candidatePortalToken,
  dueJobsDone,
  eventually,
  type OutboxFull,
  outboxMessages,
  portalTokenIn,
  reportInterview,
  runSessionUntilRetrospective,
  sendInvitation,
} from './outreach-flows.ts';
import { cancelInterview, rescheduleInterview } from './process-flows.ts';
import { parseIcs, parseSingleEvent, propertyParams, propertyValue } from './support/parse-ics.ts';

// Words that would put the blame on someone; candidate-facing text never carries them.
const FAULT_WORDS = /sorry|unfortunately|fault|because you|your request|you missed|no-show|failed|penalt/i;

function calendarOf(message: OutboxFull): { method: string | undefined; event: VEvent } {
  if (!message.calendar) throw new Error(`${message.subject} has no calendar part`);
  return parseSingleEvent(message.calendar);
}

describe.each(databases())('invitations, calendar updates and follow-up (%s)', (database) => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  const transition = (id: string, body: Record<string, unknown>) =>
    expectStatus(world.navigator.post(`/api/interviews/${id}/transitions`, body), 200);

  it('sends exactly the previewed invitation with a REQUEST, and the panel its own blocks', async () => {
    const id = await world.planInterview();
    const { invitation } = await expectStatus(world.navigator.get(`/api/interviews/${id}/invitation`), 200);
    expect(invitation.sentAt).toBeNull();
    expect(invitation.candidateEmail).toBe('casey@example.com');
    expect(invitation.preview.text).toContain('Hello Casey Candidate,');
    expect(invitation.calendarRecipients).toEqual([
      { name: 'Nora Navigator', blocks: ['prep', 'interview', 'refinement', 'debrief'] },
      { name: 'Sam Shadow', blocks: ['prep', 'interview', 'refinement', 'debrief'] },
      { name: 'Lena Manager', blocks: ['debrief'] },
    ]);

    // Sending needs the digest of what was looked at; anything else leaves the interview planned.
    const stale = await world.navigator.post(`/api/interviews/${id}/invitation`, {
      previewDigest: '0'.repeat(64),
    });
    expect(stale.status).toBe(409);
    expect((await expectStatus(world.navigator.get(`/api/interviews/${id}`), 200)).interview.stage).toBe(
      'planned',
    );
    expect(await outboxMessages(world, id)).toEqual([]);

    const previewed = await sendInvitation(world.navigator, id);
    const sent = await expectStatus(world.navigator.get(`/api/interviews/${id}/invitation`), 200);
    expect(sent.invitation.stage).toBe('invited');
    expect(sent.invitation.sentAt).toBeTruthy();

    const messages = await outboxMessages(world, id);
    const candidateMail = messages.filter((m) => m.kind === 'invitation');
    expect(candidateMail).toHaveLength(1);
    const [mail] = candidateMail as [OutboxFull];
    expect(mail.to).toEqual(['casey@example.com']);
    // No SMTP configured: kept in the outbox for the admin, nothing sent.
    expect(mail.status).toBe('kept');
    expect(mail.subject).toBe(previewed.preview.subject);
    const token = portalTokenIn(mail.text);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    expect(mail.text).toBe(previewed.preview.text.replace('private-link-created-when-sent', token));
    expect(mail.raw).toContain('Content-Type: text/calendar; charset=utf-8; method=REQUEST');

    const { method, event } = calendarOf(mail);
    expect(method).toBe('REQUEST');
    expect(event.sequence).toBe(0);
    expect(event.start.toISOString()).toBe('2030-03-05T13:00:00.000Z');
    // The task's default setup budget (300 s) reserves 5 minutes, as on the day.
    expect(event.end?.toISOString()).toBe('2030-03-05T14:35:00.000Z');
    expect(propertyValue(event.attendee).toLowerCase()).toBe('mailto:casey@example.com');
    // Pairwise organizes (so calendar replies reach it) on behalf of the navigator.
    expect(propertyValue(event.organizer).toLowerCase()).toMatch(/^mailto:pairwise@/);
    expect(String(propertyParams(event.organizer)['SENT-BY']).toLowerCase()).toBe('mailto:nora@example.com');
    expect(propertyValue(event.description)).toContain('Pairing: exactly one hour');

    const blocks = messages.filter((m) => m.kind === 'interviewer_block');
    expect(blocks.map((m) => m.to[0]).sort()).toEqual([
      ...Array(1).fill('lena@example.com'),
      ...Array(4).fill('nora@example.com'),
      ...Array(4).fill('sam@example.com'),
    ]);
    for (const block of blocks) {
      // No candidate data anywhere in a panel message: subject, text, HTML, calendar.
      expect(block.raw).not.toMatch(/Casey|casey@example\.com/i);
      expect(calendarOf(block).method).toBe('REQUEST');
      expect(calendarOf(block).event.sequence).toBe(0);
    }
    const nora = blocks.filter((m) => m.to[0] === 'nora@example.com').map((m) => calendarOf(m).event);
    expect(nora.map((e) => [propertyValue(e.summary).split(':')[0], e.start.toISOString()])).toEqual([
      ['Prep', '2030-03-05T12:30:00.000Z'],
      ['Pair-programming interview (Backend Engineer · Shopping list)', '2030-03-05T13:00:00.000Z'],
      ['Refine notes (Backend Engineer · Shopping list)', '2030-03-05T14:35:00.000Z'],
      ['Debrief with Lena Manager (Backend Engineer · Shopping list)', '2030-03-05T15:05:00.000Z'],
    ]);
    expect(new Set([...blocks, mail].map((m) => calendarOf(m).event.uid)).size).toBe(10);

    // Once sent, the invite step cannot be repeated.
    const again = await world.navigator.post(`/api/interviews/${id}/invitation`, {
      previewDigest: previewed.previewDigest,
    });
    expect(again.status).toBe(409);
  });

  it('updates every invite in place on a new time, and cancels with METHOD:CANCEL', async () => {
    const id = await world.planInterview();
    await sendInvitation(world.navigator, id);
    const first = await outboxMessages(world, id);
    const uidOf = (m: OutboxFull) => calendarOf(m).event.uid;
    const firstUids = first.map(uidOf).sort();

    await rescheduleInterview(world.navigator, id, {
      startsAtLocal: '2030-03-12T09:30',
      timeZone: 'Europe/Berlin',
      reason: 'candidate_request',
    });
    const afterReschedule = await outboxMessages(world, id);
    const updates = afterReschedule.slice(first.length);
    expect(updates).toHaveLength(10);
    expect(updates.map(uidOf).sort()).toEqual(firstUids);
    const candidateUpdate = updates.find((m) => m.kind === 'invitation_update')!;
    expect(candidateUpdate.subject).toMatch(/^New time: pair-programming interview on Tuesday 12 March 2030/);
    expect(candidateUpdate.text).toContain('Previous time: Tuesday 5 March 2030, 14:00');
    expect(candidateUpdate.text).not.toMatch(FAULT_WORDS);
    expect(candidateUpdate.text).not.toContain('candidate_request');
    const updated = calendarOf(candidateUpdate);
    expect(updated.method).toBe('REQUEST');
    expect(updated.event.sequence).toBe(1);
    expect(updated.event.start.toISOString()).toBe('2030-03-12T08:30:00.000Z');
    for (const m of updates) expect(calendarOf(m).event.sequence).toBe(1);
    // The reschedule mail carries a fresh private link to the same interview.
    expect(portalTokenIn(candidateUpdate.text)).not.toBe(portalTokenIn(first[0]!.text));

    await cancelInterview(world.navigator, id, 'CANCEL-REASON-MARKER: budget frozen');
    const cancellations = (await outboxMessages(world, id)).slice(afterReschedule.length);
    expect(cancellations).toHaveLength(10);
    expect(cancellations.map(uidOf).sort()).toEqual(firstUids);
    const candidateCancel = cancellations.find((m) => m.kind === 'cancellation')!;
    expect(candidateCancel.subject).toMatch(
      /^Cancelled: pair-programming interview on Tuesday 12 March 2030/,
    );
    expect(candidateCancel.text).not.toMatch(FAULT_WORDS);
    expect(candidateCancel.raw).not.toContain('CANCEL-REASON-MARKER');
    expect(candidateCancel.raw).toContain('method=CANCEL');
    for (const m of cancellations) {
      const { method, event } = calendarOf(m);
      expect(method).toBe('CANCEL');
      expect(event.sequence).toBe(2);
      expect(event.status).toBe('CANCELLED');
    }
  });

  it('sends a new time and a cancellation only from their preview, exactly as previewed', async () => {
    const id = await world.planInterview();
    await sendInvitation(world.navigator, id);
    const before = (await outboxMessages(world, id)).length;
    const move = { startsAtLocal: '2030-03-13T09:30', timeZone: 'Europe/Berlin', reason: 'candidate_unwell' };

    // The generic route cannot send either message once the candidate was invited.
    for (const body of [{ action: 'reschedule', ...move }, { action: 'cancel' }]) {
      const refused = await world.navigator.post(`/api/interviews/${id}/transitions`, body);
      expect(refused.status, body.action).toBe(409);
      expect(refused.body.message).toMatch(/preview that mail/);
    }
    // Nor a digest of something else, or of another time than the one previewed.
    const { preview, previewDigest, overlaps } = await expectStatus(
      world.navigator.post(`/api/interviews/${id}/reschedule/preview`, move),
      200,
    );
    expect(preview.subject).toMatch(/^New time: /);
    expect(preview.text).toContain('Wednesday 13 March 2030');
    expect(preview.text).not.toMatch(FAULT_WORDS);
    expect(preview.text).not.toMatch(/unwell/i);
    expect(overlaps).toEqual([]);
    const stale = await world.navigator.post(`/api/interviews/${id}/reschedule`, {
      ...move,
      startsAtLocal: '2030-03-14T09:30',
      previewDigest,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.fields).toHaveProperty('previewDigest');
    expect(await outboxMessages(world, id)).toHaveLength(before);

    const moved = await expectStatus(
      world.navigator.post(`/api/interviews/${id}/reschedule`, { ...move, previewDigest }),
      200,
    );
    expect(moved.interview.startsAt).toBe('2030-03-13T08:30:00.000Z');
    const update = (await outboxMessages(world, id)).find((m) => m.kind === 'invitation_update')!;
    expect(update.subject).toBe(preview.subject);
    // The preview shows where the private link goes; the sent mail carries the link itself.
    expect(update.text.replace(/\/p\/[A-Za-z0-9_-]{43}/, '/p/private-link-created-when-sent')).toBe(
      preview.text,
    );

    const cancellation = await expectStatus(
      world.navigator.post(`/api/interviews/${id}/cancellation/preview`, {}),
      200,
    );
    expect(cancellation.preview.subject).toMatch(/^Cancelled: /);
    await expectStatus(
      world.navigator.post(`/api/interviews/${id}/cancellation`, {
        reason: 'Budget frozen',
        previewDigest: cancellation.previewDigest,
      }),
      200,
    );
    const sent = (await outboxMessages(world, id)).find((m) => m.kind === 'cancellation')!;
    expect(sent.subject).toBe(cancellation.preview.subject);
    expect(sent.text).toBe(cancellation.preview.text);
  });

  it("checks a new time against the same people's other interviews, as planning does", async () => {
    const first = await world.planInterview({ startsAtLocal: '2030-05-06T10:00', confirmOverlap: false });
    const second = await world.planInterview({ startsAtLocal: '2030-05-08T10:00', confirmOverlap: false });
    await sendInvitation(world.navigator, second);
    const move = { startsAtLocal: '2030-05-06T10:30', timeZone: 'Europe/Berlin', reason: 'other' };
    const { overlaps, warnings, previewDigest } = await expectStatus(
      world.navigator.post(`/api/interviews/${second}/reschedule/preview`, move),
      200,
    );
    expect(overlaps.map((o: { interviewId: string }) => o.interviewId)).toEqual([first]);
    expect(Array.isArray(warnings)).toBe(true);
    const refused = await world.navigator.post(`/api/interviews/${second}/reschedule`, {
      ...move,
      previewDigest,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.fields).toHaveProperty('confirmOverlap');
    const moved = await expectStatus(
      world.navigator.post(`/api/interviews/${second}/reschedule`, {
        ...move,
        previewDigest,
        confirmOverlap: true,
      }),
      200,
    );
    const event = moved.interview.events.find((e: { type: string }) => e.type === 'rescheduled');
    expect(event.payload.overlapConfirmed).toBe(1);
    // A plan nobody was invited to moves through the generic route, and is checked the same way.
    const planned = await world.planInterview({ startsAtLocal: '2030-05-10T10:00', confirmOverlap: false });
    const generic = await world.navigator.post(`/api/interviews/${planned}/transitions`, {
      action: 'reschedule',
      ...move,
    });
    expect(generic.status).toBe(409);
    expect(generic.body.fields).toHaveProperty('confirmOverlap');
  });

  it('answers an accommodation request: on the portal, and mailed exactly as previewed', async () => {
    const id = await world.planInterview();
    await sendInvitation(world.navigator, id);
    const token = await candidatePortalToken(world, id);
    await expectStatus(
      world.anonymous.post(`/api/portal/${token}/accommodations`, {
        text: 'ACCOMMODATION-MARKER: a quiet room',
      }),
      200,
    );
    const { invitation } = await expectStatus(world.navigator.get(`/api/interviews/${id}/invitation`), 200);
    const [request] = invitation.accommodations;
    expect(request).toMatchObject({ text: 'ACCOMMODATION-MARKER: a quiet room', answer: null });
    const url = `/api/interviews/${id}/accommodations/${request.id}/answer`;
    const answer = 'Yes: room 3 is quiet, and we will keep the door closed.';

    // Only drivers answer; the line manager does not even see the request.
    expect((await world.shadow.post(`${url}/preview`, { answer })).status).toBe(403);
    const lm = await expectStatus(world.lineManager.get(`/api/interviews/${id}/invitation`), 200);
    expect(lm.invitation.accommodations).toEqual([]);

    const { preview, previewDigest } = await expectStatus(
      world.navigator.post(`${url}/preview`, { answer }),
      200,
    );
    expect(preview.text).toContain('> ACCOMMODATION-MARKER: a quiet room');
    expect(preview.text).toContain(answer);
    const changed = await world.navigator.post(url, { answer: `${answer} Also water.`, previewDigest });
    expect(changed.status).toBe(409);
    await expectStatus(world.navigator.post(url, { answer, previewDigest }), 200);

    const mail = (await outboxMessages(world, id)).find((m) => m.kind === 'accommodation_answer')!;
    expect(mail.to.join()).toContain('casey@example.com');
    expect(mail.subject).toBe(preview.subject);
    expect(mail.text.replace(/\/p\/[A-Za-z0-9_-]{43}/, '/p/private-link-created-when-sent')).toBe(
      preview.text,
    );
    const { portal } = await expectStatus(world.anonymous.get(`/api/portal/${token}`), 200);
    expect(portal.accommodations[0]).toMatchObject({ answer, answeredAt: expect.any(String) });
    // Answered once; the line manager's timeline says an answer went out, not what it said.
    expect((await world.navigator.post(`${url}/preview`, { answer })).status).toBe(409);
    const timeline = await expectStatus(world.lineManager.get(`/api/interviews/${id}`), 200);
    expect(JSON.stringify(timeline)).not.toContain('ACCOMMODATION-MARKER');
    expect(JSON.stringify(timeline)).not.toContain('room 3');
  });

  it('rescheduling an interview nobody was invited to yet sends nothing', async () => {
    const id = await world.planInterview();
    await transition(id, {
      action: 'reschedule',
      startsAtLocal: '2030-04-02T10:00',
      timeZone: 'Europe/Berlin',
      reason: 'interviewer_request',
    });
    await transition(id, { action: 'cancel' });
    expect(await outboxMessages(world, id)).toEqual([]);
  });

  it('shows a New York candidate their own time for an interview on the Berlin DST Sunday', async () => {
    const { candidate } = await expectStatus(
      world.navigator.post('/api/candidates', {
        name: 'Nia York',
        email: 'nia@example.org',
        timeZone: 'America/New_York',
      }),
      201,
    );
    // The navigator, sitting in New York, enters the Berlin wall-clock time of the session.
    const id = await world.planInterview({
      candidateId: candidate.id,
      startsAtLocal: '2027-03-28T10:00',
      timeZone: 'Europe/Berlin',
      place: 'https://meet.example.com/pairwise-7f3a',
    });
    const detail = await expectStatus(world.navigator.get(`/api/interviews/${id}`), 200);
    expect(detail.interview.startsAt).toBe('2027-03-28T08:00:00.000Z');
    // The same instant typed in New York time gives the same plan.
    const sameInstant = await world.planInterview({
      candidateId: candidate.id,
      startsAtLocal: '2027-03-28T04:00',
      timeZone: 'America/New_York',
    });
    expect(
      (await expectStatus(world.navigator.get(`/api/interviews/${sameInstant}`), 200)).interview.startsAt,
    ).toBe('2027-03-28T08:00:00.000Z');

    const { preview } = await sendInvitation(world.navigator, id);
    expect(preview.subject).toBe(
      'Invitation: pair-programming interview on Sunday 28 March 2027, 04:00 (America/New_York)',
    );
    expect(preview.text).toContain('When:  Sunday 28 March 2027, 04:00–05:35 (America/New_York, UTC-04:00)');
    expect(preview.text).toContain('For your interviewer: 10:00–11:35 (Europe/Berlin, UTC+02:00)');
    expect(preview.text).toContain('Video call: https://meet.example.com/pairwise-7f3a');

    const messages = await outboxMessages(world, id);
    const invite = messages.find((m) => m.kind === 'invitation')!;
    expect(invite.calendar).toMatch(/^DTSTART;TZID=America\/New_York:20270328T040000\r$/m);
    expect(calendarOf(invite).event.start.toISOString()).toBe('2027-03-28T08:00:00.000Z');
    const prep = messages.find((m) => m.kind === 'interviewer_block' && m.subject.startsWith('Prep'))!;
    expect(prep.calendar).toMatch(/^DTSTART;TZID=Europe\/Berlin:20270328T093000\r$/m);
    expect(calendarOf(prep).event.start.toISOString()).toBe('2027-03-28T07:30:00.000Z');
    expect(prep.text).toContain('09:30–10:00 (Europe/Berlin, UTC+02:00)');
  });

  it('gives each user a private feed of their own blocks, with the mailed UIDs and no candidate data', async () => {
    // Within the feed's window, which reaches a year ahead.
    const inTwoMonths = `${new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10)}T10:00`;
    const id = await world.planInterview({ startsAtLocal: inTwoMonths });
    await sendInvitation(world.navigator, id);
    const mailedToNora = (await outboxMessages(world, id))
      .filter((m) => m.to[0] === 'nora@example.com')
      .map((m) => calendarOf(m).event.uid);

    const before = await expectStatus(world.navigator.get('/api/calendar-feed'), 200);
    expect(before.active).toBe(false);
    const { url } = await expectStatus(world.navigator.post('/api/calendar-feed'), 201);
    expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await expectStatus(world.navigator.get('/api/calendar-feed'), 200)).active).toBe(true);

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = await response.text();
    expect(ics).not.toMatch(/Casey|casey@example\.com/i);
    expect(ics).toContain('METHOD:PUBLISH');
    for (const uid of mailedToNora) expect(ics).toContain(`UID:${uid}`);
    // Each event is lean: its title, its time, the interview's place on the interview block, and
    // the interview's link once; the guidance is in the mailed invitation of the same UID.
    const link = `${url.slice(0, url.indexOf('/calendar/'))}/interviews/${id}`;
    const events = parseIcs(ics).events.filter((event) => mailedToNora.includes(event.uid));
    expect(events).toHaveLength(mailedToNora.length);
    for (const event of events) {
      expect(propertyValue(event.summary)).toMatch(/interview|Refine|Debrief/);
      expect(propertyValue(event.description)).toBe(link);
    }
    expect(events.filter((event) => event.location !== undefined)).toHaveLength(1);
    expect(ics).not.toMatch(/^(URL|STATUS|TRANSP)[;:]/m);
    // fetch asks for gzip, as calendar apps do, and gets the rendering compressed; a client that
    // does not accept it gets the same rendering as it is.
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
    const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(ics);
    const refused = await fetch(url, { headers: { 'accept-encoding': 'gzip;q=0, identity' } });
    expect(refused.headers.get('content-encoding')).toBeNull();
    expect(await refused.text()).toBe(ics);

    // The line manager's feed holds only the debriefs of positions they manage.
    const managerFeed = await expectStatus(world.lineManager.post('/api/calendar-feed'), 201);
    const managerIcs = await (await fetch(managerFeed.url)).text();
    expect(managerIcs).toContain('SUMMARY:Debrief with Lena Manager');
    expect(managerIcs).not.toContain('SUMMARY:Prep');

    // Rotating replaces the URL; turning it off ends it.
    const rotated = await expectStatus(world.navigator.post('/api/calendar-feed'), 201);
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(rotated.url)).status).toBe(200);
    await expectStatus(world.navigator.delete('/api/calendar-feed'), 200);
    expect((await fetch(rotated.url)).status).toBe(404);
  });

  it('reminds line manager and navigator two business days before the deadline, once', async () => {
    const id = await world.planInterview({ startsAtLocal: '2030-06-04T10:00' });
    await sendInvitation(world.navigator, id);
    const noteId = await runSessionUntilRetrospective(world, id);
    const deadline = businessDaysFromToday(1);
    await reportInterview(world, id, deadline, noteId);
    const reminders = await eventually(async () => {
      const found = (await outboxMessages(world, id)).filter((m) => m.kind === 'deadline_reminder');
      return found.length >= 2 ? found : null;
    });
    expect(reminders.map((m) => m.to[0]).sort()).toEqual(['lena@example.com', 'nora@example.com']);
    expect(reminders[0]!.subject).toBe(`Reminder: Casey Candidate would like to hear back by ${deadline}`);
    expect(reminders[0]!.text).toContain(`/interviews/${id}/report`);
    // The refinement and reported events both scheduled it; it still went out once per person.
    await dueJobsDone(server);
    expect((await outboxMessages(world, id)).filter((m) => m.kind === 'deadline_reminder')).toHaveLength(2);
  });

  it("sends the line manager's own words to the candidate once, exactly as previewed", async () => {
    const id = await world.planInterview({ startsAtLocal: '2030-07-02T10:00' });
    await sendInvitation(world.navigator, id);
    const noteId = await runSessionUntilRetrospective(world, id);
    await reportInterview(world, id, '2031-02-03', noteId);
    const message = 'Thank you for pairing with us.\n\nWe would like to invite you to meet the team.';
    const early = await world.lineManager.post(`/api/interviews/${id}/decision-message/preview`, { message });
    expect(early.status).toBe(409);

    await expectStatus(
      world.lineManager.post(`/api/interviews/${id}/decision`, {
        outcome: 'next_round',
        note: '',
        // Only the navigator reports in this test; the shadow's path is not its subject.
        proceedWithoutPanel: { reason: 'The shadow is not part of this test.' },
      }),
      200,
    );
    const notLineManager = await world.navigator.post(`/api/interviews/${id}/decision-message/preview`, {
      message,
    });
    expect(notLineManager.status).toBe(403);
    const { preview, previewDigest } = await expectStatus(
      world.lineManager.post(`/api/interviews/${id}/decision-message/preview`, { message }),
      200,
    );
    expect(preview.text).toContain('Hello Casey Candidate,\n\nThank you for pairing with us.');
    expect(preview.text).toContain('Lena Manager');

    const changed = await world.lineManager.post(`/api/interviews/${id}/decision-message`, {
      message: `${message} Edited after preview.`,
      previewDigest,
    });
    expect(changed.status).toBe(409);
    const sent = await expectStatus(
      world.lineManager.post(`/api/interviews/${id}/decision-message`, { message, previewDigest }),
      200,
    );
    expect(sent.decisionMessage.sentByName).toBe('Lena Manager');
    const mail = (await outboxMessages(world, id)).find((m) => m.kind === 'decision_message')!;
    expect(mail.to).toEqual(['casey@example.com']);
    const token = portalTokenIn(mail.text);
    expect(mail.text).toBe(preview.text.replace('private-link-created-when-sent', token));
    const twice = await world.lineManager.post(`/api/interviews/${id}/decision-message`, {
      message,
      previewDigest,
    });
    expect(twice.status).toBe(409);
  });
});
