import { z } from 'zod';

/**
 * The parts of SCIM 2.0 (RFC 7643/7644) that need no database: request bodies, `eq` filters, and
 * PATCH operations applied to a resource's state. Identity providers differ in how they write the
 * same change, so this reads every shape Okta and Entra ID send: `"op":"Replace"` capitalised, a
 * `path` absent with the attributes in `value`, `"active":"False"` as a string, and group members
 * removed by a `members[value eq "…"]` filter or by a `value` list.
 */

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SCIM_PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SCIM_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

export type ScimType =
  | 'invalidFilter'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'invalidValue'
  | 'noTarget'
  | 'mutability'
  | 'uniqueness'
  | 'tooMany';

/** A refusal in SCIM's words: its status, and for a 400 or 409 the `scimType` the RFC names. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: ScimType,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

/** Booleans as providers send them: Entra ID writes `"active": "False"`. */
export function scimBoolean(value: unknown, where: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) {
    return value.trim().toLowerCase() === 'true';
  }
  throw new ScimError(400, `${where} must be true or false.`, 'invalidValue', { [where]: 'Not a boolean.' });
}

const booleanLike = z.union([z.boolean(), z.string()]).transform((value, ctx) => {
  try {
    return scimBoolean(value, 'value');
  } catch {
    ctx.addIssue({ code: 'custom', message: 'Must be true or false.' });
    return z.NEVER;
  }
});
const text = (max: number) => z.string().trim().max(max);

const scimEmail = z.looseObject({
  value: text(254).min(3),
  type: z.string().max(50).nullish(),
  primary: booleanLike.nullish(),
});

/** A User as POST and PUT send it; attributes Pairwise does not keep are accepted and ignored. */
export const scimUserBody = z.looseObject({
  schemas: z.array(z.string()).optional(),
  userName: text(254).min(1, 'userName is required.'),
  externalId: text(500).nullish(),
  displayName: text(200).nullish(),
  name: z
    .looseObject({
      formatted: text(200).nullish(),
      givenName: text(100).nullish(),
      familyName: text(100).nullish(),
    })
    .nullish(),
  emails: z.array(scimEmail).max(20).nullish(),
  active: booleanLike.optional(),
});
export type ScimUserBody = z.output<typeof scimUserBody>;

const memberReference = z.looseObject({ value: text(100).min(1), display: z.string().nullish() });

export const scimGroupBody = z.looseObject({
  schemas: z.array(z.string()).optional(),
  displayName: text(200).min(1, 'displayName is required.'),
  externalId: text(500).nullish(),
  members: z.array(memberReference).max(10_000).nullish(),
});
export type ScimGroupBody = z.output<typeof scimGroupBody>;

export const scimPatchBody = z.looseObject({
  schemas: z.array(z.string()).optional(),
  Operations: z
    .array(
      z.looseObject({
        op: z
          .string()
          .transform((op) => op.toLowerCase())
          .pipe(z.enum(['add', 'replace', 'remove'], { message: 'op must be add, replace or remove.' })),
        path: z.string().max(300).optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1, 'Operations must list at least one operation.')
    .max(1000),
});
export type ScimPatchOperation = z.output<typeof scimPatchBody>['Operations'][number];

/** Parses a body, answering SCIM's `invalidValue` with the fields that are wrong. */
export function parseScimBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    fields[issue.path.length > 0 ? issue.path.join('.') : 'body'] ??= issue.message;
  }
  const summary = Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join('; ');
  throw new ScimError(400, `The request body is not valid. ${summary}`, 'invalidValue', fields);
}

export interface EqualityFilter {
  /** Lower-cased, so `userName` and `username` name the same attribute, as RFC 7644 asks. */
  attribute: string;
  value: string;
}

