import { afterEach, describe, expect, it } from 'vitest';
import { alertHarness, type Harness, minute } from './testing/harness.js';

/**
 * An area outage is one message listing its sites, never one per site
 * (issue 6: one internet drop once sent 28,000 SMS); its recovery is one
 * message too. Real incident processor, real e-mail channel, SMTP sink.
 */

let h: Harness;
afterEach(() => h.close());

const second = 1000;

/** `n` Telekom lines in area 101, going down one second apart from `t0`. */
function areaOutage(h: Harness, n: number, t0: number): string[] {
  const sites = Array.from({ length: n }, (_, i) => h.site(`Laden ${String(i + 1).padStart(2, '0')}`));
  sites.forEach((s, i) => {
    h.clock.set(t0 + i * second);
    h.transition(s, 'down', 'line_sync_lost');
  });
  return sites;
}

const listed = (text: string | undefined) =>
  (text ?? '').split(/\r?\n/).filter((l) => l.startsWith('- Laden'));

describe('area outages', () => {
  it('sends one alert listing 12 sites, and one recovery message when they are back', async () => {
    h = await alertHarness();
    const t0 = h.clock.now();
    const sites = areaOutage(h, 12, t0);
    const area = h.openIncidents().filter((i) => i.kind === 'area');
    expect(area).toHaveLength(1);
    expect(h.openIncidents().filter((i) => i.parent_id === area[0]?.id)).toHaveLength(12);

    // The first sites were held (they have neighbours), then covered by the area incident.
    h.clock.set(t0 + 31 * second);
    expect(await h.run()).toBe(0);
    h.clock.set(t0 + 32 * second);
    expect(await h.run()).toBe(1);
    h.clock.set(t0 + 5 * minute);
    expect(await h.run()).toBe(0);

    const [mail] = await h.sink.waitFor(1);
    expect(h.sink.received).toHaveLength(1);
    expect(mail?.mail.subject).toBe(
      '[linewatch] Ausgefallen: Gebietsstörung Telekom 101 - Leitung ohne Synchronisation',
    );
    expect(mail?.mail.text).toContain(
      'Gebietsstörung Telekom 101: 12 Anschlüsse sind seit 02.03.2026, 11:00 Uhr ausgefallen',
    );
    expect(listed(mail?.mail.text)).toHaveLength(12);
    const siteAlerts = h.rows('alert').filter((r) => r.incident_id !== area[0]?.id);
    expect(siteAlerts).toHaveLength(12);
    expect(
      siteAlerts.every((r) => r.state === 'superseded' && r.last_error?.startsWith('covered by the area')),
    ).toBe(true);

    h.clock.set(t0 + 20 * minute);
    for (const s of sites) h.transition(s, 'up');
    h.tick(3 * minute);
    expect(h.openIncidents()).toHaveLength(0);
    expect(await h.run()).toBe(1);
    const [, recovery] = await h.sink.waitFor(2);
    expect(h.sink.received).toHaveLength(2);
    expect(recovery?.mail.subject).toBe('[linewatch] Wieder in Ordnung: Gebietsstörung Telekom 101');
    expect(recovery?.mail.text).toContain('Der Ausfall dauerte 20 Min.');
    expect(listed(recovery?.mail.text)).toHaveLength(12);
  });

  it('sends at most one "now N sites" update when the area grows after its alert went out', async () => {
    h = await alertHarness();
    const t0 = h.clock.now();
    areaOutage(h, 12, t0);
    h.clock.set(t0 + 32 * second);
    await h.run();
    const late = [h.site('Laden 13'), h.site('Laden 14')];
    h.clock.set(t0 + 40 * second);
    h.transition(late[0] as string, 'down', 'line_sync_lost');
    h.clock.set(t0 + 50 * second);
    h.transition(late[1] as string, 'down', 'line_sync_lost');
    expect(h.rows('update')).toHaveLength(1);
    expect(h.rows('update')[0]?.due_at).toBe(t0 + 32 * second + 10 * minute);
    h.clock.set(t0 + 32 * second + 10 * minute);
    expect(await h.run()).toBe(1);
    const [, update] = await h.sink.waitFor(2);
    expect(update?.mail.subject).toBe(
      '[linewatch] Gebietsstörung Telekom 101: jetzt 14 Anschlüsse ausgefallen',
    );
    h.clock.advance(60 * minute);
    expect(await h.run()).toBe(0);
    expect(h.sink.received).toHaveLength(2);
  });

  it('alerts a lone line at once, even while an area outage elsewhere is held', async () => {
    h = await alertHarness();
    const t0 = h.clock.now();
    areaOutage(h, 3, t0);
    const lone = h.site('Einzeln', { postcode: '80331' });
    h.transition(lone, 'down', 'router_unreachable');
    expect(await h.run()).toBe(1);
    const [mail] = await h.sink.waitFor(1);
    expect(mail?.mail.subject).toMatch(/^\[linewatch\] Ausgefallen: Einzeln \(Telekom\)/);
  });

  it('alerts a lone failure among healthy neighbours after the settle time, not the grouping delay', async () => {
    h = await alertHarness();
    const t0 = h.clock.now();
    const [a] = [h.site('A'), h.site('B'), h.site('C')];
    h.transition(a as string, 'down', 'router_unreachable');
    h.clock.set(t0 + 4 * second);
    expect(await h.run()).toBe(0);
    h.clock.set(t0 + 5 * second);
    expect(await h.run()).toBe(1);
    const [mail] = await h.sink.waitFor(1);
    expect(mail?.mail.subject).toMatch(/^\[linewatch\] Ausgefallen: A \(Telekom\)/);
  });

  it('holds the whole grouping delay once a neighbour fails within the settle time', async () => {
    h = await alertHarness();
    const t0 = h.clock.now();
    const [a, b] = [h.site('A'), h.site('B'), h.site('C')];
    h.transition(a as string, 'down', 'line_sync_lost');
    h.clock.set(t0 + 2 * second);
    h.transition(b as string, 'down', 'line_sync_lost');
    expect(h.rows('alert').map((r) => r.due_at - t0)).toEqual([5 * second, 62 * second]);

    h.clock.set(t0 + 5 * second);
    expect(await h.run()).toBe(0);
    const [first] = h.rows('alert');
    expect([first?.state, first?.due_at, first?.last_error]).toEqual([
      'pending',
      t0 + 60 * second,
      'other lines of the area are failing: waiting for an area outage',
    ]);
    // Two lines are no area outage (three make one): each is alerted after the hold.
    h.clock.set(t0 + 60 * second);
    expect(await h.run()).toBe(1);
    h.clock.set(t0 + 62 * second);
    expect(await h.run()).toBe(1);
    expect(h.sink.received).toHaveLength(2);
  });

  it('drops the alerts of a 40-second outage of two lines inside the hold, and sends no lone recovery', async () => {
    h = await alertHarness();
    const [a, b] = [h.site('A'), h.site('B'), h.site('C')];
    h.transition(a as string, 'down', 'agent_silent');
    h.clock.advance(1 * second);
    h.transition(b as string, 'down', 'agent_silent');
    h.clock.advance(39 * second);
    h.transition(a as string, 'up');
    h.transition(b as string, 'up');
    h.clock.advance(25 * second);
    expect(await h.run()).toBe(0);
    h.tick(3 * minute);
    expect(await h.run()).toBe(0);
    expect(h.rows().map((r) => [r.kind, r.state, r.last_error])).toEqual([
      ['alert', 'superseded', 'the line was back before it was sent'],
      ['alert', 'superseded', 'the line was back before it was sent'],
    ]);
    expect(h.sink.received).toHaveLength(0);
  });

  it('alerts a line that fails again after its held alert was dropped', async () => {
    h = await alertHarness();
    const [a] = [h.site('A'), h.site('B'), h.site('C')];
    h.transition(a as string, 'down', 'agent_silent');
    h.clock.advance(40 * second);
    h.transition(a as string, 'up');
    h.clock.advance(20 * second);
    await h.run();
    h.clock.advance(30 * second);
    h.transition(a as string, 'down', 'line_sync_lost');
    h.clock.advance(60 * second);
    expect(await h.run()).toBe(1);
    expect(h.rows('alert').map((r) => r.state)).toEqual(['superseded', 'sent']);
    // Flapping on: no further alert for the same incident once one was delivered.
    h.transition(a as string, 'up');
    h.clock.advance(30 * second);
    h.transition(a as string, 'down', 'line_sync_lost');
    h.clock.advance(2 * minute);
    expect(await h.run()).toBe(0);
    expect(h.sink.received).toHaveLength(1);
  });
});
