import {
  signInOptions,
  singleSignOnCallbackQuery,
  singleSignOnSettings,
  singleSignOnStartQuery,
  updateSingleSignOnSettings,
} from '@pairwise/domain';
import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import type { SingleSignOnService } from './service.ts';

export function singleSignOnRoutes(singleSignOn: SingleSignOnService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/auth/options',
      summary: 'How people sign in here: through the provider, with a password, or both',
      access: 'anonymous',
      response: signInOptions,
      handler: async () => singleSignOn.signInOptions(),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/auth/oidc/start',
      summary: 'Sign in through the OpenID Provider: redirects there',
      access: 'anonymous',
      query: singleSignOnStartQuery,
      response: z.null(),
      handler: async ({ query, reply }) => {
        const location = await singleSignOn.begin(reply, query.next ?? '/');
        return reply.redirect(location, 303);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/auth/oidc/callback',
      summary: "The provider's redirect back: signs in and goes on to the page the sign-in started from",
      access: 'anonymous',
      query: singleSignOnCallbackQuery,
      response: z.null(),
      handler: async ({ query, reply }) => reply.redirect(await singleSignOn.finish(reply, query), 303),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/admin/single-sign-on',
      summary: 'Single sign-on: groups mapped to roles and whether passwords still work (admin)',
      access: 'signed_in',
      response: singleSignOnSettings,
      handler: async ({ actor }) => singleSignOn.settings(actor),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/admin/single-sign-on',
      summary: 'Change the group → role mapping and the password policy (admin; audited)',
      access: 'signed_in',
      body: updateSingleSignOnSettings,
      response: singleSignOnSettings,
      handler: async ({ actor, body, request }) => singleSignOn.updateSettings(actor, body, request.ip),
    }),
  ];
}
