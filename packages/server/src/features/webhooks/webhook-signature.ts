import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature a receiver checks: HMAC-SHA256 with the endpoint's secret over
 * `<unix seconds>.<body>`, sent as `Pairwise-Signature: t=<unix seconds>,v1=<hex>`. The time is
 * inside what is signed, so a receiver that refuses old times refuses a replayed delivery.
 */
export const SIGNATURE_HEADER = 'Pairwise-Signature';
export const DELIVERY_ID_HEADER = 'Pairwise-Webhook-Id';
export const EVENT_HEADER = 'Pairwise-Event';

export function signWebhook(secret: string, timestamp: number, body: string): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${digest}`;
}

/**
 * What a receiver does (and what the ATS recipe shows): parse the header, recompute, compare in
 * constant time, and refuse a time further than `toleranceSeconds` from its own clock.
 */
export function verifyWebhook(
  secret: string,
  header: string | undefined,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): 'ok' | 'malformed' | 'mismatch' | 'too_old' {
  const fields = new Map(
    (header ?? '').split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const timestamp = Number(fields.get('t'));
  const given = fields.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given)) return 'malformed';
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return 'mismatch';
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return 'too_old';
  return 'ok';
}
