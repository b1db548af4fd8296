import {
  AppError,
  type CandidateDataCopy,
  type DataRequest,
  DEFAULT_RETENTION,
  isErasable,
  isUpcoming,
  notFound,
  RETENTION_PRESETS,
  type RetentionSetting,
  retentionVerdicts,
  type UpcomingErasure,
} from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { Actor } from '../../platform/auth/actor.ts';
import { toPage } from '../../platform/db/keyset.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { candidateCopyMarkdown } from './copy-markdown.ts';
import { authorizePrivacy } from './policy.ts';
import type { CandidateRetentionRow, RetentionRepository } from './repository.ts';

/** Candidates read per step of the daily erasure run, between which other requests are served. */
const ERASURE_CHUNK = 200;
/** How long past due a candidate not on hold is still listed as upcoming (the job runs daily). */
const OVERDUE_DAYS_LISTED = 30;

export interface RepositoryRemover {
  delete(slug: string): Promise<boolean>;
}

/**
 * Retention and candidates' data requests: when candidate data is erased, what is erased, and
 * who may hold it back. Erasure is one transaction; the repositories on disk go after it commits,
 * so a rolled-back erasure never leaves a candidate without their code.
 */
export class RetentionService {
  private readonly erasureListeners: Array<
    (candidateId: string, at: string, trx: Kysely<Database>) => Promise<void>
  > = [];

  constructor(
    private readonly repository: RetentionRepository,
    private readonly repositories: RepositoryRemover,
    private readonly audit: AuditLog,
    private readonly log: (message: string, error: unknown) => void = () => {},
  ) {}

  /** Runs inside each erasure's transaction (webhooks queue their notice there). */
  onErasing(listener: (candidateId: string, at: string, trx: Kysely<Database>) => Promise<void>): void {
    this.erasureListeners.push(listener);
  }

  async retention(actor: Actor): Promise<RetentionSetting> {
    authorizePrivacy(actor);
    return this.period();
  }

  async setRetention(actor: Actor, value: RetentionSetting, ip: string): Promise<RetentionSetting> {
    authorizePrivacy(actor);
    await this.repository.setRetention(value);
    await this.audit.record({ actor, action: 'retention.set', ip, detail: { ...value } });
    return value;
  }

