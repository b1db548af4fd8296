import { describe, expect, it } from 'vitest';
import { SignInLimiter } from './sign-in-limiter.ts';

describe('SignInLimiter', () => {
  it('refuses after the allowed failures per account and per address, and forgets after the window', () => {
    let now = 0;
    const limiter = new SignInLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(() => limiter.check('10.0.0.1', 'Ada@Example.com')).not.toThrow();
      limiter.recordFailure('10.0.0.1', 'Ada@Example.com');
    }
    // The account is locked from any address (case does not matter) ...
    expect(() => limiter.check('10.0.0.2', 'ada@example.com')).toThrow(/Wait 60 seconds/);
    // ... and the address is locked for any account.
    expect(() => limiter.check('10.0.0.1', 'bob@example.com')).toThrow(/Too many failed sign-ins/);
    expect(() => limiter.check('10.0.0.2', 'bob@example.com')).not.toThrow();
    now = 59_500;
    expect(() => limiter.check('10.0.0.1', 'bob@example.com')).toThrow(/Wait 1 second and/);
    now = 60_000;
    expect(() => limiter.check('10.0.0.1', 'ada@example.com')).not.toThrow();
  });
});
