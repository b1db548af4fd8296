import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database.ts';
import { createWorld, databases, startTestServer, type TestServer, type World } from './harness.ts';
import { type Seeded, seedCandidate } from './retention-flows.ts';

describe.each(databases())('retention and data requests on %s', (database) => {
  let server: TestServer;
  let world: World;
  let handle: DatabaseHandle;
  // Past retention; past retention but on legal hold; due in about two weeks.
  let past: Seeded;
  let held: Seeded;
  let soon: Seeded;
  const today = DateTime.utc().toISODate()!;

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
    handle = await openDatabase({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
    // The start-up run must be over before the seed, or it would erase part of it.
    await waitFor(async () => {
      const job = await handle.db
        .selectFrom('jobs')
        .select('done_at')
        .where('dedupe_key', '=', `retention:${today}`)
        .executeTakeFirst();
      return Boolean(job?.done_at);
    });
    past = await seedCandidate(handle.db, world, 'alex', 200);
    held = await seedCandidate(handle.db, world, 'blair', 200);
    soon = await seedCandidate(handle.db, world, 'casey', 165);
    expect(
      (await world.admin.put(`/api/privacy/legal-holds/${held.candidateId}`, { reason: 'Litigation' }))
        .status,
    ).toBe(200);
  });
  afterAll(async () => {
    await handle?.close();
    await server?.close();
  });

  it('runs once a day under a dedupe key of the date, and schedules the next day', async () => {
    const keys = (
      await handle.db.selectFrom('jobs').select('dedupe_key').where('type', '=', 'retention.daily').execute()
    ).map((row) => row.dedupe_key);
    const tomorrow = DateTime.utc().plus({ days: 1 }).toISODate();
    expect(keys.sort()).toEqual([`retention:${today}`, `retention:${tomorrow}`]);
  });

  it('shows the admin what is erased in the next 30 days, held candidates included', async () => {
    const { body } = await world.admin.get('/api/privacy/erasures');
    const byId = new Map(body.erasures.map((entry: { candidateId: string }) => [entry.candidateId, entry]));
    expect([...byId.keys()].sort()).toEqual([past.candidateId, held.candidateId, soon.candidateId].sort());
    expect(byId.get(held.candidateId)).toMatchObject({ legalHold: true, legalHoldReason: 'Litigation' });
  });

  it('erases exactly the candidate past retention, and nothing of the others', async () => {
    const { status, body } = await world.admin.post('/api/privacy/erasures/run');
    expect(status).toBe(200);
    expect(body.erased).toEqual([past.candidateId]);
    await expectErased(handle.db, past, world.server.dataDir);
    for (const kept of [held, soon]) await expectIntact(handle.db, kept, world.server.dataDir);
    // The Casey of the shared world has an interview still open: not due at all.
    const casey = await handle.db
      .selectFrom('candidates')
      .select('erased_at')
      .where('id', '=', world.ids.candidate)
      .executeTakeFirstOrThrow();
    expect(casey.erased_at).toBeNull();
    const audit = await handle.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', 'candidate.erased')
      .execute();
    expect(audit.map((entry) => entry.candidate_id)).toEqual([past.candidateId]);
    // A second run finds nothing more to do.
    expect((await world.admin.post('/api/privacy/erasures/run')).body.erased).toEqual([]);
  });

  it("produces a copy holding that candidate's rows and nothing about anyone else", async () => {
    const { status, body } = await world.admin.get(`/api/privacy/requests/${soon.copyRequestId}/copy`);
    expect(status).toBe(200);
    expect(body.candidateId).toBe(soon.candidateId);
    for (const table of [
      'candidates',
      'interviews',
      'interview_events',
      'notes',
      'note_revisions',
      'retrospectives',
      'scorecards',
      'decisions',
      'accommodation_requests',
      'candidate_repositories',
      'pushes',
      'bias_resolutions',
      'outbox_messages',
    ]) {
      expect(body.tables[table], table).toHaveLength(1);
    }
    expect(body.tables.data_requests).toHaveLength(2);
    const text = JSON.stringify(body);
    expect(text).toContain('casey wrote a failing test first');
    expect(body.markdown).toContain('casey wrote a failing test first');
    for (const other of ['blair', 'alex', world.ids.candidate, held.interviewId])
      expect(text).not.toContain(other);
    const { body: listed } = await world.admin.get('/api/privacy/requests');
    const copy = listed.requests.find((request: { id: string }) => request.id === soon.copyRequestId);
    expect(copy).toMatchObject({
      status: 'completed',
      approvedBy: 'Ada Admin',
      candidateName: 'Candidate casey',
    });
  });

  it('lists requests with a due date one month out, and a hold refuses an erasure request', async () => {
    const { body } = await world.admin.get('/api/privacy/requests');
    const request = body.requests.find((entry: { id: string }) => entry.id === held.erasureRequestId);
    expect(request.dueAt).toBe(
      DateTime.fromISO(request.requestedAt, { zone: 'utc' }).plus({ months: 1 }).toISO(),
    );
    expect((await world.admin.post(`/api/privacy/requests/${held.erasureRequestId}/erasure`)).status).toBe(
      409,
    );
    await expectIntact(handle.db, held, world.server.dataDir);
  });

  it('erases a candidate on their confirmed request, once the hold ends', async () => {
    expect((await world.admin.delete(`/api/privacy/legal-holds/${held.candidateId}`)).status).toBe(200);
    const { status, body } = await world.admin.post(`/api/privacy/requests/${held.erasureRequestId}/erasure`);
    expect(status).toBe(200);
    expect(body.request).toMatchObject({ status: 'completed', approvedBy: 'Ada Admin' });
    await expectErased(handle.db, held, world.server.dataDir);
    await expectIntact(handle.db, soon, world.server.dataDir);
    expect((await world.admin.post(`/api/privacy/requests/${held.erasureRequestId}/erasure`)).status).toBe(
      409,
    );
  });

  it('counts from the cancellation or no-show when there was no decision, so nobody is kept forever', async () => {
    const cancelledLongAgo = await seedCandidate(handle.db, world, 'dana', 200);
    const noShowLongAgo = await seedCandidate(handle.db, world, 'eli', 200);
    const cancelledRecently = await seedCandidate(handle.db, world, 'fran', 20);
    for (const [seeded, stage] of [
      [cancelledLongAgo, 'cancelled'],
      [noShowLongAgo, 'no_show'],
      [cancelledRecently, 'cancelled'],
    ] as const) {
      await handle.db.deleteFrom('decisions').where('interview_id', '=', seeded.interviewId).execute();
      await handle.db.updateTable('interviews').set({ stage }).where('id', '=', seeded.interviewId).execute();
      await handle.db
        .updateTable('interview_events')
        .set({ type: stage })
        .where('interview_id', '=', seeded.interviewId)
        .execute();
    }
    // Asking for a copy from the portal last week does not restart the clock.
    await handle.db
      .insertInto('interview_events')
      .values({
        id: randomUUID(),
        interview_id: cancelledLongAgo.interviewId,
        seq: 2,
        type: 'data_request_recorded',
        at: DateTime.utc().minus({ days: 7 }).toISO(),
        actor_id: null,
        payload: '{}',
      })
      .execute();

    const { body: upcoming } = await world.admin.get('/api/privacy/erasures');
    const listed = upcoming.erasures.map((entry: { candidateId: string }) => entry.candidateId);
    expect(listed).toEqual(expect.arrayContaining([cancelledLongAgo.candidateId, noShowLongAgo.candidateId]));
    expect(listed).not.toContain(cancelledRecently.candidateId);

    const { body } = await world.admin.post('/api/privacy/erasures/run');
    expect(body.erased.sort()).toEqual([cancelledLongAgo.candidateId, noShowLongAgo.candidateId].sort());
    const candidates = await handle.db
      .selectFrom('candidates')
      .select(['id', 'erased_at'])
      .where('id', 'in', [
        cancelledLongAgo.candidateId,
        noShowLongAgo.candidateId,
        cancelledRecently.candidateId,
      ])
      .execute();
    const erased = new Map(candidates.map((row) => [row.id, row.erased_at !== null]));
    expect(erased.get(cancelledLongAgo.candidateId)).toBe(true);
    expect(erased.get(noShowLongAgo.candidateId)).toBe(true);
    expect(erased.get(cancelledRecently.candidateId)).toBe(false);
  });
});

