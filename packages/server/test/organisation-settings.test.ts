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
  outboxMessages,
  reportInterview,
  runSessionUntilRetrospective,
  sendInvitation,
} from './outreach-flows.ts';
import { parseSingleEvent } from './support/parse-ics.ts';

const defaults = {
  setupDefaultMinutes: 15,
  breakMinutes: 10,
  retroMinutes: 20,
  prepMinutes: 30,
  refinementBlockMinutes: 30,
  refinementTimerMinutes: 30,
  debriefMinutes: 30,
};

describe.each(databases())('organisation settings and the company’s voice (%s)', (database) => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  const settingsWith = (changes: Record<string, unknown> = {}, durations: Record<string, number> = {}) => ({
    durations: { ...defaults, ...durations },
    defaultLocale: 'en',
    organisationName: null,
    replyTo: null,
    ...changes,
  });

  it('lets only admins read and change the settings', async () => {
    for (const client of [world.navigator, world.lineManager, world.outsider]) {
      expect((await client.get('/api/settings')).status).toBe(403);
      expect((await client.put('/api/settings', settingsWith())).status).toBe(403);
      expect((await client.get('/api/settings/templates')).status).toBe(403);
      expect(
        (await client.put('/api/settings/templates/en/welcome', { text: 'Hello {candidateName}' })).status,
      ).toBe(403);
      expect(
        (await client.post('/api/settings/templates/preview', { locale: 'en', part: 'welcome', text: 'Hi' }))
          .status,
      ).toBe(403);
    }
    expect((await world.anonymous.get('/api/settings')).status).toBe(401);
    const { settings } = await expectStatus(world.admin.get('/api/settings'), 200);
    expect(settings).toEqual(settingsWith());
  });

  it('refuses out-of-bounds lengths, unknown locales and bad addresses with 422 naming the field', async () => {
    const tooShort = await world.admin.put('/api/settings', settingsWith({}, { breakMinutes: 2 }));
    expect(tooShort.status).toBe(422);
    expect(Object.keys(tooShort.body.fields)).toEqual(['durations.breakMinutes']);
    const longTimer = await world.admin.put(
      '/api/settings',
      settingsWith({}, { refinementTimerMinutes: 60, refinementBlockMinutes: 45 }),
    );
    expect(longTimer.status).toBe(422);
    expect(Object.keys(longTimer.body.fields)).toEqual(['durations.refinementTimerMinutes']);
    const fraction = await world.admin.put('/api/settings', settingsWith({}, { retroMinutes: 12.5 }));
    expect(Object.keys(fraction.body.fields)).toEqual(['durations.retroMinutes']);
    const unknown = await world.admin.put('/api/settings', settingsWith({}, { lunchMinutes: 30 }));
    expect(Object.keys(unknown.body.fields)).toEqual(['durations.lunchMinutes']);
    const locale = await world.admin.put('/api/settings', settingsWith({ defaultLocale: 'xx' }));
    expect(Object.keys(locale.body.fields)).toEqual(['defaultLocale']);
    const address = await world.admin.put('/api/settings', settingsWith({ replyTo: 'not an address' }));
    expect(Object.keys(address.body.fields)).toEqual(['replyTo']);
    const header = await world.admin.put(
      '/api/settings',
      settingsWith({ organisationName: 'Acme\r\nBcc: x@y.z' }),
    );
    expect(Object.keys(header.body.fields)).toEqual(['organisationName']);
    const notJson = await world.admin.put('/api/settings', { durations: 'ten' });
    expect(notJson.status).toBe(400);
    // Nothing of the refused changes was stored.
    expect((await expectStatus(world.admin.get('/api/settings'), 200)).settings).toEqual(settingsWith());
  });

  it('plans new interviews with the settings in force and leaves announced ones as they were', async () => {
    const before = await world.planInterview();
    await sendInvitation(world.navigator, before);
    const saved = await expectStatus(
      world.admin.put(
        '/api/settings',
        settingsWith(
          { organisationName: 'Acme Tools', replyTo: 'talent@acme.example' },
          { breakMinutes: 15, refinementTimerMinutes: 40, refinementBlockMinutes: 45, prepMinutes: 20 },
        ),
      ),
      200,
    );
    expect(saved.settings.durations.breakMinutes).toBe(15);
    const audit = await expectStatus(world.admin.get('/api/audit?limit=50'), 200);
    expect(JSON.stringify(audit)).toContain('settings.set');

    const after = await world.planInterview({ startsAtLocal: '2030-04-09T10:00' });
    const detailOf = async (id: string) =>
      (await expectStatus(world.navigator.get(`/api/interviews/${id}`), 200)).interview;
    const [old, fresh] = [await detailOf(before), await detailOf(after)];
    expect(old.dayDurations.breakMinutes).toBe(10);
    expect(old.clock.breakMinutes).toBe(10);
    expect(fresh.dayDurations).toMatchObject({
      breakMinutes: 15,
      refinementTimerMinutes: 40,
      refinementBlockMinutes: 45,
      prepMinutes: 20,
    });
    expect(fresh.clock).toMatchObject({ breakMinutes: 15, refinementMinutes: 40 });

    const { invitation } = await expectStatus(
      world.navigator.get(`/api/interviews/${after}/invitation`),
      200,
    );
    // Pairing 60 minutes from 10:15 (after the task's setup), then the 15-minute break.
    expect(invitation.preview.text).toMatch(/11:\d\d–11:\d\d {2}A short break/);
    const breakLine = /(\d\d):(\d\d)–(\d\d):(\d\d) {2}A short break/.exec(invitation.preview.text)!;
    const minutes = (h: string, m: string) => Number(h) * 60 + Number(m);
    expect(minutes(breakLine[3]!, breakLine[4]!) - minutes(breakLine[1]!, breakLine[2]!)).toBe(15);
    expect(invitation.preview.text).toContain('with Acme Tools');
    // The already announced interview still promises a 10-minute break.
    const { invitation: announced } = await expectStatus(
      world.navigator.get(`/api/interviews/${before}/invitation`),
      200,
    );
    const oldBreak = /(\d\d):(\d\d)–(\d\d):(\d\d) {2}A short break/.exec(announced.preview.text)!;
    expect(minutes(oldBreak[3]!, oldBreak[4]!) - minutes(oldBreak[1]!, oldBreak[2]!)).toBe(10);

    await sendInvitation(world.navigator, after);
    const mail = (await outboxMessages(world, after)).find((m) => m.kind === 'invitation')!;
    expect(mail.raw).toMatch(/^From: "?Acme Tools"? </m);
    expect(mail.raw).toMatch(/^Reply-To: "?Acme Tools"? <talent@acme\.example>/m);
    // The panel's blocks follow the settings: a 20-minute prep, a 45-minute refinement block.
    const lengths = new Map<string, number>();
    for (const message of (await outboxMessages(world, after)).filter((m) => m.calendar)) {
      if (!message.to.some((to) => to.includes('nora@example.com'))) continue;
      const { event } = parseSingleEvent(message.calendar!);
      const minutes = (event.end!.getTime() - event.start.getTime()) / 60_000;
      lengths.set(String(event.summary).split(':')[0]!, minutes);
    }
    expect([...lengths.values()].sort((a, b) => a - b)).toContain(20);
    expect([...lengths.values()]).toContain(45);
    await expectStatus(world.admin.put('/api/settings', settingsWith()), 200);
  });

  it('refuses a template with an unknown variable, naming it, and previews a valid one', async () => {
    const unknown = await world.admin.put('/api/settings/templates/de/welcome', {
      text: 'Hallo {candidateName}, willkommen bei {companyName}!',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toContain('{companyName}');
    expect(unknown.body.fields.text).toContain('{companyName}');
    const broken = await world.admin.put('/api/settings/templates/de/welcome', {
      text: 'Hallo {candidateName',
    });
    expect(broken.status).toBe(422);
    expect(Object.keys(broken.body.fields)).toEqual(['text']);
    const wrongPart = await world.admin.put('/api/settings/templates/de/decisionOffer', {
      text: 'Your link: {portalLink}',
    });
    expect(wrongPart.status).toBe(422);
    expect((await world.admin.put('/api/settings/templates/xx/welcome', { text: 'Hi' })).status).toBe(400);
    expect((await world.admin.put('/api/settings/templates/de/footer', { text: 'Hi' })).status).toBe(400);

    const preview = await expectStatus(
      world.admin.post('/api/settings/templates/preview', {
        locale: 'de',
        part: 'welcome',
        text: 'Hallo {candidateName}, schön, dass Sie am {interviewDate} kommen.',
      }),
      200,
    );
    expect(preview.text).toBe(
      'Hallo Alex Example, schön, dass Sie am Tuesday, 16 March 2027, 10:00 (Europe/Berlin) kommen.',
    );
    const previewUnknown = await world.admin.post('/api/settings/templates/preview', {
      locale: 'de',
      part: 'welcome',
      text: 'Hallo {vorname}',
    });
    expect(previewUnknown.status).toBe(422);
    expect(previewUnknown.body.fields.text).toContain('{vorname}');

    const { template } = await expectStatus(
      world.admin.put('/api/settings/templates/de/welcome', { text: 'Hallo {candidateName}, willkommen!' }),
      200,
    );
    expect(template).toMatchObject({ locale: 'de', part: 'welcome', source: 'organisation' });
    const { templates } = await expectStatus(world.admin.get('/api/settings/templates'), 200);
    expect(templates).toHaveLength(4 * 5);
    const reset = await expectStatus(world.admin.delete('/api/settings/templates/de/welcome'), 200);
    expect(reset.template.source).toBe('pairwise');
    expect(reset.template.text).toBe(reset.template.pairwiseText);
  });

  it('speaks in the organisation’s words in the default locale, a position’s words over those', async () => {
    await expectStatus(
      world.admin.put('/api/settings/templates/en/welcome', {
        text: 'Hi {candidateName}! We at {organisationName} look forward to pairing with you.',
      }),
      200,
    );
    await expectStatus(
      world.admin.put('/api/settings', settingsWith({ organisationName: 'Acme Tools' })),
      200,
    );
    const id = await world.planInterview({ startsAtLocal: '2030-05-07T10:00' });
    const { invitation } = await expectStatus(world.navigator.get(`/api/interviews/${id}/invitation`), 200);
    expect(invitation.preview.text).toContain(
      'Hi Casey Candidate! We at Acme Tools look forward to pairing with you.',
    );
    expect(invitation.preview.text).not.toContain('Everything about the day is below');
    // The day-before reminder, sent by a job, is shown beforehand in the same words it will use.
    await expectStatus(
      world.admin.put('/api/settings/templates/en/reminder', {
        text: 'See you tomorrow, {candidateName}! Your portal: {portalLink}',
      }),
      200,
    );
    const { invitation: withReminder } = await expectStatus(
      world.navigator.get(`/api/interviews/${id}/invitation`),
      200,
    );
    expect(withReminder.reminder.sendsAt).toBe('2030-05-06T08:00:00.000Z');
    expect(withReminder.reminder.preview.text).toMatch(
      /See you tomorrow, Casey Candidate! Your portal: http\S+\/p\/private-link-created-when-sent/,
    );
    await expectStatus(world.admin.delete('/api/settings/templates/en/reminder'), 200);

    await expectStatus(
      world.admin.put('/api/settings/templates/en/welcome', {
        text: 'Welcome to the {positionTitle} interview, {candidateName}.',
        positionId: world.ids.position,
      }),
      200,
    );
    const positionView = await expectStatus(
      world.admin.get(`/api/settings/templates?positionId=${world.ids.position}`),
      200,
    );
    expect(
      positionView.templates.find(
        (t: { locale: string; part: string }) => t.locale === 'en' && t.part === 'welcome',
      ).source,
    ).toBe('position');
    const { invitation: positional } = await expectStatus(
      world.navigator.get(`/api/interviews/${id}/invitation`),
      200,
    );
    expect(positional.preview.text).toContain('Welcome to the Backend Engineer interview, Casey Candidate.');
    expect(
      (await world.admin.get('/api/settings/templates?positionId=00000000-0000-4000-8000-000000000000'))
        .status,
    ).toBe(404);

    await expectStatus(
      world.admin.delete(`/api/settings/templates/en/welcome?positionId=${world.ids.position}`),
      200,
    );
    await expectStatus(world.admin.delete('/api/settings/templates/en/welcome'), 200);
    await expectStatus(world.admin.put('/api/settings', settingsWith()), 200);
    const { invitation: plain } = await expectStatus(
      world.navigator.get(`/api/interviews/${id}/invitation`),
      200,
    );
    expect(plain.preview.text).toContain('Everything about the day is below');
  });

  it('starts the line manager’s decision message from the template for the outcome, sent as previewed', async () => {
    await expectStatus(
      world.admin.put('/api/settings/templates/en/decisionNoOffer', {
        text: 'Dear {candidateName}, thank you for pairing on the {positionTitle} role. We will not make an offer this time.',
      }),
      200,
    );
    const id = await world.planInterview({ startsAtLocal: '2030-08-06T10:00' });
    await sendInvitation(world.navigator, id);
    const noteId = await runSessionUntilRetrospective(world, id);
    await reportInterview(world, id, '2031-02-03', noteId);
    await expectStatus(
      world.lineManager.post(`/api/interviews/${id}/decision`, {
        outcome: 'decline',
        note: '',
        proceedWithoutPanel: { reason: 'The shadow is not part of this test.' },
      }),
      200,
    );
    const { decisionMessage } = await expectStatus(
      world.lineManager.get(`/api/interviews/${id}/decision-message`),
      200,
    );
    expect(decisionMessage.draft).toBe(
      'Dear Casey Candidate, thank you for pairing on the Backend Engineer role. We will not make an offer this time.',
    );
    // Only the one who may send it gets a draft.
    const asNavigator = await expectStatus(
      world.navigator.get(`/api/interviews/${id}/decision-message`),
      200,
    );
    expect(asNavigator.decisionMessage.draft).toBeNull();
    const { preview, previewDigest } = await expectStatus(
      world.lineManager.post(`/api/interviews/${id}/decision-message/preview`, {
        message: decisionMessage.draft,
      }),
      200,
    );
    expect(preview.text).toContain(decisionMessage.draft);
    await expectStatus(
      world.lineManager.post(`/api/interviews/${id}/decision-message`, {
        message: decisionMessage.draft,
        previewDigest,
      }),
      200,
    );
    await expectStatus(world.admin.delete('/api/settings/templates/en/decisionNoOffer'), 200);
  });
});
