import { firstRunSetupApi } from '@pairwise/domain';
import { type SessionStore, sessionClient } from '../../platform/auth/sessions.ts';
import { implement } from '../../platform/http/route.ts';
import type { FirstRunSetupService } from './service.ts';

export function firstRunSetupRoutes(setup: FirstRunSetupService, sessions: SessionStore) {
  return [
    implement(firstRunSetupApi.status, {
      summary: 'Whether the first admin still has to be created',
      access: 'anonymous',
      handler: async () => ({ needed: await setup.needed() }),
    }),
    implement(firstRunSetupApi.complete, {
      summary: 'Create the first admin from the one-time setup link',
      access: 'anonymous',
      handler: async ({ body, request, reply }) => {
        const { user, session } = await setup.complete(body, sessionClient(request));
        sessions.setCookie(reply, session);
        return { user };
      },
    }),
  ];
}
