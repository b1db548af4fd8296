import { randomUUID } from 'node:crypto';
import { type AuditEntry, type AuditQuery, auditEntry, forbidden } from '@pairwise/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import { parseJsonColumn } from '../../platform/db/json-column.ts';
import { toPage } from '../../platform/db/keyset.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { InterviewEventLog } from '../interviews/event-log.ts';
import type { AuditRepository, AuditRow } from './repository.ts';

export interface AuditInput {
  actor: Pick<Actor, 'id' | 'email'> | null;
  /** Who acted when there is no signed-in actor: the email tried, "candidate", "system". */
  actorLabel?: string;
  action: string;
  subjectType?: string;
  subjectId?: string;
  candidateId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

// Interview-scoped routes carry candidate data (notes, report, repository, scorecards).
const INTERVIEW_ROUTE = /^\/api\/interviews\/:id(\/|$)/;
// Other staff reads of personal data: the candidate directory and the copies of sent mail.
const PERSONAL_DATA_READS: Record<string, { action: string; subjectType: string }> = {
  '/api/candidates': { action: 'candidates.read', subjectType: 'candidates' },
  '/api/outbox': { action: 'outbox.read', subjectType: 'outbox' },
  '/api/outbox/:id': { action: 'outbox.read', subjectType: 'outbox_message' },
};

/**
 * Who did what to which candidate's data, when and from where. Staff reads and changes are
 * recorded at the HTTP edge (one hook covers every interview-scoped route, including ones added
 * later); changes by anyone, including candidates and jobs, through the interview event log.
 */
export class AuditLog {
  constructor(private readonly entries: AuditRepository) {}

  async record(input: AuditInput, trx?: Kysely<Database>): Promise<void> {
    await this.entries.insert(this.row(input), trx);
  }

  private row(input: AuditInput): AuditRow {
    return {
      id: randomUUID(),
      // The same ISO-8601 UTC text as Luxon's, without a DateTime on every audited request.
      at: new Date().toISOString(),
      actor_id: input.actor?.id ?? null,
      actor_label: input.actor?.email ?? input.actorLabel ?? 'anonymous',
      action: input.action,
      subject_type: input.subjectType ?? null,
      subject_id: input.subjectId ?? null,
      candidate_id: input.candidateId ?? null,
      ip: input.ip ?? null,
      detail: JSON.stringify(input.detail ?? {}),
    };
  }

  /** Requests whose handler wrote their entry in its own transaction (`inTransaction`). */
  private readonly writtenByHandler = new WeakSet<FastifyRequest>();

  /**
   * The entry the edge would write for this interview request, for a handler to write in the
   * transaction of its change instead: the live note save commits once (one fsync) rather than
   * twice, and the entry cannot be lost while the note stays. The edge then skips the request.
   */
  inTransaction(
    request: FastifyRequest,
  ): (trx: Kysely<Database>, candidateId: string | null) => Promise<void> {
    return async (trx, candidateId) => {
      const route = request.routeOptions.url ?? '';
      await this.entries.insert(
        this.row({
          actor: request.actor,
          action: 'interview.change',
          subjectType: 'interview',
          subjectId: (request.params as { id?: string }).id ?? '',
          candidateId,
          ip: request.ip,
          detail: { route: `${request.method} ${route}` },
        }),
        trx,
      );
      this.writtenByHandler.add(request);
    };
  }

  /** Every interview-scoped request a staff member made that succeeded, before its answer leaves. */
  registerRequestAudit(fastify: FastifyInstance): void {
    fastify.addHook('onSend', async (request, reply, payload) => {
      const route = request.routeOptions.url;
      if (!request.actor || !route || reply.statusCode >= 400) return payload;
      if (this.writtenByHandler.has(request)) return payload;
      if (INTERVIEW_ROUTE.test(route)) await this.recordInterviewRequest(request, route);
      const read = request.method === 'GET' ? PERSONAL_DATA_READS[route] : undefined;
      if (read) {
        await this.record({
          actor: request.actor,
          ...read,
          subjectId: (request.params as { id?: string }).id,
          ip: request.ip,
          detail: { route: `GET ${route}` },
        });
      }
      return payload;
    });
  }

  subscribe(events: InterviewEventLog): void {
    events.onRecorded(async (event, trx) => {
      const actor = event.actorId ? await this.entries.userLabel(event.actorId, trx) : null;
      await this.record(
        {
          actor: actor ? { id: event.actorId!, email: actor } : null,
          actorLabel: 'candidate or system',
          action: `interview.${event.type}`,
          subjectType: 'interview',
          subjectId: event.interviewId,
          candidateId: await this.entries.candidateOfInterview(event.interviewId, trx),
          detail: { eventId: event.id, seq: event.seq },
        },
        trx,
      );
    });
  }

  /** One page, newest first. */
  async query(
    actor: Actor,
    filter: AuditQuery,
  ): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
    if (!hasRole(actor, 'admin')) throw forbidden('Only an admin can read the audit log.');
    const page = toPage(
      await this.entries.query({ ...filter, limit: filter.limit + 1 }),
      filter.limit,
      (row) => [row.at, row.id],
    );
    return { entries: page.rows.map(toEntry), nextCursor: page.nextCursor };
  }

  /**
   * The filtered entries as CSV, newest first, up to CSV_ROWS of them (about 1 MB): a narrower
   * filter (a candidate, a user, a time range) exports an older stretch.
   */
  async csv(actor: Actor, filter: AuditQuery): Promise<string> {
    const { entries } = await this.query(actor, { ...filter, limit: CSV_ROWS });
    const header = [
      'at',
      'actor',
      'actor_id',
      'action',
      'subject_type',
      'subject_id',
      'candidate_id',
      'ip',
      'detail',
    ];
    const lines = entries.map((entry) =>
      [
        entry.at,
        entry.actorLabel,
        entry.actorId,
        entry.action,
        entry.subjectType,
        entry.subjectId,
        entry.candidateId,
        entry.ip,
        JSON.stringify(entry.detail),
      ]
        .map(csvCell)
        .join(','),
    );
    return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
  }

  private async recordInterviewRequest(request: FastifyRequest, route: string): Promise<void> {
    const interviewId = (request.params as { id?: string }).id ?? '';
    const method = request.method;
    const action = /\/archive$|\.md$/.test(route)
      ? 'interview.export'
      : method === 'GET'
        ? 'interview.read'
        : 'interview.change';
    await this.record({
      actor: request.actor,
      action,
      subjectType: 'interview',
      subjectId: interviewId,
      candidateId: await this.entries.candidateOfInterview(interviewId),
      ip: request.ip,
      detail: { route: `${method} ${route}` },
    });
  }
}

const toEntry = (row: AuditRow & { candidate_name: string | null }): AuditEntry => ({
  id: row.id,
  at: row.at,
  actorId: row.actor_id,
  actorLabel: row.actor_label,
  action: row.action,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  candidateId: row.candidate_id,
  candidateName: row.candidate_name,
  ip: row.ip,
  detail: parseJsonColumn(auditEntry.shape.detail, row.detail),
});

const CSV_ROWS = 5_000;

/** RFC 4180 quoting, and a leading quote for cells a spreadsheet would run as a formula. */
function csvCell(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
