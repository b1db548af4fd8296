import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, databases, startTestServer, type TestServer, type World } from './harness.ts';
import { eventually, outboxMessages, portalTokenIn, sendInvitation } from './outreach-flows.ts';
import { cancelInterview, rescheduleInterview } from './process-flows.ts';
import { type Accepted, calendarPartOf, SmtpSink, textPartOf } from './smtp-sink.ts';
import { parseSingleEvent, propertyValue } from './support/parse-ics.ts';

/**
 * With SMTP_URL set, mail leaves through a real SMTP server (the `smtp-server` package); the
 * received invites are read back with node-ical, a parser independent of the one that wrote them.
 */
describe.each(databases())('mail through a real SMTP server (%s)', (database) => {
  const sink = new SmtpSink();
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    const port = await sink.listen();
    server = await startTestServer(database, {
      smtpUrl: `smtp://127.0.0.1:${port}`,
      mailFrom: 'Pairwise at Acme <interviews@acme.example>',
    });
    world = await createWorld(server);
  });
  afterAll(async () => {
    await server.close();
    await sink.close();
  });
  beforeEach(() => {
    sink.onData = () => 'accept';
  });

  const receivedBy = (address: string, count: number) =>
    eventually(async () => (sink.to(address).length >= count ? sink.to(address) : null));
  const hasCalendarPart = (mail: Accepted) => {
    try {
      return Boolean(calendarPartOf(mail.message));
    } catch {
      return false;
    }
  };
  const calendarOf = (mail: Accepted) => {
    const part = calendarPartOf(mail.message);
    return { mimeMethod: part.params.method, ...parseSingleEvent(part.body) };
  };

  it('delivers the invite, the update and the cancellation, which parse back in place', async () => {
    const id = await world.planInterview();
    await sendInvitation(world.navigator, id);
    const [invite] = await receivedBy('casey@example.com', 1);
    expect(invite!.subject).toBe(
      'Invitation: pair-programming interview on Tuesday 5 March 2030, 14:00 (Europe/Berlin)',
    );
    expect(textPartOf(invite!.message)).toContain('Pairing: exactly one hour');
    const token = portalTokenIn(textPartOf(invite!.message));
    expect((await world.anonymous.get(`/api/portal/${token}`)).status).toBe(200);
    const first = calendarOf(invite!);
    expect(first.mimeMethod).toBe('REQUEST');
    expect(first.method).toBe('REQUEST');
    expect(first.event.sequence).toBe(0);
    expect(first.event.start.toISOString()).toBe('2030-03-05T13:00:00.000Z');
    expect(first.event.end?.toISOString()).toBe('2030-03-05T14:35:00.000Z');
    expect(propertyValue(first.event.attendee).toLowerCase()).toBe('mailto:casey@example.com');
    // The navigator gets four blocks, the shadow four, the line manager the debrief.
    await receivedBy('nora@example.com', 4);
    await receivedBy('sam@example.com', 4);
    await receivedBy('lena@example.com', 1);

    // The outbox marks what the server accepted, with the very Message-ID it received.
    const stored = await eventually(async () => {
      const rows = await outboxMessages(world, id);
      return rows.every((row) => row.status === 'sent') ? rows : null;
    });
    const storedInvite = stored.find((row) => row.kind === 'invitation')!;
    expect(storedInvite.messageId).toBe(invite!.messageId);
    expect(storedInvite.messageId).toMatch(/@acme\.example>$/);
    expect(invite!.raw.replace(/\r\n$/, '')).toBe(storedInvite.raw.replace(/\r\n$/, ''));

    await rescheduleInterview(world.navigator, id, {
      startsAtLocal: '2030-03-12T16:30',
      timeZone: 'Europe/Berlin',
      reason: 'candidate_unwell',
    });
    const [, update] = await receivedBy('casey@example.com', 2);
    const second = calendarOf(update!);
    expect(update!.subject).toMatch(/^New time: /);
    expect(second.method).toBe('REQUEST');
    expect(second.event.uid).toBe(first.event.uid);
    expect(second.event.sequence).toBe(1);
    expect(second.event.start.toISOString()).toBe('2030-03-12T15:30:00.000Z');
    expect(textPartOf(update!.message)).not.toMatch(/unwell|sorry|fault/i);

    await cancelInterview(world.navigator, id);
    const [, , cancellation] = await receivedBy('casey@example.com', 3);
    const third = calendarOf(cancellation!);
    expect(third.mimeMethod).toBe('CANCEL');
    expect(third.method).toBe('CANCEL');
    expect(third.event.uid).toBe(first.event.uid);
    expect(third.event.sequence).toBe(2);
    expect(third.event.status).toBe('CANCELLED');

    // Nora's calendar blocks only: with SMTP set up, her colleague invitation was mailed too.
    const noraBlocks = await eventually(async () => {
      const blocks = sink.to('nora@example.com').filter((mail) => hasCalendarPart(mail));
      return blocks.length >= 12 ? blocks : null;
    });
    const prepUid = calendarOf(noraBlocks[0]!).event.uid;
    const prepHistory = noraBlocks.map(calendarOf).filter((c) => c.event.uid === prepUid);
    expect(prepHistory.map((c) => [c.method, c.event.sequence])).toEqual([
      ['REQUEST', 0],
      ['REQUEST', 1],
      ['CANCEL', 2],
    ]);
  });

  it('retries a message the server turned away, with backoff, and delivers it once', async () => {
    let refusals = 0;
    sink.onData = (raw) => {
      if (raw.includes('To: Casey Candidate') && refusals === 0) {
        refusals += 1;
        return 'reject';
      }
      return 'accept';
    };
    const before = sink.to('casey@example.com').length;
    const id = await world.planInterview({ startsAtLocal: '2030-04-01T10:00' });
    await sendInvitation(world.navigator, id);
    const waiting = await eventually(async () => {
      const row = (await outboxMessages(world, id)).find((m) => m.kind === 'invitation');
      return row?.attempts === 1 && row.status === 'queued' ? row : null;
    });
    expect(waiting).toMatchObject({ lastError: expect.stringMatching(/451|Try again later/) });
    // The first retry comes 5 s later (job-queue backoff).
    const delivered = await eventually(async () => {
      const row = (await outboxMessages(world, id)).find((m) => m.kind === 'invitation');
      return row?.status === 'sent' ? row : null;
    }, 20_000);
    expect(delivered.attempts).toBe(2);
    expect(refusals).toBe(1);
    expect(sink.to('casey@example.com').length - before).toBe(1);
  }, 40_000);
});
