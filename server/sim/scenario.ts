import type { SiteRole } from './fleet-plan.js';
import type { LineCondition } from './line.js';

/**
 * When the scripted faults happen within one cycle, ms from the cycle's
 * start. The cycle repeats, so the dashboard always has something true to show.
 */
export interface ScenarioTimings {
  cycleMs: number;
  /** Telekom lines of one area lose sync together; each drops within `spreadMs` of `startMs`. */
  outage: { startMs: number; durationMs: number; spreadMs: number };
  /** The SNR margin falls and CRC errors rise from `wearFromMs`; at `startMs` the line retrains slow. */
  degraded: { wearFromMs: number; startMs: number; durationMs: number };
  /** `count` times: sync lost for `downMs`, back for `upMs`. */
  flap: { startMs: number; downMs: number; upMs: number; count: number };
  /** The box and router lose power for `offMs`, then boot for `bootMs` before the agent connects. */
  powerCut: { startMs: number; offMs: number; bootMs: number };
}

const s = 1000;

/** A ten-minute cycle at real speed. */
export const defaultTimings: ScenarioTimings = {
  cycleMs: 600 * s,
  outage: { startMs: 60 * s, durationMs: 180 * s, spreadMs: 3 * s },
  degraded: { wearFromMs: 60 * s, startMs: 150 * s, durationMs: 360 * s },
  flap: { startMs: 270 * s, downMs: 20 * s, upMs: 20 * s, count: 4 },
  powerCut: { startMs: 450 * s, offMs: 90 * s, bootMs: 25 * s },
};

/**
 * The timings `speedup` times faster (every duration divided by it).
 *
 * @example
 * scaleTimings(defaultTimings, 10).cycleMs // 60_000
 */
export function scaleTimings(t: ScenarioTimings, speedup: number): ScenarioTimings {
  const f = (ms: number) => Math.round(ms / speedup);
  return {
    cycleMs: f(t.cycleMs),
    outage: {
      startMs: f(t.outage.startMs),
      durationMs: f(t.outage.durationMs),
      spreadMs: f(t.outage.spreadMs),
    },
    degraded: {
      wearFromMs: f(t.degraded.wearFromMs),
      startMs: f(t.degraded.startMs),
      durationMs: f(t.degraded.durationMs),
    },
    flap: { startMs: f(t.flap.startMs), downMs: f(t.flap.downMs), upMs: f(t.flap.upMs), count: t.flap.count },
    powerCut: { startMs: f(t.powerCut.startMs), offMs: f(t.powerCut.offMs), bootMs: f(t.powerCut.bootMs) },
  };
}

/** What a site's line, link and power are at one moment. */
export interface Directive {
  /** The box has power and has booted (the agent runs). */
  power: boolean;
  /** The connection to the server passes. */
  link: 'up' | 'down';
  line: LineCondition;
}

const normal: Directive = { power: true, link: 'up', line: { kind: 'ok' } };

const within = (t: number, from: number, ms: number) => t >= from && t < from + ms;

/**
 * The directive for a site of `role` at `t` ms into the cycle; `offsetMs`
 * (0 ≤ offset < spread) staggers the sites of the area outage.
 *
 * @example
 * directiveAt('area_outage', 61_000, defaultTimings, 500).link // 'down'
 */
export function directiveAt(role: SiteRole, t: number, timings: ScenarioTimings, offsetMs = 0): Directive {
  switch (role) {
    case 'normal':
      return normal;
    case 'area_outage': {
      const o = timings.outage;
      return within(t, o.startMs + offsetMs, o.durationMs)
        ? { power: true, link: 'down', line: { kind: 'sync_lost' } }
        : normal;
    }
    case 'flapping': {
      const f = timings.flap;
      const period = f.downMs + f.upMs;
      const k = Math.floor((t - f.startMs) / period);
      const down = t >= f.startMs && k < f.count && t - f.startMs - k * period < f.downMs;
      return down ? { power: true, link: 'up', line: { kind: 'sync_lost' } } : normal;
    }
    case 'degraded': {
      const d = timings.degraded;
      if (within(t, d.startMs, d.durationMs)) return { ...normal, line: { kind: 'degraded', severity: 1 } };
      if (within(t, d.wearFromMs, d.startMs - d.wearFromMs)) {
        const wear = (t - d.wearFromMs) / Math.max(1, d.startMs - d.wearFromMs);
        return { ...normal, line: { kind: 'ok', wear } };
      }
      return normal;
    }
    case 'power_cut': {
      const p = timings.powerCut;
      return within(t, p.startMs, p.offMs + p.bootMs)
        ? { power: false, link: 'up', line: { kind: 'ok' } }
        : normal;
    }
  }
}

const clock = (ms: number) => {
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
};

/**
 * The cycle in words, for the demo's banner.
 *
 * @example
 * describeCycle(defaultTimings, { outageSites: 10, area: '041' })[0]
 * // 'at 1:00  area outage: 10 Telekom lines in area 041 lose sync for 3:00'
 */
export function describeCycle(t: ScenarioTimings, what: { outageSites: number; area: string }): string[] {
  const flapEnd = t.flap.startMs + t.flap.count * (t.flap.downMs + t.flap.upMs);
  return [
    `at ${clock(t.outage.startMs)}  area outage: ${what.outageSites} Telekom lines in area ${what.area} lose sync for ${clock(t.outage.durationMs)}`,
    `at ${clock(t.degraded.wearFromMs)}  one DSL line wears (SNR margin falls); at ${clock(t.degraded.startMs)} it retrains slow for ${clock(t.degraded.durationMs)}`,
    `at ${clock(t.flap.startMs)}  one line flaps: sync lost ${t.flap.count}× for ${clock(t.flap.downMs)} every ${clock(t.flap.downMs + t.flap.upMs)} (until ${clock(flapEnd)})`,
    `at ${clock(t.powerCut.startMs)}  power cut at one site for ${clock(t.powerCut.offMs)}; the box reboots (new boot id)`,
    `every ${clock(t.cycleMs)} the cycle repeats`,
  ];
}
