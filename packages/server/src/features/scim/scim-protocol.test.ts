import { describe, expect, it } from 'vitest';
import {
  parseEqualityFilter,
  parseScimBody,
  patchGroup,
  patchUser,
  ScimError,
  type ScimPatchOperation,
  type ScimUserState,
  scimPatchBody,
} from './scim-protocol.ts';

const user: ScimUserState = {
  userName: 'ines@example.org',
  externalId: null,
  displayName: 'Ines Interviewer',
  givenName: 'Ines',
  familyName: 'Interviewer',
  email: 'ines@example.org',
  active: true,
};
const operations = (list: unknown[]): ScimPatchOperation[] =>
  parseScimBody(scimPatchBody, { Operations: list }).Operations;
const scimTypeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof ScimError ? error.scimType : 'not a ScimError';
  }
  return 'no error';
};

describe('SCIM PATCH as Okta and Entra ID send it', () => {
  it('reads Entra ID\'s capitalised ops and "False" as a string, and Okta\'s value objects', () => {
    expect(patchUser(user, operations([{ op: 'Replace', path: 'active', value: 'False' }])).active).toBe(
      false,
    );
    expect(patchUser(user, operations([{ op: 'replace', value: { active: false } }])).active).toBe(false);
    expect(
      patchUser({ ...user, active: false }, operations([{ op: 'Add', path: 'active', value: 'True' }]))
        .active,
    ).toBe(true);
  });

  it('sets names and the address by plain, schema-qualified and filtered paths', () => {
    const next = patchUser(
      user,
      operations([
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'New@Example.org' },
        {
          op: 'Replace',
          path: 'urn:ietf:params:scim:schemas:core:2.0:User:name.familyName',
          value: 'Ortega',
        },
        {
          op: 'Add',
          path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
          value: 'R&D',
        },
        { op: 'replace', value: { displayName: 'Ines Ortega', 'name.givenName': 'Inés' } },
      ]),
    );
    expect(next).toMatchObject({
      email: 'new@example.org',
      familyName: 'Ortega',
      givenName: 'Inés',
      displayName: 'Ines Ortega',
    });
  });

  it('refuses what cannot be applied, with the scimType the RFC names', () => {
    expect(scimTypeOf(() => patchUser(user, operations([{ op: 'remove', path: 'userName' }])))).toBe(
      'mutability',
    );
    expect(scimTypeOf(() => patchUser(user, operations([{ op: 'remove' }])))).toBe('noTarget');
    expect(
      scimTypeOf(() => patchUser(user, operations([{ op: 'replace', path: 'active', value: 'yes' }]))),
    ).toBe('invalidValue');
    expect(scimTypeOf(() => operations([{ op: 'move', path: 'active' }]))).toBe('invalidValue');
  });

  it('adds and removes group members by value lists and by a filtered path', () => {
    const group = { displayName: 'Engineers', externalId: null, members: ['a', 'b'] };
    expect(
      patchGroup(group, operations([{ op: 'Add', path: 'members', value: [{ value: 'c' }, { value: 'a' }] }]))
        .members,
    ).toEqual(['a', 'b', 'c']);
    expect(
      patchGroup(group, operations([{ op: 'Remove', path: 'members', value: [{ value: 'a' }] }])).members,
    ).toEqual(['b']);
    expect(patchGroup(group, operations([{ op: 'remove', path: 'members[value eq "b"]' }])).members).toEqual([
      'a',
    ]);
    expect(
      patchGroup(group, operations([{ op: 'replace', path: 'members', value: [{ value: 'z' }] }])).members,
    ).toEqual(['z']);
    expect(
      patchGroup(group, operations([{ op: 'Replace', value: { id: 'g1', displayName: 'Renamed' } }]))
        .displayName,
    ).toBe('Renamed');
  });
});

describe('SCIM eq filters', () => {
  it('reads attribute names without case and unescapes the value', () => {
    expect(parseEqualityFilter('USERNAME eq "a\\"b@example.org"', ['userName'])).toEqual({
      attribute: 'username',
      value: 'a"b@example.org',
    });
  });

  it('refuses other operators and attributes as invalidFilter', () => {
    expect(scimTypeOf(() => parseEqualityFilter('userName co "x"', ['userName']))).toBe('invalidFilter');
    expect(scimTypeOf(() => parseEqualityFilter('emails eq "x"', ['userName']))).toBe('invalidFilter');
  });
});