async function expectErased(db: DatabaseHandle['db'], seeded: Seeded, dataDir: string) {
  const candidate = await db
    .selectFrom('candidates')
    .selectAll()
    .where('id', '=', seeded.candidateId)
    .executeTakeFirstOrThrow();
  expect(candidate).toMatchObject({
    name: 'Erased candidate',
    email: '',
    pronouns: null,
    accommodations: null,
  });
  expect(candidate.erased_at).not.toBeNull();
  const rows = await rowsOf(db, seeded);
  expect(rows.notes).toEqual([]);
  expect(rows.revisions).toEqual([]);
  expect(rows.tokens).toEqual([]);
  expect(rows.outbox).toEqual([]);
  expect(rows.bias).toEqual([]);
  expect(rows.accommodations).toEqual([]);
  expect(rows.scorecards).toEqual([
    expect.objectContaining({ ratings: '{}', impression: '', recommendation: 'hire' }),
  ]);
  expect(rows.retrospectives).toEqual([expect.objectContaining({ shared_note_ids: '[]', next_steps: '' })]);
  expect(rows.retrospectives[0]!.answers).toBe(JSON.stringify({ solution: '', learned: '', change: '' }));
  expect(rows.pushes).toEqual([expect.objectContaining({ commits: '[]' })]);
  expect(rows.decisions).toEqual([expect.objectContaining({ outcome: 'hire', note: '' })]);
  // Anonymous aggregates stay: the interview, its stage and times, the event types.
  expect(rows.interview).toMatchObject({ stage: 'decided', pairing_minutes: 60, wellness: null });
  expect(rows.events).toEqual([expect.objectContaining({ type: 'decided', payload: '{}' })]);
  expect(fs.existsSync(path.join(dataDir, 'repositories', `${seeded.slug}.git`))).toBe(false);
}

