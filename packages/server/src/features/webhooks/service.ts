import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import {
  AppError,
  type CreateWebhookEndpointRequest,
  forbidden,
  notFound,
  type WebhookDelivery,
  type WebhookDeliveryBody,
  type WebhookEndpoint,
  type WebhookEventType,
} from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import { randomToken } from '../../platform/auth/tokens.ts';
import { type Clock, utcNow } from '../../platform/clock.ts';
import { toJsonColumn } from '../../platform/db/json-column.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { JobDefinition, JobQueue } from '../../platform/jobs/job-queue.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { InterviewEventLog, InterviewEventRecord } from '../interviews/event-log.ts';
import { allowedByAdmin, isPublicAddress } from '../task-snapshots/git-destination.ts';
import type { WebhooksRepository } from './repository.ts';
import { checkedLookup, checkWebhookUrl } from './webhook-destination.ts';
import { DELIVERY_ID_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook } from './webhook-signature.ts';

type Trx = Kysely<Database>;

/** Automatic attempts stop this long after the event; *Redeliver* still works afterwards. */
export const RETRY_WINDOW_HOURS = 24;
const MAX_ENDPOINTS = 20;

/** 30 s, 2 min, 8 min, 32 min, ~2 h, then every 4 h: about ten attempts in the 24 hours. */
export function webhookRetryDelaySeconds(attemptsMade: number): number {
  return Math.min(4 * 3600, 30 * 4 ** (attemptsMade - 1));
}

/** Which interview event becomes which webhook event. */
const FROM_INTERVIEW_EVENT: Partial<Record<InterviewEventRecord['type'], WebhookEventType>> = {
  planned: 'interview.planned',
  invited: 'interview.invited',
  rescheduled: 'interview.rescheduled',
  cancelled: 'interview.cancelled',
  wrap: 'interview.pairing_ended',
  reported: 'interview.reported',
  decided: 'interview.decided',
};

export interface WebhooksOptions {
  /** Non-public destinations an operator allowed (WEBHOOK_ALLOW_HOSTS). */
  allowed: readonly string[];
  clock: Clock;
  /** Each attempt's limit; well inside the job lease, so a slow receiver is never sent to twice. */
  timeoutMs: number;
}

const requireAdmin = (actor: Actor) => {
  if (!hasRole(actor, 'admin')) throw forbidden('Only an admin can manage webhooks.');
};

/**
 * Signed webhooks. A delivery row and its job are written in the transaction that records the
 * change (the interview event, the erasure), so a crash before the commit loses both and one after
 * it loses neither. The job queue hands each job to one node; the receiver deduplicates the rare
 * repeat (a node that died after sending but before recording) by the delivery id.
 */
export class WebhooksService {
  readonly deliverJob: JobDefinition<
    z.ZodObject<{ deliveryId: z.ZodString; manual: z.ZodOptional<z.ZodBoolean> }>
  >;

  constructor(
    private readonly repository: WebhooksRepository,
    private readonly jobs: JobQueue,
    private readonly audit: AuditLog,
    private readonly options: WebhooksOptions,
  ) {
    this.deliverJob = {
      type: 'webhook.deliver',
      payload: z.object({ deliveryId: z.string(), manual: z.boolean().optional() }),
      // An HTTP failure is an attempt recorded, not a job failure; this counts database trouble only.
      maxAttempts: 3,
      handle: ({ deliveryId, manual }) => this.attempt(deliveryId, manual === true),
    };
    jobs.define(this.deliverJob);
  }

  subscribe(events: InterviewEventLog): void {
    events.onRecorded((event, trx) => this.interviewEventRecorded(event, trx));
  }

  async list(actor: Actor): Promise<WebhookEndpoint[]> {
    requireAdmin(actor);
    return this.repository.listEndpoints();
  }

