import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { candidatePortalToken, outboxMessages, sendInvitation } from './outreach-flows.ts';
import { rescheduleInterview } from './process-flows.ts';

describe.each(databases())('the candidate’s language (%s)', (database) => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    // The organisation writes to candidates in German unless staff choose otherwise.
    server = await startTestServer(database, { defaultCandidateLocale: 'de' });
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  const addCandidate = async (body: Record<string, unknown> = {}) =>
    (
      await expectStatus(
        world.navigator.post('/api/candidates', {
          name: 'Dora Deutsch',
          email: `dora-${Math.random().toString(36).slice(2)}@example.org`,
          timeZone: 'Europe/Berlin',
          ...body,
        }),
        201,
      )
    ).candidate;

  it('starts at the organisation’s default, or at the language staff choose', async () => {
    expect((await addCandidate()).locale).toBe('de');
    expect((await addCandidate({ locale: 'es' })).locale).toBe('es');
    const refused = await world.navigator.post('/api/candidates', {
      name: 'Nobody',
      email: 'nobody@example.org',
      timeZone: 'Europe/Berlin',
      locale: 'xx',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toHaveProperty('locale');
  });

  it('is changed by staff who see the candidate’s contact details, and by no one else', async () => {
    const candidate = await addCandidate({ locale: 'en' });
    const change = (client: typeof world.admin, locale: string) =>
      client.patch(`/api/candidates/${candidate.id}`, { locale });
    expect((await expectStatus(change(world.navigator, 'fr'), 200)).candidate.locale).toBe('fr');
    expect((await expectStatus(change(world.admin, 'de'), 200)).candidate.locale).toBe('de');
    // Line managers do not manage candidates; to an interviewer without a need to know their
    // contact details, the candidate is not there at all.
    for (const client of [world.lineManager, world.otherLineManager]) {
      expect((await change(client, 'es')).status).toBe(403);
    }
    expect((await change(world.outsider, 'es')).status).toBe(404);
    expect((await change(world.anonymous, 'es')).status).toBe(401);
    const invalid = await change(world.navigator, 'klingon');
    expect(invalid.status).toBe(400);
    expect(invalid.body.fields).toHaveProperty('locale');
    expect((await world.navigator.patch('/api/candidates/not-an-id', { locale: 'fr' })).status).toBe(400);
    const unknown = await world.navigator.patch('/api/candidates/00000000-0000-4000-8000-000000000000', {
      locale: 'fr',
    });
    expect(unknown.status).toBe(404);
    const list = await expectStatus(world.navigator.get('/api/candidates?limit=100'), 200);
    expect(list.candidates.find((c: { id: string }) => c.id === candidate.id).locale).toBe('de');
  });

  it('writes the invitation, calendar entry and portal in German, and keeps the candidate’s own switch', async () => {
    const candidate = await addCandidate({ locale: 'de' });
    const id = await world.planInterview({ candidateId: candidate.id });
    const { preview } = await sendInvitation(world.navigator, id);
    // The preview staff read is the German mail itself.
    expect(preview.subject).toMatch(/^Einladung: Pair-Programming-Interview am /);
    const [invitation] = (await outboxMessages(world, id)).filter((m) => m.kind === 'invitation');
    expect(invitation!.subject).toBe(preview.subject);
    expect(invitation!.text).toContain('Hallo Dora Deutsch,');
    expect(invitation!.text).toContain('kein Zeichen dafür, dass etwas schiefläuft');
    expect(invitation!.calendar).toContain('SUMMARY:Pair-Programming-Interview: Backend Engineer');

    const token = await candidatePortalToken(world, id);
    const portal = async () => (await expectStatus(world.anonymous.get(`/api/portal/${token}`), 200)).portal;
    const german = await portal();
    expect(german).toMatchObject({ locale: 'de', locales: ['en', 'de', 'fr', 'es'] });
    expect(german.when).toMatch(/^Dienstag, 5\. März 2030, 14:00–15:35 \(Europe\/Berlin, UTC\+01:00\)$/);
    expect(german.sections[0].heading).toBe('Wann und wo');
    expect(german.privacy.kept[0]).toMatch(/^Ihren Namen/);

    const switched = await expectStatus(
      world.anonymous.put(`/api/portal/${token}/locale`, { locale: 'fr' }),
      200,
    );
    expect(switched.portal.locale).toBe('fr');
    expect(switched.portal.sections[0].heading).toBe('Quand et où');
    // Kept: on reload, for staff, and for the next message.
    expect((await portal()).locale).toBe('fr');
    const list = await expectStatus(world.navigator.get('/api/candidates?limit=100'), 200);
    expect(list.candidates.find((c: { id: string }) => c.id === candidate.id).locale).toBe('fr');
    await rescheduleInterview(world.navigator, id, {
      startsAtLocal: '2030-03-07T11:00',
      timeZone: 'Europe/Berlin',
      reason: 'interviewer_request',
    });
    const update = (await outboxMessages(world, id)).filter((m) => m.kind === 'invitation_update').at(-1);
    expect(update!.subject).toMatch(/^Nouvel horaire/);
    expect(update!.text).toContain('Bonjour Dora Deutsch,');

    // Refusals on the portal are in the candidate's language too.
    const early = await world.anonymous.put(`/api/portal/${token}/hear-back`, { deadline: '2030-12-01' });
    expect(early.status).toBe(409);
    expect(early.body.message).toBe(
      'Nous vous demanderons après l’entretien quand vous souhaitez avoir de nos nouvelles.',
    );

    // Only the languages offered; the tests' pseudo-locale is off on an ordinary server.
    for (const locale of ['en-XA', 'xx', '']) {
      const refused = await world.anonymous.put(`/api/portal/${token}/locale`, { locale });
      expect(refused.status, locale).toBe(422);
      expect(refused.body.fields).toHaveProperty('locale');
      expect(refused.body.message).toBe('Choisissez l’une des langues proposées.');
    }
    expect((await world.anonymous.put(`/api/portal/${token}/locale`, {})).status).toBe(400);
    const unknownLink = await world.anonymous.put(`/api/portal/${'A'.repeat(43)}/locale`, { locale: 'de' });
    expect(unknownLink.status).toBe(404);
  });
});
