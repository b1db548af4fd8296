import { randomUUID } from 'node:crypto';
import {
  forbidden,
  notFound,
  type OutboxList,
  type OutboxMessage,
  type OutboxStatus,
  type outboxListQuery,
} from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import { toPage } from '../../platform/db/keyset.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { JobDefinition, JobQueue } from '../../platform/jobs/job-queue.ts';
import type { Mailer, OutgoingMail } from '../../platform/mail/mailer.ts';
import { type OutboxRepository, type OutboxRow, parseEnvelope } from './outbox-repository.ts';

/** Messages to the candidate: their replies go to the organisation's reply-to address when it has one. */
const candidateKinds: ReadonlySet<OutboxKind> = new Set([
  'invitation',
  'invitation_update',
  'cancellation',
  'accommodation_answer',
  'day_before_reminder',
  'decision_message',
]);

/** The organisation's name and reply-to address, read in the transaction that enqueues. */
export type OrganisationSender = (
  trx: Kysely<Database>,
) => Promise<{ organisationName: string | null; replyTo: string | null }>;

/** What a message is about; the admin's outbox groups and filters by it. */
export type OutboxKind =
  | 'invitation'
  | 'invitation_update'
  | 'cancellation'
  | 'accommodation_answer'
  | 'interviewer_block'
  | 'candidate_response'
  | 'accommodation_request'
  | 'deadline_reminder'
  | 'day_before_reminder'
  | 'prep_reminder'
  | 'decision_message'
  | 'impression_reported'
  | 'colleague_invitation'
  | 'slot_offer';

export interface EnqueueMail {
  kind: OutboxKind;
  interviewId: string | null;
  /** A second enqueue with the same key is ignored (e.g. one reminder per interview and deadline). */
  dedupeKey?: string;
  mail: Omit<OutgoingMail, 'messageId' | 'date'>;
}

const sendPayload = z.object({ outboxId: z.string() });
const MAX_SEND_ATTEMPTS = 8;

/**
 * The durable outbox every message goes through.
 *
 * A message is rendered once, when its cause commits (the same transaction as the interview
 * change), and stored with its Message-ID, envelope and RFC 822 source, .ics parts included.
 * Without SMTP it stays here for an admin to read (`kept`). With SMTP a job sends the stored
 * bytes: the row is marked `sending` under the job attempt's lease before talking to the server
 * and `sent` after it accepted.
 *
 * Delivery guarantee: a crash before the server accepted the message (including one between
 * enqueue and send) leads to exactly one delivery after restart, because the job and the row
 * survive in the database and the retry sends the same rendering. A crash in the short window
 * after the server accepted and before the row is marked `sent` leads to a second delivery of
 * the identical message, with the same Message-ID, which mail systems and clients use to spot
 * duplicates. SMTP offers no way to close that window from the sending side.
 */
export class OutboxService {
  readonly sendJob: JobDefinition<typeof sendPayload>;

  constructor(
    private readonly repository: OutboxRepository,
    private readonly mailer: Mailer,
    private readonly jobs: JobQueue,
    private readonly organisation?: OrganisationSender,
  ) {
    this.sendJob = {
      type: 'outbox.send',
      payload: sendPayload,
      maxAttempts: MAX_SEND_ATTEMPTS,
      handle: ({ outboxId }, job) => this.send(outboxId, job),
    };
    jobs.define(this.sendJob);
  }

  /** The sender as a calendar organizer, for invites Pairwise itself organizes. */
  get sender(): { name: string; email: string } {
    const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(this.mailer.from);
    if (match) return { name: match[1]?.trim() || 'Pairwise', email: match[2]!.trim() };
    return { name: 'Pairwise', email: this.mailer.from.trim() };
  }

