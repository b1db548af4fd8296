import { singleSignOnApi, singleSignOnCallbackQuery, singleSignOnStartQuery } from '@pairwise/domain';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { type SessionStore, sessionClient } from '../../platform/auth/sessions.ts';
import { defineRoute, implement } from '../../platform/http/route.ts';
import {
  SIGN_IN_COOKIE,
  SIGN_IN_COOKIE_PATH,
  SIGN_IN_MINUTES,
  type SignInStep,
  type SingleSignOnService,
} from './service.ts';

export function singleSignOnRoutes(
  singleSignOn: SingleSignOnService,
  sessions: SessionStore,
  options: { secureCookies: boolean },
) {
  /** The service says where to go and which sign-in or session it started; cookies are set here. */
  const redirect = (reply: FastifyReply, step: SignInStep) => {
    if (step.pendingSignIn) {
      reply.setCookie(SIGN_IN_COOKIE, step.pendingSignIn, {
        path: SIGN_IN_COOKIE_PATH,
        httpOnly: true,
        // Lax: the provider's redirect back is a top-level navigation from another site.
        sameSite: 'lax',
        secure: options.secureCookies,
        maxAge: SIGN_IN_MINUTES * 60,
      });
    }
    if (step.session) sessions.setCookie(reply, step.session);
    return reply.redirect(step.location, 303);
  };
  return [
    implement(singleSignOnApi.signInOptions, {
      summary: 'How people sign in here: through the provider, with a password, or both',
      access: 'anonymous',
      handler: async () => singleSignOn.signInOptions(),
    }),
    // The provider's start and callback are browser navigations answered with a redirect, not
    // JSON, so they have no contract.
    defineRoute({
      method: 'GET',
      url: '/api/auth/oidc/start',
      summary: 'Sign in through the OpenID Provider: redirects there',
      access: 'anonymous',
      query: singleSignOnStartQuery,
      response: z.null(),
      handler: async ({ query, request, reply }) =>
        redirect(reply, await singleSignOn.begin(query.next ?? '/', request.ip)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/auth/oidc/callback',
      summary: "The provider's redirect back: signs in and goes on to the page the sign-in started from",
      access: 'anonymous',
      query: singleSignOnCallbackQuery,
      response: z.null(),
      handler: async ({ query, request, reply }) => {
        const step = await singleSignOn.finish(query, {
          ...sessionClient(request),
          pendingSignIn: request.cookies[SIGN_IN_COOKIE],
          url: request.url,
        });
        // The pending sign-in is used once, whatever the answer. Cleared only once the service
        // has answered, so a server without single sign-on answers its 404 and sets no cookie.
        reply.clearCookie(SIGN_IN_COOKIE, { path: SIGN_IN_COOKIE_PATH });
        return redirect(reply, step);
      },
    }),
    implement(singleSignOnApi.settings, {
      summary: 'Single sign-on: groups mapped to roles and whether passwords still work (admin)',
      access: 'signed_in',
      handler: async ({ actor }) => singleSignOn.settings(actor),
    }),
    implement(singleSignOnApi.updateSettings, {
      summary: 'Change the group → role mapping and the password policy (admin; audited)',
      access: 'signed_in',
      handler: async ({ actor, body, request }) => singleSignOn.updateSettings(actor, body, request.ip),
    }),
  ];
}
