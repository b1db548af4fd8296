import { AppError } from '@pairwise/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { leafParts, parseMime } from '../../../test/support/mime-parts.ts';
import { parseSingleEvent } from '../../../test/support/parse-ics.ts';
import { buildCalendarInvite } from '../calendar/calendar-invites.ts';
import { Mailer, type OutgoingMail } from './mailer.ts';
import { domainOf, messageIdFor } from './message-id.ts';
import { parseSmtpUrl } from './smtp-url.ts';

const invite = buildCalendarInvite('REQUEST', {
  uid: 'b0f7d3c2-0000-4000-8000-000000000001',
  sequence: 0,
  startsAt: '2027-03-28T08:00:00Z',
  endsAt: '2027-03-28T09:45:00Z',
  summary: 'Pair-programming interview',
  description: 'Setup, then exactly one hour of pairing.',
  organizer: { name: 'Grace Hopper', email: 'grace@acme.example' },
  attendees: [{ name: 'Ada Lovelace', email: 'ada@example.org' }],
});

function mail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    to: { name: 'Ada Lovelace', address: 'ada@example.org' },
    subject: 'Invitation: pair-programming interview — Sunday 28 March 2027',
    text: 'Hello Ada,\nYour interview is on Sunday 28 March 2027. Grüße!',
    html: '<p>Hello Ada,</p><p>Your interview is on <strong>Sunday 28 March 2027</strong>. Grüße!</p>',
    icalEvent: { method: 'REQUEST', content: invite.content },
    ...overrides,
  };
}

const mailers: Mailer[] = [];
function outboxMailer(from = 'Pairwise <interviews@acme.example>'): Mailer {
  const mailer = new Mailer({ from });
  mailers.push(mailer);
  return mailer;
}
afterEach(() => {
  for (const m of mailers.splice(0)) m.close();
});

describe('Mailer without SMTP (in-app outbox)', () => {
  it('returns the full rendering with text, HTML and one calendar invite, and does not deliver', async () => {
    const mailer = outboxMailer();
    expect(mailer.mode).toBe('outbox');
    const result = await mailer.send(mail());
    expect(result.delivered).toBe(false);
    expect(result.rendered.envelope).toEqual({ from: 'interviews@acme.example', to: ['ada@example.org'] });

    const message = parseMime(result.rendered.raw);
    expect(message.headers.get('message-id')).toBe(result.messageId);
    expect(message.headers.get('from')).toBe('Pairwise <interviews@acme.example>');
    const parts = leafParts(message);
    const types = parts.map((p) => p.contentType);
    expect(types.filter((t) => t === 'text/plain')).toHaveLength(1);
    expect(types.filter((t) => t === 'text/html')).toHaveLength(1);
    // Nodemailer's icalEvent gives one inline text/calendar and one .ics attachment; never more.
    expect(types.filter((t) => t === 'text/calendar')).toHaveLength(1);
    expect(types.filter((t) => t === 'application/ics')).toHaveLength(1);
    expect(parts.find((p) => p.contentType === 'text/plain')?.body).toContain('Grüße!');
    const calendar = parts.find((p) => p.contentType === 'text/calendar');
    expect(calendar?.params.method).toBe('REQUEST');
    expect(parseSingleEvent(calendar?.body ?? '').event.uid).toBe('b0f7d3c2-0000-4000-8000-000000000001');
  });

  it('reuses a caller-supplied key as the Message-ID on every rendering', async () => {
    const mailer = outboxMailer();
    const first = await mailer.render(mail({ messageId: 'outbox-42' }));
    const again = await mailer.render(mail({ messageId: 'outbox-42' }));
    expect(first.messageId).toBe('<outbox-42@acme.example>');
    expect(again.messageId).toBe(first.messageId);
    expect(parseMime(again.raw).headers.get('message-id')).toBe('<outbox-42@acme.example>');
    const fresh = await mailer.render(mail());
    expect(fresh.messageId).not.toBe(first.messageId);
  });

  it('keeps the given date so a stored rendering is stable', async () => {
    const rendered = await outboxMailer().render(mail({ date: new Date('2027-03-01T12:00:00Z') }));
    expect(parseMime(rendered.raw).headers.get('date')).toBe('Mon, 01 Mar 2027 12:00:00 +0000');
  });

  it('refuses a calendar part whose METHOD differs from the declared method', async () => {
    await expect(
      outboxMailer().render(mail({ icalEvent: { method: 'CANCEL', content: invite.content } })),
    ).rejects.toThrow(AppError);
  });

  it('refuses a message without a plain-text part', async () => {
    await expect(outboxMailer().render(mail({ text: '  ' }))).rejects.toThrow(/plain-text/);
  });

  it('refuses a message without a valid recipient', async () => {
    await expect(outboxMailer().render(mail({ to: 'not an address' }))).rejects.toThrow(AppError);
  });

  it('does not let a line break in the subject add headers', async () => {
    const rendered = await outboxMailer().render(mail({ subject: 'Hello\r\nBcc: eve@example.com' }));
    const headers = parseMime(rendered.raw).headers;
    expect(headers.has('bcc')).toBe(false);
    expect(rendered.envelope.to).toEqual(['ada@example.org']);
  });

  it('sends plain text alone when there is no HTML or invite', async () => {
    const rendered = await outboxMailer().render(mail({ html: undefined, icalEvent: undefined }));
    expect(parseMime(rendered.raw).contentType).toBe('text/plain');
  });

  it('reads SMTP_URL and MAIL_FROM from the environment', () => {
    const viaUrl = Mailer.fromEnv({
      SMTP_URL: 'smtp://u:secret@mail.acme.example:2525?from=hr%40acme.example',
    });
    const viaEnv = Mailer.fromEnv({ MAIL_FROM: 'Pairwise <p@acme.example>' });
    mailers.push(viaUrl, viaEnv);
    expect(viaUrl.mode).toBe('smtp');
    expect(viaUrl.from).toBe('hr@acme.example');
    expect(viaUrl.target).toBe('smtp://u@mail.acme.example:2525 (pooled)');
    expect(viaUrl.target).not.toContain('secret');
    expect(viaEnv.mode).toBe('outbox');
    expect(viaEnv.from).toBe('Pairwise <p@acme.example>');
  });
});

