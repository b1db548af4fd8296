import { timingSafeEqual } from 'node:crypto';
import { AppError, isFinished } from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { hashToken, randomToken } from '../../platform/auth/tokens.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { PortalTokensRepository } from './repository.ts';

type Executor = Kysely<Database>;

/**
 * A link that was never followed up by a decision (a stalled process) still stops working
 * eventually; retention (privacy) removes the rest.
 */
export const OPEN_PORTAL_BACKSTOP_DAYS = 180;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The same answer for an unknown, malformed and expired link, so a link reveals nothing about
 * whether it ever existed; worded for a candidate who may simply have an old email.
 */
export const portalLinkNotActive = () =>
  new AppError(
    'not_found',
    'This link is not active. It may be mistyped or older than the interview it belonged to. ' +
      'If you are expecting an interview with us, reply to the email you received and we will send you a fresh link.',
  );

/**
 * The candidate's private links: 256 random bits, only the SHA-256 stored, scoped to one
 * interview, expiring a configured number of days after the decision (or cancellation).
 */
export class PortalTokens {
  constructor(
    private readonly tokens: PortalTokensRepository,
    private readonly daysAfterDecision: number,
  ) {}

  /** A new link for an interview, inside the transaction of the message that carries it. */
  async mint(interviewId: string, trx: Executor): Promise<string> {
    const token = randomToken();
    const now = DateTime.utc();
    await this.tokens.insert(trx, {
      hash: hashToken(token),
      interviewId,
      createdAt: now.toISO(),
      expiresAt: await this.expiryFor(interviewId, trx),
    });
    return token;
  }

  /** The interview a link opens; throws the same friendly error for unknown and expired links. */
  async resolve(token: string): Promise<{ interviewId: string; expiresAt: string }> {
    if (!TOKEN_SHAPE.test(token)) throw portalLinkNotActive();
    const hash = hashToken(token);
    const row = await this.tokens.findByHash(hash);
    // The lookup is by a hash of a random secret, so its timing reveals nothing usable; the
    // final comparison is constant-time all the same.
    const matches =
      row !== undefined && timingSafeEqual(Buffer.from(row.token_hash, 'hex'), Buffer.from(hash, 'hex'));
    if (!row || !matches || row.expires_at <= DateTime.utc().toISO()) throw portalLinkNotActive();
    return { interviewId: row.interview_id, expiresAt: row.expires_at };
  }

  /** Once the process ends, every link of the interview works for the configured days more. */
  async closeAfter(interviewId: string, trx: Executor): Promise<void> {
    await this.tokens.expireAllAt(
      trx,
      interviewId,
      DateTime.utc().plus({ days: this.daysAfterDecision }).toISO(),
    );
  }

  private async expiryFor(interviewId: string, trx: Executor): Promise<string> {
    const interview = await this.tokens.expiryFacts(trx, interviewId);
    const now = DateTime.utc();
    if (interview.decided_at) {
      return DateTime.fromISO(interview.decided_at).toUTC().plus({ days: this.daysAfterDecision }).toISO()!;
    }
    if (isFinished(interview.stage)) return now.plus({ days: this.daysAfterDecision }).toISO();
    const start = DateTime.max(now, DateTime.fromISO(interview.starts_at).toUTC());
    return start.plus({ days: OPEN_PORTAL_BACKSTOP_DAYS }).toISO()!;
  }
}
