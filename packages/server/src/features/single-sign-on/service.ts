import { randomUUID, timingSafeEqual } from 'node:crypto';
import {
  AppError,
  forbidden,
  type SignInOptions,
  type SingleSignOnFailure,
  type SingleSignOnSettings,
  type UpdateSingleSignOnSettings,
} from '@pairwise/domain';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import type { SessionClient, SessionStore, StartedSession } from '../../platform/auth/sessions.ts';
import { hashToken, randomToken } from '../../platform/auth/tokens.ts';
import { type Clock, utcNow } from '../../platform/clock.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { rolesColumnOf, rolesOf, type UsersRepository } from '../users/repository.ts';
import { groupsFromClaim, rolesFromGroups } from './group-roles.ts';
import { CodeExchangeError, type RelyingParty } from './relying-party.ts';
import type { SingleSignOnRepository } from './repository.ts';

export const SIGN_IN_COOKIE = 'pw_sso';
export const SIGN_IN_COOKIE_PATH = '/api/auth/oidc/';
const CALLBACK_PATH = '/api/auth/oidc/callback';
/** Long enough to type a password and answer a second factor at the provider. */
export const SIGN_IN_MINUTES = 10;

/** Where the browser goes next, and what the route sets as cookies on the way. */
export interface SignInStep {
  location: string;
  /** The sign-in under way in this browser (the `pw_sso` cookie), when one was started. */
  pendingSignIn?: string;
  /** The session when the provider's answer signed someone in. */
  session?: StartedSession;
}

/** What the callback request brought: the sign-in cookie and the provider's query, with the client. */
export interface ProviderCallback extends SessionClient {
  /** The `pw_sso` cookie, if the browser sent it. */
  pendingSignIn: string | undefined;
  /** The callback's own URL, whose query the relying party checks. */
  url: string;
}

class SignInRefused extends Error {
  constructor(
    readonly reason: SingleSignOnFailure,
    message: string,
    readonly who?: { id?: string; email?: string },
  ) {
    super(message);
  }
}

/**
 * Sign-in through the company's OpenID Provider (decision 025). The provider says who someone is
 * and which groups they are in; the groups an admin mapped decide their roles at every sign-in,
 * so taking someone out of a group at the provider takes the role away here at their next one.
 */
export class SingleSignOnService {
  constructor(
    private readonly repository: SingleSignOnRepository,
    private readonly users: UsersRepository,
    private readonly sessions: SessionStore,
    private readonly audit: AuditLog,
    private readonly options: {
      relyingParty: RelyingParty | null;
      groupsClaim: string;
      publicUrl: () => string;
      clock: Clock;
    },
  ) {}

  async signInOptions(): Promise<SignInOptions> {
    const policy = await this.repository.passwordPolicy();
    return { singleSignOn: this.options.relyingParty !== null, localPasswords: policy.localPasswords };
  }

  /** Whether this user may sign in (or set or change a password) with a password. */
  async allowsPassword(userId: string): Promise<boolean> {
    const policy = await this.repository.passwordPolicy();
    return policy.localPasswords || policy.breakGlassAdminId === userId;
  }

  async settings(actor: Actor): Promise<SingleSignOnSettings> {
    if (!hasRole(actor, 'admin')) throw forbidden('Only an admin can see the single sign-on settings.');
    const policy = await this.repository.passwordPolicy();
    return {
      configured: this.options.relyingParty !== null,
      issuer: this.options.relyingParty?.issuer ?? null,
      groupsClaim: this.options.groupsClaim,
      groupRoles: await this.repository.groupRoles(),
      localPasswords: policy.localPasswords,
      breakGlassAdminId: policy.breakGlassAdminId,
    };
  }

