import {
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEventType,
  webhookEventTypes,
} from '@pairwise/domain';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { parseJsonColumn } from '../../platform/db/json-column.ts';
import type { Database } from '../../platform/db/schema.ts';

type Executor = Kysely<Database>;
type EndpointRow = Database['webhook_endpoints'];

const eventsColumn = z.array(z.enum(webhookEventTypes));

export interface StoredEndpoint {
  id: string;
  url: string;
  secret: string;
  events: WebhookEventType[];
  personalData: boolean;
}

const toStored = (row: EndpointRow): StoredEndpoint => ({
  id: row.id,
  url: row.url,
  secret: row.secret,
  events: parseJsonColumn(eventsColumn, row.events),
  personalData: row.personal_data === 1,
});

/** Webhook endpoints, their deliveries and each attempt: all SQL of the feature. */
export class WebhooksRepository {
  constructor(private readonly db: Db) {}

  /** One transaction for a service's steps, so a delivery and its job commit together. */
  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  /** What a webhook says about the interview an event happened on, read in the event's transaction. */
  interviewForEvent(interviewId: string, trx: Executor) {
    return trx
      .selectFrom('interviews')
      .innerJoin('candidates', 'candidates.id', 'interviews.candidate_id')
      .select([
        'interviews.candidate_id',
        'interviews.position_id',
        'interviews.starts_at',
        'interviews.time_zone',
        'candidates.name',
        'candidates.email',
      ])
      .where('interviews.id', '=', interviewId)
      .executeTakeFirstOrThrow();
  }

  async insertEndpoint(row: EndpointRow): Promise<void> {
    await this.db.insertInto('webhook_endpoints').values(row).execute();
  }

  async listEndpoints(): Promise<WebhookEndpoint[]> {
    const rows = await this.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .orderBy('created_at', 'desc')
      .execute();
    const endpoints: WebhookEndpoint[] = [];
    for (const row of rows) {
      const last = await this.db
        .selectFrom('webhook_deliveries')
        .select('status')
        .where('endpoint_id', '=', row.id)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      endpoints.push({ ...toEndpoint(row), lastDeliveryStatus: last?.status ?? null });
    }
    return endpoints;
  }

  /** The endpoints that want `type`, read in the transaction that records the event. */
  async subscribers(type: WebhookEventType, trx: Executor): Promise<StoredEndpoint[]> {
    const rows = await trx.selectFrom('webhook_endpoints').selectAll().execute();
    return rows.map(toStored).filter((endpoint) => endpoint.events.includes(type));
  }

  async endpoint(id: string): Promise<StoredEndpoint | undefined> {
    const row = await this.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toStored(row);
  }

  async deleteEndpoint(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const ids = trx.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', id);
      await trx.deleteFrom('webhook_attempts').where('delivery_id', 'in', ids).execute();
      await trx.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
      const result = await trx.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  /**
   * An erased candidate's earlier deliveries go with them: an endpoint allowed personal data had
   * their name and email in the stored body. Ids are UUIDs, so the pattern matches only theirs.
   */
  async forgetCandidate(candidateId: string, trx: Executor): Promise<void> {
    const ids = trx
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('body', 'like', `%"candidateId":"${candidateId}"%`);
    await trx.deleteFrom('webhook_attempts').where('delivery_id', 'in', ids).execute();
    await trx
      .deleteFrom('webhook_deliveries')
      .where('body', 'like', `%"candidateId":"${candidateId}"%`)
      .execute();
  }

  async insertDelivery(row: Database['webhook_deliveries'], trx: Executor): Promise<void> {
    await trx.insertInto('webhook_deliveries').values(row).execute();
  }

  async delivery(id: string, executor: Executor = this.db) {
    return executor.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Records an attempt numbered one past the last, in one statement; returns its number. */
  async insertAttempt(
    attempt: Omit<Database['webhook_attempts'], 'attempt'>,
    trx: Executor,
  ): Promise<number> {
    const row = await trx
      .insertInto('webhook_attempts')
      .columns(['delivery_id', 'attempt', 'at', 'response_status', 'duration_ms', 'error'])
      .expression((eb) =>
        eb
          .selectFrom('webhook_attempts')
          .select((inner) => [
            inner.val(attempt.delivery_id).as('delivery_id'),
            sql<number>`coalesce(max(attempt), 0) + 1`.as('attempt'),
            inner.val(attempt.at).as('at'),
            // Typed, or PostgreSQL reads a parameter in a select list as text.
            sql<number | null>`cast(${attempt.response_status} as integer)`.as('response_status'),
            sql<number>`cast(${attempt.duration_ms} as integer)`.as('duration_ms'),
            inner.val(attempt.error).as('error'),
          ])
          .where('delivery_id', '=', attempt.delivery_id),
      )
      .returning('attempt')
      .executeTakeFirstOrThrow();
    return Number(row.attempt);
  }

  async settle(
    deliveryId: string,
    outcome: { status: 'pending' | 'delivered' | 'failed'; nextAttemptAt: string | null },
    trx: Executor,
  ): Promise<void> {
    await trx
      .updateTable('webhook_deliveries')
      .set({ status: outcome.status, next_attempt_at: outcome.nextAttemptAt })
      .where('id', '=', deliveryId)
      .execute();
  }

  async markPending(deliveryId: string, nextAttemptAt: string, trx: Executor): Promise<void> {
    await trx
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', next_attempt_at: nextAttemptAt })
      .where('id', '=', deliveryId)
      .execute();
  }

  /** The newest deliveries of one endpoint with their attempts, for the delivery log. */
  async deliveries(endpointId: string, limit: number): Promise<WebhookDelivery[]> {
    const rows = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('endpoint_id', '=', endpointId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    if (rows.length === 0) return [];
    const attempts = await this.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where(
        'delivery_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('attempt')
      .execute();
    return rows.map((row) => toDelivery(row, attempts));
  }

  async deliveryWithAttempts(id: string): Promise<WebhookDelivery | undefined> {
    const row = await this.delivery(id);
    if (!row) return undefined;
    const attempts = await this.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('delivery_id', '=', id)
      .orderBy('attempt')
      .execute();
    return toDelivery(row, attempts);
  }
}

function toEndpoint(row: EndpointRow): Omit<WebhookEndpoint, 'lastDeliveryStatus'> {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: parseJsonColumn(eventsColumn, row.events),
    personalData: row.personal_data === 1,
    createdAt: row.created_at,
  };
}

function toDelivery(
  row: Database['webhook_deliveries'],
  attempts: Array<Database['webhook_attempts']>,
): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventType: row.event_type as WebhookEventType,
    status: row.status,
    createdAt: row.created_at,
    nextAttemptAt: row.next_attempt_at,
    attempts: attempts
      .filter((attempt) => attempt.delivery_id === row.id)
      .map((attempt) => ({
        attempt: Number(attempt.attempt),
        at: attempt.at,
        responseStatus: attempt.response_status === null ? null : Number(attempt.response_status),
        durationMs: Number(attempt.duration_ms),
        error: attempt.error,
      })),
  };
}
