import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/database.ts';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { outboxMessages, sendInvitation } from './outreach-flows.ts';
import { rescheduleInterview } from './process-flows.ts';
import { type Dovecot, dovecotMissing, startDovecot } from './support/dovecot.ts';
import { parseSingleEvent } from './support/parse-ics.ts';

const POLL_SECONDS = 60;
const CANDIDATE = 'Robin.Reply@Example.org';

/*
 * Replies as three calendar clients send them, built from messages those clients produced: the
 * MIME structure, the calendar part's headers and encoding, and the iCalendar lines they write.
 */
interface Reply {
  uid: string;
  sequence: number;
  attendee: string;
  messageId: string;
}

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
const base64Lines = (text: string) => Buffer.from(crlf(text)).toString('base64').replace(/.{76}/g, '$&\r\n');

/** Outlook / Exchange: multipart/alternative, the calendar part base64 with method=REPLY; Windows zone names. */
function outlookMessage(reply: Reply & { method: 'REPLY' | 'COUNTER'; partstat: string; counter?: string }) {
  const ics = `BEGIN:VCALENDAR
METHOD:${reply.method}
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
ATTENDEE;PARTSTAT=${reply.partstat};CN=Robin Reply:MAILTO:${reply.attendee.toUpperCase()}
${reply.method === 'COUNTER' ? 'COMMENT;LANGUAGE=en-US:Could we do the afternoon instead?\n' : ''}SUMMARY;LANGUAGE=en-US:${reply.method === 'COUNTER' ? 'New Time Proposed' : 'Accepted'}: Pair-programming interview
DTSTART;TZID=W. Europe Standard Time:${reply.counter ?? '20300305T140000'}
DTEND;TZID=W. Europe Standard Time:${reply.counter ? reply.counter.replace('T15', 'T17') : '20300305T160000'}
UID:${reply.uid}
CLASS:PUBLIC
PRIORITY:5
DTSTAMP:20261207T101500Z
TRANSP:OPAQUE
SEQUENCE:${reply.sequence}
LOCATION;LANGUAGE=en-US:Room 3
X-MICROSOFT-CDO-APPT-SEQUENCE:${reply.sequence}
X-MICROSOFT-CDO-OWNERAPPTID:-1
X-MICROSOFT-CDO-INTENDEDSTATUS:BUSY
END:VEVENT
END:VCALENDAR
`;
  return crlf(`From: Robin Reply <${reply.attendee}>
To: Nora Navigator <nora@example.com>
Subject: ${reply.method === 'COUNTER' ? 'New Time Proposed' : 'Accepted'}: Pair-programming interview
Thread-Topic: Pair-programming interview
Date: Mon, 7 Dec 2026 10:15:00 +0000
Message-ID: ${reply.messageId}
Content-Language: en-US
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="_000_outlook_"

--_000_outlook_
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

${reply.method === 'COUNTER' ? 'Could we do the afternoon instead?' : ''}

--_000_outlook_
Content-Type: text/calendar; charset="utf-8"; method=${reply.method}
Content-Transfer-Encoding: base64

${base64Lines(ics)}
--_000_outlook_--
`);
}

