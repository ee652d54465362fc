import { afterEach, describe, expect, it } from 'vitest';
import { alertHarness, type Harness, minute, sipgate, webhook } from './testing/harness.js';
import { jsonOf } from './testing/provider-server.js';

let h: Harness;
afterEach(() => h.close());

const summary = (h: Harness) => h.rows().map((r) => `${r.kind}:${r.target}`);

describe('planner', () => {
  it('plans in the transaction of the event, and planning again adds nothing', async () => {
    h = await alertHarness();
    const s = h.site('A');
    h.transition(s, 'down', 'line_sync_lost');
    const incident = h.openIncidents()[0];
    expect(h.rows()).toHaveLength(1);
    const key = h.rows()[0]?.idempotency_key;
    expect(key).toBe(`${incident?.id}:alert:default-email:ops@shop.example:down`);
    for (let i = 0; i < 3; i++)
      h.store.tx(() =>
        h.alerts.onEvent({ incidentId: incident?.id ?? '', kind: 'opened', at: h.clock.now() }),
      );
    expect(h.rows()).toHaveLength(1);
  });

  it('plans nothing without a policy and without the e-mail from the environment', async () => {
    h = await alertHarness({ config: { defaultEmail: null } });
    h.transition(h.site('A'), 'down', 'line_sync_lost');
    expect(h.rows()).toEqual([]);
  });

  it('never alerts an incident under maintenance', async () => {
    h = await alertHarness();
    const s = h.site('A');
    const now = h.clock.now();
    h.store.maintenance.create(
      h.orgId,
      {
        scope: 'site',
        value: s,
        startsAt: new Date(now - minute).toISOString(),
        endsAt: new Date(now + 60 * minute).toISOString(),
      },
      'test',
      now,
    );
    h.transition(s, 'down', 'line_sync_lost');
    expect(h.openIncidents()).toHaveLength(1);
    expect(h.rows()).toEqual([]);
  });

  it('matches policies by scope, severity and cause; the default e-mail stops once a policy exists', async () => {
    h = await alertHarness();
    const a = h.channel('A', sipgate(['+4915700000001']));
    const b = h.channel('B', sipgate(['+4915700000002']));
    const c = h.channel('C', sipgate(['+4915700000003']));
    const d = h.channel('D', sipgate(['+4915700000004']));
    const vodafone = h.site('V', { carrier: 'Vodafone', postcode: '20095' });
    const telekom = h.site('T', { postcode: '80331' });
    h.policy({ channelId: a.id, scope: 'carrier', scopeValue: 'vodafone ' });
    h.policy({ channelId: b.id, scope: 'site', scopeValue: telekom });
    h.policy({ channelId: c.id, causes: ['power_or_device'] });
    h.policy({ channelId: d.id, minSeverity: 'degraded', scope: 'area', scopeValue: '803' });
    h.transition(vodafone, 'down', 'line_sync_lost');
    h.transition(telekom, 'degraded', 'high_loss');
    expect(summary(h)).toEqual(['alert:+4915700000001']);
    h.clock.advance(16 * minute);
    h.processor.tick(); // a line degraded for 15 minutes opens an incident
    expect(summary(h)).toEqual(['alert:+4915700000001', 'alert:+4915700000004']);
    h.transition(telekom, 'down', 'power_or_device');
    expect(summary(h)).toEqual([
      'alert:+4915700000001',
      'alert:+4915700000004',
      'alert:+4915700000002',
      'alert:+4915700000003',
      'alert:+4915700000004',
    ]);
    expect(h.rows().at(-1)?.idempotency_key).toMatch(/:alert:[^:]+:\+4915700000004:down$/);
  });

  it('tells the customer after the delay, and again when the line is fixed', async () => {
    h = await alertHarness();
    h.channel('SMS', sipgate());
    h.channel('Hook', webhook(h.provider.url));
    const s = h.site('Privat');
    h.alerts.alertStore.siteSettings.put(
      s,
      {
        customerNotice: true,
        customerPhone: '+4917612345678',
        customerEmail: 'anna@example.org',
        language: 'de',
      },
      h.clock.now(),
    );
    h.transition(s, 'down', 'line_sync_lost');
    expect(summary(h)).toEqual([
      'alert:ops@shop.example',
      'customer:+4917612345678',
      'customer:anna@example.org',
    ]);
    await h.run();
    h.clock.advance(10 * minute);
    expect(await h.run()).toBe(2);
    const sms = h.provider.requests.map((r) => jsonOf(r) as { recipient: string; message: string });
    expect(sms).toEqual([
      {
        smsId: 's0',
        recipient: '+4917612345678',
        message: 'My shop: Wir haben die Störung Ihres Anschlusses bemerkt und kümmern uns darum.',
      },
    ]);
    const mails = await h.sink.waitFor(2);
    expect(mails[1]?.recipients).toEqual(['anna@example.org']);
    expect(mails[1]?.mail.subject).toBe('Störung Ihres Anschlusses: wir kümmern uns');
    expect(mails[1]?.mail.text).not.toContain('lw.example');

    h.transition(s, 'up');
    h.tick(3 * minute);
    expect(await h.run()).toBe(3);
    expect(h.rows('customer_recovery').map((r) => r.state)).toEqual(['sent', 'sent']);
    expect((jsonOf(h.provider.requests[1] as never) as { message: string }).message).toBe(
      'My shop: Die Störung Ihres Anschlusses ist behoben. Vielen Dank für Ihre Geduld.',
    );
  });

  it('does not bother the customer about an outage shorter than the delay', async () => {
    h = await alertHarness();
    h.channel('SMS', sipgate());
    const s = h.site('Privat');
    const settings = {
      customerNotice: true,
      customerPhone: '+4917612345678',
      customerEmail: null,
      language: 'de' as const,
    };
    h.alerts.alertStore.siteSettings.put(s, settings, h.clock.now());
    h.transition(s, 'down', 'line_sync_lost');
    h.clock.advance(5 * minute);
    h.transition(s, 'up');
    h.tick(3 * minute);
    h.clock.advance(10 * minute);
    await h.run();
    expect(h.rows('customer').map((r) => r.state)).toEqual(['superseded']);
    expect(h.rows('customer_recovery')).toEqual([]);
    expect(h.provider.requests).toHaveLength(0);
  });

  it('keeps the incident when planning fails, and fails a row that cannot be prepared instead of looping', async () => {
    h = await alertHarness();
    const sms = h.channel('SMS', sipgate());
    h.policy({ channelId: sms.id });
    const corrupt = () =>
      h.store.db.prepare(`UPDATE alert_channels SET settings = '{"type":"sipgate"}'`).run();
    corrupt();
    h.transition(h.site('A'), 'down', 'line_sync_lost');
    expect(h.openIncidents()).toHaveLength(1);
    expect(h.rows()).toEqual([]);

    h.store.db.prepare('UPDATE alert_channels SET settings = ?').run(JSON.stringify(sipgate()));
    h.transition(h.site('B', { postcode: '80331' }), 'down', 'line_sync_lost');
    expect(h.rows()).toHaveLength(1);
    corrupt();
    await h.run();
    expect(h.rows()[0]?.state).toBe('failed');
    expect(h.rows()[0]?.last_error).toMatch(/^could not be prepared: /);
  });
});
