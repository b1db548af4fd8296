import { randomUUID } from 'node:crypto';
import { defaultFocusAttributes } from '@pairwise/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalibrationRepository } from '../src/features/calibration/repository.ts';
import { CalibrationService } from '../src/features/calibration/service.ts';
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
import { completeChecklist, driveToRefinement } from './process-flows.ts';

/**
 * Five interviews run through the API, navigator Nora and shadow Sam on each, rated on
 * collaboration as below (every other attribute 3 by both); then the times the figures read
 * (pairing, refinement, one late decision), lever pulls, bias resolutions and survey answers are
 * set in SQL to values the expectations below are computed from by hand.
 *
 *   interview      1        2        3          4        5
 *   Nora, Sam      4, 3     3, 3     4, 2       2, 2     3, 2
 *   recommends     sy, y    y, y     y, no      y, y     y, y
 *   decision       offer    decline  next_round offer    —
 *   pairing        60 min   50       55         45       40
 */
const collaboration: Array<[number, number]> = [
  [4, 3],
  [3, 3],
  [4, 2],
  [2, 2],
  [3, 2],
];
const outcomes = ['offer', 'decline', 'next_round', 'offer', null] as const;
const pairingMinutes = [60, 50, 55, 45, 40];
const PERIOD = 'from=2030-01-01&to=2030-12-31';

function card(evidence: string, collaborationScore: number, recommendation: string) {
  return {
    ratings: defaultFocusAttributes.map((attribute) => ({
      attribute: attribute.id,
      score: attribute.id === 'collaboration' ? collaborationScore : 3,
      evidenceNoteIds: [evidence],
    })),
    impression: 'Worked in small, tested steps.',
    recommendation,
    biasChecklist: completeChecklist(),
  };
}