/** Google Calendar: mixed(alternative(plain, html, calendar), invite.ics), UTC times, X-NUM-GUESTS. */
function googleMessage(reply: Reply & { partstat: string }) {
  const ics = `BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:REPLY
BEGIN:VEVENT
DTSTART:20300305T130000Z
DTEND:20300305T150000Z
DTSTAMP:20261207T101600Z
ORGANIZER;CN=Nora Navigator:mailto:nora@example.com
UID:${reply.uid}
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${reply.partstat};CN=Robin Reply;X-NUM-GUESTS=0:mailto:${reply.attendee}
CREATED:20261207T100000Z
DESCRIPTION:
LAST-MODIFIED:20261207T101600Z
LOCATION:Room 3
SEQUENCE:${reply.sequence}
STATUS:CONFIRMED
SUMMARY:Pair-programming interview
TRANSP:OPAQUE
END:VEVENT
END:VCALENDAR
`;
  return crlf(`MIME-Version: 1.0
Date: Mon, 07 Dec 2026 10:16:00 +0000
Message-ID: ${reply.messageId}
Subject: Declined: Pair-programming interview @ Tue 5 Mar 2030 14:00 - 16:00 (CET) (nora@example.com)
From: Robin Reply <${reply.attendee}>
To: nora@example.com
Content-Type: multipart/mixed; boundary="000000000000google-mixed"

--000000000000google-mixed
Content-Type: multipart/alternative; boundary="000000000000google-alt"

--000000000000google-alt
Content-Type: text/plain; charset="UTF-8"; format=flowed; delsp=yes

Robin Reply has declined this invitation.

--000000000000google-alt
Content-Type: text/html; charset="UTF-8"

<p>Robin Reply has declined this invitation.</p>

--000000000000google-alt
Content-Type: text/calendar; charset="UTF-8"; method=REPLY
Content-Transfer-Encoding: 7bit

${ics}
--000000000000google-alt--

--000000000000google-mixed
Content-Type: application/ics; name="invite.ics"
Content-Disposition: attachment; filename="invite.ics"
Content-Transfer-Encoding: base64

${base64Lines(ics)}
--000000000000google-mixed--
`);
}

/** Apple Calendar (macOS Mail): the reply as an attached .ics, quoted-printable, IANA TZID with its VTIMEZONE. */
function appleMessage(reply: Reply & { partstat: string }) {
  const ics = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Apple Inc.//macOS 14.5//EN
METHOD:REPLY
CALSCALE:GREGORIAN
BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
DTSTART:19810329T020000
TZNAME:CEST
TZOFFSETTO:+0200
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
DTSTART:19961027T030000
TZNAME:CET
TZOFFSETTO:+0100
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
ATTENDEE;CN="Robin Reply";CUTYPE=INDIVIDUAL;EMAIL="${reply.attendee}";PARTSTAT=${reply.partstat}:mailto:${reply.attendee}
DTEND;TZID=Europe/Berlin:20300305T160000
DTSTAMP:20261207T101700Z
DTSTART;TZID=Europe/Berlin:20300305T140000
ORGANIZER;CN="Nora Navigator":mailto:nora@example.com
SEQUENCE:${reply.sequence}
SUMMARY:Pair-programming interview
UID:${reply.uid}
END:VEVENT
END:VCALENDAR
`;
  const qp = crlf(ics).replace(/=/g, '=3D');
  return crlf(`From: Robin Reply <${reply.attendee}>
Content-Type: multipart/mixed; boundary="Apple-Mail=_apple-boundary"
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.600.62\\))
Subject: Invitation: Pair-programming interview (Tentative)
Date: Mon, 7 Dec 2026 11:17:00 +0100
Message-Id: ${reply.messageId}
To: nora@example.com
X-Mailer: Apple Mail (2.3774.600.62)

--Apple-Mail=_apple-boundary
Content-Transfer-Encoding: 7bit
Content-Type: text/plain; charset=us-ascii

Robin Reply has tentatively accepted.

--Apple-Mail=_apple-boundary
Content-Disposition: attachment; filename=iCal-20261207-101700.ics
Content-Type: text/calendar; method=REPLY; name="iCal-20261207-101700.ics"
Content-Transfer-Encoding: quoted-printable

