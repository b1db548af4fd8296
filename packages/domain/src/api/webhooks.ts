import { z } from 'zod';
import { decisionOutcomes } from '../scorecard.ts';
import { id, idParams, ok } from './common.ts';
import { contract } from './contract.ts';

/**
 * What a webhook endpoint can subscribe to. Each is produced from the interview log (or, for
 * `candidate.erased`, from the erasure) in the same transaction as the change it reports.
 */
export const webhookEventTypes = [
  'interview.planned',
  'interview.invited',
  'interview.rescheduled',
  'interview.cancelled',
  'interview.pairing_ended',
  'interview.reported',
  'interview.decided',
  'candidate.erased',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];
export const webhookEventLabels: Record<WebhookEventType, string> = {
  'interview.planned': 'Interview planned',
  'interview.invited': 'Candidate invited',
  'interview.rescheduled': 'Interview rescheduled',
  'interview.cancelled': 'Interview cancelled',
  'interview.pairing_ended': 'Pairing ended',
  'interview.reported': 'Report written',
  'interview.decided': 'Decision made',
  'candidate.erased': 'Candidate erased',
};

/**
 * The `data` of each delivery. Ids and stages only; the candidate's name and email, and free
 * text that may quote them (a cancellation's reason), only for an endpoint allowed personal data.
 */
export const webhookCandidate = z.object({ name: z.string(), email: z.string() });
const interviewData = {
  interviewId: id,
  candidateId: id,
  positionId: id,
  stage: z.string(),
  /** Only for an endpoint allowed personal data. */
  candidate: webhookCandidate.optional(),
};
export const webhookEventData = {
  'interview.planned': z.object({ ...interviewData, startsAt: z.string(), timeZone: z.string() }),
  'interview.invited': z.object({ ...interviewData, startsAt: z.string() }),
  'interview.rescheduled': z.object({
    ...interviewData,
    previousStartsAt: z.string(),
    startsAt: z.string(),
    timeZone: z.string(),
  }),
  'interview.cancelled': z.object({ ...interviewData, reason: z.string().optional() }),
  'interview.pairing_ended': z.object({ ...interviewData, pairingLengthMinutes: z.number().nullable() }),
  'interview.reported': z.object(interviewData),
  'interview.decided': z.object({ ...interviewData, outcome: z.enum(decisionOutcomes) }),
  'candidate.erased': z.object({ candidateId: id }),
} satisfies Record<WebhookEventType, z.ZodObject>;

/** The body of every delivery; `id` is also the `Pairwise-Webhook-Id` header. */
export const webhookDeliveryBody = z.object({
  id,
  type: z.enum(webhookEventTypes),
  /** When the change happened (not when this attempt was made). */
  occurredAt: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookDeliveryBody = z.infer<typeof webhookDeliveryBody>;

export const webhookEndpoint = z.object({
  id,
  url: z.string(),
  description: z.string(),
  events: z.array(z.enum(webhookEventTypes)),
  personalData: z.boolean(),
  createdAt: z.string(),
  /** The last few deliveries' outcome, for the list. */
  lastDeliveryStatus: z.enum(['pending', 'delivered', 'failed']).nullable(),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpoint>;
export const webhookEndpointList = z.object({ endpoints: z.array(webhookEndpoint) });

export const createWebhookEndpointRequest = z.strictObject({
  url: z
    .string()
    .trim()
    .max(2_000)
    .regex(/^https?:\/\/[^\s]+$/i, 'An http:// or https:// URL.'),
  description: z.string().trim().max(200).default(''),
  events: z
    .array(z.enum(webhookEventTypes))
    .min(1, 'Choose at least one event.')
    .max(webhookEventTypes.length),
  /** The candidate's name and email, and reasons in free text, go only where this is true. */
  personalData: z.boolean().default(false),
});
export type CreateWebhookEndpointRequest = z.output<typeof createWebhookEndpointRequest>;
/** The signing secret is shown once, in this answer. */
export const createdWebhookEndpoint = z.object({ endpoint: webhookEndpoint, secret: z.string() });

export const webhookAttempt = z.object({
  attempt: z.number(),
  at: z.string(),
  /** null: no HTTP answer (refused, timed out, an address not allowed). */
  responseStatus: z.number().nullable(),
  durationMs: z.number(),
  error: z.string().nullable(),
});
export const webhookDelivery = z.object({
  id,
  endpointId: id,
  eventType: z.enum(webhookEventTypes),
  status: z.enum(['pending', 'delivered', 'failed']),
  createdAt: z.string(),
  /** When the next automatic attempt is due; null once delivered or given up. */
  nextAttemptAt: z.string().nullable(),
  attempts: z.array(webhookAttempt),
});
export type WebhookDelivery = z.infer<typeof webhookDelivery>;
export const webhookDeliveryList = z.object({ deliveries: z.array(webhookDelivery) });
export const webhookDeliveryResponse = z.object({ delivery: webhookDelivery });
export type CreatedWebhookEndpoint = z.infer<typeof createdWebhookEndpoint>;

/** Webhook endpoints, their delivery log and redelivery (admin), implemented by the webhooks feature. */
export const webhooksApi = {
  list: contract({ method: 'GET', path: '/api/webhooks', response: webhookEndpointList }),
  create: contract({
    method: 'POST',
    path: '/api/webhooks',
    status: 201,
    body: createWebhookEndpointRequest,
    response: createdWebhookEndpoint,
  }),
  remove: contract({ method: 'DELETE', path: '/api/webhooks/:id', params: idParams, response: ok }),
  deliveries: contract({
    method: 'GET',
    path: '/api/webhooks/:id/deliveries',
    params: idParams,
    response: webhookDeliveryList,
  }),
  delivery: contract({
    method: 'GET',
    path: '/api/webhook-deliveries/:id',
    params: idParams,
    response: webhookDeliveryResponse,
  }),
  redeliver: contract({
    method: 'POST',
    path: '/api/webhook-deliveries/:id/redeliver',
    status: 202,
    params: idParams,
    response: webhookDeliveryResponse,
  }),
};