const EQ_FILTER = /^\s*([A-Za-z][\w.:-]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i;

/** `attribute eq "value"`, the one filter provisioning clients use to find a resource first. */
export function parseEqualityFilter(filter: string, attributes: readonly string[]): EqualityFilter {
  const match = EQ_FILTER.exec(filter);
  if (!match) {
    throw new ScimError(
      400,
      `Only filters of the form ${attributes.map((a) => `${a} eq "…"`).join(' or ')} are supported.`,
      'invalidFilter',
    );
  }
  const attribute = match[1]!.toLowerCase();
  if (!attributes.some((known) => known.toLowerCase() === attribute)) {
    throw new ScimError(
      400,
      `Filtering on ${match[1]} is not supported; use ${attributes.join(' or ')}.`,
      'invalidFilter',
    );
  }
  return { attribute, value: match[2]!.replace(/\\(.)/g, '$1') };
}

/** What Pairwise keeps of a SCIM User. */
export interface ScimUserState {
  userName: string;
  externalId: string | null;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  email: string;
  active: boolean;
}

/** The address a User's body names: its primary email, else its first, else a userName that is one. */
export function emailOf(body: { userName?: string; emails?: ScimUserBody['emails'] }): string | null {
  const emails = body.emails ?? [];
  const chosen = emails.find((email) => email.primary === true) ?? emails[0];
  const candidate = (chosen?.value ?? body.userName ?? '').trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+$/.test(candidate) && candidate.length <= 254 ? candidate : null;
}

export function userStateFrom(body: ScimUserBody, previous?: ScimUserState): ScimUserState {
  const email = emailOf(body);
  if (!email) {
    throw new ScimError(
      400,
      'The user needs an email address: in emails, or as a userName.',
      'invalidValue',
      {
        emails: 'No email address.',
      },
    );
  }
  const givenName = body.name?.givenName || null;
  const familyName = body.name?.familyName || null;
  return {
    userName: body.userName,
    externalId: body.externalId ?? null,
    displayName:
      body.displayName ||
      body.name?.formatted ||
      [givenName, familyName].filter(Boolean).join(' ') ||
      previous?.displayName ||
      email,
    givenName,
    familyName,
    email,
    active: body.active ?? true,
  };
}

const stringValue = (value: unknown, where: string, max: number): string => {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) {
    throw new ScimError(400, `${where} must be text of at most ${max} characters.`, 'invalidValue', {
      [where]: 'Not valid text.',
    });
  }
  return value.trim();
};
const optionalString = (value: unknown, where: string, max: number): string | null =>
  value === null || value === '' ? null : stringValue(value, where, max);

/**
 * Applies PATCH operations to a User. Attributes Pairwise does not keep (titles, phone numbers,
 * the enterprise extension) are accepted and ignored, so a provider's default mapping works.
 */
export function patchUser(state: ScimUserState, operations: ScimPatchOperation[]): ScimUserState {
  const next = { ...state };
  for (const operation of operations) {
    if (operation.path === undefined) {
      if (operation.op === 'remove') throw new ScimError(400, 'A remove needs a path.', 'noTarget');
      if (!isRecord(operation.value)) {
        throw new ScimError(
          400,
          'Without a path, the value must be an object of attributes.',
          'invalidValue',
        );
      }
      for (const [key, value] of Object.entries(operation.value)) setUserAttribute(next, key, value);
      continue;
    }
    if (operation.op === 'remove') removeUserAttribute(next, operation.path);
    else setUserAttribute(next, operation.path, operation.value);
  }
  return next;
}

function setUserAttribute(state: ScimUserState, path: string, value: unknown): void {
  const key = attributePath(path);
  switch (key) {
    case 'active':
      state.active = scimBoolean(value, 'active');
      return;
    case 'username':
      state.userName = stringValue(value, 'userName', 254);
      return;
    case 'externalid':
      state.externalId = optionalString(value, 'externalId', 500);
      return;
    case 'displayname':
    case 'name.formatted':
      state.displayName = stringValue(value, 'displayName', 200);
      return;
    case 'name.givenname':
      state.givenName = optionalString(value, 'name.givenName', 100);
      return;
    case 'name.familyname':
      state.familyName = optionalString(value, 'name.familyName', 100);
      return;
    case 'name':
      if (!isRecord(value)) throw new ScimError(400, 'name must be an object.', 'invalidValue');
      for (const [part, partValue] of Object.entries(value))
        setUserAttribute(state, `name.${part}`, partValue);
      return;
    case 'emails': {
      const email = emailOf({ emails: parseScimBody(z.array(scimEmail).max(20), value) });
      if (email) state.email = email;
      return;
    }
  }
  // emails[type eq "work"].value, emails[primary eq true].value: the address itself.
  if (/^emails\[[^\]]*\]\.value$/.test(key)) {
    const email = emailOf({ emails: [{ value: stringValue(value, 'emails', 254) }] });
    if (!email) throw new ScimError(400, 'That is not an email address.', 'invalidValue');
    state.email = email;
  }
}

