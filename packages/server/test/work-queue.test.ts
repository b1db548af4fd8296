import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InterviewsRepository } from '../src/features/interviews/repository.ts';
import { TaskPreparationReadiness } from '../src/features/rehearsals/readiness.ts';
import { RehearsalsRepository } from '../src/features/rehearsals/repository.ts';
import { TaskSnapshotsRepository } from '../src/features/task-snapshots/repository.ts';
import { WorkQueueRepository } from '../src/features/work-queue/repository.ts';
import { WorkQueueService } from '../src/features/work-queue/service.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import {
  type Client,
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { candidatePortalToken } from './outreach-flows.ts';
import { driveToRefinement, navigatorSubmits, scorecardFor, sendInvitation } from './process-flows.ts';

/**
 * A zone in which it is around noon now, so an interview an hour from now is "today" there
 * whenever the test runs (Etc/GMT-n is n hours ahead of UTC).
 */
function middayZone(now = new Date()): string {
  const offset = 12 - now.getUTCHours();
  return offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

describe.each(databases())('the home work queue (%s)', (database) => {
  let server: TestServer;
  let world: World;
  const zone = middayZone();
  /** Planned for an hour from now, not yet invited: today's, with its checklist open. */
  let today: string;
  /** Invited for 2030; the candidate asks for another time and for an accommodation. */
  let asking: string;
  /** Reported: the navigator submitted, the shadow has not. */
  let reported: string;
  let reportedNotes: { shadowNote: string };

  const queue = async (client: Client) =>
    expectStatus(client.get(`/api/work-queue?timeZone=${encodeURIComponent(zone)}`), 200);
  /** [kind, interview] of every item, section by section. */
  const items = async (client: Client) =>
    (await queue(client)).sections.flatMap(
      (section: { items: Array<{ kind: string; interviewId: string }> }) =>
        section.items.map((item) => [item.kind, item.interviewId]),
    );

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
    today = await world.planInterview({
      startsAtLocal: DateTime.now().setZone(zone).plus({ hours: 1 }).toFormat("yyyy-MM-dd'T'HH:mm"),
      timeZone: zone,
    });
    asking = await world.planInterview({ startsAtLocal: '2030-04-02T10:00' });
    await sendInvitation(world, asking);
    const token = await candidatePortalToken(world, asking);
    await expectStatus(
      world.anonymous.post(`/api/portal/${token}/reschedule-request`, {
        reason: 'REASON-MARKER: a school play',
      }),
      200,
    );
    await expectStatus(
      world.anonymous.post(`/api/portal/${token}/accommodations`, {
        text: 'ACCOMMODATION-MARKER: a quiet room',
      }),
      200,
    );
    const drove = await driveToRefinement(world);
    reported = drove.id;
    reportedNotes = drove.notes;
    await navigatorSubmits(world, reported, [drove.notes.positive, drove.notes.positive2]);
  });
  afterAll(() => server.close());

  it("gives the navigator today's interview without 'check in' while its checklist is open, and the candidate's requests", async () => {
    expect(await items(world.navigator)).toEqual([
      ['interview_today', today],
      ['checklist_open', today],
      ['checklist_open', asking],
      ['reschedule_requested', asking],
      ['accommodation_request', asking],
    ]);
    const { sections } = await queue(world.navigator);
    const todayItem = sections[0].items[0];
    expect(todayItem.text).toMatch(/^Finish the planning checklist first: \d+ items? open\.$/);
    expect(todayItem.href).toBe(`/interviews/${today}`);
    expect(sections[1].items[0].href).toBe(`/interviews/${today}#checklist-heading`);
    // The reason stays in the interview's own page; the queue says only what to do.
    expect(JSON.stringify(sections)).not.toContain('REASON-MARKER');
    expect(JSON.stringify(sections)).not.toContain('ACCOMMODATION-MARKER');
  });

  it('gives the shadow the day and their own impression, after the navigator submitted', async () => {
    expect(await items(world.shadow)).toEqual([
      ['interview_today', today],
      ['impression_due', reported],
    ]);
    // The home lists agree: the shadow still refines, the navigator is done.
    const list = async (client: Client) =>
      (await expectStatus(client.get(`/api/interviews?stages=reported`), 200)).interviews.find(
        (row: { id: string }) => row.id === reported,
      );
    expect((await list(world.shadow)).myPanelState).toBe('refining');
    expect((await list(world.navigator)).myPanelState).toBe('submitted');
  });

  it('gives the line manager the missing impression and the decision with the days to the deadline, and nothing of the others', async () => {
    const { sections } = await queue(world.lineManager);
    const all = sections.flatMap((section: { items: unknown[] }) => section.items);
    expect(all).toEqual([
      expect.objectContaining({
        kind: 'panel_open',
        interviewId: reported,
        text: '1 of 2 impressions in; waiting for Sam Shadow.',
        href: `/interviews/${reported}/report`,
      }),
      expect.objectContaining({ kind: 'decision_due', interviewId: reported }),
    ]);
    const daysLeft = Math.round(
      DateTime.fromISO('2030-03-20', { zone }).diff(DateTime.now().setZone(zone).startOf('day'), 'days').days,
    );
    expect(all[1]).toMatchObject({ daysLeft });
    expect(JSON.stringify(sections)).not.toContain('MARKER');
    // Another position's line manager has nothing here.
    expect(await items(world.otherLineManager)).toEqual([]);
  });

  it("gives the admin today's interviews and the candidates' requests", async () => {
    expect(await items(world.admin)).toEqual([
      ['interview_today', today],
      ['reschedule_requested', asking],
      ['accommodation_request', asking],
    ]);
  });

  it('shows an interviewer on none of these interviews nothing of them', async () => {
    const { sections } = await queue(world.outsider);
    expect(
      sections.map((section: { section: string; items: unknown[] }) => [section.section, section.items]),
    ).toEqual([
      ['today', []],
      ['planning', []],
      ['requests', []],
      ['impressions', []],
      ['decisions', []],
    ]);
    expect((await world.anonymous.get('/api/work-queue')).status).toBe(401);
  });

  it('refuses a zone that does not exist with a 400 naming the field', async () => {
    const response = await world.navigator.get('/api/work-queue?timeZone=Mars%2FOlympus');
    expect(response.status).toBe(400);
    expect(response.body.fields).toHaveProperty('timeZone');
  });

  it('reads a bounded number of open interviews per scope, says so, and keeps today in', async () => {
    const handle = await openDatabase({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
    try {
      const { db } = handle;
      const readiness = new TaskPreparationReadiness(
        new TaskSnapshotsRepository(db),
        new RehearsalsRepository(db),
      );
      // One open interview per scope: the navigator has three, so the read is cut.
      const bounded = new WorkQueueService(
        new InterviewsRepository(db),
        new WorkQueueRepository(db),
        readiness,
        () => new Date(),
        1,
      );
      const navigator = {
        id: world.ids.navigator,
        email: 'nora@example.com',
        name: 'Nora Navigator',
        roles: ['interviewer' as const],
        sessionTokenHash: 'unused',
      };
      const answer = await bounded.queue(navigator, zone);
      const ids = new Set(
        answer.sections.flatMap((section) => section.items.map((item) => item.interviewId)),
      );
      expect(answer.truncated).toBe(true);
      expect(ids.has(today)).toBe(true);
      expect(ids.has(asking)).toBe(false);
    } finally {
      await handle.close();
    }
    // The server's own limit is not reached by three interviews.
    expect((await queue(world.navigator)).truncated).toBe(false);
  });

  it('drops an item once the work is done', async () => {
    // The answer to the accommodation request, previewed and sent.
    const { invitation } = await expectStatus(
      world.navigator.get(`/api/interviews/${asking}/invitation`),
      200,
    );
    const url = `/api/interviews/${asking}/accommodations/${invitation.accommodations[0].id}/answer`;
    const answer = 'Yes: room 3 is quiet.';
    const { previewDigest } = await expectStatus(world.navigator.post(`${url}/preview`, { answer }), 200);
    await expectStatus(world.navigator.post(url, { answer, previewDigest }), 200);
    // The candidate keeps the time after all.
    const token = await candidatePortalToken(world, asking);
    await expectStatus(world.anonymous.post(`/api/portal/${token}/confirmation`), 200);
    // The shadow submits: nobody is missing, the decision stays.
    await expectStatus(
      world.shadow.put(`/api/interviews/${reported}/scorecard`, scorecardFor([reportedNotes.shadowNote])),
      200,
    );
    await expectStatus(
      world.shadow.post(`/api/interviews/${reported}/scorecard/submit`, { confirmEarly: true }),
      200,
    );

    expect(await items(world.admin)).toEqual([['interview_today', today]]);
    expect(await items(world.shadow)).toEqual([['interview_today', today]]);
    expect(await items(world.lineManager)).toEqual([['decision_due', reported]]);
  });
});
