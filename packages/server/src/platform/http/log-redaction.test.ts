import { describe, expect, it } from 'vitest';
import { redactSecretUrl } from './log-redaction.ts';

describe('redactSecretUrl', () => {
  it('removes portal and feed tokens and keeps everything else', () => {
    const token = 'kq3Zc0y1Xw8v7u6t5s4r3q2p1o0n9m8l7k6j5i4h3g2';
    expect(redactSecretUrl(`/p/${token}`)).toBe('/p/[redacted]');
    expect(redactSecretUrl(`/api/portal/${token}/confirmation`)).toBe('/api/portal/[redacted]/confirmation');
    expect(redactSecretUrl(`/calendar/${token}.ics`)).toBe('/calendar/[redacted]');
    expect(redactSecretUrl('/api/auth/oidc/callback?code=abc&state=def')).toBe(
      '/api/auth/oidc/callback?[redacted]',
    );
    expect(redactSecretUrl('/api/interviews/42?x=1')).toBe('/api/interviews/42?x=1');
  });
});
