import { idParams, ok } from './common.ts';
import { contract } from './contract.ts';
import {
  accountSessionList,
  accountSessionParams,
  changePasswordRequest,
  endedSessions,
  updateUserRequest,
  updateUserResponse,
} from './security.ts';
import {
  acceptAccountInvitationRequest,
  accountInvitationLink,
  createUserRequest,
  createUserResponse,
  firstRunSetupRequest,
  firstRunSetupStatus,
  sessionResponse,
  signInRequest,
  userList,
} from './users.ts';

// The contracts of the users feature: colleagues, their account invitations, sessions and the
// first-run setup. Beside users.ts rather than in it, because security.ts reads users.ts.

/** Signing in and out, implemented by the server's users feature. */
export const sessionApi = {
  current: contract({ method: 'GET', path: '/api/session', response: sessionResponse }),
  signIn: contract({ method: 'POST', path: '/api/session', body: signInRequest, response: sessionResponse }),
  signOut: contract({ method: 'DELETE', path: '/api/session', response: ok }),
};

/** The signed-in person's own password and sessions. */
export const accountApi = {
  changePassword: contract({
    method: 'POST',
    path: '/api/account/password',
    body: changePasswordRequest,
    response: ok,
  }),
  sessions: contract({ method: 'GET', path: '/api/account/sessions', response: accountSessionList }),
  endOtherSessions: contract({ method: 'DELETE', path: '/api/account/sessions', response: endedSessions }),
  endSession: contract({
    method: 'DELETE',
    path: '/api/account/sessions/:id',
    params: accountSessionParams,
    response: ok,
  }),
};

/** The colleagues' directory and their account invitations, implemented by the server's users feature. */
export const usersApi = {
  list: contract({ method: 'GET', path: '/api/users', response: userList }),
  invite: contract({
    method: 'POST',
    path: '/api/users',
    status: 201,
    body: createUserRequest,
    response: createUserResponse,
  }),
  update: contract({
    method: 'PATCH',
    path: '/api/users/:id',
    params: idParams,
    body: updateUserRequest,
    response: updateUserResponse,
  }),
  accountInvitationLink: contract({
    method: 'GET',
    path: '/api/users/:id/invitation',
    params: idParams,
    response: accountInvitationLink,
  }),
  resendAccountInvitation: contract({
    method: 'POST',
    path: '/api/users/:id/invitation',
    params: idParams,
    response: accountInvitationLink,
  }),
  acceptAccountInvitation: contract({
    method: 'POST',
    path: '/api/account-invitations/accept',
    body: acceptAccountInvitationRequest,
    response: sessionResponse,
  }),
};

/** First-run setup: the first admin, created once from the link printed at start-up. */
export const firstRunSetupApi = {
  status: contract({ method: 'GET', path: '/api/first-run-setup', response: firstRunSetupStatus }),
  complete: contract({
    method: 'POST',
    path: '/api/first-run-setup',
    status: 201,
    body: firstRunSetupRequest,
    response: sessionResponse,
  }),
};