  async updateSettings(
    actor: Actor,
    request: UpdateSingleSignOnSettings,
    ip: string,
  ): Promise<SingleSignOnSettings> {
    if (!hasRole(actor, 'admin')) throw forbidden('Only an admin can change single sign-on.');
    if (!request.localPasswords) {
      if (!this.options.relyingParty) {
        throw new AppError(
          'unprocessable',
          'Passwords can be switched off only once single sign-on is set up (OIDC_ISSUER); otherwise nobody could sign in.',
          { localPasswords: 'Set up single sign-on first.' },
        );
      }
      const breakGlass = request.breakGlassAdminId
        ? await this.users.findById(request.breakGlassAdminId)
        : undefined;
      const roles = breakGlass ? rolesOf(breakGlass) : [];
      if (breakGlass?.active !== 1 || !roles.includes('admin') || !breakGlass.password_hash) {
        throw new AppError(
          'unprocessable',
          'The break-glass account must be an active admin who has a password.',
          { breakGlassAdminId: 'Choose an active admin with a password.' },
        );
      }
    }
    const before = await this.settings(actor);
    const policy = {
      localPasswords: request.localPasswords,
      // Kept only while it matters, so a stale choice does not silently apply later.
      breakGlassAdminId: request.localPasswords ? null : request.breakGlassAdminId,
    };
    await this.repository.save(request.groupRoles, policy);
    const after = await this.settings(actor);
    await this.audit.record({
      actor,
      action: 'single_sign_on.settings_changed',
      subjectType: 'settings',
      ip,
      detail: {
        before: pick(before),
        after: pick(after),
      },
    });
    return after;
  }

  /**
   * The provider's authorization URL; the state, nonce and PKCE verifier stay on the server, and
   * the browser keeps only a random token for them (the route's cookie).
   */
  async begin(next: string, ip: string): Promise<SignInStep> {
    const relyingParty = this.requireRelyingParty();
    let request: Awaited<ReturnType<RelyingParty['authorizationRequest']>>;
    try {
      request = await relyingParty.authorizationRequest(this.redirectUri());
    } catch (error) {
      const refusal =
        error instanceof CodeExchangeError
          ? new SignInRefused('unavailable', error.message)
          : new SignInRefused('unavailable', String(error));
      return { location: await this.refuse(ip, refusal) };
    }
    const token = randomToken();
    const now = utcNow(this.options.clock);
    await this.repository.startSignIn(
      {
        token_hash: hashToken(token),
        state: request.state,
        nonce: request.nonce,
        code_verifier: request.codeVerifier,
        next,
        expires_at: now.plus({ minutes: SIGN_IN_MINUTES }).toISO(),
      },
      now.toISO(),
    );
    return { location: request.url.toString(), pendingSignIn: token };
  }

  /** Where the browser goes next: the page it started from, or the sign-in page saying why not. */
  async finish(
    query: { code?: string; state?: string; error?: string; error_description?: string },
    callback: ProviderCallback,
  ): Promise<SignInStep> {
    const relyingParty = this.requireRelyingParty();
    const cookie = callback.pendingSignIn;
    try {
      const pending =
        cookie && cookie.length <= 100 ? await this.repository.takeSignIn(hashToken(cookie)) : null;
      if (!pending || pending.expires_at <= utcNow(this.options.clock).toISO()) {
        throw new SignInRefused('expired', 'No sign-in was under way in this browser, or it took too long.');
      }
      if (query.error) {
        throw new SignInRefused(
          'provider',
          `The provider answered ${query.error}: ${query.error_description ?? ''}`,
        );
      }
      if (!query.state || !sameText(query.state, pending.state)) {
        throw new SignInRefused(
          'state',
          'The state returned by the provider is not the one this sign-in sent.',
        );
      }
      const callbackUrl = new URL(this.redirectUri());
      callbackUrl.search = new URL(callback.url, 'http://callback').search;
      const claims = await relyingParty
        .redeem(callbackUrl, {
          state: pending.state,
          nonce: pending.nonce,
          codeVerifier: pending.code_verifier,
        })
        .catch((error: unknown) => {
          if (error instanceof CodeExchangeError) throw new SignInRefused(error.reason, error.message);
          throw error;
        });
      const session = await this.signIn(callback, relyingParty.issuer, claims);
      return { location: pending.next, session };
    } catch (error) {
      if (!(error instanceof SignInRefused)) throw error;
      return { location: await this.refuse(callback.ip, error) };
    }
  }

