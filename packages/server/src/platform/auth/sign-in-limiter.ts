import { AppError } from '@pairwise/domain';

/**
 * Counts failed sign-ins per client address and per account in a fixed window, so guessing
 * passwords is slow whether an attacker tries many accounts from one address or one account
 * from many. Successful sign-ins are not counted: colleagues behind one office address can
 * still sign in. In memory, per process: a restart forgets, which only helps for a minute.
 */
export class SignInLimiter {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly attempts: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws `rate_limited` (429) while the address or the account has used up its attempts. */
  check(ip: string, email: string): void {
    for (const key of this.keys(ip, email)) {
      const entry = this.current(key);
      if (entry && entry.count >= this.attempts) {
        const seconds = Math.max(1, Math.ceil((entry.resetAt - this.now()) / 1000));
        throw new AppError(
          'rate_limited',
          `Too many failed sign-ins. Wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`,
        );
      }
    }
  }

  recordFailure(ip: string, email: string): void {
    for (const key of this.keys(ip, email)) {
      const entry = this.current(key);
      if (entry) entry.count += 1;
      else this.failures.set(key, { count: 1, resetAt: this.now() + this.windowMs });
    }
    // Bounded memory under a spray of made-up accounts: drop windows that have ended.
    if (this.failures.size > 10_000) {
      for (const [key, entry] of this.failures) if (entry.resetAt <= this.now()) this.failures.delete(key);
    }
  }

  private keys(ip: string, email: string): string[] {
    return [`ip:${ip}`, `account:${email.trim().toLowerCase()}`];
  }

  private current(key: string) {
    const entry = this.failures.get(key);
    if (entry && entry.resetAt <= this.now()) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }
}
