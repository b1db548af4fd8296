import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature.ts';

describe('webhook signatures', () => {
  const body = '{"id":"x","type":"interview.decided"}';

  it('carries the time and an HMAC-SHA256 of "<time>.<body>" in one header', () => {
    // Computed independently: printf '1765000000.%s' "$body" | openssl dgst -sha256 -hmac whsec_test
    expect(signWebhook('whsec_test', 1_765_000_000, body)).toBe(
      't=1765000000,v1=0f479423adbdf871e8da80356c5ec0a4f7841d3dfb28e3ad33383a07e1c031ed',
    );
    expect(
      verifyWebhook('whsec_test', signWebhook('whsec_test', 1_765_000_000, body), body, 1_765_000_010),
    ).toBe('ok');
  });

  it('refuses another secret, a changed body, a moved time and an old time', () => {
    const header = signWebhook('whsec_test', 1_765_000_000, body);
    expect(verifyWebhook('whsec_other', header, body, 1_765_000_000)).toBe('mismatch');
    expect(verifyWebhook('whsec_test', header, `${body} `, 1_765_000_000)).toBe('mismatch');
    expect(
      verifyWebhook('whsec_test', header.replace('t=1765000000', 't=1765000999'), body, 1_765_000_999),
    ).toBe('mismatch');
    expect(verifyWebhook('whsec_test', header, body, 1_765_000_301)).toBe('too_old');
    expect(verifyWebhook('whsec_test', 'v1=abc', body, 1_765_000_000)).toBe('malformed');
    expect(verifyWebhook('whsec_test', undefined, body, 1_765_000_000)).toBe('malformed');
  });
});
