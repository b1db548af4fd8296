/**
 * Failed git sign-ins, counted per repository and per client address in fixed windows. Kept in
 * memory: one node sees all of its own traffic, and a restart forgets at most one window of
 * counts. With several nodes each counts its own share, so the effective limit is per node; the
 * 192-bit passwords, not this counter, are what makes guessing hopeless — the limit keeps logs
 * and CPU quiet.
 *
 * Only failures count. git's first request of each operation carries no credentials and is
 * answered 401 before `authorize` runs, so it never reaches this class.
 */
export interface FailedAttemptLimits {
  perAddress: number;
  perRepository: number;
  windowMs: number;
}

export const DEFAULT_FAILED_ATTEMPT_LIMITS: FailedAttemptLimits = {
  // A candidate mistyping never gets near this; a script does within seconds.
  perAddress: 20,
  // Higher than per address: a stranger hammering one repository should not easily lock its
  // candidate out, yet a spread-out attack on one repository still stops.
  perRepository: 50,
  windowMs: 15 * 60_000,
};

interface Counter {
  count: number;
  resetAt: number;
}

const MAX_TRACKED = 10_000;

export class FailedAttempts {
  private readonly counters = new Map<string, Counter>();

  constructor(
    private readonly limits: FailedAttemptLimits = DEFAULT_FAILED_ATTEMPT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until this address may try this repository again, or 0. */
  retryAfterMs(slug: string, address: string): number {
    const waits = [
      this.wait(`address:${address}`, this.limits.perAddress),
      this.wait(`repository:${slug}`, this.limits.perRepository),
    ];
    return Math.max(...waits);
  }

  record(slug: string, address: string): void {
    this.bump(`address:${address}`);
    this.bump(`repository:${slug}`);
  }

  private wait(key: string, limit: number): number {
    const counter = this.live(key);
    return counter && counter.count >= limit ? counter.resetAt - this.now() : 0;
  }

  private bump(key: string): void {
    const counter = this.live(key);
    if (counter) {
      counter.count += 1;
      return;
    }
    if (this.counters.size >= MAX_TRACKED) this.sweep();
    this.counters.set(key, { count: 1, resetAt: this.now() + this.limits.windowMs });
  }

  private live(key: string): Counter | undefined {
    const counter = this.counters.get(key);
    if (counter && counter.resetAt <= this.now()) {
      this.counters.delete(key);
      return undefined;
    }
    return counter;
  }

  /** Bounds memory against a flood of addresses: expired counters go first, then the oldest. */
  private sweep(): void {
    const now = this.now();
    for (const [key, counter] of this.counters) if (counter.resetAt <= now) this.counters.delete(key);
    for (const key of this.counters.keys()) {
      if (this.counters.size < MAX_TRACKED) break;
      this.counters.delete(key);
    }
  }
}
