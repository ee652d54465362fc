import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature of a linewatch webhook, in the style of Stripe's: header
 * `X-Linewatch-Signature: t=<unix seconds>,v1=<hex>` where `<hex>` is
 * HMAC-SHA256 with the channel's secret over `<t>.<raw body>`. Signing the
 * timestamp with the body lets a receiver refuse a replayed request; `v1`
 * leaves room for another scheme later. Receivers verify over the raw bytes,
 * before parsing the JSON.
 */

export const signatureHeader = 'X-Linewatch-Signature';

/** How far a webhook's timestamp may be from the receiver's clock. */
export const defaultToleranceSeconds = 300;

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * The header value for a body sent at `timestamp` (Unix seconds).
 *
 * @example
 * signWebhook('{"id":"n1"}', 'a-secret-of-16-chars', 1735689600) // 't=1735689600,v1=…'
 */
export function signWebhook(body: string, secret: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

export interface VerifyInput {
  header: string | null | undefined;
  body: string;
  secret: string;
  /** The receiver's clock, Unix seconds. */
  nowSeconds: number;
  toleranceSeconds?: number;
}

/**
 * Whether a webhook is genuine and fresh: any `v1` in the header matches and
 * `t` is within the tolerance. Compares in constant time.
 */
export function verifyWebhookSignature(input: VerifyInput): boolean {
  const parts = (input.header ?? '').split(',').map((p) => p.trim().split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(t)) return false;
  if (Math.abs(input.nowSeconds - t) > (input.toleranceSeconds ?? defaultToleranceSeconds)) return false;
  const expected = Buffer.from(hmac(input.secret, t, input.body), 'hex');
  return parts.some(([k, v]) => {
    if (k !== 'v1' || !v || !/^[0-9a-f]{64}$/.test(v)) return false;
    return timingSafeEqual(Buffer.from(v, 'hex'), expected);
  });
}
