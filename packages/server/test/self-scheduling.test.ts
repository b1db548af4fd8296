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
import { outboxMessages, portalTokenIn, sendInvitation } from './outreach-flows.ts';
import { parseSingleEvent } from './support/parse-ics.ts';

const PLACEHOLDER = 'private-link-created-when-sent';

describe.each(databases())('candidate self-scheduling (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let candidateCount = 0;

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  /** A candidate of their own (a test about picks needs one per interview), in New York. */
  const newCandidate = async (timeZone = 'America/New_York', locale?: string) => {
    candidateCount += 1;
    const { candidate } = await expectStatus(
      world.navigator.post('/api/candidates', {
        name: `Pat Picker ${candidateCount}`,
        email: `pat${candidateCount}@example.org`,
        timeZone,
        ...(locale ? { locale } : {}),
      }),
      201,
    );
    return candidate.id as string;
  };

  const offer = async (id: string, body: Record<string, unknown>) => {
    const preview = await expectStatus(
      world.navigator.post(`/api/interviews/${id}/slot-offer/preview`, body),
      200,
    );
    const state = await expectStatus(
      world.navigator.post(`/api/interviews/${id}/slot-offer`, {
        ...body,
        previewDigest: preview.previewDigest,
        notReadyReason: 'A test about scheduling: the checklist is not its subject.',
      }),
      200,
    );
    return { preview, state };
  };

  const offerToken = async (id: string) => {
    const mail = (await outboxMessages(world, id)).filter((m) => m.kind === 'slot_offer').at(-1);
    if (!mail) throw new Error('No offer in the outbox');
    return portalTokenIn(mail.text);
  };
  const portal = async (token: string) =>
    (await expectStatus(world.anonymous.get(`/api/portal/${token}`), 200)).portal;
  const pickSlot = (token: string, slotId: string) =>
    world.anonymous.post(`/api/portal/${token}/slot-pick`, { slotId });

  it('offers times as the invitation, and the pick sends the approved confirmation with calendar entries', async () => {
    const id = await world.planInterview({ candidateId: await newCandidate() });
    const body = { timeZone: 'Europe/Berlin', slots: ['2030-03-12T14:00', '2030-03-12T10:00'] };
    const preview = await expectStatus(
      world.navigator.post(`/api/interviews/${id}/slot-offer/preview`, body),
      200,
    );
    expect(preview.kind).toBe('invitation');
    expect(preview.slots.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      '2030-03-12T09:00:00.000Z',
      '2030-03-12T13:00:00.000Z',
    ]);
    // The candidate reads their own zone first, the interviewers' beside it.
    expect(preview.offer.text).toContain('Tuesday 12 March 2030, 05:00');
    expect(preview.offer.text).toContain('America/New_York');
    expect(preview.offer.text).toContain('for the interviewers Tuesday 12 March 2030, 10:00');
    expect(preview.confirmation.text).toContain('Hello Pat Picker');

    // Nothing goes without the digest of what was read.
    const stale = await world.navigator.post(`/api/interviews/${id}/slot-offer`, {
      ...body,
      previewDigest: '0'.repeat(64),
      notReadyReason: 'test',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.fields.previewDigest).toBeTruthy();
    const sent = await expectStatus(
      world.navigator.post(`/api/interviews/${id}/slot-offer`, {
        ...body,
        previewDigest: preview.previewDigest,
        notReadyReason: 'A test about scheduling.',
      }),
      200,
    );
    expect(sent.offer.status).toBe('open');
    const detail = await expectStatus(world.navigator.get(`/api/interviews/${id}`), 200);
    expect(detail.interview.stage).toBe('invited');

    // The offer went out as previewed; no time is in anyone's calendar yet.
    let mail = await outboxMessages(world, id);
    expect(mail.map((m) => m.kind)).toEqual(['slot_offer']);
    const token = portalTokenIn(mail[0]!.text);
    expect(mail[0]!.text.replace(new RegExp(`\\S*/p/${token}`), `${server.url}/p/${PLACEHOLDER}`)).toBe(
      preview.offer.text.replace(/\S*\/p\/private-link-created-when-sent/, `${server.url}/p/${PLACEHOLDER}`),
    );

    const view = await portal(token);
    expect(view.slotOffer.awaitingPick).toBe(true);
    expect(view.slotOffer.slots).toHaveLength(2);
    expect(view.slotOffer.slots[0].inCandidateZone).toMatch(/05:00.*America\/New_York/);
    expect(view.slotOffer.slots[0].inInterviewZone).toMatch(/10:00.*Europe\/Berlin/);
    expect(view.slotOffer.slots.every((s: { available: boolean }) => s.available)).toBe(true);
    // The plan's time is a placeholder until the pick: the portal does not state it anywhere.
    expect(view.sections.map((section: { heading: string }) => section.heading)).not.toContain('The agenda');
    // Confirming the placeholder time means nothing: choosing a time confirms it.
    expect((await world.anonymous.post(`/api/portal/${token}/confirmation`)).status).toBe(409);

    const first = view.slotOffer.slots[0];
    const picked = await expectStatus(pickSlot(token, first.id), 200);
    expect(Date.parse(picked.portal.startsAt)).toBe(Date.parse(first.startsAt));
    expect(picked.portal.response).toMatchObject({ kind: 'confirmed', source: 'portal' });
    expect(picked.portal.slotOffer).toMatchObject({ awaitingPick: false, pickedSlotId: first.id });
    // The same pick again is refused: the offer is booked.
    expect((await pickSlot(token, first.id)).status).toBe(409);

    mail = await outboxMessages(world, id);
    const invitation = mail.find((m) => m.kind === 'invitation')!;
    // Exactly the approved confirmation, with a private link (each message mints its own) where the
    // preview had its placeholder.
    expect(invitation.text).toBe(
      preview.confirmation.text.replaceAll(PLACEHOLDER, portalTokenIn(invitation.text)),
    );
    const { method, event } = parseSingleEvent(invitation.calendar!);
    expect(method).toBe('REQUEST');
    expect(new Date(event.start as unknown as string).toISOString()).toBe(first.startsAt);
    expect(mail.filter((m) => m.kind === 'interviewer_block')).toHaveLength(9);

    const events = detail.interview.events as Array<{ type: string }>;
    expect(events.map((e) => e.type)).toContain('invited');
    const after = await expectStatus(world.navigator.get(`/api/interviews/${id}`), 200);
    expect(after.interview.events.map((e: { type: string }) => e.type)).toContain('slot_picked');
    const state = await expectStatus(world.navigator.get(`/api/interviews/${id}/slot-offer`), 200);
    expect(state.offer.status).toBe('booked');
    expect(state.offer.slots.find((s: { picked: boolean }) => s.picked).id).toBe(first.id);
  });

  it('offers times, shows them and refuses a pick in the candidate’s own language', async () => {
    const id = await world.planInterview({ candidateId: await newCandidate('Europe/Berlin', 'de') });
    await offer(id, { timeZone: 'Europe/Berlin', slots: ['2030-05-21T10:00'] });
    const mail = (await outboxMessages(world, id)).find((m) => m.kind === 'slot_offer')!;
    expect(mail.subject).toContain('Wählen Sie einen Termin');
    expect(mail.text).toContain('Dienstag, 21. Mai 2030');
    expect(mail.text).not.toContain('Hello');
    const token = await offerToken(id);
    const view = await portal(token);
    expect(view.slotOffer.slots[0].inCandidateZone).toContain('Dienstag');
    const confirm = await world.anonymous.post(`/api/portal/${token}/confirmation`);
    expect(confirm.status).toBe(409);
    expect(confirm.body.message).toContain('Bitte wählen Sie zuerst');
    // Another last character, so the id is never the offered one by chance (one in sixteen ends in 0).
    const offeredId: string = view.slotOffer.slots[0].id;
    const unknown = await pickSlot(token, offeredId.replace(/.$/, offeredId.endsWith('0') ? '1' : '0'));
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toBe('Dies ist keiner der angebotenen Termine.');
    await expectStatus(pickSlot(token, view.slotOffer.slots[0].id), 200);
    const again = await pickSlot(token, view.slotOffer.slots[0].id);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('Diese Termine werden nicht mehr angeboten');
  });

  it('offers a window in slots, leaving out the past and the panel’s other interviews', async () => {
    const busy = await world.planInterview({ startsAtLocal: '2030-04-02T12:00', confirmOverlap: true });
    await sendInvitation(world.navigator, busy);
    const id = await world.planInterview({ candidateId: await newCandidate('Europe/Berlin') });
    const preview = await expectStatus(
      world.navigator.post(`/api/interviews/${id}/slot-offer/preview`, {
        timeZone: 'Europe/Berlin',
        window: { fromLocal: '2030-04-02T08:00', toLocal: '2030-04-02T18:00', slotMinutes: 60 },
      }),
      200,
    );
    expect(preview.excluded.length).toBeGreaterThan(0);
    expect(preview.excluded[0].reason).toMatch(/panel/);
    expect(preview.slots.length).toBeGreaterThan(0);
    // Each slot ends within the window, and none starts at the busy interview's time.
    for (const slot of preview.slots) {
      expect(slot.endsAt <= '2030-04-02T16:00:00.000Z').toBe(true);
      expect(slot.startsAt).not.toBe('2030-04-02T10:00:00.000Z');
    }
    const past = await world.navigator.post(`/api/interviews/${id}/slot-offer/preview`, {
      timeZone: 'Europe/Berlin',
      slots: ['2020-01-01T10:00'],
    });
    expect(past.status).toBe(422);
    expect(past.body.fields.slots).toMatch(/passed/);
  });

  it('books a time for one pick only when several candidates pick it at once', async () => {
    // Six interviews of the same navigator offer the same two times; six candidates pick the first at once.
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await world.planInterview({ candidateId: await newCandidate() }));
    const times = { timeZone: 'Europe/Berlin', slots: ['2030-05-07T10:00', '2030-05-07T15:00'] };
    for (const id of ids) await offer(id, times);
    const tokens = await Promise.all(ids.map(offerToken));
    const views = await Promise.all(tokens.map(portal));
    const results = await Promise.all(
      tokens.map((token, i) => pickSlot(token, views[i]!.slotOffer.slots[0].id)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    for (const loser of results.filter((r) => r.status === 409)) {
      expect(loser.body.fields.slotId).toMatch(/taken/);
    }
    // The losers see the time as taken and can take the other one (one of them, again).
    const losers = tokens.filter((_, i) => results[i]!.status === 409);
    const loserView = await portal(losers[0]!);
    expect(loserView.slotOffer.slots[0].available).toBe(false);
    expect(loserView.slotOffer.slots[1].available).toBe(true);
    const second = await Promise.all(
      losers.map(async (token) => pickSlot(token, (await portal(token)).slotOffer.slots[1].id)),
    );
    expect(second.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);

    // In the database: each time holds exactly one of these interviews.
    const handle = await openDatabase({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
    try {
      const rows = await handle.db
        .selectFrom('interviews')
        .select(['starts_at'])
        .where('id', 'in', ids)
        .where('starts_at', 'like', '2030-05-07%')
        .execute();
      expect(rows.map((r) => r.starts_at).sort()).toEqual([
        '2030-05-07T08:00:00.000Z',
        '2030-05-07T13:00:00.000Z',
      ]);
    } finally {
      await handle.close();
    }
  });

  it('moves an invited interview to a picked new time in place, and withdraws an offer the place outdates', async () => {
    const id = await world.planInterview({
      candidateId: await newCandidate(),
      startsAtLocal: '2030-06-04T10:00',
    });
    await sendInvitation(world.navigator, id);
    const { preview } = await offer(id, {
      timeZone: 'Europe/Berlin',
      slots: ['2030-06-05T10:00', '2030-06-06T10:00'],
    });
    expect(preview.kind).toBe('reschedule');
    const token = await offerToken(id);
    const view = await portal(token);
    // The current time stays until a new one is chosen.
    expect(view.slotOffer.awaitingPick).toBe(false);
    expect(view.startsAt).toBe('2030-06-04T08:00:00Z');
    await expectStatus(pickSlot(token, view.slotOffer.slots[0].id), 200);
    const mail = await outboxMessages(world, id);
    const update = mail.filter((m) => m.kind === 'invitation_update').at(-1)!;
    expect(update.text).toBe(preview.confirmation.text.replaceAll(PLACEHOLDER, portalTokenIn(update.text)));
    const original = parseSingleEvent(mail.find((m) => m.kind === 'invitation')!.calendar!).event;
    const moved = parseSingleEvent(update.calendar!).event;
    expect(moved.uid).toBe(original.uid);
    expect(Number(moved.sequence)).toBeGreaterThan(Number(original.sequence ?? 0));

    // A new offer, then a new place: the confirmations would name the old place, so the offer ends.
    await offer(id, { timeZone: 'Europe/Berlin', slots: ['2030-06-07T10:00'] });
    const placed = await expectStatus(
      world.navigator.post(`/api/interviews/${id}/place/preview`, { place: 'Room 9' }),
      200,
    );
    await expectStatus(
      world.navigator.put(`/api/interviews/${id}/place`, {
        place: 'Room 9',
        previewDigest: placed.previewDigest,
      }),
      200,
    );
    // The portal no longer offers the withdrawn times; the picked time stands.
    const after = await portal(token);
    expect(after.slotOffer).toBeNull();
    expect(after.startsAt).toBe('2030-06-05T08:00:00Z');
    const state = await expectStatus(world.navigator.get(`/api/interviews/${id}/slot-offer`), 200);
    expect(state.offer.status).toBe('withdrawn');
  });

  it('lets only the interview’s drivers offer times, and refuses bad input with the field named', async () => {
    const id = await world.planInterview({ candidateId: await newCandidate() });
    const body = { timeZone: 'Europe/Berlin', slots: ['2030-07-02T10:00'] };
    expect((await world.shadow.post(`/api/interviews/${id}/slot-offer/preview`, body)).status).toBe(403);
    expect((await world.outsider.post(`/api/interviews/${id}/slot-offer/preview`, body)).status).toBe(404);
    expect((await world.lineManager.post(`/api/interviews/${id}/slot-offer/preview`, body)).status).toBe(403);
    expect((await world.anonymous.post(`/api/interviews/${id}/slot-offer/preview`, body)).status).toBe(401);
    expect((await world.outsider.get(`/api/interviews/${id}/slot-offer`)).status).toBe(404);

    const both = await world.navigator.post(`/api/interviews/${id}/slot-offer/preview`, {
      ...body,
      window: { fromLocal: '2030-07-02T08:00', toLocal: '2030-07-02T18:00', slotMinutes: 60 },
    });
    expect(both.status).toBe(422);
    expect(both.body.fields.slots).toBeTruthy();
    const neither = await world.navigator.post(`/api/interviews/${id}/slot-offer/preview`, {
      timeZone: 'Europe/Berlin',
    });
    expect(neither.status).toBe(422);
    const malformed = await world.navigator.post(`/api/interviews/${id}/slot-offer/preview`, {
      timeZone: 'Europe/Berlin',
      slots: ['next tuesday'],
    });
    expect(malformed.status).toBe(400);
    const skipped = await world.navigator.post(`/api/interviews/${id}/slot-offer/preview`, {
      timeZone: 'Europe/Berlin',
      slots: ['2030-03-31T02:30'],
    });
    expect(skipped.status).toBe(422);
    expect(skipped.body.fields['slots.0']).toMatch(/does not exist/);
    const narrow = await world.navigator.post(`/api/interviews/${id}/slot-offer/preview`, {
      timeZone: 'Europe/Berlin',
      window: { fromLocal: '2030-07-02T08:00', toLocal: '2030-07-02T08:30', slotMinutes: 30 },
    });
    expect(narrow.status).toBe(422);
    expect(narrow.body.fields['window.toLocal']).toMatch(/minutes/);

    // An offer whose invite step is refused (no reason for an unready checklist) leaves nothing
    // behind: the invitation sent later is the ordinary one, with its fixed time.
    const other = await world.planInterview({ candidateId: await newCandidate() });
    const previewed = await expectStatus(
      world.navigator.post(`/api/interviews/${other}/slot-offer/preview`, body),
      200,
    );
    const refused = await world.navigator.post(`/api/interviews/${other}/slot-offer`, {
      ...body,
      previewDigest: previewed.previewDigest,
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(
      (await expectStatus(world.navigator.get(`/api/interviews/${other}/slot-offer`), 200)).offer,
    ).toBeNull();
    await sendInvitation(world.navigator, other);
    expect((await outboxMessages(world, other)).map((m) => m.kind)).toContain('invitation');
    expect((await outboxMessages(world, other)).map((m) => m.kind)).not.toContain('slot_offer');

    await offer(id, body);
    const token = await offerToken(id);
    expect((await pickSlot(token, 'not-a-uuid')).status).toBe(400);
    const unknown = await pickSlot(token, '00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(422);
    expect(unknown.body.fields.slotId).toBeTruthy();
  });
});