  /**
   * Every candidate due for erasure. Walks the candidates not erased yet a chunk at a time and
   * yields to other requests between chunks, so the daily run never holds the server up.
   */
  async erasableCandidates(now: Date): Promise<string[]> {
    const period = await this.period();
    const due: string[] = [];
    let afterId = '';
    for (;;) {
      const ids = await this.repository.unerasedCandidateIds(afterId, ERASURE_CHUNK);
      if (ids.length === 0) break;
      const verdicts = retentionVerdicts((await this.repository.retentionRows(ids)).map(toInput), period);
      due.push(
        ...verdicts.filter((verdict) => isErasable(verdict, now)).map((verdict) => verdict.candidateId),
      );
      afterId = ids.at(-1)!;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return due;
  }

  /**
   * Candidates whose erasure comes due within `days` (held ones included, so the admin sees what
   * a hold keeps), soonest first, at most 200. Only candidates whose process ended when the period
   * puts them in that window are read, plus those on hold; one overdue by more than a month and
   * not held would have been erased by the daily job long since, so it is not looked for.
   */
  async upcomingErasures(actor: Actor, now: Date, days = 30): Promise<UpcomingErasure[]> {
    authorizePrivacy(actor);
    const period = await this.period();
    const back = (from: DateTime) =>
      period.preset === 'custom'
        ? from.minus({ days: period.days })
        : from.minus({ months: RETENTION_PRESETS[period.preset].months });
    const at = DateTime.fromJSDate(now).toUTC();
    const from = back(at).minus({ days: OVERDUE_DAYS_LISTED + 1 });
    const to = back(at.plus({ days })).plus({ days: 1 });
    const ids = await this.repository.candidatesClosedBetween(from.toISO()!, to.toISO()!);
    const rows = await this.repository.retentionRows(ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return retentionVerdicts(rows.map(toInput), period)
      .filter((verdict) => isUpcoming(verdict, now, days))
      .map((verdict) => {
        const row = byId.get(verdict.candidateId)!;
        return {
          candidateId: row.id,
          candidateName: row.name,
          eraseAfter: verdict.eraseAfter!,
          legalHold: row.legal_hold === 1,
          legalHoldReason: row.legal_hold_reason,
        };
      })
      .sort((a, b) => a.eraseAfter.localeCompare(b.eraseAfter))
      .slice(0, 200);
  }

  /** What the daily job does; returns the candidates it erased. */
  async runRetention(now: Date): Promise<string[]> {
    const due = await this.erasableCandidates(now);
    const erased: string[] = [];
    let failure: unknown = null;
    // One candidate's failure (a hold set meanwhile, a lock) must not spare the others; the job
    // still fails afterwards, so the queue retries and the log shows it.
    for (const candidateId of due) {
      try {
        await this.eraseCandidate(candidateId, 'retention', null);
        erased.push(candidateId);
      } catch (error) {
        this.log(`erasing candidate ${candidateId} failed`, error);
        failure ??= error;
      }
    }
    if (failure) throw failure;
    return erased;
  }

  async runRetentionAs(actor: Actor, now: Date): Promise<string[]> {
    authorizePrivacy(actor);
    return this.runRetention(now);
  }

  async eraseCandidate(
    candidateId: string,
    reason: 'retention' | 'candidate_request',
    actor: Actor | null,
  ): Promise<void> {
    const at = DateTime.utc().toISO();
    const slugs = await this.repository.transaction(async (trx) => {
      const candidate = await this.repository.candidate(candidateId, trx);
      if (!candidate) throw notFound('Candidate');
      if (candidate.legal_hold === 1) {
        throw new AppError(
          'conflict',
          'This candidate is on legal hold: their data is kept until the hold ends.',
        );
      }
      const removed = await this.repository.erase(candidateId, at, trx);
      for (const listener of this.erasureListeners) await listener(candidateId, at, trx);
      await this.audit.record(
        {
          actor: actor ?? null,
          actorLabel: 'system (retention)',
          action: 'candidate.erased',
          subjectType: 'candidate',
          subjectId: candidateId,
          candidateId,
          detail: { reason, repositories: removed.length },
        },
        trx,
      );
      return removed;
    });
    for (const slug of slugs) {
      // The rows are gone already; a repository left on disk is logged and removed by the next run.
      await this.repositories
        .delete(slug)
        .catch((error) => this.log(`deleting repository ${slug} failed`, error));
    }
  }

  async setLegalHold(actor: Actor, candidateId: string, reason: string | null, ip: string): Promise<void> {
    authorizePrivacy(actor);
    const candidate = await this.repository.candidate(candidateId);
    if (!candidate) throw notFound('Candidate');
    await this.repository.setLegalHold(candidateId, reason);
    await this.audit.record({
      actor,
      action: reason === null ? 'candidate.legal_hold_cleared' : 'candidate.legal_hold_set',
      subjectType: 'candidate',
      subjectId: candidateId,
      candidateId,
      ip,
      detail: reason === null ? {} : { reason },
    });
  }

  async legalHolds(actor: Actor, query: { cursor?: string[] | undefined; limit: number }) {
    authorizePrivacy(actor);
    const page = toPage(await this.repository.legalHolds(query.cursor, query.limit), query.limit, (row) => [
      row.name,
      row.id,
    ]);
    return {
      holds: page.rows.map((row) => ({
        candidateId: row.id,
        candidateName: row.name,
        reason: row.legal_hold_reason ?? '',
      })),
      nextCursor: page.nextCursor,
    };
  }

  async dataRequests(
    actor: Actor,
    query: { cursor?: string[] | undefined; limit: number },
  ): Promise<{ requests: DataRequest[]; nextCursor: string | null }> {
    authorizePrivacy(actor);
    const page = toPage(await this.repository.dataRequests(query.cursor, query.limit), query.limit, (row) => [
      row.created_at,
      row.id,
    ]);
    return { requests: page.rows.map(toDataRequest), nextCursor: page.nextCursor };
  }

  /**
   * An erasure request, confirmed by an admin. A legal hold refuses it and leaves it pending, so
   * it can be answered once the hold ends.
   */
  async approveErasure(actor: Actor, requestId: string, ip: string): Promise<DataRequest> {
    authorizePrivacy(actor);
    const request = await this.pendingRequest(requestId, 'erasure');
    await this.eraseCandidate(request.candidate_id, 'candidate_request', actor);
    await this.repository.completeDataRequest(requestId, {
      approvedBy: actor.id,
      at: DateTime.utc().toISO(),
    });
    await this.audit.record({
      actor,
      action: 'data_request.erasure_approved',
      subjectType: 'data_request',
      subjectId: requestId,
      candidateId: request.candidate_id,
      ip,
    });
    return toDataRequest((await this.repository.dataRequest(requestId))!);
  }

  /** A copy request: the archive for the admin to check and send; producing it completes the request. */
  async produceCopy(actor: Actor, requestId: string, ip: string): Promise<CandidateDataCopy> {
    authorizePrivacy(actor);
    const request = await this.repository.dataRequest(requestId);
    if (request?.kind !== 'copy') throw notFound('Data request');
    const tables = await this.repository.rowsAbout(request.candidate_id);
    const producedAt = DateTime.utc().toISO();
    if (request.status === 'pending') {
      await this.repository.completeDataRequest(requestId, { approvedBy: actor.id, at: producedAt });
    }
    await this.audit.record({
      actor,
      action: 'candidate.exported',
      subjectType: 'data_request',
      subjectId: requestId,
      candidateId: request.candidate_id,
      ip,
    });
    return {
      candidateId: request.candidate_id,
      producedAt,
      tables,
      markdown: candidateCopyMarkdown(tables, producedAt),
    };
  }

  private async pendingRequest(requestId: string, kind: 'copy' | 'erasure') {
    const request = await this.repository.dataRequest(requestId);
    if (!request || request.kind !== kind) throw notFound('Data request');
    if (request.status !== 'pending') throw new AppError('conflict', 'This request was answered already.');
    return request;
  }

  private async period(): Promise<RetentionSetting> {
    return (await this.repository.retention()) ?? DEFAULT_RETENTION;
  }
}

const toInput = (row: CandidateRetentionRow) => ({
  candidateId: row.id,
  closedAt: row.closedAt,
  hasOpenInterview: row.hasOpenInterview,
  legalHold: row.legal_hold === 1,
  erasedAt: row.erased_at,
});

type DataRequestRow = NonNullable<Awaited<ReturnType<RetentionRepository['dataRequest']>>>;
const toDataRequest = (row: DataRequestRow): DataRequest => ({
  id: row.id,
  kind: row.kind as DataRequest['kind'],
  candidateId: row.candidate_id,
  candidateName: row.candidate_name,
  interviewId: row.interview_id,
  requestedAt: row.created_at,
  dueAt: row.due_at ?? DateTime.fromISO(row.created_at, { zone: 'utc' }).plus({ months: 1 }).toISO()!,
  status: row.status as DataRequest['status'],
  approvedBy: row.approved_by_name,
  completedAt: row.completed_at,
  legalHold: row.legal_hold === 1,
});