  async create(
    actor: Actor,
    request: CreateWebhookEndpointRequest,
    ip: string,
  ): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    requireAdmin(actor);
    await checkWebhookUrl(request.url, { allowed: this.options.allowed });
    if ((await this.repository.listEndpoints()).length >= MAX_ENDPOINTS) {
      throw new AppError('conflict', `There are ${MAX_ENDPOINTS} endpoints already; delete one first.`);
    }
    const secret = `whsec_${randomToken()}`;
    const row = {
      id: randomUUID(),
      url: request.url,
      description: request.description,
      events: toJsonColumn([...new Set(request.events)]),
      personal_data: request.personalData ? 1 : 0,
      secret,
      created_by: actor.id,
      created_at: utcNow(this.options.clock).toISO(),
    };
    await this.repository.insertEndpoint(row);
    await this.audit.record({
      actor,
      action: 'webhook.created',
      subjectType: 'webhook_endpoint',
      subjectId: row.id,
      ip,
      detail: { url: request.url, events: request.events, personalData: request.personalData },
    });
    return {
      secret,
      endpoint: {
        id: row.id,
        url: row.url,
        description: row.description,
        events: [...new Set(request.events)],
        personalData: request.personalData,
        createdAt: row.created_at,
        lastDeliveryStatus: null,
      },
    };
  }

  async remove(actor: Actor, id: string, ip: string): Promise<void> {
    requireAdmin(actor);
    if (!(await this.repository.deleteEndpoint(id))) throw notFound('Webhook endpoint');
    await this.audit.record({
      actor,
      action: 'webhook.deleted',
      subjectType: 'webhook_endpoint',
      subjectId: id,
      ip,
    });
  }

  async deliveries(actor: Actor, endpointId: string): Promise<WebhookDelivery[]> {
    requireAdmin(actor);
    if (!(await this.repository.endpoint(endpointId))) throw notFound('Webhook endpoint');
    return this.repository.deliveries(endpointId, 100);
  }

  async delivery(actor: Actor, id: string): Promise<WebhookDelivery> {
    requireAdmin(actor);
    const delivery = await this.repository.deliveryWithAttempts(id);
    if (!delivery) throw notFound('Delivery');
    return delivery;
  }

  /** Sends the same body again, with a fresh signature and the same id, whatever its status. */
  async redeliver(actor: Actor, id: string, ip: string): Promise<WebhookDelivery> {
    requireAdmin(actor);
    const now = utcNow(this.options.clock).toISO();
    await this.repository.transaction(async (trx) => {
      if (!(await this.repository.delivery(id, trx))) throw notFound('Delivery');
      await this.repository.markPending(id, now, trx);
      await this.jobs.enqueue(
        this.deliverJob,
        { deliveryId: id, manual: true },
        { dedupeKey: `webhook:${id}:manual:${randomUUID()}` },
        trx,
      );
    });
    await this.audit.record({
      actor,
      action: 'webhook.redelivered',
      subjectType: 'webhook_delivery',
      subjectId: id,
      ip,
    });
    return (await this.repository.deliveryWithAttempts(id))!;
  }

  /** Called inside the erasure's transaction: receivers learn to erase their copy too, and the log forgets them. */
  async candidateErased(candidateId: string, at: string, trx: Trx): Promise<void> {
    await this.repository.forgetCandidate(candidateId, trx);
    const endpoints = await this.repository.subscribers('candidate.erased', trx);
    for (const endpoint of endpoints) {
      await this.queueDelivery(endpoint.id, 'candidate.erased', at, { candidateId }, trx);
    }
  }

  private async interviewEventRecorded(event: InterviewEventRecord, trx: Trx): Promise<void> {
    const type = FROM_INTERVIEW_EVENT[event.type];
    if (!type) return;
    const endpoints = await this.repository.subscribers(type, trx);
    if (endpoints.length === 0) return;
    const interview = await this.repository.interviewForEvent(event.interviewId, trx);
    const base = {
      interviewId: event.interviewId,
      candidateId: interview.candidate_id,
      positionId: interview.position_id,
      stage: 'to' in event.payload ? event.payload.to : 'planned',
    };
    // Everything here is an id, a stage, a time or a closed choice, except where marked personal.
    const { data, personal } = ((): { data: Record<string, unknown>; personal: Record<string, unknown> } => {
      switch (event.type) {
        case 'planned':
          return { data: { startsAt: interview.starts_at, timeZone: interview.time_zone }, personal: {} };
        case 'invited':
          return { data: { startsAt: interview.starts_at }, personal: {} };
        case 'rescheduled':
          return {
            data: {
              previousStartsAt: event.payload.previousStartsAt,
              startsAt: event.payload.startsAt,
              timeZone: event.payload.timeZone,
            },
            // "candidate_unwell" is health information.
            personal: { reason: event.payload.reason },
          };
        case 'cancelled':
          return { data: {}, personal: event.payload.reason ? { reason: event.payload.reason } : {} };
        case 'wrap':
          return { data: { pairingLengthMinutes: event.payload.pairingLengthMinutes }, personal: {} };
        case 'decided':
          return { data: { outcome: event.payload.outcome }, personal: {} };
        default:
          return { data: {}, personal: {} };
      }
    })();
    for (const endpoint of endpoints) {
      const withPersonal = endpoint.personalData
        ? { ...personal, candidate: { name: interview.name, email: interview.email } }
        : {};
      await this.queueDelivery(endpoint.id, type, event.at, { ...base, ...data, ...withPersonal }, trx);
    }
  }

  private async queueDelivery(
    endpointId: string,
    type: WebhookEventType,
    occurredAt: string,
    data: Record<string, unknown>,
    trx: Trx,
  ): Promise<void> {
    const id = randomUUID();
    const body: WebhookDeliveryBody = { id, type, occurredAt, data };
    const now = utcNow(this.options.clock).toISO();
    await this.repository.insertDelivery(
      {
        id,
        endpoint_id: endpointId,
        event_type: type,
        body: toJsonColumn(body),
        status: 'pending',
        created_at: now,
        next_attempt_at: now,
      },
      trx,
    );
    await this.jobs.enqueue(this.deliverJob, { deliveryId: id }, { dedupeKey: `webhook:${id}:1` }, trx);
  }

  /** One attempt: send, record the answer, and schedule the next attempt while the window lasts. */
  private async attempt(deliveryId: string, manual: boolean): Promise<void> {
    const delivery = await this.repository.delivery(deliveryId);
    // A job taken over after a crash between sending and recording finds the delivery done.
    if (!delivery || (delivery.status !== 'pending' && !manual)) return;
    const endpoint = await this.repository.endpoint(delivery.endpoint_id);
    if (!endpoint) return;
    const now = utcNow(this.options.clock);
    const result = await this.post(endpoint.url, endpoint.secret, delivery, now);
    const delivered = result.status !== null && result.status >= 200 && result.status < 300;
    await this.repository.transaction(async (trx) => {
      // The attempt row is written first, numbering itself: on SQLite a transaction that read
      // before its first write fails with "database is locked" when another node wrote meanwhile,
      // and a failed record would send the delivery a second time.
      const attempt = await this.repository.insertAttempt(
        {
          delivery_id: deliveryId,
          at: now.toISO(),
          response_status: result.status,
          duration_ms: result.durationMs,
          error: result.error,
        },
        trx,
      );
      let status: 'pending' | 'delivered' | 'failed' = delivered ? 'delivered' : 'failed';
      let next: DateTime<true> | null = null;
      if (!delivered && !manual) {
        const candidate = now.plus({ seconds: webhookRetryDelaySeconds(attempt) });
        const windowEnds = DateTime.fromISO(delivery.created_at, { zone: 'utc' }).plus({
          hours: RETRY_WINDOW_HOURS,
        });
        if (candidate <= windowEnds) {
          status = 'pending';
          next = candidate;
          await this.jobs.enqueue(
            this.deliverJob,
            { deliveryId },
            { runAt: candidate.toJSDate(), dedupeKey: `webhook:${deliveryId}:${attempt + 1}` },
            trx,
          );
        }
      }
      await this.repository.settle(deliveryId, { status, nextAttemptAt: next?.toISO() ?? null }, trx);
    });
  }

  private post(
    url: string,
    secret: string,
    delivery: Database['webhook_deliveries'],
    now: DateTime<true>,
  ): Promise<{ status: number | null; durationMs: number; error: string | null }> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const target = new URL(url);
    const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
    // A literal address never reaches the lookup below, so it is checked here.
    if (isIP(host) && !isPublicAddress(host) && !allowedByAdmin(host, host, this.options.allowed)) {
      return Promise.resolve({
        status: null,
        durationMs: 0,
        error: `${host} is not an address webhooks may reach`,
      });
    }
    const timestamp = Math.floor(now.toSeconds());
    const transport = target.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      const request = transport.request(
        target,
        {
          method: 'POST',
          // No keep-alive pool: each attempt resolves and checks the address again.
          agent: false,
          lookup: checkedLookup({ allowed: this.options.allowed }) as never,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(delivery.body),
            'user-agent': 'Pairwise-Webhooks/1',
            [SIGNATURE_HEADER]: signWebhook(secret, timestamp, delivery.body),
            [DELIVERY_ID_HEADER]: delivery.id,
            [EVENT_HEADER]: delivery.event_type,
          },
        },
        (response) => {
          // Only the status counts; the body is read and dropped so the socket closes cleanly.
          response.resume();
          response.on('end', () =>
            resolve({ status: response.statusCode ?? null, durationMs: elapsed(), error: null }),
          );
          response.on('error', () =>
            resolve({ status: response.statusCode ?? null, durationMs: elapsed(), error: null }),
          );
        },
      );
      request.setTimeout(this.options.timeoutMs, () =>
        request.destroy(new Error(`no answer within ${this.options.timeoutMs / 1000} s`)),
      );
      request.on('error', (error) =>
        resolve({ status: null, durationMs: elapsed(), error: error.message.slice(0, 500) }),
      );
      request.end(delivery.body);
    });
  }
}
