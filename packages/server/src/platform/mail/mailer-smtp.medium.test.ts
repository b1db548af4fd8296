import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { leafParts, type MimePart, parseMime } from '../../../test/support/mime-parts.ts';
import { parseSingleEvent, propertyParams, propertyValue } from '../../../test/support/parse-ics.ts';
import { buildCalendarInvite, type CalendarEventInput } from '../calendar/calendar-invites.ts';
import { Mailer, type OutgoingMail } from './mailer.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
  message: MimePart;
  connectionId: string;
}

// A real SMTP server on a free local port: the mailer is tested against the protocol, not a mock.
const received: Received[] = [];
const rejectRecipients = new Set<string>();
let connections = 0;
const server = new SMTPServer({
  authOptional: true,
  secure: false,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onConnect(_session, callback) {
    connections += 1;
    callback();
  },
  onRcptTo(address, _session, callback) {
    if (rejectRecipients.has(address.address)) {
      const error = new Error('Mailbox unavailable') as Error & { responseCode: number };
      error.responseCode = 550;
      callback(error);
      return;
    }
    callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
        raw,
        message: parseMime(raw),
        connectionId: session.id,
      });
      callback();
    });
  },
});

let mailer: Mailer;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  mailer = new Mailer({
    smtpUrl: `smtp://127.0.0.1:${port}?from=Pairwise%20%3Cinterviews%40acme.example%3E`,
    smtpOptions: { ignoreTLS: true, connectionTimeout: 5000 },
  });
});

afterAll(async () => {
  mailer?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received.length = 0;
  rejectRecipients.clear();
});

const uid = '0d9c1b7a-2f4e-4c1a-9b8e-7a6f5e4d3c2b';
const organizer = { name: 'Grace Hopper', email: 'grace@acme.example' };
const ada = { name: 'Ada Lovelace', email: 'ada@example.org' };

function event(overrides: Partial<CalendarEventInput> = {}): CalendarEventInput {
  return {
    uid,
    sequence: 0,
    startsAt: '2027-03-28T08:00:00Z',
    endsAt: '2027-03-28T09:45:00Z',
    summary: 'Pair-programming interview with Acme',
    description: '10:00–10:15 Setup\n10:15–11:15 Pairing: exactly one hour',
    location: 'https://meet.example.com/pairwise-7f3a',
    organizer,
    attendees: [ada],
    ...overrides,
  };
}

function inviteMail(method: 'REQUEST' | 'CANCEL', e: CalendarEventInput, messageId: string): OutgoingMail {
  const invite = buildCalendarInvite(method, e);
  return {
    to: { name: ada.name, address: ada.email },
    subject:
      method === 'CANCEL'
        ? 'Cancelled: pair-programming interview'
        : 'Invitation: pair-programming interview',
    text: 'Hello Ada,\n\nPairing: exactly one hour.',
    html: '<p>Hello Ada,</p><p>Pairing: exactly one hour.</p>',
    icalEvent: { method: invite.method, content: invite.content },
    messageId,
  };
}

function calendarPart(message: MimePart): MimePart {
  const part = leafParts(message).find((p) => p.contentType === 'text/calendar');
  if (!part) throw new Error('no text/calendar part');
  return part;
}