function removeUserAttribute(state: ScimUserState, path: string): void {
  switch (attributePath(path)) {
    case 'externalid':
      state.externalId = null;
      return;
    case 'name.givenname':
      state.givenName = null;
      return;
    case 'name.familyname':
      state.familyName = null;
      return;
    case 'username':
    case 'active':
      throw new ScimError(400, `${path} cannot be removed.`, 'mutability');
  }
}

/** What Pairwise keeps of a SCIM Group: its name and its members' user ids. */
export interface ScimGroupState {
  displayName: string;
  externalId: string | null;
  members: string[];
}

const MEMBER_FILTER = /^members\[\s*value\s+eq\s+"((?:[^"\\]|\\.)*)"\s*\]$/i;

export function patchGroup(state: ScimGroupState, operations: ScimPatchOperation[]): ScimGroupState {
  const next = { ...state, members: [...state.members] };
  for (const operation of operations) {
    if (operation.path === undefined) {
      if (operation.op === 'remove') throw new ScimError(400, 'A remove needs a path.', 'noTarget');
      if (!isRecord(operation.value)) {
        throw new ScimError(
          400,
          'Without a path, the value must be an object of attributes.',
          'invalidValue',
        );
      }
      for (const [key, value] of Object.entries(operation.value)) {
        setGroupAttribute(next, key, value, operation.op);
      }
      continue;
    }
    const filtered = MEMBER_FILTER.exec(operation.path.trim());
    if (filtered) {
      if (operation.op !== 'remove') {
        throw new ScimError(400, 'Only remove takes a filtered members path.', 'invalidPath');
      }
      const id = filtered[1]!.replace(/\\(.)/g, '$1');
      next.members = next.members.filter((member) => member !== id);
      continue;
    }
    if (operation.op === 'remove') {
      const key = attributePath(operation.path);
      if (key === 'members') {
        // Entra ID names the members to remove in `value`; without one, every member goes.
        if (operation.value === undefined || operation.value === null) next.members = [];
        else {
          const gone = new Set(memberIds(operation.value));
          next.members = next.members.filter((member) => !gone.has(member));
        }
      } else if (key === 'externalid') next.externalId = null;
      else if (key === 'displayname')
        throw new ScimError(400, 'displayName cannot be removed.', 'mutability');
      continue;
    }
    setGroupAttribute(next, operation.path, operation.value, operation.op);
  }
  next.members = [...new Set(next.members)];
  return next;
}

function setGroupAttribute(state: ScimGroupState, path: string, value: unknown, op: 'add' | 'replace'): void {
  switch (attributePath(path)) {
    case 'displayname':
      state.displayName = stringValue(value, 'displayName', 200);
      return;
    case 'externalid':
      state.externalId = optionalString(value, 'externalId', 500);
      return;
    case 'members': {
      const ids = memberIds(value);
      state.members = op === 'add' ? [...state.members, ...ids] : ids;
      return;
    }
  }
}

function memberIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return parseScimBody(z.array(memberReference).max(10_000), list).map((member) => member.value);
}

/**
 * A path lower-cased and without its schema prefix: `urn:…:core:2.0:User:name.givenName` and
 * `name.givenName` are the same attribute.
 */
function attributePath(path: string): string {
  const trimmed = path.trim();
  const core = /^urn:ietf:params:scim:schemas:core:2\.0:(?:User|Group):(.+)$/i.exec(trimmed);
  return (core ? core[1]! : trimmed).toLowerCase();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
