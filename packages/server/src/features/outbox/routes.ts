import { outboxApi } from '@pairwise/domain';
import { implement } from '../../platform/http/route.ts';
import type { OutboxService } from './outbox.ts';

export function outboxRoutes(outbox: OutboxService) {
  return [
    implement(outboxApi.list, {
      summary: 'Outgoing messages, newest first, with their delivery state (admin)',
      access: 'signed_in',
      handler: async ({ actor, query }) => outbox.list(actor, query),
    }),
    implement(outboxApi.get, {
      summary: 'One message as sent: text, calendar part and full source (admin)',
      access: 'signed_in',
      handler: async ({ actor, params }) => ({ message: await outbox.get(actor, params.id) }),
    }),
  ];
}
