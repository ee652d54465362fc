import { AlertPolicyInput } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { newPolicy, policyValues, toPolicyInput } from './policyForm';

describe('policy form', () => {
  it('makes an "everything to one channel" policy by default', () => {
    const body = toPolicyInput({ ...newPolicy('c1', 'de'), name: 'Alle Störungen' }, 'Europe/Berlin');
    expect(AlertPolicyInput.parse(body)).toMatchObject({
      channelId: 'c1',
      scope: 'all',
      scopeValue: null,
      causes: null,
      quietHours: null,
      escalation: null,
      reminders: null,
    });
  });

  it('sends what is switched on, in the shop time zone, and reads it back for editing', () => {
    const values = {
      ...newPolicy('c1', 'en'),
      name: 'Night SMS',
      scope: 'carrier' as const,
      scopeValue: ' Telekom ',
      causes: ['line_sync_lost' as const],
      quiet: true,
      escalate: true,
      escalateChannelId: 'c2',
      escalateAfterMinutes: '15',
      remind: true,
      remindEveryMinutes: '30',
      remindMax: '2',
    };
    const body = AlertPolicyInput.parse(toPolicyInput(values, 'Europe/Berlin'));
    expect(body).toMatchObject({
      scopeValue: 'Telekom',
      quietHours: { from: '22:00', to: '07:00', tz: 'Europe/Berlin', allowBusiness: true },
      escalation: { afterMinutes: 15, channelId: 'c2' },
      reminders: { everyMinutes: 30, max: 2 },
    });
    const stored = { ...body, id: 'p1', createdAt: '2026-01-01T00:00:00.000Z' };
    expect(policyValues(stored)).toMatchObject({ ...values, scopeValue: 'Telekom' });
  });
});
