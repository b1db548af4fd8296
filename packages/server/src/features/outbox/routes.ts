import { idParams, outboxList, outboxListQuery, outboxMessage } from '@pairwise/domain';
import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import type { OutboxService } from './outbox.ts';

export function outboxRoutes(outbox: OutboxService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/outbox',
      summary: 'Outgoing messages, newest first, with their delivery state (admin)',
      access: 'signed_in',
      query: outboxListQuery,
      response: outboxList,
      handler: async ({ actor, query }) => outbox.list(actor, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/outbox/:id',
      summary: 'One message as sent: text, calendar part and full source (admin)',
      access: 'signed_in',
      params: idParams,
      response: z.object({ message: outboxMessage }),
      handler: async ({ actor, params }) => ({ message: await outbox.get(actor, params.id) }),
    }),
  ];
}
