import type { Command, LatestMeasurement } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { checkPhase } from './checkNow';

const command = (overrides: Partial<Command>): Command => ({
  id: '00000000-0000-4000-8000-000000000001',
  siteId: '00000000-0000-4000-8000-000000000002',
  name: 'check_now',
  state: 'pending',
  issuedAt: '2025-01-01T10:00:00Z',
  expiresAt: '2025-01-01T10:10:00Z',
  sentAt: null,
  doneAt: null,
  ...overrides,
});
const latest = (receivedAt: string) => ({ receivedAt }) as LatestMeasurement;

describe('checkPhase', () => {
  it('waits while pending or sent, and gives up when expired', () => {
    expect(checkPhase(command({}), null)).toEqual({ phase: 'waiting', sent: false });
    expect(checkPhase(command({ state: 'sent' }), null)).toEqual({ phase: 'waiting', sent: true });
    expect(checkPhase(command({ state: 'expired' }), null)).toEqual({ phase: 'expired' });
  });

  it('shows the verdict only from a round that arrived after the command was done', () => {
    const done = command({ state: 'done', doneAt: '2025-01-01T10:00:30Z' });
    expect(checkPhase(done, latest('2025-01-01T10:00:00Z'))).toEqual({ phase: 'finishing' });
    expect(checkPhase(done, latest('2025-01-01T10:00:31Z')).phase).toBe('done');
  });
});
