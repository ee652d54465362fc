import { describe, expect, it } from 'vitest';
import { defaultTimings, directiveAt, scaleTimings } from './scenario.js';

const at = (s: number) => s * 1000;
const t = defaultTimings;

describe('directiveAt', () => {
  it('cuts the area outage sites for the outage, staggered by their offset', () => {
    expect(directiveAt('area_outage', at(59), t, 0).link).toBe('up');
    expect(directiveAt('area_outage', at(60), t, 0)).toEqual({
      power: true,
      link: 'down',
      line: { kind: 'sync_lost' },
    });
    expect(directiveAt('area_outage', at(61), t, 2000).link).toBe('up');
    expect(directiveAt('area_outage', at(239.9), t, 0).link).toBe('down');
    expect(directiveAt('area_outage', at(240), t, 0).link).toBe('up');
  });

  it('flaps the line a few times by its own diagnosis, staying connected', () => {
    const lines = [270, 285, 290, 305, 310, 390, 410, 430, 450].map((s) => directiveAt('flapping', at(s), t));
    const kinds = ['sync_lost', 'sync_lost', 'ok', 'ok', 'sync_lost', 'sync_lost', 'ok', 'ok', 'ok'];
    expect(lines.map((d) => d.line.kind)).toEqual(kinds);
    expect(lines.every((d) => d.link === 'up' && d.power)).toBe(true);
  });

  it('wears the degraded line first, then degrades it for a long stretch', () => {
    expect(directiveAt('degraded', at(30), t).line).toEqual({ kind: 'ok' });
    expect(directiveAt('degraded', at(105), t).line).toEqual({ kind: 'ok', wear: 0.5 });
    expect(directiveAt('degraded', at(150), t).line).toEqual({ kind: 'degraded', severity: 1 });
    expect(directiveAt('degraded', at(509), t).line.kind).toBe('degraded');
    expect(directiveAt('degraded', at(510), t).line).toEqual({ kind: 'ok' });
  });

  it('cuts the power, then keeps the box booting before it runs again', () => {
    expect(directiveAt('power_cut', at(449), t).power).toBe(true);
    expect(directiveAt('power_cut', at(450), t).power).toBe(false);
    expect(directiveAt('power_cut', at(564), t).power).toBe(false);
    expect(directiveAt('power_cut', at(565), t).power).toBe(true);
  });

  it('leaves normal sites alone and scales every duration', () => {
    expect(directiveAt('normal', at(100), t)).toEqual({ power: true, link: 'up', line: { kind: 'ok' } });
    const fast = scaleTimings(t, 10);
    expect(fast.cycleMs).toBe(60_000);
    expect(fast.outage).toEqual({ startMs: 6000, durationMs: 18_000, spreadMs: 300 });
    expect(fast.flap.count).toBe(4);
  });
});
