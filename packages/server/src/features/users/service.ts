import { randomUUID } from 'node:crypto';
import {
  type AcceptAccountInvitationRequest,
  type AccountInvitationLink,
  AppError,
  type ChangePasswordRequest,
  type CreateUserRequest,
  type CreateUserResponse,
  notFound,
  renderColleagueInvitation,
  type SignInRequest,
  type UpdateUserRequest,
  type User,
  userRoleLabels,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { Actor } from '../../platform/auth/actor.ts';
import { type FailureLimiter, waitInWords } from '../../platform/auth/failure-limiter.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import type { SessionClient, SessionStore, StartedSession } from '../../platform/auth/sessions.ts';
import { hashToken, randomToken } from '../../platform/auth/tokens.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { AccountDeactivation } from './deactivation.ts';
import type { InvitationLinks } from './invitation-links.ts';
import { authorize } from './policy.ts';
import { rolesColumnOf, rolesOf, toUser, type UsersRepository } from './repository.ts';

/** How colleague invitations leave Pairwise: mailed through the outbox when SMTP is set up. */
export interface InvitationDelivery {
  links: InvitationLinks;
  /** False without SMTP_URL: the admin passes the link on; nothing is kept in the outbox. */
  mailed: boolean;
  send(mail: {
    to: { name: string; address: string };
    subject: string;
    text: string;
    html: string;
  }): Promise<void>;
}

const INVITATION_DAYS = 7;

/** Someone just signed in: the route sets the session's cookie and answers the user. */
export interface SignedIn {
  user: User;
  session: StartedSession;
}

export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionStore,
    private readonly publicUrl: () => string,
    /** Failed sign-ins per account and address (see signInKey), and per address alone. */
    private readonly limits: { account: FailureLimiter; address: FailureLimiter },
    private readonly audit?: AuditLog,
    /** Whether a user may use a password here; single sign-on can switch passwords off (decision 025). */
    private readonly passwordPolicy?: { allowsPassword(userId: string): Promise<boolean> },
    private readonly delivery?: InvitationDelivery,
    private readonly deactivation?: AccountDeactivation,
  ) {}

  private async refuseWithoutPasswords(userId: string): Promise<void> {
    if (this.passwordPolicy && !(await this.passwordPolicy.allowsPassword(userId))) {
      throw new AppError(
        'forbidden',
        "Passwords are switched off here: sign in through your company's single sign-on.",
      );
    }
  }

  async directory(_actor: Actor): Promise<{ users: User[]; invitationsMailed: boolean }> {
    const pending = await this.users.pendingInvitations();
    const users = (await this.users.list()).map((row) => ({
      ...toUser(row),
      invitationExpiresAt: row.password_hash ? null : (pending.get(row.id)?.expires_at ?? null),
    }));
    return { users, invitationsMailed: this.delivery?.mailed ?? false };
  }

  async invite(actor: Actor, request: CreateUserRequest): Promise<CreateUserResponse> {
    authorize(actor, 'invite');
    if (await this.users.findByEmail(request.email)) {
      throw new AppError('conflict', 'A user with this email already exists.', { email: 'Already in use.' });
    }
    const now = DateTime.utc();
    const row = {
      id: randomUUID(),
      email: request.email.toLowerCase(),
      name: request.name,
      roles: rolesColumnOf(request.roles),
      password_hash: null,
      active: 1,
      created_at: now.toISO(),
    };
    await this.users.insert(row);
    const link = await this.issueInvitation(actor, row);
    await this.audit?.record({
      actor,
      action: 'user.invited',
      subjectType: 'user',
      subjectId: row.id,
      detail: { mailed: link.mailed },
    });
    return { user: { ...toUser(row), invitationExpiresAt: link.expiresAt }, ...link };
  }

  /** The pending invitation's link again, for the admin to copy; it is not stored, only derived. */
  async accountInvitationLink(actor: Actor, userId: string): Promise<AccountInvitationLink> {
    authorize(actor, 'see_invitation_link');
    const { row, invitation } = await this.pendingInvitationOf(userId);
    const token = this.delivery?.links.token(row.id, invitation.expires_at);
    if (!token || hashToken(token) !== invitation.token_hash) {
      throw new AppError(
        'conflict',
        'This invitation was made before links could be shown again. Use "Send again" for a new link.',
      );
    }
    return { invitationUrl: this.invitationUrl(token), expiresAt: invitation.expires_at, mailed: false };
  }

  /** A new link with a new expiry, mailed when mail is set up; the previous link stops working. */
  async resendAccountInvitation(actor: Actor, userId: string, ip: string): Promise<AccountInvitationLink> {
    authorize(actor, 'resend_invitation');
    const row = await this.users.findById(userId);
    if (!row) throw notFound('User');
    if (row.password_hash)
      throw new AppError('conflict', `${row.name} has accepted their invitation already.`);
    await this.users.voidPendingInvitations(row.id, DateTime.utc().toISO());
    const link = await this.issueInvitation(actor, row);
    await this.audit?.record({
      actor,
      action: 'user.invitation_sent_again',
      subjectType: 'user',
      subjectId: row.id,
      ip,
      detail: { mailed: link.mailed },
    });
    return link;
  }

  private async pendingInvitationOf(userId: string) {
    const row = await this.users.findById(userId);
    if (!row) throw notFound('User');
    const invitation = row.password_hash ? undefined : await this.users.pendingInvitation(userId);
    if (!invitation) throw new AppError('not_found', `${row.name} has no invitation waiting.`);
    return { row, invitation };
  }

  private async issueInvitation(
    actor: Actor,
    user: { id: string; name: string; email: string; roles: string },
  ): Promise<AccountInvitationLink> {
    const expiresAt = DateTime.utc().plus({ days: INVITATION_DAYS }).toISO();
    const token = this.delivery ? this.delivery.links.token(user.id, expiresAt) : randomToken();
    await this.users.insertInvitation({
      token_hash: hashToken(token),
      user_id: user.id,
      expires_at: expiresAt,
      used_at: null,
    });
    const invitationUrl = this.invitationUrl(token);
    const mailed = this.delivery?.mailed ?? false;
    if (mailed) {
      const content = renderColleagueInvitation({
        name: user.name,
        invitedBy: actor.name,
        roles: rolesOf(user).map((role) => userRoleLabels[role]),
        url: invitationUrl,
        expiresAt,
      });
      await this.delivery!.send({ to: { name: user.name, address: user.email }, ...content });
    }
    return { invitationUrl, expiresAt, mailed };
  }

  private invitationUrl(token: string): string {
    return `${this.publicUrl()}/accept-invitation?token=${token}`;
  }

  async acceptAccountInvitation(
    request: AcceptAccountInvitationRequest,
    client: SessionClient,
  ): Promise<SignedIn> {
    const tokenHash = hashToken(request.token);
    const invitation = await this.users.findInvitation(tokenHash);
    const now = DateTime.utc().toISO();
    if (!invitation || invitation.used_at || invitation.expires_at <= now) {
      throw new AppError(
        'not_found',
        'This invitation link is not valid any more. Ask your admin for a new one.',
      );
    }
    await this.refuseWithoutPasswords(invitation.user_id);
    if (!(await this.users.useInvitation(tokenHash, now))) {
      throw new AppError('conflict', 'This invitation link was already used.');
    }
    await this.users.setPassword(invitation.user_id, await hashPassword(request.password));
    const session = await this.sessions.start(invitation.user_id, client);
    const user = (await this.users.findById(invitation.user_id))!;
    await this.audit?.record({
      actor: user,
      action: 'user.invitation_accepted',
      subjectType: 'user',
      subjectId: user.id,
      ip: client.ip,
    });
    return { user: toUser(user), session };
  }

  async signIn(request: SignInRequest, client: SessionClient): Promise<SignedIn> {
    const ip = client.ip;
    const key = signInKey(request.email, ip);
    await this.refuseWhileBackingOff(key, ip);
    const row = await this.users.findByEmail(request.email);
    const valid = await verifyPassword(row?.password_hash ?? null, request.password);
    if (!row || !valid || row.active !== 1) {
      await this.limits.account.recordFailure(key);
      await this.limits.address.recordFailure([ip]);
      await this.audit?.record({
        actor: null,
        actorLabel: request.email.slice(0, 254),
        action: 'session.sign_in_failed',
        subjectType: 'user',
        subjectId: row?.id,
        ip,
      });
      throw new AppError('unauthenticated', 'Email or password is not right.');
    }
    await this.limits.account.forget(key);
    // Checked after the password, so the answer tells a stranger nothing about the account.
    await this.refuseWithoutPasswords(row.id);
    const session = await this.sessions.start(row.id, client);
    await this.audit?.record({
      actor: row,
      action: 'session.sign_in',
      subjectType: 'user',
      subjectId: row.id,
      ip,
    });
    return { user: toUser(row), session };
  }

  /** Refused before the password is checked, so a guess during the wait learns nothing. */
  private async refuseWhileBackingOff(key: string[], ip: string): Promise<void> {
    const waitMs = Math.max(
      await this.limits.account.retryAfterMs(key),
      await this.limits.address.retryAfterMs([ip]),
    );
    if (waitMs > 0) {
      throw new AppError(
        'rate_limited',
        `Too many failed sign-ins. Wait ${waitInWords(waitMs)} and try again.`,
      );
    }
  }

  async signOut(actor: Actor, ip: string): Promise<void> {
    await this.sessions.end(actor);
    await this.audit?.record({ actor, action: 'session.sign_out', ip });
  }

  /**
   * Ends every other session (a stolen one among them) and rotates the caller's own: answers the
   * new session for the route to set.
   */
  async changePassword(
    actor: Actor,
    request: ChangePasswordRequest,
    client: SessionClient,
  ): Promise<StartedSession> {
    const ip = client.ip;
    const key = signInKey(actor.email, ip);
    await this.refuseWhileBackingOff(key, ip);
    const row = await this.users.findById(actor.id);
    if (!row || !(await verifyPassword(row.password_hash, request.currentPassword))) {
      await this.limits.account.recordFailure(key);
      await this.limits.address.recordFailure([ip]);
      throw new AppError('unprocessable', 'Your current password is not right.', {
        currentPassword: 'Not your current password.',
      });
    }
    await this.limits.account.forget(key);
    await this.refuseWithoutPasswords(actor.id);
    await this.users.setPassword(actor.id, await hashPassword(request.newPassword));
    await this.sessions.endAllForUser(actor.id);
    const session = await this.sessions.start(actor.id, client);
    await this.audit?.record({
      actor,
      action: 'user.password_changed',
      subjectType: 'user',
      subjectId: actor.id,
      ip,
    });
    return session;
  }

  /** Disabling ends the user's sessions at once; their data and history stay. */
  async update(actor: Actor, userId: string, request: UpdateUserRequest, ip: string): Promise<User> {
    authorize(actor, 'enable_or_disable');
    const row = await this.users.findById(userId);
    if (!row) throw notFound('User');
    if (!request.active && userId === actor.id) {
      throw new AppError('unprocessable', 'You cannot disable yourself; ask another admin.');
    }
    let ended = {};
    if (request.active) await this.users.setActive(userId, true);
    else if (this.deactivation) ended = await this.deactivation.deactivate(row, actor);
    else {
      await this.users.setActive(userId, false);
      await this.sessions.endAllForUser(userId);
    }
    await this.audit?.record({
      actor,
      action: request.active ? 'user.enabled' : 'user.disabled',
      subjectType: 'user',
      subjectId: userId,
      ip,
      detail: ended,
    });
    return toUser({ ...row, active: request.active ? 1 : 0 });
  }

  async createFirstAdmin(
    input: { email: string; name: string; password: string },
    client: SessionClient,
  ): Promise<SignedIn> {
    const row = {
      id: randomUUID(),
      email: input.email.toLowerCase(),
      name: input.name,
      roles: rolesColumnOf(['admin', 'interviewer']),
      password_hash: await hashPassword(input.password),
      active: 1,
      created_at: DateTime.utc().toISO(),
    };
    await this.users.insert(row);
    const session = await this.sessions.start(row.id, client);
    await this.audit?.record({
      actor: row,
      action: 'user.first_admin_created',
      subjectType: 'user',
      subjectId: row.id,
    });
    return { user: toUser(row), session };
  }

  countAdmins() {
    return this.users.countAdmins();
  }
}

/**
 * Failures count per account *and* address: a stranger guessing from elsewhere, or a colleague
 * mistyping behind the same office address, never slows the right person down. The address
 * alone has a budget too, ten times larger (see app.ts), against one password tried on many
 * accounts.
 */
function signInKey(email: string, ip: string): string[] {
  return [email.trim().toLowerCase(), ip];
}
