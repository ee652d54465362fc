import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ackToken, readAckToken, verifyAckToken } from './ack-token.js';

const key = randomBytes(32);
const incidentId = '5b0e5a4e-1f0a-4a43-9c1e-2a1f0c7d9e11';
const now = Date.parse('2026-03-02T10:00:00Z');
const expires = now + 7 * 86_400_000;

describe('acknowledge tokens', () => {
  it('are short, name their notification and verify until they expire', () => {
    const token = ackToken(key, { id: 42, incidentId }, expires);
    expect(token.length).toBeLessThanOrEqual(40);
    expect(readAckToken(token)).toEqual({ notificationId: 42, expiresAt: expires });
    expect(verifyAckToken(key, token, incidentId, now)).toBe('valid');
    expect(verifyAckToken(key, token, incidentId, expires)).toBe('expired');
  });

  it('acknowledge only their own incident, and only with the server key', () => {
    const token = ackToken(key, { id: 42, incidentId }, expires);
    expect(verifyAckToken(key, token, 'another-incident', now)).toBe('invalid');
    expect(verifyAckToken(randomBytes(32), token, incidentId, now)).toBe('invalid');
  });

  it('cannot be extended or pointed at another notification', () => {
    const token = ackToken(key, { id: 42, incidentId }, expires);
    const [, exp, mac] = token.split('.');
    const longer = `${(42).toString(36)}.${(Number.parseInt(exp ?? '0', 36) + 86_400).toString(36)}.${mac}`;
    expect(verifyAckToken(key, longer, incidentId, now)).toBe('invalid');
    expect(verifyAckToken(key, `${(43).toString(36)}.${exp}.${mac}`, incidentId, now)).toBe('invalid');
    expect(readAckToken('junk')).toBeNull();
    expect(verifyAckToken(key, 'a.b.c', incidentId, now)).toBe('invalid');
  });
});
