import {
  createdWebhookEndpoint,
  createWebhookEndpointRequest,
  idParams,
  ok,
  webhookDeliveryList,
  webhookDeliveryResponse,
  webhookEndpointList,
} from '@pairwise/domain';
import { defineRoute } from '../../platform/http/route.ts';
import type { WebhooksService } from './service.ts';

/** Admin-only: webhook endpoints, their delivery log and redelivery. */
export function webhooksRoutes(webhooks: WebhooksService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/webhooks',
      summary: 'Webhook endpoints with the events each receives (admin)',
      access: 'signed_in',
      response: webhookEndpointList,
      handler: async ({ actor }) => ({ endpoints: await webhooks.list(actor) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/webhooks',
      summary: 'Register a webhook endpoint; its signing secret is shown only in this answer (admin)',
      access: 'signed_in',
      status: 201,
      body: createWebhookEndpointRequest,
      response: createdWebhookEndpoint,
      handler: async ({ actor, body, request }) => webhooks.create(actor, body, request.ip),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/webhooks/:id',
      summary: 'Delete a webhook endpoint with its delivery log (admin)',
      access: 'signed_in',
      params: idParams,
      response: ok,
      handler: async ({ actor, params, request }) => {
        await webhooks.remove(actor, params.id, request.ip);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/webhooks/:id/deliveries',
      summary: "An endpoint's newest 100 deliveries with every attempt (admin)",
      access: 'signed_in',
      params: idParams,
      response: webhookDeliveryList,
      handler: async ({ actor, params }) => ({ deliveries: await webhooks.deliveries(actor, params.id) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/webhook-deliveries/:id',
      summary: 'One delivery with every attempt, to follow a redelivery (admin)',
      access: 'signed_in',
      params: idParams,
      response: webhookDeliveryResponse,
      handler: async ({ actor, params }) => ({ delivery: await webhooks.delivery(actor, params.id) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/webhook-deliveries/:id/redeliver',
      summary: 'Send a delivery again now, same body and id, freshly signed (admin)',
      access: 'signed_in',
      status: 202,
      params: idParams,
      response: webhookDeliveryResponse,
      handler: async ({ actor, params, request }) => ({
        delivery: await webhooks.redeliver(actor, params.id, request.ip),
      }),
    }),
  ];
}
