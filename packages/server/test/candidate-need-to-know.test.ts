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
import { candidatePortalToken, runSessionUntilRetrospective, sendInvitation } from './outreach-flows.ts';

interface ListedCandidate {
  id: string;
  name: string;
  email: string | null;
  pronouns: string | null;
  accommodations: string | null;
  withheld: { contact: boolean; accommodations: boolean };
}

const CORA = {
  name: 'Cora Covered',
  email: 'cora@example.net',
  timeZone: 'UTC',
  pronouns: 'she/her',
  accommodations: 'Extra reading time; screen reader',
};
const UNA = {
  name: 'Una Unplanned',
  email: 'una@example.net',
  timeZone: 'UTC',
  pronouns: 'they/them',
  accommodations: 'Frequent breaks',
};
const PORTAL_REQUEST = 'Please enlarge the editor font';

/**
 * A candidate's contact details, pronouns and accommodations reach only people with a reason to
 * hold them: the panels of their interviews, the line manager of those interviews' positions
 * (contact only), whoever added them, and admins. Everyone else who plans sees names.
 */
describe.each(databases())('candidate data on a need-to-know basis (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let cora: string;
  let interview: string;

  const listed = async (client: Client, q: string) => {
    const { candidates } = await expectStatus(client.get(`/api/candidates?q=${encodeURIComponent(q)}`), 200);
    return candidates as ListedCandidate[];
  };
  const one = async (client: Client, q: string) => {
    const found = await listed(client, q);
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  const expectFull = (candidate: ListedCandidate, typed: typeof CORA) =>
    expect(candidate).toMatchObject({
      name: typed.name,
      email: typed.email,
      pronouns: typed.pronouns,
      accommodations: typed.accommodations,
      withheld: { contact: false, accommodations: false },
    });
  const expectNameOnly = (candidate: ListedCandidate, typed: typeof CORA) =>
    expect(candidate).toEqual({
      id: candidate.id,
      name: typed.name,
      timeZone: typed.timeZone,
      // The language, like the zone, is what planning and previews need, not a contact detail.
      locale: 'en',
      email: null,
      pronouns: null,
      accommodations: null,
      withheld: { contact: true, accommodations: true },
    });
  const detail = async (client: Client) =>
    (await expectStatus(client.get(`/api/interviews/${interview}`), 200)).interview;

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
    // Added by the admin, so the navigator's only reason to see Cora is being on her interview.
    cora = (await expectStatus(world.admin.post('/api/candidates', CORA), 201)).candidate.id;
    await expectStatus(world.admin.post('/api/candidates', UNA), 201);
    interview = await world.planInterview({ candidateId: cora });
    await sendInvitation(world.navigator, interview);
    const token = await candidatePortalToken(world, interview);
    await expectStatus(
      world.anonymous.post(`/api/portal/${token}/accommodations`, { text: PORTAL_REQUEST }),
      200,
    );
  });
  afterAll(() => server.close());

  it('admin: every candidate in full', async () => {
    expectFull(await one(world.admin, 'cora'), CORA);
    expectFull(await one(world.admin, 'una'), UNA);
    const seen = await detail(world.admin);
    expect(seen.candidate.accommodations).toBe(CORA.accommodations);
    expect(seen.candidate.accommodationRequests.map((r: { text: string }) => r.text)).toEqual([
      PORTAL_REQUEST,
    ]);
  });

  it.each(['navigator', 'shadow'] as const)(
    '%s: in full for the candidate of their interview, by name for anyone else',
    async (role) => {
      const client = world[role];
      expectFull(await one(client, 'cora'), CORA);
      expect((await one(client, 'cora')).id).toBe(cora);
      expectNameOnly(await one(client, 'una'), UNA);
      const seen = await detail(client);
      expect(seen.candidate).toMatchObject({ name: CORA.name, pronouns: CORA.pronouns });
      // Both sources of accommodations, once the candidate can ask through the portal.
      expect(seen.stage).toBe('invited');
      expect(seen.candidate.accommodations).toBe(CORA.accommodations);
      expect(seen.candidate.accommodationRequests).toEqual([
        { text: PORTAL_REQUEST, at: expect.any(String) },
      ]);
      const { invitation } = await expectStatus(client.get(`/api/interviews/${interview}/invitation`), 200);
      expect(invitation.accommodations.map((r: { text: string }) => r.text)).toEqual([PORTAL_REQUEST]);
    },
  );

  it('interviewer on no interview: names only, yet in full for a candidate they added', async () => {
    expectNameOnly(await one(world.outsider, 'cora'), CORA);
    expectNameOnly(await one(world.outsider, 'una'), UNA);
    const body = JSON.stringify(await listed(world.outsider, 'c'));
    for (const secret of [CORA.email, CORA.pronouns, CORA.accommodations]) expect(body).not.toContain(secret);
    expect((await world.outsider.get(`/api/interviews/${interview}`)).status).toBe(404);
    // Searching by an address does not confirm whose it is.
    for (const q of [CORA.email, 'example.net', 'cora@']) expect(await listed(world.outsider, q)).toEqual([]);
    expect((await listed(world.navigator, CORA.email)).map((c) => c.id)).toEqual([cora]);

    // Before planning anything they must be able to check what they typed.
    const own = { ...UNA, name: 'Olive Own', email: 'olive@example.net' };
    const created = await expectStatus(world.outsider.post('/api/candidates', own), 201);
    expectFull(created.candidate, own);
    expectFull(await one(world.outsider, 'olive'), own);
    // The navigator did not add Olive and is on none of her interviews.
    expectNameOnly(await one(world.navigator, 'olive'), own);
  });

  it('line manager of the position: contact and pronouns on the interview, never accommodations', async () => {
    // Line managers do not plan, so they have no candidate list to pick from.
    expect((await world.lineManager.get('/api/candidates')).status).toBe(403);
    const seen = await detail(world.lineManager);
    expect(seen.candidate).toMatchObject({
      name: CORA.name,
      pronouns: CORA.pronouns,
      accommodations: null,
      accommodationRequests: [],
    });
    const { invitation } = await expectStatus(
      world.lineManager.get(`/api/interviews/${interview}/invitation`),
      200,
    );
    expect(invitation.candidateEmail).toBe(CORA.email);
    expect(invitation.accommodations).toEqual([]);
    expect(JSON.stringify(invitation)).not.toContain(PORTAL_REQUEST);
  });

  it('line manager of another position: nothing', async () => {
    expect((await world.otherLineManager.get('/api/candidates')).status).toBe(403);
    expect((await world.otherLineManager.get(`/api/interviews/${interview}`)).status).toBe(404);
    expect((await world.otherLineManager.get(`/api/interviews/${interview}/invitation`)).status).toBe(404);
  });

  it('the panel still sees the accommodations after pairing; the line manager still does not', async () => {
    await runSessionUntilRetrospective(world, interview);
    for (const client of [world.navigator, world.shadow]) {
      const seen = await detail(client);
      expect(seen.stage).toBe('retrospective');
      expect(seen.candidate.accommodations).toBe(CORA.accommodations);
      expect(seen.candidate.accommodationRequests.map((r: { text: string }) => r.text)).toEqual([
        PORTAL_REQUEST,
      ]);
    }
    const managed = await detail(world.lineManager);
    expect(managed.candidate).toMatchObject({ accommodations: null, accommodationRequests: [] });
  });
});