async function expectIntact(db: DatabaseHandle['db'], seeded: Seeded, dataDir: string) {
  const candidate = await db
    .selectFrom('candidates')
    .selectAll()
    .where('id', '=', seeded.candidateId)
    .executeTakeFirstOrThrow();
  expect(candidate).toMatchObject({ email: seeded.email, pronouns: 'they/them', erased_at: null });
  const rows = await rowsOf(db, seeded);
  for (const table of [
    'notes',
    'revisions',
    'tokens',
    'outbox',
    'bias',
    'accommodations',
    'pushes',
  ] as const) {
    expect(rows[table], table).toHaveLength(1);
  }
  expect(rows.scorecards[0]!.impression).toContain('impression');
  expect(rows.retrospectives[0]!.answers).toContain('answer');
  expect(rows.pushes[0]!.commits).toContain('commit message');
  expect(rows.decisions[0]!.note).toContain('decision note');
  expect(rows.events[0]!.payload).toContain('event detail');
  expect(fs.existsSync(path.join(dataDir, 'repositories', `${seeded.slug}.git`, 'HEAD'))).toBe(true);
}

async function rowsOf(db: DatabaseHandle['db'], seeded: Seeded) {
  const id = seeded.interviewId;
  return {
    interview: await db
      .selectFrom('interviews')
      .selectAll()
      .where('id', '=', seeded.interviewId)
      .executeTakeFirstOrThrow(),
    events: await db
      .selectFrom('interview_events')
      .selectAll()
      .where('interview_id', '=', seeded.interviewId)
      .execute(),
    notes: await db.selectFrom('notes').selectAll().where('interview_id', '=', id).execute(),
    revisions: await db
      .selectFrom('note_revisions')
      .selectAll()
      .where('note_id', '=', seeded.noteId)
      .execute(),
    scorecards: await db.selectFrom('scorecards').selectAll().where('interview_id', '=', id).execute(),
    retrospectives: await db
      .selectFrom('retrospectives')
      .selectAll()
      .where('interview_id', '=', id)
      .execute(),
    decisions: await db.selectFrom('decisions').selectAll().where('interview_id', '=', id).execute(),
    tokens: await db.selectFrom('portal_tokens').selectAll().where('interview_id', '=', id).execute(),
    outbox: await db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('envelope', 'like', `%${seeded.email}%`)
      .execute(),
    pushes: await db
      .selectFrom('pushes')
      .selectAll()
      .where('interview_id', '=', seeded.interviewId)
      .execute(),
    bias: await db
      .selectFrom('bias_resolutions')
      .selectAll()
      .where('interview_id', '=', seeded.interviewId)
      .execute(),
    accommodations: await db
      .selectFrom('accommodation_requests')
      .selectAll()
      .where('interview_id', '=', seeded.interviewId)
      .execute(),
  };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