describe('Mailer over a real SMTP server', () => {
  it('delivers an invite with text, HTML and a text/calendar REQUEST that parses back', async () => {
    const result = await mailer.send(inviteMail('REQUEST', event(), 'outbox-1'));
    expect(result.delivered).toBe(true);
    expect(result.accepted).toEqual(['ada@example.org']);
    expect(result.messageId).toBe('<outbox-1@acme.example>');

    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.from).toBe('interviews@acme.example');
    expect(mail?.to).toEqual(['ada@example.org']);
    // What the outbox stored is byte for byte what the server got.
    expect(mail?.raw.replace(/\r\n$/, '')).toBe(result.rendered.raw.replace(/\r\n$/, ''));
    expect(mail?.message.headers.get('message-id')).toBe('<outbox-1@acme.example>');

    const parts = leafParts(mail!.message);
    expect(parts.map((p) => p.contentType).sort()).toEqual([
      'application/ics',
      'text/calendar',
      'text/html',
      'text/plain',
    ]);
    expect(parts.find((p) => p.contentType === 'text/plain')?.body).toContain('Pairing: exactly one hour.');

    const calendar = calendarPart(mail!.message);
    expect(calendar.params.method).toBe('REQUEST');
    const { method, event: parsed } = parseSingleEvent(calendar.body);
    expect(method).toBe('REQUEST');
    expect(parsed.uid).toBe(uid);
    expect(parsed.sequence).toBe(0);
    expect(parsed.start.toISOString()).toBe('2027-03-28T08:00:00.000Z');
    expect(parsed.end?.toISOString()).toBe('2027-03-28T09:45:00.000Z');
    expect(propertyValue(parsed.organizer).toLowerCase()).toBe('mailto:grace@acme.example');
    expect(propertyValue(parsed.attendee).toLowerCase()).toBe('mailto:ada@example.org');
    expect(propertyParams(parsed.attendee).CN).toBe('Ada Lovelace');
  });

  it('delivers an update with the same UID and SEQUENCE + 1', async () => {
    await mailer.send(
      inviteMail(
        'REQUEST',
        event({ sequence: 1, startsAt: '2027-04-04T08:00:00Z', endsAt: '2027-04-04T09:45:00Z' }),
        'outbox-2',
      ),
    );
    const calendar = calendarPart(received[0]!.message);
    const { method, event: parsed } = parseSingleEvent(calendar.body);
    expect(method).toBe('REQUEST');
    expect(parsed.uid).toBe(uid);
    expect(parsed.sequence).toBe(1);
    expect(parsed.start.toISOString()).toBe('2027-04-04T08:00:00.000Z');
  });

  it('delivers a cancellation as METHOD:CANCEL with STATUS:CANCELLED', async () => {
    await mailer.send(inviteMail('CANCEL', event({ sequence: 2 }), 'outbox-3'));
    const message = received[0]!.message;
    const calendar = calendarPart(message);
    expect(calendar.params.method).toBe('CANCEL');
    const attachment = leafParts(message).find((p) => p.contentType === 'application/ics');
    expect(attachment?.params.name).toBe('cancel.ics');
    const { method, event: parsed } = parseSingleEvent(calendar.body);
    expect(method).toBe('CANCEL');
    expect(parsed.uid).toBe(uid);
    expect(parsed.sequence).toBe(2);
    expect(parsed.status).toBe('CANCELLED');
  });

  it('re-sends a stored rendering unchanged, with the same Message-ID', async () => {
    const rendered = await mailer.render(inviteMail('REQUEST', event(), 'outbox-4'));
    // As after a crash between "sent" and "marked as sent": the worker sends the stored row again.
    const first = await mailer.sendRendered(rendered);
    const retry = await mailer.sendRendered(rendered);
    expect(retry.messageId).toBe(first.messageId);
    expect(received).toHaveLength(2);
    expect(received[0]?.raw).toBe(received[1]?.raw);
    expect(received[1]?.message.headers.get('message-id')).toBe('<outbox-4@acme.example>');
  });

  it('reuses one pooled connection for consecutive messages', async () => {
    const before = connections;
    for (let i = 0; i < 3; i += 1) await mailer.send(inviteMail('REQUEST', event(), `outbox-pool-${i}`));
    expect(received).toHaveLength(3);
    expect(connections - before).toBeLessThanOrEqual(1);
    expect(new Set(received.map((r) => r.connectionId)).size).toBe(1);
  });

  it('fails loudly when the server refuses every recipient, so the job can retry', async () => {
    rejectRecipients.add('ada@example.org');
    await expect(mailer.send(inviteMail('REQUEST', event(), 'outbox-5'))).rejects.toThrow(
      /Mailbox unavailable|550/,
    );
    expect(received).toHaveLength(0);
  });

  it('reports a partly refused message as delivered to the accepted recipients', async () => {
    rejectRecipients.add('gone@example.org');
    const result = await mailer.send({
      ...inviteMail('REQUEST', event(), 'outbox-6'),
      to: ['ada@example.org', 'gone@example.org'],
    });
    expect(result.delivered).toBe(true);
    expect(result.accepted).toEqual(['ada@example.org']);
    expect(result.rejected).toEqual(['gone@example.org']);
  });
});
