import { afterEach, describe, expect, it } from 'vitest';
import { alertHarness, type Harness, minute, sipgate, webhook } from './testing/harness.js';
import { jsonOf } from './testing/provider-server.js';

/** Escalation, quiet hours, reminders, rate limits and budgets, on the injected clock. */

let h: Harness;
afterEach(() => h.close());

/** 23:00 in Berlin on Monday 2 March 2026 (CET, UTC+1). */
const lateEvening = Date.parse('2026-03-02T22:00:00Z');
/** 07:00 in Berlin the next morning. */
const morning = Date.parse('2026-03-03T06:00:00Z');

const smsTo = (h: Harness) => h.provider.requests.filter((r) => r.path === '/v2/sessions/sms');
const hooks = (h: Harness) => h.provider.requests.filter((r) => r.path === '/hook');

describe('escalation', () => {
  it('escalates to the next channel when nobody acknowledged in time', async () => {
    h = await alertHarness();
    const hook = h.channel('Shop hook', webhook(h.provider.url));
    const boss = h.channel('Boss SMS', sipgate(['+4915711111111']));
    h.policy({ channelId: hook.id, escalation: { afterMinutes: 15, channelId: boss.id } });
    h.transition(h.site('A'), 'down', 'isp_session_down');
    await h.run();
    expect(hooks(h)).toHaveLength(1);
    h.clock.advance(14 * minute);
    expect(await h.run()).toBe(0);
    h.clock.advance(minute);
    expect(await h.run()).toBe(1);
    const sms = smsTo(h);
    expect(sms).toHaveLength(1);
    expect((jsonOf(sms[0] as never) as { message: string; recipient: string }).recipient).toBe(
      '+4915711111111',
    );
    expect((jsonOf(sms[0] as never) as { message: string }).message).toMatch(
      /^linewatch: Eskalation - A \(Telekom\)/,
    );
  });

  it('does not escalate once someone acknowledged', async () => {
    h = await alertHarness();
    const hook = h.channel('Shop hook', webhook(h.provider.url));
    const boss = h.channel('Boss SMS', sipgate(['+4915711111111']));
    h.policy({ channelId: hook.id, escalation: { afterMinutes: 15, channelId: boss.id } });
    h.transition(h.site('A'), 'down', 'isp_session_down');
    await h.run();
    const id = h.openIncidents()[0]?.id ?? '';
    h.clock.advance(5 * minute);
    h.store.incidents.update(
      id,
      { acknowledged_at: h.clock.now(), acknowledged_by: 'anna@shop.example' },
      h.clock.now(),
    );
    h.alerts.incidentChanged(id);
    expect(h.rows('escalation')[0]).toMatchObject({ state: 'superseded', last_error: 'acknowledged' });
    h.clock.advance(60 * minute);
    expect(await h.run()).toBe(0);
    expect(smsTo(h)).toHaveLength(0);
  });
});

describe('quiet hours', () => {
  const quiet = { from: '22:00', to: '07:00', tz: 'Europe/Berlin', allowBusiness: true, weekends: false };

  it("holds a consumer's SMS at 23:00 until 07:00, and sends a business customer's at once", async () => {
    h = await alertHarness({ now: lateEvening });
    h.policy({ channelId: h.channel('SMS', sipgate()).id, quietHours: quiet });
    const consumer = h.site('Privat', { postcode: '20095' });
    const business = h.site('Kanzlei', { postcode: '80331', business: true });
    h.transition(consumer, 'down', 'line_sync_lost');
    h.transition(business, 'down', 'line_sync_lost');
    expect(await h.run()).toBe(1);
    expect(smsTo(h).map((r) => (jsonOf(r) as { message: string }).message)).toEqual([
      expect.stringMatching(/^linewatch: Kanzlei \(Telekom\) ausgefallen seit 23:00/),
    ]);
    const held = h.rows('alert').find((r) => r.state === 'pending');
    expect(held).toMatchObject({ due_at: morning, attempts: 0 });
    expect(held?.last_error).toBe(`quiet hours until ${new Date(morning).toISOString()}`);
    h.clock.set(morning - 1);
    expect(await h.run()).toBe(0);
    h.clock.set(morning);
    expect(await h.run()).toBe(1);
    expect((jsonOf(smsTo(h)[1] as never) as { message: string }).message).toMatch(
      /^linewatch: Privat \(Telekom\) ausgefallen seit 02\.03\. 23:00/,
    );
  });

  it('drops the held alert when the line came back during the night, and sends no recovery', async () => {
    h = await alertHarness({ now: lateEvening });
    h.policy({ channelId: h.channel('SMS', sipgate()).id, quietHours: quiet });
    const s = h.site('Privat');
    h.transition(s, 'down', 'line_sync_lost');
    await h.run();
    h.clock.advance(3 * 3600_000);
    h.transition(s, 'up');
    h.tick(3 * minute);
    expect(h.openIncidents()).toHaveLength(0);
    h.clock.set(morning);
    expect(await h.run()).toBe(0);
    expect(h.rows().map((r) => [r.kind, r.state])).toEqual([['alert', 'superseded']]);
    expect(smsTo(h)).toHaveLength(0);
  });
});