describe.each(databases())('calibration (%s)', (database) => {
  let server: TestServer;
  let world: World;
  const interviews: string[] = [];
  const calibration = async (client: Client, query = PERIOD) =>
    expectStatus(client.get(`/api/calibration?${query}`), 200);
  // The line manager as the service sees them, for the service called directly over the same data.
  const lineManagerActor = () => ({
    id: world.ids.lineManager,
    email: '',
    name: '',
    roles: ['line_manager' as const],
    sessionTokenHash: '',
  });
  const year2030 = { from: '2030-01-01', to: '2030-12-31' };

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
    for (const [index, [nora, sam]] of collaboration.entries()) {
      const { id, notes } = await driveToRefinement(world);
      interviews.push(id);
      const submit = async (client: Client, evidence: string, score: number, recommendation: string) => {
        await expectStatus(
          client.put(`/api/interviews/${id}/scorecard`, card(evidence, score, recommendation)),
          200,
        );
        await expectStatus(
          client.post(`/api/interviews/${id}/scorecard/submit`, { confirmEarly: true }),
          200,
        );
      };
      await submit(world.navigator, notes.positive, nora, index === 0 ? 'strong_yes' : 'yes');
      await submit(world.shadow, notes.shadowNote, sam, index === 2 ? 'no' : 'yes');
      const outcome = outcomes[index];
      if (outcome) {
        await expectStatus(
          world.lineManager.post(`/api/interviews/${id}/decision`, { outcome, note: 'Calibration test' }),
          200,
        );
      }
    }
    // The same five interviews, their times set to what the expectations are computed from.
    const handle = await openDatabase({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
    try {
      const { db } = handle;
      for (const [index, id] of interviews.entries()) {
        await db
          .updateTable('interviews')
          .set({
            pairing_started_at: '2030-03-05T13:10:00.000Z',
            pairing_ended_at: new Date(
              Date.parse('2030-03-05T13:10:00.000Z') + pairingMinutes[index]! * 60_000,
            ).toISOString(),
            refinement_started_at: '2030-03-05T15:00:00.000Z',
          })
          .where('id', '=', id)
          .execute();
        // Nora refines for 20 minutes each time; Sam 30 the first time, 40 after.
        await db
          .updateTable('scorecards')
          .set({ submitted_at: '2030-03-05T15:20:00.000Z' })
          .where('interview_id', '=', id)
          .where('author_id', '=', world.ids.navigator)
          .execute();
        await db
          .updateTable('scorecards')
          .set({ submitted_at: index === 0 ? '2030-03-05T15:30:00.000Z' : '2030-03-05T15:40:00.000Z' })
          .where('interview_id', '=', id)
          .where('author_id', '=', world.ids.shadow)
          .execute();
      }
      // Interview 4 was decided the day after the candidate's deadline (2030-03-20).
      await db
        .updateTable('decisions')
        .set({ decided_at: '2030-03-21T09:00:00.000Z' })
        .where('interview_id', '=', interviews[3]!)
        .execute();
      const pull = (interviewId: string, seq: number, direction: 'easier' | 'harder') =>
        db
          .insertInto('interview_events')
          .values({
            id: randomUUID(),
            interview_id: interviewId,
            seq,
            type: 'lever_pulled',
            at: '2030-03-05T13:30:00.000Z',
            actor_id: world.ids.navigator,
            payload: JSON.stringify({ leverId: 'x', direction, description: 'A lever', offsetMs: 1000 }),
          })
          .execute();
      await pull(interviews[0]!, 10_001, 'easier');
      await pull(interviews[0]!, 10_002, 'harder');
      await pull(interviews[2]!, 10_001, 'easier');
      // Nora resolved three flagged phrases and kept two of them.
      for (const resolution of ['kept', 'kept', 'rewritten']) {
        await db
          .insertInto('bias_resolutions')
          .values({
            id: randomUUID(),
            interview_id: interviews[0]!,
            author_id: world.ids.navigator,
            target: 'impression',
            target_id: randomUUID(),
            rule_id: 'test-rule',
            phrase: randomUUID(),
            resolution,
            reason: resolution === 'kept' ? 'Observed in the pairing.' : '',
            resolved_at: '2030-03-05T15:10:00.000Z',
            category: null,
            review_status: null,
            reviewed_by: null,
            reviewed_at: null,
          })
          .execute();
      }
      // March: three answers (4, 5, 3); April: two, too few to show.
      for (const [month, score] of [
        ['2030-03', 4],
        ['2030-03', 5],
        ['2030-03', 3],
        ['2030-04', 5],
        ['2030-04', 1],
      ] as const) {
        await db
          .insertInto('candidate_feedback')
          .values({
            id: randomUUID(),
            position_id: world.ids.position,
            month,
            prepared_score: score,
            surprise: '',
            comments: '',
          })
          .execute();
      }
    } finally {
      await handle.close();
    }
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it('computes every interviewer figure as worked out by hand', async () => {
    const figures = await calibration(world.admin);
    expect(figures.scope).toBe('all');
    expect(figures.interviewers.map((row: { name: string }) => row.name)).toEqual([
      'Nora Navigator',
      'Sam Shadow',
    ]);
    const [nora, sam] = figures.interviewers;
    expect(nora.interviews).toBe(5);
    // Nora − Sam on collaboration: 1, 0, 2, 0, 1 → 0.8; on the other attributes both gave 3.
    const noraCollaboration = nora.figures.attributes.find(
      (a: { attribute: string }) => a.attribute === 'collaboration',
    );
    expect(noraCollaboration).toEqual({
      attribute: 'collaboration',
      own: [0, 1, 2, 2],
      coPanel: [0, 3, 2, 0],
      leniency: 0.8,
      compared: 5,
    });
    expect(
      sam.figures.attributes.find((a: { attribute: string }) => a.attribute === 'collaboration').leniency,
    ).toBe(-0.8);
    // Over every attribute: 4 collaboration differences of 0.8 mean plus zeros elsewhere.
    const attributeCount = defaultFocusAttributes.length;
    expect(nora.figures.leniency).toBeCloseTo(4 / (5 * attributeCount), 3);
    expect(nora.figures.compared).toBe(5 * attributeCount);
    expect(nora.figures.recommendations).toEqual({ strong_yes: 1, yes: 4, no: 0, strong_no: 0 });
    expect(sam.figures.recommendations).toEqual({ strong_yes: 0, yes: 4, no: 1, strong_no: 0 });
    // Nora wrote 20 words an interview (notes of 5, 6 and 4 words, an impression of 5): 3 findings in 100.
    expect(nora.figures.biasFindingsPer1000Words).toBe(30);
    expect(nora.figures.biasKeptShare).toBe(0.667);
    // Sam wrote 12 an interview and had nothing flagged: zero, not unknown.
    expect(sam.figures.biasFindingsPer1000Words).toBe(0);
    expect(sam.figures.biasKeptShare).toBeNull();
    expect(nora.figures.meanRefinementMinutes).toBe(20);
    expect(sam.figures.meanRefinementMinutes).toBe(38);
    expect(nora.figures.meanPairingMinutes).toBe(50);
    // Four decided, the fourth a day late; the fifth's deadline has not come yet.
    expect(nora.figures.deadlines).toEqual({ met: 3, due: 4 });
  });

  it("computes Krippendorff's ordinal alpha per attribute by hand", async () => {
    const figures = await calibration(world.admin);
    // Units (4,3), (3,3), (4,2), (2,2), (3,2): n₂ = 4, n₃ = 4, n₄ = 2, n = 10.
    // o₂₃ = o₃₄ = o₂₄ = 1 (each both ways); δ²₂₃ = (8 − 4)² = 16, δ²₃₄ = (6 − 3)² = 9, δ²₂₄ = (10 − 3)² = 49.
    // Observed 2·(16 + 9 + 49) = 148; expected 2·(4·4·16 + 4·2·9 + 4·2·49) = 1440.
    // α = 1 − 9·148/1440 = 0.075.
    expect(figures.agreement.find((a: { attribute: string }) => a.attribute === 'collaboration')).toEqual({
      attribute: 'collaboration',
      alpha: 0.075,
      units: 5,
    });
    // Everyone gave 3 on the others: no variation, so alpha is undefined rather than perfect.
    expect(
      figures.agreement.find((a: { attribute: string }) => a.attribute === 'decomposition').alpha,
    ).toBeNull();
    expect(figures.attributes).toContainEqual({
      id: 'collaboration',
      label: 'Collaboration and communication',
    });
  });

  it('counts outcomes and lever pulls per task and position, and the survey with its minimum group', async () => {
    const figures = await calibration(world.admin);
    expect(figures.byTaskAndPosition).toEqual([
      {
        positionId: world.ids.position,
        positionTitle: 'Backend Engineer',
        taskId: world.ids.task,
        taskTitle: 'Shopping list',
        interviews: 5,
        outcomes: { offer: 2, next_round: 1, decline: 1, undecided: 1 },
        leverPulls: { easier: 2, harder: 1, interviewsWithPulls: 2 },
      },
    ]);
    expect(figures.survey).toEqual([
      {
        positionId: world.ids.position,
        title: 'Backend Engineer',
        months: [
          { month: '2030-03', responses: 3, shown: true, averageScore: 4 },
          { month: '2030-04', responses: 2, shown: false, averageScore: null },
        ],
      },
    ]);
    expect(figures.minimumSurveyAnswers).toBe(3);
  });

  it('shows a line manager their positions and an interviewer only their own row', async () => {
    const manager = await calibration(world.lineManager);
    expect(manager.scope).toBe('positions');
    expect(manager.interviewers.map((row: { name: string }) => row.name)).toEqual([
      'Nora Navigator',
      'Sam Shadow',
    ]);

    const other = await calibration(world.otherLineManager);
    expect(other).toMatchObject({ interviewers: [], agreement: [], byTaskAndPosition: [], survey: [] });

    const sam = await calibration(world.shadow);
    expect(sam.scope).toBe('own');
    expect(sam.interviewers.map((row: { name: string }) => row.name)).toEqual(['Sam Shadow']);
    expect(sam.interviewers[0].figures.leniency).toBeCloseTo(-4 / (5 * defaultFocusAttributes.length), 3);

    // Someone who sat on none of them sees their own empty row and no one else's figures at all.
    const otto = await calibration(world.outsider);
    expect(otto).toMatchObject({
      scope: 'own',
      interviewers: [{ interviewerId: world.ids.outsider, interviews: 0, figures: null }],
      agreement: [],
      byTaskAndPosition: [],
      survey: [],
    });
  });

  it('adds up the same figures when the period is read in pages of two interviews', async () => {
    const whole = await calibration(world.lineManager);
    const handle = await openDatabase({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
    try {
      const paged = await new CalibrationService(
        new CalibrationRepository(handle.db),
        () => new Date(),
        2,
      ).figures(lineManagerActor(), year2030);
      expect(paged).toEqual(whole);
    } finally {
      await handle.close();
    }
  });

  it('answers from what is summed while a backfill runs, saying how many interviews it leaves out', async () => {
    const whole = await calibration(world.lineManager);
    expect(whole.pending).toBe(0);
    const handle = await openDatabase({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
    try {
      // Three marks over a backfill threshold of two; their interviews do not exist, so summing them
      // changes no figure and only clears the marks.
      await handle.db
        .insertInto('calibration_stale')
        .values([1, 2, 3].map(() => ({ interview_id: randomUUID(), version: 1 })))
        .execute();
      const service = new CalibrationService(new CalibrationRepository(handle.db), () => new Date(), 2, 2);
      const during = await service.figures(lineManagerActor(), year2030);
      expect(during.pending).toBe(3);
      expect({ ...during, pending: 0 }).toEqual(whole);
      // The job sums them; the next answer leaves nothing out.
      await service.refreshStale();
      expect(await service.figures(lineManagerActor(), year2030)).toEqual(whole);
    } finally {
      await handle.close();
    }
  });

  it('holds back an interviewer with fewer than five interviews', async () => {
    const figures = await calibration(world.admin, 'from=2030-01-01&to=2030-12-31');
    expect(figures.minimumInterviews).toBe(5);
    // Before the period: nothing. A period that ends before the interviews: empty, not an error.
    const before = await calibration(world.admin, 'from=2029-01-01&to=2029-12-31');
    expect(before.interviewers).toEqual([]);
    // The default period is the last twelve months up to today.
    const recent = await calibration(world.admin, '');
    expect(recent.to).toBe(new Date().toISOString().slice(0, 10));
    expect(recent.interviewers).toEqual([]);
  });

  it('exports the same figures as CSV', async () => {
    const response = await fetch(`${server.url}/api/calibration.csv?${PERIOD}`, {
      headers: { cookie: world.lineManager.cookie! },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toContain(
      'pairwise-calibration-2030-01-01-to-2030-12-31.csv',
    );
    const text = await response.text();
    expect(text).toContain('interviewer,Nora Navigator,Collaboration and communication,leniency,0.8\r\n');
    expect(text).toContain(
      "agreement,Collaboration and communication,,Krippendorff's alpha (ordinal),0.075\r\n",
    );
    expect(text).toContain('survey,Backend Engineer,2030-04,average score,\r\n');
  });

  it('refuses a period that is not one, with the field named', async () => {
    for (const query of [
      'from=2030-12-31&to=2030-01-01',
      'from=yesterday',
      'from=2020-01-01&to=2030-01-01',
      'since=2030-01-01',
      'to=0000-01-01',
      'from=2030-01-01&from=2030-02-01',
    ]) {
      const response = await world.admin.get(`/api/calibration?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.code).toBe('invalid_request');
      expect(Object.keys(response.body.fields ?? {}).length, query).toBeGreaterThan(0);
    }
  });
});
