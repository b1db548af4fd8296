import { randomUUID } from 'node:crypto';
import {
  AppError,
  type CreateScimTokenRequest,
  forbidden,
  notFound,
  type ProvisioningSettings,
  type ScimToken,
} from '@pairwise/domain';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import { hashToken, randomToken } from '../../platform/auth/tokens.ts';
import { type Clock, utcNow } from '../../platform/clock.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { rolesFromGroups } from '../single-sign-on/group-roles.ts';
import type { SingleSignOnRepository } from '../single-sign-on/repository.ts';
import type { AccountDeactivation } from '../users/deactivation.ts';
import { rolesColumnOf, rolesOf, type UsersRepository } from '../users/repository.ts';
import type { ScimRepository, ScimTokenRow, ScimUserRow } from './repository.ts';
import {
  type EqualityFilter,
  patchGroup,
  patchUser,
  ScimError,
  type ScimGroupBody,
  type ScimGroupState,
  type ScimPatchOperation,
  type ScimUserBody,
  type ScimUserState,
  userStateFrom,
} from './scim-protocol.ts';

const TOKEN_PREFIX = 'pws_';
const TOKEN_SHAPE = /^pws_[A-Za-z0-9_-]{43}$/;
const MAX_LIVE_TOKENS = 5;
/** A token's last use is written at most this often; a provider's sync makes many requests. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** The identity provider a SCIM request comes from: its token, named in the audit log. */
export interface ScimClient {
  tokenId: string;
  label: string;
  ip: string;
}

export interface ScimUser extends ScimUserState {
  id: string;
  created: string;
  lastModified: string;
  groups: Array<{ id: string; displayName: string }>;
}

export interface ScimGroup extends Omit<ScimGroupState, 'members'> {
  id: string;
  created: string;
  lastModified: string;
  members: Array<{ id: string; name: string }>;
}

const toScimToken = (row: Awaited<ReturnType<ScimRepository['listTokens']>>[number]): ScimToken => ({
  id: row.id,
  label: row.label,
  createdAt: row.created_at,
  createdByName: row.created_by_name ?? null,
  lastUsedAt: row.last_used_at,
  lastUsedFrom: row.last_used_ip,
  revokedAt: row.revoked_at,
});

/**
 * SCIM 2.0 provisioning: the identity provider creates, changes, deactivates and groups the
 * people who use Pairwise. Roles come from the groups a person is in, through the group → role
 * mapping single sign-on uses, so one mapping decides roles however a person arrives. A user
 * set inactive (or deleted) is deactivated at once (users/deactivation.ts).
 */
export class ScimService {
  constructor(
    private readonly repository: ScimRepository,
    private readonly users: UsersRepository,
    private readonly groupRoles: SingleSignOnRepository,
    private readonly deactivation: AccountDeactivation,
    private readonly audit: AuditLog,
    private readonly options: { publicUrl: () => string; clock: Clock },
  ) {}

  private now(): string {
    return utcNow(this.options.clock).toISO();
  }

  // The admin's tokens

  async settings(actor: Actor): Promise<ProvisioningSettings> {
    requireAdmin(actor);
    const tokens = await this.repository.listTokens();
    return { scimBaseUrl: `${this.options.publicUrl()}/scim/v2`, tokens: tokens.map(toScimToken) };
  }

  async createToken(
    actor: Actor,
    request: CreateScimTokenRequest,
    ip: string,
  ): Promise<{ token: string; scimToken: ScimToken }> {
    requireAdmin(actor);
    if ((await this.repository.countLiveTokens()) >= MAX_LIVE_TOKENS) {
      throw new AppError(
        'conflict',
        `There are ${MAX_LIVE_TOKENS} SCIM tokens already; revoke one no provider uses first.`,
      );
    }
    const token = `${TOKEN_PREFIX}${randomToken()}`;
    const row: ScimTokenRow = {
      id: randomUUID(),
      label: request.label,
      token_hash: hashToken(token),
      created_by: actor.id,
      created_at: this.now(),
      last_used_at: null,
      last_used_ip: null,
      revoked_at: null,
    };
    await this.repository.insertToken(row);
    await this.audit.record({
      actor,
      action: 'scim_token.created',
      subjectType: 'scim_token',
      subjectId: row.id,
      ip,
      detail: { label: row.label },
    });
    return { token, scimToken: toScimToken({ ...row, created_by_name: actor.name }) };
  }

