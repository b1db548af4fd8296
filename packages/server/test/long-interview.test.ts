import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database.ts';
import {
  type Client,
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { driveToRefinement, navigatorSubmits, scorecardFor } from './process-flows.ts';

const MB = 1024 * 1024;

interface Seeded {
  id: string;
  createdAt: string;
  authorId: string;
  deleted: boolean;
}

/** A GET whose answer is measured in bytes as well as read. */
async function sized(client: Client, url: string) {
  const response = await fetch(client.baseUrl + url, { headers: { cookie: client.cookie ?? '' } });
  const text = await response.text();
  return { status: response.status, bytes: Buffer.byteLength(text), body: JSON.parse(text) };
}

/** A GET as it comes over the wire: its bytes not decoded, whatever the content encoding. */
function rawGet(client: Client, url: string, acceptEncoding: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: Buffer }>(
    (resolve, reject) => {
      const request = http.get(
        client.baseUrl + url,
        { headers: { cookie: client.cookie ?? '', 'accept-encoding': acceptEncoding } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode!,
              headers: response.headers,
              bytes: Buffer.concat(chunks),
            }),
          );
          response.on('error', reject);
        },
      );
      request.on('error', reject);
    },
  );
}

/** Every page of a paged notes route, each answer checked against the 1 MB bound. */
async function readAllPages(
  client: Client,
  url: string,
  first?: { notes: Seeded[]; nextCursor: string | null },
) {
  const pages: Array<{ count: number; bytes: number }> = [];
  const ids: string[] = [];
  let page = first;
  if (!page) {
    const answer = await sized(client, url);
    expect(answer.status).toBe(200);
    pages.push({ count: answer.body.notes.length, bytes: answer.bytes });
    page = answer.body;
  }
  ids.push(...page!.notes.map((note) => note.id));
  let cursor = page!.nextCursor;
  while (cursor) {
    const answer = await sized(client, `${url}${url.includes('?') ? '&' : '?'}cursor=${cursor}`);
    expect(answer.status).toBe(200);
    pages.push({ count: answer.body.notes.length, bytes: answer.bytes });
    ids.push(...answer.body.notes.map((note: { id: string }) => note.id));
    cursor = answer.body.nextCursor;
  }
  return { ids, pages };
}

/** The report carries the first page of its notes. */
const firstPage = (report: { notes: Seeded[]; notesNextCursor: string | null }) => ({
  notes: report.notes,
  nextCursor: report.notesNextCursor,
});

const inOrder = (notes: Seeded[]) =>
  notes
    .filter((note) => !note.deleted)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))
    .map((note) => note.id);