describe('reminders', () => {
  it('reminds every N minutes while the line stays down, at most K times, and stops when it is back', async () => {
    h = await alertHarness();
    h.policy({
      channelId: h.channel('Hook', webhook(h.provider.url)).id,
      reminders: { everyMinutes: 30, max: 3 },
    });
    const s = h.site('A');
    h.transition(s, 'down', 'line_sync_lost');
    await h.run();
    h.clock.advance(30 * minute);
    await h.run();
    h.clock.advance(30 * minute);
    await h.run();
    const events = hooks(h).map((r) => (jsonOf(r) as { data: { event: string } }).data.event);
    expect(events).toEqual(['alert', 'reminder', 'reminder']);
    h.clock.advance(10 * minute);
    h.transition(s, 'up');
    h.clock.advance(20 * minute);
    expect(await h.run()).toBe(0);
    h.tick(3 * minute);
    await h.run();
    expect(hooks(h).map((r) => (jsonOf(r) as { data: { event: string } }).data.event)).toEqual([
      'alert',
      'reminder',
      'reminder',
      'recovery',
    ]);
    expect(h.rows('reminder').map((r) => r.state)).toEqual(['sent', 'sent', 'superseded']);
  });
});

describe('limits', () => {
  it('spends at most the monthly SMS budget, but always sends the recovery notice it owes', async () => {
    h = await alertHarness();
    h.policy({ channelId: h.channel('SMS', sipgate(), { monthlyBudget: 2 }).id });
    const sites = ['10115', '20095', '80331'].map((p, i) => h.site(`S${i}`, { postcode: p }));
    for (const s of sites) h.transition(s, 'down', 'line_sync_lost');
    await h.run();
    expect(h.rows('alert').map((r) => r.state)).toEqual(['sent', 'sent', 'suppressed']);
    expect(h.rows('alert')[2]?.last_error).toBe('monthly budget of 2 used up (2 spent, this one costs 1)');
    h.transition(sites[0] as string, 'up');
    h.tick(3 * minute);
    await h.run();
    expect(h.rows('recovery').map((r) => r.state)).toEqual(['sent']);
    expect(smsTo(h)).toHaveLength(3);
  });

  it('holds messages beyond the hourly rate limit until a slot frees', async () => {
    h = await alertHarness();
    h.policy({ channelId: h.channel('Hook', webhook(h.provider.url), { rateLimitPerHour: 2 }).id });
    const t0 = h.clock.now();
    for (const p of ['10115', '20095', '80331'])
      h.transition(h.site(p, { postcode: p }), 'down', 'dns_failure');
    await h.run();
    expect(hooks(h)).toHaveLength(2);
    const waiting = h.rows('alert')[2];
    expect(waiting).toMatchObject({ state: 'pending', due_at: t0 + 3600_000, attempts: 0 });
    h.clock.set(t0 + 3600_000);
    await h.run();
    expect(hooks(h)).toHaveLength(3);
  });
});