describe('parseSmtpUrl', () => {
  it('takes Pairwise’s from parameter out and leaves the rest for nodemailer', () => {
    const parsed = parseSmtpUrl(
      'smtps://user:p%40ss@mail.acme.example:465?from=Pairwise%20%3Cinterviews%40acme.example%3E&maxConnections=2',
    );
    expect(parsed.from).toBe('Pairwise <interviews@acme.example>');
    expect(parsed.transportUrl).toBe('smtps://user:p%40ss@mail.acme.example:465?maxConnections=2');
    expect(parsed.redacted).toBe('smtps://user@mail.acme.example:465');
  });

  it('refuses other schemes and URLs without a host', () => {
    expect(() => parseSmtpUrl('http://mail.acme.example')).toThrow(AppError);
    expect(() => parseSmtpUrl('smtp://')).toThrow(AppError);
    expect(() => parseSmtpUrl('not a url')).toThrow(AppError);
  });
});

describe('messageIdFor', () => {
  it('wraps a bare key with the domain and keeps a full id', () => {
    expect(messageIdFor('outbox-42', 'acme.example')).toBe('<outbox-42@acme.example>');
    expect(messageIdFor('<abc.def@mail.acme.example>', 'x.example')).toBe('<abc.def@mail.acme.example>');
    expect(messageIdFor(undefined, 'acme.example')).toMatch(/^<[0-9a-f-]{36}@acme\.example>$/);
  });

  it('refuses ids that would break the header', () => {
    expect(() => messageIdFor('a b', 'acme.example')).toThrow(AppError);
    expect(() => messageIdFor('a@b@c', 'acme.example')).toThrow(AppError);
    expect(() => messageIdFor('x>\r\nBcc: y', 'acme.example')).toThrow(AppError);
  });

  it('finds the domain of a From address', () => {
    expect(domainOf('Pairwise <Interviews@Acme.Example>')).toBe('acme.example');
    expect(domainOf('hr@acme.example')).toBe('acme.example');
  });
});
