import { sql } from 'kysely';
import { type Clock, systemClock } from '../clock.ts';
import type { Db } from '../db/database.ts';

/**
 * How wrong guesses are slowed: a few are free, then each further failure doubles the wait
 * before the next try, up to a ceiling. A key quiet for `forgetAfterMs` starts from zero.
 */
export interface BackoffPolicy {
  freeAttempts: number;
  firstDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
}

/** The wait that `failures` consecutive failures earn. */
export function backoffMs(failures: number, policy: BackoffPolicy): number {
  if (failures < policy.freeAttempts) return 0;
  // Capped so 2 ** n stays a finite number long before it matters.
  const doublings = Math.min(failures - policy.freeAttempts, 40);
  return Math.min(policy.firstDelayMs * 2 ** doublings, policy.maxDelayMs);
}

/**
 * Forgotten counters (they name an account or an address) are deleted at most this often per
 * process, on the next attempt: the table stays small and holds nobody longer than needed.
 */
const SWEEP_INTERVAL_MS = 3600_000;

/**
 * Failed attempts per key (what was tried, and from which address), stored in the database so
 * every node of an installation counts against one shared limit and a restart forgets nothing.
 * The caller decides what a key is: keying on the credential *and* the address means a stranger
 * guessing elsewhere, or colleagues behind one office address, never lock out the right person;
 * a success, or a new credential, starts a fresh key.
 */
export class FailureLimiter {
  private lastSweepAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: Db,
    /** Names this limiter's keys, so limiters with different policies never sweep each other's. */
    private readonly scope: string,
    private readonly policy: BackoffPolicy,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Milliseconds until this key may be tried again; 0 when it may be tried now. */
  async retryAfterMs(parts: string[]): Promise<number> {
    return (await this.check(parts)).retryAfterMs;
  }

  /**
   * The wait, and whether any failure is counted for this key: a caller that succeeds calls
   * `forget` only then, so a success costs no write (git asks three times per clone).
   */
  async check(parts: string[]): Promise<{ retryAfterMs: number; counted: boolean }> {
    await this.sweepNowAndThen();
    const row = await this.db
      .selectFrom('failure_counters')
      .select(['failures', 'last_failure_at'])
      .where('key', '=', this.key(parts))
      .executeTakeFirst();
    if (!row) return { retryAfterMs: 0, counted: false };
    const last = Date.parse(row.last_failure_at);
    const now = this.clock().getTime();
    if (last + this.forgetAfterMs() <= now) return { retryAfterMs: 0, counted: true };
    return { retryAfterMs: Math.max(0, last + backoffMs(row.failures, this.policy) - now), counted: true };
  }

  /** One more failure, counted atomically however many nodes record at once. */
  async recordFailure(parts: string[]): Promise<void> {
    const now = this.clock().getTime();
    const at = new Date(now).toISOString();
    const forgottenBefore = new Date(now - this.forgetAfterMs()).toISOString();
    await this.db
      .insertInto('failure_counters')
      .values({ key: this.key(parts), failures: 1, last_failure_at: at })
      .onConflict((conflict) =>
        conflict.column('key').doUpdateSet({
          failures: sql<number>`CASE WHEN failure_counters.last_failure_at <= ${forgottenBefore} THEN 1 ELSE failure_counters.failures + 1 END`,
          last_failure_at: at,
        }),
      )
      .execute();
  }

  /** After a success: the next mistake starts from the free attempts again. */
  async forget(parts: string[]): Promise<void> {
    await this.db.deleteFrom('failure_counters').where('key', '=', this.key(parts)).execute();
  }

  /** Bounds the table under a spray of made-up accounts or addresses. */
  async sweep(): Promise<void> {
    const before = new Date(this.clock().getTime() - this.forgetAfterMs()).toISOString();
    await this.db
      .deleteFrom('failure_counters')
      .where('key', 'like', `${this.scope}|%`)
      .where('last_failure_at', '<=', before)
      .execute();
  }

  private async sweepNowAndThen(): Promise<void> {
    if (this.clock().getTime() - this.lastSweepAt < SWEEP_INTERVAL_MS) return;
    this.lastSweepAt = this.clock().getTime();
    await this.sweep();
  }

  private key(parts: string[]): string {
    return [this.scope, ...parts].join('|');
  }

  /** A wait is never forgotten before it has passed. */
  private forgetAfterMs(): number {
    return Math.max(this.policy.forgetAfterMs, this.policy.maxDelayMs);
  }
}

/** "5 seconds", "2 minutes": how long a refused client should wait, in words. */
export function waitInWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
