import {
  acceptInvitationRequest,
  accountSessionList,
  accountSessionParams,
  changePasswordRequest,
  createUserRequest,
  createUserResponse,
  endedSessions,
  idParams,
  invitationLink,
  notFound,
  ok,
  sessionResponse,
  signInRequest,
  updateUserRequest,
  updateUserResponse,
  userList,
} from '@pairwise/domain';
import type { SessionStore } from '../../platform/auth/sessions.ts';
import { defineRoute } from '../../platform/http/route.ts';
import type { UsersService } from './service.ts';

export function usersRoutes(users: UsersService, sessions: SessionStore) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/session',
      summary: 'The signed-in user',
      access: 'signed_in',
      response: sessionResponse,
      handler: async ({ actor }) => ({
        user: { id: actor.id, email: actor.email, name: actor.name, roles: actor.roles, active: true },
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/session',
      summary: 'Sign in with email and password',
      access: 'anonymous',
      body: signInRequest,
      response: sessionResponse,
      handler: async ({ body, reply }) => ({ user: await users.signIn(reply, body) }),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/session',
      summary: 'Sign out',
      access: 'signed_in',
      response: ok,
      handler: async ({ actor, reply }) => {
        await users.signOut(reply, actor);
        return { ok: true };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/invitations/accept',
      summary: 'Set a password from an invitation link and sign in',
      access: 'anonymous',
      body: acceptInvitationRequest,
      response: sessionResponse,
      handler: async ({ body, reply }) => ({ user: await users.acceptInvitation(reply, body) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/users',
      summary: 'Directory of users, for choosing navigators, shadows and line managers',
      access: 'signed_in',
      response: userList,
      handler: async ({ actor }) => users.directory(actor),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/users/:id/invitation',
      summary: "The link of a user's invitation that is still waiting, to copy again (admin)",
      access: 'signed_in',
      params: idParams,
      response: invitationLink,
      handler: async ({ actor, params }) => users.invitationLink(actor, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/users/:id/invitation',
      summary: 'Send an invitation again with a new link and expiry; the previous link stops working (admin)',
      access: 'signed_in',
      params: idParams,
      response: invitationLink,
      handler: async ({ actor, params, request }) => users.resendInvitation(actor, params.id, request.ip),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/users',
      summary: 'Invite a user (admin)',
      access: 'signed_in',
      status: 201,
      body: createUserRequest,
      response: createUserResponse,
      handler: async ({ actor, body }) => users.invite(actor, body),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/users/:id',
      summary: 'Enable or disable a user (admin); disabling ends their sessions',
      access: 'signed_in',
      params: idParams,
      body: updateUserRequest,
      response: updateUserResponse,
      handler: async ({ actor, params, body, request }) => ({
        user: await users.update(actor, params.id, body, request.ip),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/account/password',
      summary: 'Change your password; ends your other sessions',
      access: 'signed_in',
      body: changePasswordRequest,
      response: ok,
      handler: async ({ actor, body, reply }) => {
        await users.changePassword(reply, actor, body);
        return { ok: true };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/account/sessions',
      summary: 'Your signed-in sessions',
      access: 'signed_in',
      response: accountSessionList,
      handler: async ({ actor }) => ({ sessions: await sessions.list(actor) }),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/account/sessions',
      summary: 'Sign out everywhere else',
      access: 'signed_in',
      response: endedSessions,
      handler: async ({ actor }) => ({
        ended: await sessions.endAllForUser(actor.id, actor.sessionTokenHash),
      }),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/account/sessions/:id',
      summary: 'End one of your sessions',
      access: 'signed_in',
      params: accountSessionParams,
      response: ok,
      handler: async ({ actor, params }) => {
        if (!(await sessions.endById(actor, params.id))) throw notFound('Session');
        return { ok: true as const };
      },
    }),
  ];
}