  async revokeToken(actor: Actor, id: string, ip: string): Promise<void> {
    requireAdmin(actor);
    const revoked = await this.repository.revokeToken(id, this.now());
    if (!revoked) throw notFound('A SCIM token that is not revoked yet');
    await this.audit.record({
      actor,
      action: 'scim_token.revoked',
      subjectType: 'scim_token',
      subjectId: id,
      ip,
      detail: { label: revoked.label },
    });
  }

  /** The provider behind a bearer token, or null for an unknown or revoked one. */
  async authenticate(token: string, ip: string): Promise<ScimClient | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const row = await this.repository.findLiveToken(hashToken(token));
    if (!row) return null;
    const now = this.now();
    if (
      !row.last_used_at ||
      Date.parse(now) - Date.parse(row.last_used_at) > LAST_USED_RESOLUTION_MS ||
      row.last_used_ip !== ip
    ) {
      await this.repository.recordTokenUse(row.id, now, ip);
    }
    return { tokenId: row.id, label: row.label, ip };
  }

  // Users

  async getUser(id: string): Promise<ScimUser> {
    return this.toScimUser(await this.requireUser(id));
  }

  async listUsers(filter: EqualityFilter | null, offset: number, limit: number) {
    const { rows, total } = await this.repository.listUsers(
      filter as { attribute: 'username' | 'externalid' | 'id'; value: string } | null,
      offset,
      limit,
    );
    return { total, resources: await Promise.all(rows.map((row) => this.toScimUser(row))) };
  }

  async createUser(client: ScimClient, body: ScimUserBody): Promise<ScimUser> {
    const state = userStateFrom(body);
    if (await this.repository.findUserByUserName(state.userName)) {
      throw new ScimError(409, `A user with userName ${state.userName} exists already.`, 'uniqueness');
    }
    const now = this.now();
    const existing = await this.users.findByEmail(state.email);
    let userId: string;
    if (existing) {
      // A colleague who was here before provisioning: the provider takes their account over.
      if (await this.repository.findUser(existing.id)) {
        throw new ScimError(409, `A user with the address ${state.email} exists already.`, 'uniqueness');
      }
      userId = existing.id;
      await this.repository.updateUser(userId, { email: state.email, name: state.displayName });
    } else {
      userId = randomUUID();
      // No roles until the provider puts the person in a mapped group.
      await this.users.insert({
        id: userId,
        email: state.email,
        name: state.displayName,
        roles: rolesColumnOf([]),
        password_hash: null,
        active: 1,
        created_at: now,
      });
    }
    await this.repository.insertScimUser({
      user_id: userId,
      user_name: state.userName,
      user_name_key: state.userName.toLowerCase(),
      external_id: state.externalId,
      given_name: state.givenName,
      family_name: state.familyName,
      created_at: now,
      updated_at: now,
    });
    await this.record(client, existing ? 'user.linked' : 'user.provisioned', userId, {
      userName: state.userName,
    });
    if (existing && existing.active !== 1 && state.active) await this.reactivate(client, userId);
    if (!state.active) await this.deactivate(client, userId);
    return this.getUser(userId);
  }

  async replaceUser(client: ScimClient, id: string, body: ScimUserBody): Promise<ScimUser> {
    const row = await this.requireUser(id);
    return this.saveUser(client, row, userStateFrom(body, stateOf(row)));
  }

  async patchUser(client: ScimClient, id: string, operations: ScimPatchOperation[]): Promise<ScimUser> {
    const row = await this.requireUser(id);
    return this.saveUser(client, row, patchUser(stateOf(row), operations));
  }

  /** DELETE: the account is deactivated and no longer SCIM's; its interviews keep its name. */
  async deleteUser(client: ScimClient, id: string): Promise<void> {
    const row = await this.requireUser(id);
    if (row.active === 1) await this.deactivate(client, row.user_id);
    const groups = await this.repository.groupNamesOf(row.user_id);
    await this.repository.unlinkUser(row.user_id);
    if (groups.length > 0) await this.applyGroupRoles(client, [row.user_id]);
    await this.record(client, 'user.deprovisioned', row.user_id, { userName: row.user_name });
  }

  private async saveUser(client: ScimClient, row: ScimUserRow, state: ScimUserState): Promise<ScimUser> {
    if (state.userName.toLowerCase() !== row.user_name_key) {
      const holder = await this.repository.findUserByUserName(state.userName);
      if (holder && holder.user_id !== row.user_id) {
        throw new ScimError(409, `A user with userName ${state.userName} exists already.`, 'uniqueness');
      }
    }
    if (state.email !== row.email) {
      const holder = await this.users.findByEmail(state.email);
      if (holder && holder.id !== row.user_id) {
        throw new ScimError(409, `A user with the address ${state.email} exists already.`, 'uniqueness');
      }
    }
    await this.repository.updateScimUser(row.user_id, {
      user_name: state.userName,
      user_name_key: state.userName.toLowerCase(),
      external_id: state.externalId,
      given_name: state.givenName,
      family_name: state.familyName,
      updated_at: this.now(),
    });
    if (state.email !== row.email || state.displayName !== row.name) {
      await this.repository.updateUser(row.user_id, { email: state.email, name: state.displayName });
    }
    const wasActive = row.active === 1;
    if (wasActive && !state.active) await this.deactivate(client, row.user_id);
    else if (!wasActive && state.active) await this.reactivate(client, row.user_id);
    else await this.record(client, 'user.updated', row.user_id, { userName: state.userName });
    return this.getUser(row.user_id);
  }

  private async deactivate(client: ScimClient, userId: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) return;
    const ended = await this.deactivation.deactivate(user, null);
    await this.record(client, 'user.disabled', userId, ended);
  }

  private async reactivate(client: ScimClient, userId: string): Promise<void> {
    await this.users.setActive(userId, true);
    await this.record(client, 'user.enabled', userId, {});
  }

  private async requireUser(id: string): Promise<ScimUserRow> {
    const row = await this.repository.findUser(id);
    if (!row) throw new ScimError(404, `User ${id} not found.`);
    return row;
  }

  private async toScimUser(row: ScimUserRow): Promise<ScimUser> {
    const groups = await this.repository.groupsOf(row.user_id);
    return {
      id: row.user_id,
      ...stateOf(row),
      created: row.created_at,
      lastModified: row.updated_at,
      groups: groups.map((group) => ({ id: group.id, displayName: group.display_name })),
    };
  }

  // Groups

  async getGroup(id: string, withMembers = true): Promise<ScimGroup> {
    const row = await this.repository.findGroup(id);
    if (!row) throw new ScimError(404, `Group ${id} not found.`);
    return (await this.toScimGroups([row], withMembers))[0]!;
  }

  async listGroups(filter: EqualityFilter | null, offset: number, limit: number, withMembers: boolean) {
    const { rows, total } = await this.repository.listGroups(
      filter as { attribute: 'displayname' | 'externalid' | 'id'; value: string } | null,
      offset,
      limit,
    );
    return { total, resources: await this.toScimGroups(rows, withMembers) };
  }

  async createGroup(client: ScimClient, body: ScimGroupBody): Promise<ScimGroup> {
    if (await this.repository.findGroupByName(body.displayName)) {
      throw new ScimError(409, `A group named ${body.displayName} exists already.`, 'uniqueness');
    }
    const now = this.now();
    const id = randomUUID();
    await this.repository.insertGroup({
      id,
      display_name: body.displayName,
      external_id: body.externalId ?? null,
      created_at: now,
      updated_at: now,
    });
    await this.saveGroup(client, id, [], {
      displayName: body.displayName,
      externalId: body.externalId ?? null,
      members: (body.members ?? []).map((member) => member.value),
    });
    await this.record(client, 'group.provisioned', id, { displayName: body.displayName }, 'group');
    return this.getGroup(id);
  }

  async replaceGroup(client: ScimClient, id: string, body: ScimGroupBody): Promise<ScimGroup> {
    const { current } = await this.requireGroup(id);
    await this.saveGroup(client, id, current.members, {
      displayName: body.displayName,
      externalId: body.externalId ?? null,
      members: (body.members ?? []).map((member) => member.value),
    });
    return this.getGroup(id);
  }

  async patchGroup(client: ScimClient, id: string, operations: ScimPatchOperation[]): Promise<ScimGroup> {
    const { current } = await this.requireGroup(id);
    await this.saveGroup(client, id, current.members, patchGroup(current, operations));
    return this.getGroup(id);
  }

  async deleteGroup(client: ScimClient, id: string): Promise<void> {
    const { row, current } = await this.requireGroup(id);
    await this.repository.deleteGroup(id);
    await this.applyGroupRoles(client, current.members);
    await this.record(client, 'group.deprovisioned', id, { displayName: row.display_name }, 'group');
  }

  private async requireGroup(id: string) {
    const row = await this.repository.findGroup(id);
    if (!row) throw new ScimError(404, `Group ${id} not found.`);
    const members = await this.repository.members([id]);
    const current: ScimGroupState = {
      displayName: row.display_name,
      externalId: row.external_id,
      members: members.map((member) => member.id),
    };
    return { row, current };
  }

  private async saveGroup(
    client: ScimClient,
    id: string,
    before: string[],
    next: ScimGroupState,
  ): Promise<void> {
    const holder = await this.repository.findGroupByName(next.displayName);
    if (holder && holder.id !== id) {
      throw new ScimError(409, `A group named ${next.displayName} exists already.`, 'uniqueness');
    }
    const wanted = [...new Set(next.members)];
    const known = await this.repository.provisionedUserIds(wanted);
    const unknown = wanted.filter((member) => !known.has(member));
    if (unknown.length > 0) {
      throw new ScimError(
        400,
        `Members must be users provisioned here; unknown: ${unknown.slice(0, 5).join(', ')}.`,
        'invalidValue',
        { members: 'Unknown user.' },
      );
    }
    const previous = new Set(before);
    const kept = new Set(wanted);
    const add = wanted.filter((member) => !previous.has(member));
    const remove = before.filter((member) => !kept.has(member));
    await this.repository.saveGroup(
      id,
      { display_name: next.displayName, external_id: next.externalId, updated_at: this.now() },
      add,
      remove,
    );
    if (add.length > 0 || remove.length > 0) {
      await this.record(client, 'group.members_changed', id, { added: add, removed: remove }, 'group');
    }
    // A renamed group may now map to other roles, so everyone in it is looked at again.
    await this.applyGroupRoles(client, [...new Set([...before, ...wanted])]);
  }

  /** Each user's roles read again from their groups, where they changed; audited per user. */
  private async applyGroupRoles(client: ScimClient, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    const mapping = await this.groupRoles.groupRoles();
    for (const userId of userIds) {
      const user = await this.users.findById(userId);
      if (!user) continue;
      const groups = await this.repository.groupNamesOf(userId);
      const roles = rolesFromGroups(groups, mapping);
      const previous = rolesOf(user);
      if (previous.join() === roles.join()) continue;
      await this.users.setRoles(userId, roles);
      await this.record(client, 'user.roles_changed', userId, {
        from: previous,
        to: roles,
        because: 'SCIM groups',
        groups,
      });
    }
  }

  private async toScimGroups(
    rows: Array<{
      id: string;
      display_name: string;
      external_id: string | null;
      created_at: string;
      updated_at: string;
    }>,
    withMembers: boolean,
  ): Promise<ScimGroup[]> {
    const members = withMembers ? await this.repository.members(rows.map((row) => row.id)) : [];
    return rows.map((row) => ({
      id: row.id,
      displayName: row.display_name,
      externalId: row.external_id,
      created: row.created_at,
      lastModified: row.updated_at,
      members: members
        .filter((member) => member.group_id === row.id)
        .map((member) => ({ id: member.id, name: member.name })),
    }));
  }

  private async record(
    client: ScimClient,
    action: string,
    subjectId: string,
    detail: Record<string, unknown>,
    subjectType: 'user' | 'group' = 'user',
  ): Promise<void> {
    await this.audit.record({
      actor: null,
      actorLabel: `SCIM: ${client.label}`,
      action: subjectType === 'group' ? `scim_${action}` : action,
      subjectType: subjectType === 'group' ? 'scim_group' : 'user',
      subjectId,
      ip: client.ip,
      detail: { ...detail, scimTokenId: client.tokenId },
    });
  }
}

function stateOf(row: ScimUserRow): ScimUserState {
  return {
    userName: row.user_name,
    externalId: row.external_id,
    displayName: row.name,
    givenName: row.given_name,
    familyName: row.family_name,
    email: row.email,
    active: row.active === 1,
  };
}

function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw forbidden('Only an admin manages provisioning.');
}
