import { webhooksApi } from '@pairwise/domain';
import { implement } from '../../platform/http/route.ts';
import type { WebhooksService } from './service.ts';

/** Admin-only: webhook endpoints, their delivery log and redelivery. */
export function webhooksRoutes(webhooks: WebhooksService) {
  return [
    implement(webhooksApi.list, {
      summary: 'Webhook endpoints with the events each receives (admin)',
      access: 'signed_in',
      handler: async ({ actor }) => ({ endpoints: await webhooks.list(actor) }),
    }),
    implement(webhooksApi.create, {
      summary: 'Register a webhook endpoint; its signing secret is shown only in this answer (admin)',
      access: 'signed_in',
      handler: async ({ actor, body, request }) => webhooks.create(actor, body, request.ip),
    }),
    implement(webhooksApi.remove, {
      summary: 'Delete a webhook endpoint with its delivery log (admin)',
      access: 'signed_in',
      handler: async ({ actor, params, request }) => {
        await webhooks.remove(actor, params.id, request.ip);
        return { ok: true as const };
      },
    }),
    implement(webhooksApi.deliveries, {
      summary: "An endpoint's newest 100 deliveries with every attempt (admin)",
      access: 'signed_in',
      handler: async ({ actor, params }) => ({ deliveries: await webhooks.deliveries(actor, params.id) }),
    }),
    implement(webhooksApi.delivery, {
      summary: 'One delivery with every attempt, to follow a redelivery (admin)',
      access: 'signed_in',
      handler: async ({ actor, params }) => ({ delivery: await webhooks.delivery(actor, params.id) }),
    }),
    implement(webhooksApi.redeliver, {
      summary: 'Send a delivery again now, same body and id, freshly signed (admin)',
      access: 'signed_in',
      handler: async ({ actor, params, request }) => ({
        delivery: await webhooks.redeliver(actor, params.id, request.ip),
      }),
    }),
  ];
}
