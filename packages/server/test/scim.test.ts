import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { withToken } from './task-preparation-flows.ts';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

interface ScimResponse {
  status: number;
  contentType: string | null;
  location: string | null;
  body: any;
}

describe.each(databases())('SCIM 2.0 provisioning (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let token: string;

  /** A provider's request: its bearer token and SCIM's media type, as Okta and Entra ID send them. */
  const scim = async (
    method: string,
    path: string,
    body?: unknown,
    options: { token?: string | null; contentType?: string; raw?: string } = {},
  ): Promise<ScimResponse> => {
    const headers: Record<string, string> = {};
    const bearer = options.token === undefined ? token : options.token;
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined || options.raw !== undefined) {
      headers['content-type'] = options.contentType ?? 'application/scim+json';
    }
    const response = await fetch(`${server.url}/scim/v2${path}`, {
      method,
      headers,
      body: options.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      location: response.headers.get('location'),
      body: text ? JSON.parse(text) : null,
    };
  };
  const expectScim = async (pending: Promise<ScimResponse>, status: number) => {
    const response = await pending;
    if (response.status !== status) {
      throw new Error(`Expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body;
  };
  const patch = (path: string, Operations: unknown[]) =>
    scim('PATCH', path, { schemas: [PATCH_SCHEMA], Operations });
  const rolesOf = async (userId: string) => {
    const { users } = await expectStatus(world.admin.get('/api/users'), 200);
    return users.find((user: { id: string }) => user.id === userId) as { roles: string[]; active: boolean };
  };

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
    await expectStatus(
      world.admin.put('/api/admin/single-sign-on', {
        groupRoles: [
          { group: 'Pairwise Interviewers', role: 'interviewer' },
          { group: 'Pairwise Admins', role: 'admin' },
        ],
        localPasswords: true,
        breakGlassAdminId: null,
      }),
      200,
    );
    ({ token } = await expectStatus(
      world.admin.post('/api/admin/provisioning/tokens', { label: 'Okta' }),
      201,
    ));
  });
  afterAll(() => server.close());

  it('shows a SCIM token once, keeps only its hash, audits it, and only admins manage tokens', async () => {
    const settings = await expectStatus(world.admin.get('/api/admin/provisioning'), 200);
    expect(settings.scimBaseUrl).toBe(`${server.url}/scim/v2`);
    expect(settings.tokens[0]).toMatchObject({ label: 'Okta', revokedAt: null, createdByName: 'Ada Admin' });
    expect(JSON.stringify(settings)).not.toContain(token);
    for (const client of [world.navigator, world.lineManager]) {
      expect((await client.get('/api/admin/provisioning')).status).toBe(403);
      expect((await client.post('/api/admin/provisioning/tokens', { label: 'mine' })).status).toBe(403);
    }
    expect(
      (await world.admin.post('/api/admin/provisioning/tokens', { label: '' })).body.fields.label,
    ).toBeTruthy();
    const { entries } = await expectStatus(world.admin.get('/api/audit?limit=200'), 200);
    expect(entries.map((entry: { action: string }) => entry.action)).toContain('scim_token.created');
  });

  it('answers discovery without a token and everything else only with one, in SCIM error bodies', async () => {
    const config = await scim('GET', '/ServiceProviderConfig', undefined, { token: null });
    expect(config.status).toBe(200);
    expect(config.contentType).toMatch(/^application\/scim\+json/);
    expect(config.body).toMatchObject({ patch: { supported: true }, filter: { supported: true } });
    const types = await expectScim(scim('GET', '/ResourceTypes', undefined, { token: null }), 200);
    expect(types.Resources.map((type: { id: string }) => type.id)).toEqual(['User', 'Group']);
    const schemas = await expectScim(scim('GET', '/Schemas', undefined, { token: null }), 200);
    expect(schemas.totalResults).toBe(2);
    await expectScim(scim('GET', `/Schemas/${USER_SCHEMA}`, undefined, { token: null }), 200);

    const anonymous = await scim('GET', '/Users', undefined, { token: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.contentType).toMatch(/^application\/scim\+json/);
    expect(anonymous.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '401', code: 'unauthenticated' });
    expect((await scim('GET', '/Users', undefined, { token: 'pws_guessed' })).status).toBe(401);
    // A session cookie opens nothing here: an admin's browser is not a provisioning client.
    const withCookie = await fetch(`${server.url}/scim/v2/Users`, {
      headers: { cookie: world.admin.cookie! },
    });
    expect(withCookie.status).toBe(401);
  });

  it('provisions a user the way Okta does: look up by userName, create, group, deactivate', async () => {
    const lookup = await expectScim(
      scim(
        'GET',
        `/Users?filter=${encodeURIComponent('userName eq "isabella@example.com"')}&startIndex=1&count=100`,
      ),
      200,
    );
    expect(lookup).toMatchObject({ totalResults: 0, Resources: [] });
    // Okta's documented create request, password and locale included (Pairwise ignores both).
    const created = await scim('POST', '/Users', {
      schemas: [USER_SCHEMA],
      userName: 'isabella@example.com',
      name: { givenName: 'Isabella', familyName: 'Ortega' },
      emails: [{ primary: true, value: 'isabella@example.com', type: 'work' }],
      displayName: 'Isabella Ortega',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      groups: [],
      password: '1mz050nq',
      active: true,
    });
    expect(created.status).toBe(201);
    const user = created.body;
    expect(created.location).toBe(`${server.url}/scim/v2/Users/${user.id}`);
    expect(user).toMatchObject({
      schemas: [USER_SCHEMA],
      userName: 'isabella@example.com',
      externalId: '00ujl29u0le5T6Aj10h7',
      active: true,
      name: { givenName: 'Isabella', familyName: 'Ortega' },
      emails: [{ value: 'isabella@example.com', primary: true }],
      meta: { resourceType: 'User', location: created.location },
    });
    expect(await rolesOf(user.id)).toMatchObject({ roles: [], active: true });
    const found = await expectScim(
      scim('GET', `/Users?filter=${encodeURIComponent('USERNAME eq "Isabella@Example.com"')}`),
      200,
    );
    expect(found.Resources.map((entry: { id: string }) => entry.id)).toEqual([user.id]);

    const group = await expectScim(
      scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Pairwise Interviewers', members: [] }),
      201,
    );
    await expectScim(
      patch(`/Groups/${group.id}`, [
        { op: 'add', path: 'members', value: [{ value: user.id, display: 'isabella@example.com' }] },
      ]),
      200,
    );
    expect((await rolesOf(user.id)).roles).toEqual(['interviewer']);
    const withGroups = await expectScim(scim('GET', `/Users/${user.id}`), 200);
    expect(withGroups.groups).toEqual([
      expect.objectContaining({ value: group.id, display: 'Pairwise Interviewers' }),
    ]);
    // Okta takes a member out with a filtered path.
    await expectScim(
      patch(`/Groups/${group.id}`, [{ op: 'remove', path: `members[value eq "${user.id}"]` }]),
      200,
    );
    expect((await rolesOf(user.id)).roles).toEqual([]);
    // Okta deactivates with a replace whose value carries the attribute.
    const deactivated = await expectScim(
      patch(`/Users/${user.id}`, [{ op: 'replace', value: { active: false } }]),
      200,
    );
    expect(deactivated.active).toBe(false);
    expect((await rolesOf(user.id)).active).toBe(false);
    const { entries } = await expectStatus(world.admin.get('/api/audit?limit=200'), 200);
    const provisioned = entries.find(
      (entry: { action: string; subjectId: string }) =>
        entry.action === 'user.provisioned' && entry.subjectId === user.id,
    );
    expect(provisioned.actorLabel).toBe('SCIM: Okta');
  });

  it('reads the shapes Entra ID sends: capitalised ops, filtered email paths, "False" as a string', async () => {
    const userName = 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1@contoso.com';
    const absent = await expectScim(
      scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`),
      200,
    );
    expect(absent.totalResults).toBe(0);
    // Entra ID's documented create request, with the enterprise extension and roles it does not need.
    const user = await expectScim(
      scim('POST', '/Users', {
        schemas: [USER_SCHEMA, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
        externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
        userName,
        active: true,
        emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b@testuser.com' }],
        meta: { resourceType: 'User' },
        name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
        roles: [],
      }),
      201,
    );
    expect(user).toMatchObject({
      displayName: 'givenName familyName',
      emails: [{ value: 'test_user_fd0ea19b@testuser.com' }],
    });
    const updated = await expectScim(
      patch(`/Users/${user.id}`, [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
        {
          op: 'Add',
          path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
          value: 'R&D',
        },
      ]),
      200,
    );
    expect(updated).toMatchObject({
      emails: [{ value: 'updatedemail@microsoft.com' }],
      name: { familyName: 'updatedFamilyName' },
    });

    // Entra ID's group: created empty, members added and removed by value lists, renamed.
    const group = await expectScim(
      scim('POST', '/Groups', {
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        displayName: 'Pairwise Admins',
        meta: { resourceType: 'Group' },
        members: [],
        schemas: [GROUP_SCHEMA],
      }),
      201,
    );
    const byName = await expectScim(
      scim(
        'GET',
        `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Pairwise Admins"')}`,
      ),
      200,
    );
    expect(byName.Resources).toEqual([expect.not.objectContaining({ members: expect.anything() })]);
    expect(byName.Resources[0].id).toBe(group.id);
    await expectScim(
      patch(`/Groups/${group.id}`, [{ op: 'Add', path: 'members', value: [{ value: user.id }] }]),
      200,
    );
    expect((await rolesOf(user.id)).roles).toEqual(['admin']);
    // Renamed to a name nobody mapped, its members lose the role; renamed back, they have it again.
    await expectScim(
      patch(`/Groups/${group.id}`, [{ op: 'Replace', path: 'displayName', value: 'Renamed' }]),
      200,
    );
    expect((await rolesOf(user.id)).roles).toEqual([]);
    await expectScim(
      patch(`/Groups/${group.id}`, [
        { op: 'Replace', value: { id: group.id, displayName: 'Pairwise Admins' } },
      ]),
      200,
    );
    expect((await rolesOf(user.id)).roles).toEqual(['admin']);
    await expectScim(
      patch(`/Groups/${group.id}`, [{ op: 'Remove', path: 'members', value: [{ value: user.id }] }]),
      200,
    );
    expect((await rolesOf(user.id)).roles).toEqual([]);

    const disabled = await expectScim(
      patch(`/Users/${user.id}`, [{ op: 'Replace', path: 'active', value: 'False' }]),
      200,
    );
    expect(disabled.active).toBe(false);
    const enabled = await expectScim(
      patch(`/Users/${user.id}`, [{ op: 'Replace', path: 'active', value: 'True' }]),
      200,
    );
    expect(enabled.active).toBe(true);

    // PUT replaces the whole user; DELETE deprovisions it, after which it is gone for SCIM.
    const replaced = await expectScim(
      scim('PUT', `/Users/${user.id}`, {
        schemas: [USER_SCHEMA],
        userName,
        emails: [{ value: 'replaced@contoso.com', primary: true }],
        displayName: 'Replaced Name',
        active: true,
      }),
      200,
    );
    expect(replaced).toMatchObject({
      displayName: 'Replaced Name',
      emails: [{ value: 'replaced@contoso.com' }],
    });
    expect(replaced.externalId).toBeUndefined();
    expect((await scim('DELETE', `/Users/${user.id}`)).status).toBe(204);
    expect((await scim('GET', `/Users/${user.id}`)).status).toBe(404);
    expect((await rolesOf(user.id)).active).toBe(false);
    expect((await scim('DELETE', `/Groups/${group.id}`)).status).toBe(204);
    expect((await scim('GET', `/Groups/${group.id}`)).status).toBe(404);
  });

  it('pages by startIndex and count, with totalResults', async () => {
    for (const n of [1, 2, 3]) {
      await expectScim(scim('POST', '/Users', { userName: `page${n}@example.com` }), 201);
    }
    const all = await expectScim(scim('GET', '/Users?startIndex=1&count=200'), 200);
    const total = all.totalResults as number;
    expect(all.Resources).toHaveLength(total);
    const first = await expectScim(scim('GET', '/Users?startIndex=1&count=2'), 200);
    expect(first).toMatchObject({ totalResults: total, startIndex: 1, itemsPerPage: 2 });
    const rest = await expectScim(scim('GET', `/Users?startIndex=3&count=${total}`), 200);
    expect(rest).toMatchObject({ startIndex: 3, itemsPerPage: total - 2 });
    const ids = [...first.Resources, ...rest.Resources].map((user: { id: string }) => user.id);
    expect(ids).toEqual(all.Resources.map((user: { id: string }) => user.id));
    // Out of range: an empty page, still with the total; a count of 0 asks for the total only.
    expect(await expectScim(scim('GET', `/Users?startIndex=${total + 5}`), 200)).toMatchObject({
      totalResults: total,
      Resources: [],
    });
    expect(await expectScim(scim('GET', '/Users?count=0&startIndex=0'), 200)).toMatchObject({
      totalResults: total,
      startIndex: 1,
      itemsPerPage: 0,
    });
  });

  it('refuses bad requests with SCIM error types, never a 500', async () => {
    const cases: Array<[Promise<ScimResponse>, number, string | undefined]> = [
      [scim('POST', '/Users', undefined, { raw: '{"userName":' }), 400, 'invalidSyntax'],
      [scim('POST', '/Users', { name: { givenName: 'No user name' } }), 400, 'invalidValue'],
      [scim('POST', '/Users', { userName: 'not-an-address' }), 400, 'invalidValue'],
      [scim('POST', '/Users', { userName: 'nul\u0000@example.com' }), 400, 'invalidValue'],
      [scim('POST', '/Users', { userName: 'page1@example.com' }), 409, 'uniqueness'],
      [scim('POST', '/Groups', { displayName: '' }), 400, 'invalidValue'],
      [scim('GET', `/Users?filter=${encodeURIComponent('name.givenName co "x"')}`), 400, 'invalidFilter'],
      [scim('GET', `/Groups?filter=${encodeURIComponent('members eq "x"')}`), 400, 'invalidFilter'],
      [scim('GET', '/Users/not-a-user'), 404, undefined],
      [scim('GET', '/Users?count=many'), 400, 'invalidValue'],
      [scim('PATCH', '/Users/00000000-0000-4000-8000-000000000000', { Operations: [] }), 400, 'invalidValue'],
      [scim('GET', '/Bulk'), 404, undefined],
      [scim('POST', '/Users', '<user/>', { contentType: 'application/xml' }), 400, 'invalidSyntax'],
    ];
    for (const [pending, status, scimType] of cases) {
      const response = await pending;
      expect(response.status, JSON.stringify(response.body)).toBe(status);
      expect(response.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: String(status) });
      expect(response.body.scimType).toBe(scimType);
      expect(response.body.code).toBeTruthy();
      expect(response.contentType).toMatch(/^application\/scim\+json/);
    }
    const { id } = await expectScim(scim('POST', '/Users', { userName: 'patchme@example.com' }), 201);
    const patchCases: Array<[unknown[], string]> = [
      [[{ op: 'move', path: 'active', value: true }], 'invalidValue'],
      [[{ op: 'replace', path: 'active', value: 'maybe' }], 'invalidValue'],
      [[{ op: 'remove', path: 'userName' }], 'mutability'],
      [[{ op: 'remove' }], 'noTarget'],
      [[{ op: 'replace', value: 'not an object' }], 'invalidValue'],
      [[{ op: 'replace', path: 'emails[type eq "work"].value', value: 'nope' }], 'invalidValue'],
    ];
    for (const [operations, scimType] of patchCases) {
      const response = await patch(`/Users/${id}`, operations);
      expect(response.status, JSON.stringify(operations)).toBe(400);
      expect(response.body.scimType).toBe(scimType);
    }
    const group = await expectScim(scim('POST', '/Groups', { displayName: 'Bad members' }), 201);
    const unknownMember = await patch(`/Groups/${group.id}`, [
      { op: 'add', path: 'members', value: [{ value: '00000000-0000-4000-8000-000000000000' }] },
    ]);
    expect(unknownMember.status).toBe(400);
    expect(unknownMember.body.scimType).toBe('invalidValue');
  });

  it('deactivating a user ends their sessions and API tokens at once and frees their future panels', async () => {
    const navigatorId = world.ids.navigator;
    const shadowId = world.ids.shadow;
    const underway = await world.planInterview();
    const future = await world.planInterview({ startsAtLocal: '2030-06-05T14:00' });
    const { token: apiToken } = await expectStatus(
      world.navigator.post('/api/api-tokens', { label: 'ats', scopes: ['interviews:read'] }),
      201,
    );
    await expectStatus(withToken(world.anonymous, apiToken, 'GET', '/api/interviews'), 200);
    await expectStatus(world.navigator.get('/api/session'), 200);
    // Colleagues who were here before provisioning are linked by their address.
    const nora = await expectScim(
      scim('POST', '/Users', { userName: 'nora@example.com', displayName: 'Nora Navigator' }),
      201,
    );
    expect(nora.id).toBe(navigatorId);
    const sam = await expectScim(scim('POST', '/Users', { userName: 'sam@example.com' }), 201);
    expect(sam.id).toBe(shadowId);
    expect((await world.navigator.get('/api/session')).status).toBe(200);

    await expectScim(patch(`/Users/${sam.id}`, [{ op: 'Replace', path: 'active', value: 'False' }]), 200);
    // A shadow on an interview that has not started is taken off its panel.
    const { interview: afterSam } = await expectStatus(world.admin.get(`/api/interviews/${future}`), 200);
    expect(afterSam.shadows).toEqual([]);
    expect(afterSam.panelToReassign).toEqual([]);
    expect(afterSam.events.map((event: { type: string }) => event.type)).toContain(
      'panel_member_deactivated',
    );

    await expectScim(patch(`/Users/${nora.id}`, [{ op: 'replace', value: { active: false } }]), 200);
    expect((await world.navigator.get('/api/session')).status).toBe(401);
    expect((await withToken(world.anonymous, apiToken, 'GET', '/api/interviews')).status).toBe(401);
    const signIn = await world.anonymous.post('/api/session', {
      email: 'nora@example.com',
      password: 'correct horse battery staple',
    });
    expect(signIn.status).toBe(401);

    // The navigator stays named until someone is reassigned: the page and the admins' list say so.
    const { interview: detail } = await expectStatus(world.admin.get(`/api/interviews/${underway}`), 200);
    expect(detail.panelToReassign).toEqual([{ id: navigatorId, name: 'Nora Navigator', seat: 'navigator' }]);
    const { interviews } = await expectStatus(world.admin.get('/api/admin/interviews-to-reassign'), 200);
    const listed = interviews.filter((entry: { id: string }) => [underway, future].includes(entry.id));
    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatchObject({ candidateName: 'Casey Candidate', positionTitle: 'Backend Engineer' });
    expect((await world.lineManager.get('/api/admin/interviews-to-reassign')).status).toBe(403);
    const planned = await world.admin.post('/api/interviews', {
      candidateId: world.ids.candidate,
      positionId: world.ids.position,
      taskId: world.ids.task,
      navigatorId,
      shadowIds: [],
      startsAtLocal: '2030-07-05T14:00',
      timeZone: 'Europe/Berlin',
      place: 'Room 3',
      confirmOverlap: true,
    });
    expect(planned.status).toBe(422);
    expect(planned.body.fields.navigatorId).toMatch(/deactivated/);

    // Reactivated, Nora is no longer a seat to fill.
    await expectScim(patch(`/Users/${nora.id}`, [{ op: 'replace', path: 'active', value: true }]), 200);
    const { interview: again } = await expectStatus(world.admin.get(`/api/interviews/${underway}`), 200);
    expect(again.panelToReassign).toEqual([]);
  });

  it('refuses a revoked token from its next request', async () => {
    const { token: second, scimToken } = await expectStatus(
      world.admin.post('/api/admin/provisioning/tokens', { label: 'Entra ID' }),
      201,
    );
    await expectScim(scim('GET', '/Groups', undefined, { token: second }), 200);
    await expectStatus(world.admin.delete(`/api/admin/provisioning/tokens/${scimToken.id}`), 200);
    expect((await scim('GET', '/Groups', undefined, { token: second })).status).toBe(401);
    expect((await world.admin.delete(`/api/admin/provisioning/tokens/${scimToken.id}`)).status).toBe(404);
    const { tokens } = await expectStatus(world.admin.get('/api/admin/provisioning'), 200);
    expect(tokens.find((entry: { id: string }) => entry.id === scimToken.id).revokedAt).not.toBeNull();
  });
});