  /** Renders and stores a message inside the caller's transaction; returns its outbox id. */
  async enqueue(input: EnqueueMail, trx: Kysely<Database>): Promise<string | null> {
    const id = randomUUID();
    const sender = (await this.organisation?.(trx)) ?? { organisationName: null, replyTo: null };
    const mail: EnqueueMail['mail'] = {
      ...input.mail,
      ...(sender.organisationName && !input.mail.fromName ? { fromName: sender.organisationName } : {}),
      ...(sender.replyTo && candidateKinds.has(input.kind)
        ? { replyTo: { name: sender.organisationName ?? '', address: sender.replyTo } }
        : {}),
    };
    const rendered = await this.mailer.render({ ...mail, messageId: id, date: new Date() });
    const status: OutboxStatus = this.mailer.mode === 'smtp' ? 'queued' : 'kept';
    const inserted = await this.repository.insert(
      {
        id,
        kind: input.kind,
        interview_id: input.interviewId,
        dedupe_key: input.dedupeKey ?? null,
        message_id: rendered.messageId,
        envelope: JSON.stringify(rendered.envelope),
        subject: rendered.subject,
        raw: rendered.raw,
        text_body: input.mail.text,
        calendar_method: input.mail.icalEvent?.method ?? null,
        calendar: input.mail.icalEvent?.content ?? null,
        status,
        attempts: 0,
        lease: null,
        last_error: null,
        smtp_response: null,
        created_at: DateTime.utc().toISO(),
        sending_at: null,
        sent_at: null,
        recipient: rendered.envelope.to[0]?.toLowerCase() ?? null,
      },
      trx,
    );
    if (!inserted) return null;
    if (status === 'queued') {
      await this.jobs.enqueue(this.sendJob, { outboxId: id }, { dedupeKey: `outbox.send:${id}` }, trx);
    }
    return id;
  }

  private async send(outboxId: string, job: { id: string; attempt: number }): Promise<void> {
    const row = await this.repository.find(outboxId);
    if (!row || row.status === 'sent' || row.status === 'kept') return;
    // Unique per try, also when a crashed try left the job's attempt counter unchanged.
    const lease = `${job.id}#${job.attempt}#${randomUUID()}`;
    if (!(await this.repository.markSending(outboxId, lease))) return;
    try {
      const result = await this.mailer.sendRendered({
        messageId: row.message_id,
        envelope: parseEnvelope(row.envelope),
        subject: row.subject,
        raw: row.raw,
      });
      if (!result.delivered) throw new Error('The mail server accepted no recipient.');
      await this.repository.markSent(outboxId, lease, result.response ?? null);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.repository.markAttemptFailed(outboxId, lease, message, job.attempt >= MAX_SEND_ATTEMPTS);
      throw error;
    }
  }

  async list(actor: Actor, query: z.output<typeof outboxListQuery>): Promise<OutboxList> {
    if (!hasRole(actor, 'admin')) throw forbidden('Only an admin reads the outbox.');
    const page = toPage(await this.repository.list(query), query.limit, (row) => [row.created_at, row.id]);
    return {
      mode: this.mailer.mode,
      target: this.mailer.target,
      nextCursor: page.nextCursor,
      messages: page.rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        interviewId: row.interview_id,
        to: parseEnvelope(row.envelope).to,
        subject: row.subject,
        status: row.status as OutboxStatus,
        attempts: row.attempts,
        lastError: row.last_error,
        calendarMethod: row.calendar_method,
        createdAt: row.created_at,
        sentAt: row.sent_at,
      })),
    };
  }

  async get(actor: Actor, id: string): Promise<OutboxMessage> {
    if (!hasRole(actor, 'admin')) throw forbidden('Only an admin reads the outbox.');
    const row = await this.repository.find(id);
    if (!row) throw notFound('Message');
    return toMessage(row);
  }
}

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    kind: row.kind,
    interviewId: row.interview_id,
    to: parseEnvelope(row.envelope).to,
    subject: row.subject,
    status: row.status as OutboxStatus,
    attempts: row.attempts,
    lastError: row.last_error,
    calendarMethod: row.calendar_method,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    messageId: row.message_id,
    text: row.text_body,
    calendar: row.calendar,
    raw: row.raw,
    smtpResponse: row.smtp_response,
  };
}
