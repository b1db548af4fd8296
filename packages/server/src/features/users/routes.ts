import { accountApi, notFound, sessionApi, usersApi } from '@pairwise/domain';
import { type SessionStore, sessionClient } from '../../platform/auth/sessions.ts';
import { implement } from '../../platform/http/route.ts';
import type { UsersService } from './service.ts';

// The service answers the session it started; the cookie is the route's business.
export function usersRoutes(users: UsersService, sessions: SessionStore) {
  return [
    implement(sessionApi.current, {
      summary: 'The signed-in user',
      access: 'signed_in',
      handler: async ({ actor }) => ({
        user: { id: actor.id, email: actor.email, name: actor.name, roles: actor.roles, active: true },
      }),
    }),
    implement(sessionApi.signIn, {
      summary: 'Sign in with email and password',
      access: 'anonymous',
      handler: async ({ body, request, reply }) => {
        const { user, session } = await users.signIn(body, sessionClient(request));
        sessions.setCookie(reply, session);
        return { user };
      },
    }),
    implement(sessionApi.signOut, {
      summary: 'Sign out',
      access: 'signed_in',
      handler: async ({ actor, request, reply }) => {
        await users.signOut(actor, request.ip);
        sessions.clearCookie(reply);
        return { ok: true as const };
      },
    }),
    implement(usersApi.acceptAccountInvitation, {
      summary: 'Set a password from an invitation link and sign in',
      access: 'anonymous',
      handler: async ({ body, request, reply }) => {
        const { user, session } = await users.acceptAccountInvitation(body, sessionClient(request));
        sessions.setCookie(reply, session);
        return { user };
      },
    }),
    implement(usersApi.list, {
      summary: 'Directory of users, for choosing navigators, shadows and line managers',
      access: 'signed_in',
      handler: async ({ actor }) => users.directory(actor),
    }),
    implement(usersApi.accountInvitationLink, {
      summary: "The link of a user's invitation that is still waiting, to copy again (admin)",
      access: 'signed_in',
      handler: async ({ actor, params }) => users.accountInvitationLink(actor, params.id),
    }),
    implement(usersApi.resendAccountInvitation, {
      summary: 'Send an invitation again with a new link and expiry; the previous link stops working (admin)',
      access: 'signed_in',
      handler: async ({ actor, params, request }) =>
        users.resendAccountInvitation(actor, params.id, request.ip),
    }),
    implement(usersApi.invite, {
      summary: 'Invite a user (admin)',
      access: 'signed_in',
      handler: async ({ actor, body }) => users.invite(actor, body),
    }),
    implement(usersApi.update, {
      summary: 'Enable or disable a user (admin); disabling ends their sessions',
      access: 'signed_in',
      handler: async ({ actor, params, body, request }) => ({
        user: await users.update(actor, params.id, body, request.ip),
      }),
    }),
    implement(accountApi.changePassword, {
      summary: 'Change your password; ends your other sessions',
      access: 'signed_in',
      handler: async ({ actor, body, request, reply }) => {
        sessions.setCookie(reply, await users.changePassword(actor, body, sessionClient(request)));
        return { ok: true as const };
      },
    }),
    implement(accountApi.sessions, {
      summary: 'Your signed-in sessions',
      access: 'signed_in',
      handler: async ({ actor }) => ({ sessions: await sessions.list(actor) }),
    }),
    implement(accountApi.endOtherSessions, {
      summary: 'Sign out everywhere else',
      access: 'signed_in',
      handler: async ({ actor }) => ({
        ended: await sessions.endAllForUser(actor.id, actor.sessionTokenHash),
      }),
    }),
    implement(accountApi.endSession, {
      summary: 'End one of your sessions',
      access: 'signed_in',
      handler: async ({ actor, params }) => {
        if (!(await sessions.endById(actor, params.id))) throw notFound('Session');
        return { ok: true as const };
      },
    }),
  ];
}
