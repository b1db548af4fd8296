import { sessionResponse, setupRequest, setupStatus } from '@pairwise/domain';
import { defineRoute } from '../../platform/http/route.ts';
import type { SetupService } from './service.ts';

export function setupRoutes(setup: SetupService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/setup',
      summary: 'Whether the first admin still has to be created',
      access: 'anonymous',
      response: setupStatus,
      handler: async () => ({ needed: await setup.needed() }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/setup',
      summary: 'Create the first admin from the one-time setup link',
      access: 'anonymous',
      status: 201,
      body: setupRequest,
      response: sessionResponse,
      handler: async ({ body, reply }) => ({ user: await setup.complete(reply, body) }),
    }),
  ];
}