describe.each(databases())('a long interview, read a page at a time (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let handle: DatabaseHandle;
  let interviewId: string;
  const seeded: Seeded[] = [];

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
    handle = await openDatabase({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
    const { id, notes } = await driveToRefinement(world);
    interviewId = id;
    for (const row of await handle.db
      .selectFrom('notes')
      .select(['id', 'created_at', 'author_id'])
      .where('interview_id', '=', id)
      .execute()) {
      seeded.push({ id: row.id, createdAt: row.created_at, authorId: row.author_id, deleted: false });
    }
    // 3,000 notes by the navigator and 600 by the shadow, seeded as rows: every tenth at the
    // longest a note may be, in runs of five sharing one timestamp (the id orders those), every
    // fiftieth deleted, every hundredth refined twice.
    const rows = [];
    const revisions = [];
    const start = Date.parse('2030-03-01T10:00:00.000Z');
    for (let i = 0; i < 3_600; i++) {
      const authorId = i % 6 === 5 ? world.ids.shadow : world.ids.navigator;
      const noteId = randomUUID();
      const createdAt = new Date(start + Math.floor(i / 5) * 1000).toISOString();
      const deleted = i % 50 === 49;
      const text =
        i % 10 === 0 ? `Long note ${i}: ${'é'.repeat(4_980)}` : `Note ${i}: asked about the edge cases`;
      rows.push({
        id: noteId,
        interview_id: id,
        author_id: authorId,
        stage: 'pairing' as const,
        offset_ms: i * 1000,
        text,
        tags: '["communication"]',
        created_at: createdAt,
        updated_at: createdAt,
        deleted_at: deleted ? createdAt : null,
      });
      if (i % 100 === 0) {
        for (const n of [1, 2]) {
          revisions.push({
            id: randomUUID(),
            note_id: noteId,
            text: `Earlier wording ${n}: ${'ü'.repeat(4_000)}`,
            tags: '[]',
            revised_at: createdAt,
          });
        }
      }
      seeded.push({ id: noteId, createdAt, authorId, deleted });
    }
    for (let from = 0; from < rows.length; from += 500) {
      await handle.db
        .insertInto('notes')
        .values(rows.slice(from, from + 500))
        .execute();
    }
    await handle.db.insertInto('note_revisions').values(revisions).execute();
    expect(notes.positive).toBeTruthy();
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    await server?.close();
  });

  it("pages a panel member's own notes: bounded, complete, in a stable order, none twice", async () => {
    const mine = seeded.filter((note) => note.authorId === world.ids.navigator);
    const { ids, pages } = await readAllPages(world.navigator, `/api/interviews/${interviewId}/notes`);
    expect(ids).toEqual(inOrder(mine));
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(page.count).toBeLessThanOrEqual(200);
      expect(page.bytes).toBeLessThan(MB);
    }

    // The largest page asked for still ends before a megabyte, cut by its size.
    const large = await readAllPages(world.navigator, `/api/interviews/${interviewId}/notes?limit=500`);
    expect(large.ids).toEqual(inOrder(mine));
    for (const page of large.pages) {
      expect(page.count).toBeLessThanOrEqual(500);
      expect(page.bytes).toBeLessThan(MB);
    }
    expect(large.pages.some((page) => page.count < 500 && page !== large.pages.at(-1))).toBe(true);

    // The shadow, still refining, pages through their own notes only.
    const shadows = await readAllPages(world.shadow, `/api/interviews/${interviewId}/notes`);
    expect(shadows.ids).toEqual(inOrder(seeded.filter((note) => note.authorId === world.ids.shadow)));
  });

  it('refuses a page size or cursor it did not hand out', async () => {
    for (const query of ['limit=0', 'limit=501', 'cursor=not-a-cursor', 'cursor=WyJ4Il0']) {
      const refused = await world.navigator.get(`/api/interviews/${interviewId}/notes?${query}`);
      expect(refused.status, query).toBe(400);
      expect(refused.body.code, query).toBe('invalid_request');
    }
  });

  it('keeps the report under 1 MB and pages its notes to everyone who may read it, and only them', async () => {
    const reportNotes = `/api/interviews/${interviewId}/report/notes`;
    // Before the navigator reports, nobody reads the report or its notes.
    for (const reader of [world.navigator, world.lineManager, world.admin]) {
      expect((await reader.get(reportNotes)).status).toBe(409);
    }
    const evidence = inOrder(seeded.filter((note) => note.authorId === world.ids.navigator)).slice(0, 3);
    await navigatorSubmits(world, interviewId, evidence);

    // The shadow has not submitted: their notes stay out of the report.
    const navigatorsNotes = inOrder(seeded.filter((note) => note.authorId === world.ids.navigator));
    for (const reader of [world.lineManager, world.navigator, world.admin]) {
      const report = await sized(reader, `/api/interviews/${interviewId}/report`);
      expect(report.status).toBe(200);
      expect(report.bytes).toBeLessThan(MB);
      expect(report.body.report.notes.length).toBeLessThanOrEqual(100);
      const { ids, pages } = await readAllPages(reader, reportNotes, firstPage(report.body.report));
      expect(ids).toEqual(navigatorsNotes);
      for (const page of pages) expect(page.bytes).toBeLessThan(MB);
    }
    // The shadow, still refining, and people off the interview read none of it.
    const cursor = (await world.lineManager.get(`/api/interviews/${interviewId}/report`)).body.report
      .notesNextCursor as string;
    expect((await world.shadow.get(`${reportNotes}?cursor=${cursor}`)).status).toBe(409);
    expect((await world.outsider.get(reportNotes)).status).toBe(404);
    expect((await world.otherLineManager.get(reportNotes)).status).toBe(404);
    expect((await world.anonymous.get(reportNotes)).status).toBe(401);

    // Once the shadow submits too, the report's pages hold both panel members' notes.
    const shadowEvidence = inOrder(seeded.filter((note) => note.authorId === world.ids.shadow)).slice(0, 1);
    await expectStatus(
      world.shadow.put(`/api/interviews/${interviewId}/scorecard`, scorecardFor(shadowEvidence)),
      200,
    );
    await expectStatus(
      world.shadow.post(`/api/interviews/${interviewId}/scorecard/submit`, { confirmEarly: true }),
      200,
    );
    const report = await sized(world.lineManager, `/api/interviews/${interviewId}/report`);
    expect(report.bytes).toBeLessThan(MB);
    const { ids } = await readAllPages(world.lineManager, reportNotes, firstPage(report.body.report));
    expect(ids).toEqual(inOrder(seeded));

    // The Markdown download holds every note, megabytes of them, and still carries less than a
    // megabyte: streamed, gzipped for a client that accepts it (as browsers do).
    const download = await rawGet(world.lineManager, `/api/interviews/${interviewId}/report.md`, 'gzip');
    expect(download.status).toBe(200);
    expect(download.headers['content-encoding']).toBe('gzip');
    expect(download.bytes.length).toBeLessThan(MB);
    const markdown = gunzipSync(download.bytes).toString('utf8');
    expect(Buffer.byteLength(markdown)).toBeGreaterThan(MB);
    const noteLines = markdown
      .slice(markdown.indexOf('\n## Notes\n'))
      .split('\n')
      .filter((line) => line.startsWith('- ['));
    expect(noteLines).toHaveLength(inOrder(seeded).length);
    expect(markdown).toContain(`Long note 3590: ${'é'.repeat(4_980)}`);
    // A client that refuses gzip gets no megabytes either: a 406 that says how to download it,
    // decided from the notes' own size before the bias check runs. (Which headers refuse gzip is
    // accepts-gzip's unit test.)
    const plain = await rawGet(world.lineManager, `/api/interviews/${interviewId}/report.md`, 'gzip;q=0');
    expect(plain.status).toBe(406);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const refusal = JSON.parse(plain.bytes.toString('utf8'));
    expect(refusal).toMatchObject({ code: 'not_acceptable', details: { limitBytes: MB } });
    expect(refusal.message).toMatch(/Accept-Encoding: gzip/);
    expect(refusal.details.bytes).toBeGreaterThan(MB);
    expect(refusal.details.bytes).toBeLessThanOrEqual(Buffer.byteLength(markdown));
    // (The download takes ~30 s of a loaded machine: the bias check of every note's text, 3.6 MB
    // here, not its sending. The plain, unencoded download is checked on a short report.)
  }, 240_000);
});
