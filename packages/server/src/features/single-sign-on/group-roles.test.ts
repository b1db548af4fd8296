import { describe, expect, it } from 'vitest';
import { groupsFromClaim, rolesFromGroups } from './group-roles.ts';

describe('rolesFromGroups', () => {
  const mapping = [
    { group: 'hiring-admins', role: 'admin' as const },
    { group: 'engineers', role: 'interviewer' as const },
    { group: 'managers', role: 'line_manager' as const },
    { group: 'leads', role: 'interviewer' as const },
  ];

  it('grants each mapped role once, in the order roles are listed', () => {
    expect(rolesFromGroups(['managers', 'engineers', 'leads'], mapping)).toEqual([
      'interviewer',
      'line_manager',
    ]);
  });

  it('grants nothing for groups nobody mapped, and compares names exactly', () => {
    expect(rolesFromGroups(['Engineers', 'sales'], mapping)).toEqual([]);
  });
});

describe('groupsFromClaim', () => {
  it('reads a list, a single name, and treats anything else as no groups', () => {
    expect(groupsFromClaim(['a', 'b', 3])).toEqual(['a', 'b']);
    expect(groupsFromClaim('a')).toEqual(['a']);
    expect(groupsFromClaim({ a: true })).toEqual([]);
    expect(groupsFromClaim(undefined)).toEqual([]);
  });
});
