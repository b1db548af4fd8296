import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { sendInvitation } from './process-flows.ts';

/** Every list answers a page at a time, in a stable order, to the people who may see it. */
describe.each(databases())('paginated lists on %s', (database) => {
  let server: TestServer;
  let world: World;
  const planned: Array<{ id: string; startsAt: string }> = [];
  const day = (offset: number) =>
    `${new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)}T10:00`;

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
    const zoe = await expectStatus(
      world.navigator.post('/api/candidates', {
        name: 'Zoë Ölund',
        email: 'zoe@example.org',
        timeZone: 'UTC',
      }),
      201,
    );
    // Five interviews; two at the same time, so the id decides their order.
    for (const [offset, candidateId] of [
      [3, world.ids.candidate],
      [1, zoe.candidate.id],
      [2, world.ids.candidate],
      [2, world.ids.candidate],
      [500, world.ids.candidate],
    ] as const) {
      const id = await world.planInterview({ startsAtLocal: day(offset), candidateId });
      const { interview } = await expectStatus(world.navigator.get(`/api/interviews/${id}`), 200);
      planned.push({ id, startsAt: interview.startsAt });
    }
    planned.sort((a, b) =>
      a.startsAt === b.startsAt ? (a.id < b.id ? -1 : 1) : a.startsAt < b.startsAt ? -1 : 1,
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  async function allPages(client: Client, url: string) {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const separator = url.includes('?') ? '&' : '?';
      const body: { interviews: Array<{ id: string }>; nextCursor: string | null } = await expectStatus(
        client.get(`${url}${cursor ? `${separator}cursor=${encodeURIComponent(cursor)}` : ''}`),
        200,
      );
      ids.push(...body.interviews.map((interview) => interview.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    return { ids, pages };
  }

  it('pages through interviews by start time, each once, in either direction', async () => {
    const ascending = await allPages(world.navigator, '/api/interviews?limit=2');
    expect(ascending.ids).toEqual(planned.map((row) => row.id));
    expect(ascending.pages).toBe(3);
    const descending = await allPages(world.admin, '/api/interviews?limit=2&order=desc');
    expect(descending.ids).toEqual(planned.map((row) => row.id).reverse());
  });

  it('shows each person only the interviews they are on, manage or administer', async () => {
    const all = planned.map((row) => row.id);
    expect((await allPages(world.shadow, '/api/interviews?limit=2')).ids).toEqual(all);
    expect((await allPages(world.lineManager, '/api/interviews')).ids).toEqual(all);
    expect((await allPages(world.otherLineManager, '/api/interviews')).ids).toEqual([]);
    expect((await allPages(world.outsider, '/api/interviews')).ids).toEqual([]);
    const { interviews } = await expectStatus(world.shadow.get('/api/interviews?limit=1'), 200);
    expect(interviews[0].myRoles).toEqual(['shadow']);
  });

  it('filters by time, stage, position and candidate', async () => {
    // Between the first interview (tomorrow at 10:00) and the next (the day after): "now + 1.5
    // days" fell after the second one's 10:00 in the evening hours (UTC) and dropped it.
    const between = (Date.parse(planned[0]!.startsAt) + Date.parse(planned[1]!.startsAt)) / 2;
    const from = encodeURIComponent(new Date(between).toISOString());
    const to = encodeURIComponent(new Date(Date.now() + 100 * 86_400_000).toISOString());
    const window = await allPages(world.navigator, `/api/interviews?from=${from}&to=${to}`);
    expect(window.ids).toEqual(planned.slice(1, 4).map((row) => row.id));
    expect((await allPages(world.navigator, '/api/interviews?stages=planned,invited')).ids).toHaveLength(5);
    expect((await allPages(world.navigator, '/api/interviews?stages=decided')).ids).toEqual([]);
    expect(
      (await allPages(world.admin, `/api/interviews?positionId=${world.ids.position}`)).ids,
    ).toHaveLength(5);
    const zoe = await allPages(world.navigator, `/api/interviews?q=${encodeURIComponent('zoe olu')}`);
    expect(zoe.ids).toEqual([planned[0]!.id]);
  });

  it('searches candidates by the start of a name or their address, a page at a time', async () => {
    const byName = await expectStatus(world.navigator.get('/api/candidates?q=%C3%B6l'), 200);
    expect(byName.candidates.map((c: { name: string }) => c.name)).toEqual(['Zoë Ölund']);
    const byDomain = await expectStatus(world.admin.get('/api/candidates?q=example.org'), 200);
    expect(byDomain.candidates).toHaveLength(1);
    const first = await expectStatus(world.admin.get('/api/candidates?limit=1'), 200);
    expect(first.candidates.map((c: { name: string }) => c.name)).toEqual(['Casey Candidate']);
    const second = await expectStatus(
      world.admin.get(`/api/candidates?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`),
      200,
    );
    expect(second.candidates.map((c: { name: string }) => c.name)).toEqual(['Zoë Ölund']);
    expect(second.nextCursor).toBeNull();
    // NUL never reaches the database (PostgreSQL cannot store it): the route edge refuses it for
    // every route with a 400 naming the field; other control characters simply match nothing.
    for (const url of ['/api/candidates?q=%00', '/api/interviews?q=a%00b']) {
      const refused = await world.admin.get(url);
      expect(refused.status).toBe(400);
      expect(refused.body.fields).toHaveProperty('q');
    }
    expect((await world.admin.get('/api/candidates?q=a%01b')).status).toBe(200);
  });

  it('refuses pages larger than 200 and cursors it did not issue, with a 400 naming the field', async () => {
    for (const url of [
      '/api/interviews?limit=201',
      '/api/interviews?cursor=not-a-cursor',
      `/api/interviews?cursor=${Buffer.from('["only one"]').toString('base64url')}`,
      '/api/candidates?limit=0',
      '/api/outbox?cursor=%7B',
      '/api/audit?limit=1000',
      '/api/privacy/legal-holds?cursor=x',
      '/api/interviews?stages=sideways',
      `/api/interviews?cursor=${Buffer.from('["2026-01-01\\u0000","x"]').toString('base64url')}`,
    ]) {
      const response = await world.admin.get(url);
      expect(response.status, url).toBe(400);
      expect(Object.keys(response.body.fields ?? {}).length, url).toBeGreaterThan(0);
    }
  });

  it('serves a calendar feed of a window of time, and a 304 while it is unchanged', async () => {
    const { url } = await expectStatus(world.navigator.post('/api/calendar-feed'), 201);
    const first = await fetch(url);
    const body = await first.text();
    // Long lines are folded; unfolded, each event's link names its interview.
    const ics = body.replace(/\r\n[ \t]/g, '');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    // The interview 500 days ahead is beyond the year the feed covers.
    for (const { id } of planned.slice(0, 4)) expect(ics).toContain(id);
    expect(ics).not.toContain(planned[4]!.id);
    const again = await fetch(url, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // An app that polls without the tag gets the same rendering again (DTSTAMP included).
    const untagged = await fetch(url);
    expect(untagged.headers.get('etag')).toBe(etag);
    expect(await untagged.text()).toBe(body);
    // A change to what the feed holds changes its tag, and it is rendered again.
    const added = await world.planInterview({ startsAtLocal: day(4) });
    const changed = await fetch(url, { headers: { 'if-none-match': etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect((await changed.text()).replace(/\r\n[ \t]/g, '')).toContain(added);
  });

  it("lists one interview's mail: all of it, and nobody else's", async () => {
    const [first, second] = [planned[0]!.id, planned[1]!.id];
    await sendInvitation(world, first);
    await sendInvitation(world, second);
    const { messages } = await expectStatus(
      world.admin.get(`/api/outbox?interviewId=${first}&limit=200`),
      200,
    );
    // The candidate's invitation and the panel's calendar blocks, newest first.
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.every((message: { interviewId: string }) => message.interviewId === first)).toBe(true);
    expect(messages.map((message: { kind: string }) => message.kind)).toContain('invitation');
    const all = await expectStatus(world.admin.get('/api/outbox?limit=200'), 200);
    expect(all.messages.filter((message: { interviewId: string }) => message.interviewId === first)).toEqual(
      messages,
    );
    // Only an admin reads the outbox, filtered or not; the filter takes an interview's id.
    expect((await world.navigator.get(`/api/outbox?interviewId=${first}`)).status).toBe(403);
    expect((await world.admin.get('/api/outbox?interviewId=x')).body.fields).toHaveProperty('interviewId');
  });
});
