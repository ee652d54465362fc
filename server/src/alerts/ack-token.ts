import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Acknowledge links: `<publicUrl>/ack/<token>` in every message, so the
 * person who got it can acknowledge the incident without logging in.
 *
 * The token is `<notification id>.<expiry>.<mac>` (ids and seconds in base
 * 36, the MAC truncated to 128 bits, base64url): about 30 characters, short
 * enough to leave room in an SMS. The MAC is HMAC-SHA256 over the purpose,
 * the notification, the expiry and the incident, so a token
 * - cannot be forged or its expiry extended without the server's key;
 * - acknowledges only the incident of its notification, nothing else
 *   (single-purpose: the string `ack` is part of what is signed);
 * - tells who acknowledged: the notification names the channel and target.
 */

const purpose = 'linewatch-ack-v1';
const macBytes = 16;

export interface AckClaim {
  notificationId: number;
  /** ms since the epoch (whole seconds). */
  expiresAt: number;
}

function mac(key: Buffer, notificationId: number, expiresSec: number, incidentId: string): Buffer {
  return createHmac('sha256', key)
    .update(`${purpose}|${notificationId}|${expiresSec}|${incidentId}`)
    .digest()
    .subarray(0, macBytes);
}

/**
 * Signs an acknowledge token for a notification of an incident.
 *
 * @example
 * ackToken(key, { id: 42, incidentId }, Date.now() + 7 * 86_400_000) // '16.t0q7k0.Xn2…'
 */
export function ackToken(
  key: Buffer,
  notification: { id: number; incidentId: string },
  expiresAt: number,
): string {
  const sec = Math.floor(expiresAt / 1000);
  const sig = mac(key, notification.id, sec, notification.incidentId).toString('base64url');
  return `${notification.id.toString(36)}.${sec.toString(36)}.${sig}`;
}

/** Reads a token's claim without trusting it (to find the notification it names); null when malformed. */
export function readAckToken(token: string): AckClaim | null {
  const m = /^([0-9a-z]{1,12})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m?.[1] || !m[2]) return null;
  return { notificationId: Number.parseInt(m[1], 36), expiresAt: Number.parseInt(m[2], 36) * 1000 };
}

export type AckVerdict = 'valid' | 'expired' | 'invalid';

/**
 * Checks a token against the incident of the notification it names: the
 * MAC first (in constant time), then the expiry.
 */
export function verifyAckToken(key: Buffer, token: string, incidentId: string, now: number): AckVerdict {
  const claim = readAckToken(token);
  if (!claim) return 'invalid';
  const given = Buffer.from(token.slice(token.lastIndexOf('.') + 1), 'base64url');
  const expected = mac(key, claim.notificationId, claim.expiresAt / 1000, incidentId);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  return now < claim.expiresAt ? 'valid' : 'expired';
}