  private async signIn(
    client: SessionClient,
    issuer: string,
    claims: Record<string, unknown> & { sub: string },
  ): Promise<StartedSession> {
    const ip = client.ip;
    const now = utcNow(this.options.clock).toISO();
    const groups = groupsFromClaim(claims[this.options.groupsClaim]);
    const roles = rolesFromGroups(groups, await this.repository.groupRoles());
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
    const identity = await this.repository.findIdentity(issuer, claims.sub);
    let user = identity ? await this.users.findById(identity.user_id) : undefined;
    if (!user) {
      if (!email || email.length > 254 || !email.includes('@')) {
        throw new SignInRefused('no_email', 'The provider did not say which email address this person has.');
      }
      const existing = await this.users.findByEmail(email);
      if (existing) {
        // Only an address the provider checked may claim an account made before single sign-on.
        if (claims.email_verified !== true) {
          throw new SignInRefused(
            'email_taken',
            'An account with this email exists, and the provider did not confirm the address.',
            { id: existing.id, email },
          );
        }
        user = existing;
        // Their invitation is answered: they signed in another way.
        await this.users.voidPendingInvitations(existing.id, now);
      } else {
        if (roles.length === 0) {
          throw new SignInRefused('no_group', 'This person is in no group that grants a role in Pairwise.', {
            email,
          });
        }
        user = {
          id: randomUUID(),
          email,
          name: personName(claims, email),
          roles: rolesColumnOf(roles),
          password_hash: null,
          active: 1,
          created_at: now,
        };
        await this.users.insert(user);
        await this.audit.record({
          actor: user,
          action: 'user.provisioned',
          subjectType: 'user',
          subjectId: user.id,
          ip,
          detail: { issuer, roles, groups },
        });
      }
      await this.repository.linkIdentity({
        issuer,
        subject: claims.sub,
        user_id: user.id,
        created_at: now,
        last_sign_in_at: null,
      });
    }
    if (user.active !== 1) {
      throw new SignInRefused('disabled', 'This account is disabled in Pairwise.', user);
    }
    const previous = rolesOf(user);
    if (previous.join() !== roles.join()) {
      await this.users.setRoles(user.id, roles);
      await this.audit.record({
        actor: user,
        action: 'user.roles_changed',
        subjectType: 'user',
        subjectId: user.id,
        ip,
        detail: { from: previous, to: roles, because: 'provider groups', groups },
      });
    }
    if (roles.length === 0) {
      // Their roles are gone; so are the sessions that still carried them.
      await this.sessions.endAllForUser(user.id);
      throw new SignInRefused('no_group', 'This person is in no group that grants a role in Pairwise.', user);
    }
    const session = await this.sessions.start(user.id, client);
    await this.repository.recordIdentitySignIn(issuer, claims.sub, now);
    await this.audit.record({
      actor: user,
      action: 'session.sign_in',
      subjectType: 'user',
      subjectId: user.id,
      ip,
      detail: { method: 'oidc', issuer, roles },
    });
    return session;
  }

  private async refuse(ip: string, refusal: SignInRefused): Promise<string> {
    await this.audit.record({
      actor: refusal.who?.id && refusal.who.email ? { id: refusal.who.id, email: refusal.who.email } : null,
      actorLabel: refusal.who?.email ?? 'single sign-on',
      action: 'session.sign_in_failed',
      subjectType: 'user',
      subjectId: refusal.who?.id,
      ip,
      detail: { method: 'oidc', reason: refusal.reason, message: refusal.message },
    });
    return `/sign-in?sso=${refusal.reason}`;
  }

  private requireRelyingParty(): RelyingParty {
    if (!this.options.relyingParty) {
      throw new AppError('not_found', 'Single sign-on is not set up on this server (OIDC_ISSUER).');
    }
    return this.options.relyingParty;
  }

  private redirectUri(): string {
    return `${this.options.publicUrl()}${CALLBACK_PATH}`;
  }
}

const pick = (settings: SingleSignOnSettings) => ({
  groupRoles: settings.groupRoles,
  localPasswords: settings.localPasswords,
  breakGlassAdminId: settings.breakGlassAdminId,
});

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function personName(claims: Record<string, unknown>, email: string): string {
  const name = typeof claims.name === 'string' ? claims.name.trim() : '';
  return (name || email).slice(0, 200);
}