${qp}
--Apple-Mail=_apple-boundary--
`);
}

describe.skipIf(dovecotMissing !== null).each(databases())(
  'calendar replies from a mailbox (%s)',
  (database) => {
    let dovecot: Dovecot;
    let server: TestServer;
    let world: World;
    // The server's clock; the test moves it to the next poll instead of waiting for it.
    let now = Date.now();

    beforeAll(async () => {
      dovecot = await startDovecot();
      server = await startTestServer(database, {
        clock: () => new Date(now),
        sessionTtlHours: 24 * 30,
        sessionIdleHours: 24 * 30,
        replyImapUrl: dovecot.url,
        replyPollSeconds: POLL_SECONDS,
      });
      world = await createWorld(server);
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await dovecot?.stop();
    });

    /** Delivers messages into the reply mailbox as a mail server would, by IMAP APPEND. */
    const deliver = async (...messages: string[]) => {
      const client = new ImapFlow({
        host: dovecot.host,
        port: dovecot.port,
        secure: false,
        auth: { user: dovecot.user, pass: dovecot.password },
        logger: false,
      });
      await client.connect();
      for (const message of messages) await client.append('INBOX', message);
      await client.logout();
    };

    const replyRows = async () => {
      const handle = await openDatabase({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
      try {
        return await handle.db.selectFrom('calendar_replies').selectAll().orderBy('received_at').execute();
      } finally {
        await handle.close();
      }
    };

    /** Moves the clock to the next poll and waits until it has read `count` messages in all. */
    const pollUntilRead = async (count: number) => {
      now += POLL_SECONDS * 1000;
      const until = Date.now() + 20_000;
      for (;;) {
        const rows = await replyRows();
        if (rows.length >= count) return rows;
        if (Date.now() > until) throw new Error(`Read ${rows.length} of ${count} replies`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    const responses = async (id: string) =>
      (await expectStatus(world.navigator.get(`/api/interviews/${id}/invitation`), 200)).invitation
        .responses as Array<{
        kind: string;
        source: string;
        proposedStartsAt: string | null;
        current: boolean;
      }>;

    it('applies REPLY and COUNTER from Outlook, Google and Apple; ignores strangers, unknown and stale ones; applies nothing twice', {
      timeout: 120_000,
    }, async () => {
      const { candidate } = await expectStatus(
        world.navigator.post('/api/candidates', {
          name: 'Robin Reply',
          email: CANDIDATE,
          timeZone: 'Europe/Berlin',
        }),
        201,
      );
      const id = await world.planInterview({ candidateId: candidate.id });
      await sendInvitation(world.navigator, id);
      const invitation = (await outboxMessages(world, id)).find((m) => m.kind === 'invitation')!;
      const { event } = parseSingleEvent(invitation.calendar!);
      const uid = String(event.uid);
      const address = CANDIDATE.toLowerCase();

      await deliver(
        outlookMessage({
          uid,
          sequence: 0,
          attendee: address,
          messageId: '<outlook-accept@example.org>',
          method: 'REPLY',
          partstat: 'ACCEPTED',
        }),
        appleMessage({
          uid,
          sequence: 0,
          attendee: address,
          messageId: '<apple-tentative@example.org>',
          partstat: 'TENTATIVE',
        }),
        googleMessage({
          uid,
          sequence: 0,
          attendee: address,
          messageId: '<google-decline@example.org>',
          partstat: 'DECLINED',
        }),
        // Someone else answering the candidate's invitation (a forwarded copy) counts for nothing.
        googleMessage({
          uid,
          sequence: 0,
          attendee: 'someone@else.example',
          messageId: '<stranger@example.org>',
          partstat: 'ACCEPTED',
        }),
        // A UID Pairwise never sent.
        appleMessage({
          uid: 'not-ours@example.org',
          sequence: 0,
          attendee: address,
          messageId: '<unknown-uid@example.org>',
          partstat: 'ACCEPTED',
        }),
        outlookMessage({
          uid,
          sequence: 0,
          attendee: address,
          messageId: '<outlook-counter@example.org>',
          method: 'COUNTER',
          partstat: 'TENTATIVE',
          counter: '20300306T150000',
        }),
      );
      const rows = await pollUntilRead(6);
      const byKey = new Map(rows.map((row) => [row.message_key, row]));
      expect(byKey.get('<outlook-accept@example.org>')).toMatchObject({
        outcome: 'applied',
        partstat: 'ACCEPTED',
        interview_id: id,
      });
      expect(byKey.get('<apple-tentative@example.org>')).toMatchObject({
        outcome: 'applied',
        partstat: 'TENTATIVE',
      });
      expect(byKey.get('<google-decline@example.org>')).toMatchObject({
        outcome: 'applied',
        partstat: 'DECLINED',
      });
      expect(byKey.get('<stranger@example.org>')).toMatchObject({
        outcome: 'ignored',
        reason: 'unknown attendee',
      });
      expect(byKey.get('<unknown-uid@example.org>')).toMatchObject({
        outcome: 'ignored',
        reason: 'unknown UID',
      });
      expect(byKey.get('<outlook-counter@example.org>')).toMatchObject({
        outcome: 'applied',
        method: 'COUNTER',
      });

      const answers = await responses(id);
      expect(answers.map((a) => [a.kind, a.source])).toEqual([
        ['confirmed', 'calendar'],
        ['tentative', 'calendar'],
        ['declined', 'calendar'],
        ['reschedule_requested', 'calendar'],
      ]);
      // 15:00 in "W. Europe Standard Time" (the VTIMEZONE Outlook sent) on 6 March 2030 is 14:00 UTC.
      expect(answers.at(-1)!.proposedStartsAt).toBe('2030-03-06T14:00:00.000Z');
      const detail = await expectStatus(world.navigator.get(`/api/interviews/${id}`), 200);
      const replies = (
        detail.interview.events as Array<{ type: string; payload: Record<string, unknown> }>
      ).filter((e) => e.type === 'calendar_reply_received');
      expect(replies.map((e) => e.payload.partstat)).toEqual([
        'ACCEPTED',
        'TENTATIVE',
        'DECLINED',
        'TENTATIVE',
      ]);
      expect(replies.at(-1)!.payload).toMatchObject({
        method: 'COUNTER',
        proposedStartsAt: '2030-03-06T14:00:00.000Z',
      });

      // The candidate's portal shows the newest answer, from their calendar.
      const token = /\/p\/([A-Za-z0-9_-]{43})\b/.exec(invitation.text)![1]!;
      const portal = (await expectStatus(world.anonymous.get(`/api/portal/${token}`), 200)).portal;
      expect(portal.response).toMatchObject({
        kind: 'reschedule_requested',
        source: 'calendar',
        proposedStartsAt: '2030-03-06T14:00:00.000Z',
      });

      // A new time raises the SEQUENCE: an answer to the old invitation no longer counts. The same
      // Outlook message delivered again (same Message-ID) is not applied a second time.
      await rescheduleInterview(world.navigator, id, {
        startsAtLocal: '2030-03-07T14:00',
        timeZone: 'Europe/Berlin',
        reason: 'candidate_request',
        confirmOverlap: true,
      });
      const update = (await outboxMessages(world, id)).filter((m) => m.kind === 'invitation_update').at(-1)!;
      const sequence = Number(parseSingleEvent(update.calendar!).event.sequence);
      expect(sequence).toBeGreaterThan(0);
      await deliver(
        googleMessage({
          uid,
          sequence: sequence - 1,
          attendee: address,
          messageId: '<google-stale@example.org>',
          partstat: 'ACCEPTED',
        }),
        outlookMessage({
          uid,
          sequence: 0,
          attendee: address,
          messageId: '<outlook-accept@example.org>',
          method: 'REPLY',
          partstat: 'ACCEPTED',
        }),
        appleMessage({
          uid,
          sequence,
          attendee: address,
          messageId: '<apple-accept@example.org>',
          partstat: 'ACCEPTED',
        }),
      );
      const after = await pollUntilRead(8);
      expect(after).toHaveLength(8);
      const stale = after.find((row) => row.message_key === '<google-stale@example.org>');
      expect(stale).toMatchObject({ outcome: 'ignored' });
      expect(stale!.reason).toMatch(/stale SEQUENCE/);
      const current = (await responses(id)).filter((a) => a.current);
      expect(current.map((a) => [a.kind, a.source])).toEqual([['confirmed', 'calendar']]);
      expect(await responses(id)).toHaveLength(5);
    });
  },
);
