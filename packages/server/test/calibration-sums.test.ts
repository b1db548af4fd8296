import { defaultFocusAttributes } from '@pairwise/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * The page reads sums kept per month and day (decision 045). Here one interview's rows are changed
 * after the figures were read, by SQL as retention or an admin would, and every change must show
 * in the next answer with the interview's old figures taken out: nothing counted twice, nothing
 * left behind. Last, the sums are thrown away and built again from scratch, and must be the same.
 */
const PERIOD = 'from=2030-01-01&to=2030-12-31';

function card(evidence: string, collaboration: number) {
  return {
    ratings: defaultFocusAttributes.map((attribute) => ({
      attribute: attribute.id,
      score: attribute.id === 'collaboration' ? collaboration : 3,
      evidenceNoteIds: [evidence],
    })),
    impression: 'Worked in small, tested steps.',
    recommendation: 'yes',
    biasChecklist: completeChecklist(),
  };
}

describe.each(databases())('calibration sums kept up to date (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let interviewId: string;
  const figures = async (query = PERIOD) => expectStatus(world.admin.get(`/api/calibration?${query}`), 200);
  const withDb = async <T>(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>) => {
    const handle = await openDatabase({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
    try {
      return await work(handle.db);
    } finally {
      await handle.close();
    }
  };
  const collaborationOf = (
    answer: { interviewers: Array<{ name: string; figures: unknown }> },
    name: string,
  ) =>
    (
      answer.interviewers.find((row) => row.name === name)?.figures as {
        attributes: Array<{ attribute: string; own: number[]; coPanel: number[] }>;
      } | null
    )?.attributes.find((a) => a.attribute === 'collaboration');

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
    const { id, notes } = await driveToRefinement(world);
    interviewId = id;
    const submit = async (client: Client, evidence: string, score: number) => {
      await expectStatus(client.put(`/api/interviews/${id}/scorecard`, card(evidence, score)), 200);
      await expectStatus(client.post(`/api/interviews/${id}/scorecard/submit`, { confirmEarly: true }), 200);
    };
    await submit(world.navigator, notes.positive, 4);
    await submit(world.shadow, notes.shadowNote, 2);
    await expectStatus(
      world.lineManager.post(`/api/interviews/${id}/decision`, { outcome: 'offer', note: 'Sums test' }),
      200,
    );
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it('counts the interview once, then follows a changed decision without counting the old one', async () => {
    const before = await figures();
    expect(before.byTaskAndPosition).toHaveLength(1);
    expect(before.byTaskAndPosition[0].outcomes).toEqual({
      offer: 1,
      next_round: 0,
      decline: 0,
      undecided: 0,
    });
    expect(before.interviewers.map((row: { interviews: number }) => row.interviews)).toEqual([1, 1]);

    await withDb((db) =>
      db
        .updateTable('decisions')
        .set({ outcome: 'decline' })
        .where('interview_id', '=', interviewId)
        .execute(),
    );
    const after = await figures();
    expect(after.byTaskAndPosition[0].outcomes).toEqual({
      offer: 0,
      next_round: 0,
      decline: 1,
      undecided: 0,
    });
    expect(after.byTaskAndPosition[0].interviews).toBe(1);
  });

  it('drops a withdrawn scorecard from its author and from the co-panelist comparison', async () => {
    await withDb((db) =>
      db
        .updateTable('scorecards')
        .set({ submitted_at: null })
        .where('interview_id', '=', interviewId)
        .where('author_id', '=', world.ids.shadow)
        .execute(),
    );
    const after = await figures();
    expect(after.interviewers.map((row: { name: string }) => row.name)).toEqual(['Nora Navigator']);
    const agreement = after.agreement.find((a: { attribute: string }) => a.attribute === 'collaboration');
    expect(agreement).toEqual({ attribute: 'collaboration', alpha: null, units: 0 });
    expect(collaborationOf(after, 'Nora Navigator')).toBeUndefined(); // fewer than five: no figures
  });

  it('moves the interview to the period it now starts in', async () => {
    await withDb((db) =>
      db
        .updateTable('interviews')
        .set({ starts_at: '2031-02-03T10:00:00.000Z' })
        .where('id', '=', interviewId)
        .execute(),
    );
    expect((await figures()).byTaskAndPosition).toEqual([]);
    const next = await figures('from=2031-02-03&to=2031-02-03');
    expect(next.byTaskAndPosition).toHaveLength(1);
    // A month less the days outside it gives the same as those days.
    expect((await figures('from=2031-02-02&to=2031-02-28')).byTaskAndPosition).toEqual(
      next.byTaskAndPosition,
    );
    expect((await figures('from=2031-02-04&to=2031-02-28')).byTaskAndPosition).toEqual([]);
  });

  it('keeps a period added up through changes of fractional minutes, the same as one added up afresh', async () => {
    const kept = 'from=2031-01-01&to=2031-12-31';
    await figures(kept);
    // Pairing for 47 min 13.456 s, then 62 min 59.998 s: the server keeps the period's total and
    // takes the old minutes out; another period over the same days is added up from nothing.
    for (const [day, end] of [
      ['02', '2031-02-03T10:47:13.457Z'],
      ['03', '2031-02-03T11:02:59.999Z'],
    ] as const) {
      await withDb((db) =>
        db
          .updateTable('interviews')
          .set({ pairing_started_at: '2031-02-03T10:00:00.001Z', pairing_ended_at: end })
          .where('id', '=', interviewId)
          .execute(),
      );
      const again = await figures(kept);
      const afresh = await figures(`from=2031-01-${day}&to=2031-12-31`);
      expect({ ...afresh, from: kept }).toEqual({ ...again, from: kept });
    }
  });

  it('gives the same figures when the sums are built again from nothing', async () => {
    const kept = await figures('from=2030-01-01&to=2031-12-31');
    await withDb(async (db) => {
      expect(await db.selectFrom('calibration_stale').select('interview_id').execute()).toEqual([]);
      await db.deleteFrom('calibration_sums').execute();
      await db.deleteFrom('calibration_contributions').execute();
      await db.insertInto('calibration_stale').values({ interview_id: interviewId, version: 1 }).execute();
    });
    expect(await figures('from=2030-01-01&to=2031-12-31')).toEqual(kept);
  });

  it('takes an erased interview out of every figure', async () => {
    await withDb(async (db) => {
      await db.deleteFrom('interview_shadows').where('interview_id', '=', interviewId).execute();
      await db.deleteFrom('decisions').where('interview_id', '=', interviewId).execute();
    });
    const shadowless = await figures('from=2031-01-01&to=2031-12-31');
    expect(shadowless.byTaskAndPosition[0].outcomes.undecided).toBe(1);
    await withDb(async (db) => {
      expect(
        (await db.selectFrom('calibration_sums').select('scope').execute()).some(
          (row) => row.scope === `member:${world.ids.shadow}`,
        ),
      ).toBe(false);
    });
  });
});
