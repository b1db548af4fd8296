import { type GroupRole, type UserRole, userRoles } from '@pairwise/domain';

/**
 * The roles a person's groups grant, in the order Pairwise lists roles. Group names are compared
 * exactly: providers treat "Engineering" and "engineering" as two groups, and so does Pairwise.
 */
export function rolesFromGroups(groups: readonly string[], mapping: readonly GroupRole[]): UserRole[] {
  const held = new Set(groups);
  const granted = new Set(mapping.filter((entry) => held.has(entry.group)).map((entry) => entry.role));
  return userRoles.filter((role) => granted.has(role));
}

/**
 * A groups claim as providers send it: a list of names, or a single name (some send a string
 * when there is one group). Anything else counts as no groups, so a malformed claim grants nothing.
 */
export function groupsFromClaim(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}
