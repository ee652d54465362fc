import type { AgentDiagnosis } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { next, type Signal, type SiteLiveState } from './site-state.js';

const th = { confirmDelayMs: 5000 };
const fresh: SiteLiveState = {
  status: 'unknown',
  cause: null,
  since: 0,
  lastSeenAt: null,
  downAfter: null,
  connected: false,
  lostAt: null,
};

/** Steps through a sequence of signals, collecting the status changes. */
function run(signals: Signal[], start: SiteLiveState = fresh) {
  let state = start;
  const changes: string[] = [];
  for (const s of signals) {
    const step = next(state, s, th);
    state = step.state;
    if (step.change) changes.push(`${step.change.at}:${step.change.to}/${step.change.cause ?? '-'}`);
  }
  return { state, changes };
}

const heard = (at: number, diagnosis?: AgentDiagnosis): Signal => ({
  type: 'heard',
  at,
  silenceMs: 24_500,
  diagnosis,
});

describe('site state machine', () => {
  it.each<[string, Signal[], string[]]>([
    ['first contact turns an unknown site up', [heard(1000)], ['1000:up/-']],
    [
      'the agent diagnosis sets status and cause',
      [heard(1000), heard(2000, { status: 'down', cause: 'internet_unreachable' })],
      ['1000:up/-', '2000:down/internet_unreachable'],
    ],
    [
      'a 3 s blip raises nothing',
      [
        heard(1000),
        { type: 'disconnected', at: 10_000, silentAlready: false },
        heard(13_000),
        { type: 'deadline', at: 15_000 },
      ],
      ['1000:up/-'],
    ],
    [
      'a dropped connection that stays dropped turns the site down, dated from the drop',
      [
        heard(1000),
        { type: 'disconnected', at: 10_000, silentAlready: false },
        { type: 'deadline', at: 15_000 },
      ],
      ['1000:up/-', '10000:down/agent_silent'],
    ],
    [
      'a keepalive timeout is down at once, dated from the last sign of life',
      [
        heard(1000),
        { type: 'disconnected', at: 23_500, silentAlready: true },
        { type: 'deadline', at: 23_500 },
      ],
      ['1000:up/-', '1000:down/agent_silent'],
    ],
    [
      'silence past the deadline without any broker event turns the site down',
      [heard(1000), { type: 'deadline', at: 25_500 }],
      ['1000:up/-', '1000:down/agent_silent'],
    ],
    ['an early deadline does nothing', [heard(1000), { type: 'deadline', at: 20_000 }], ['1000:up/-']],
    [
      'the agent coming back brings the site up again',
      [heard(1000), { type: 'deadline', at: 30_000 }, heard(40_000)],
      ['1000:up/-', '1000:down/agent_silent', '40000:up/-'],
    ],
    [
      'a returning agent with its own diagnosis takes that diagnosis',
      [
        heard(1000),
        { type: 'deadline', at: 30_000 },
        heard(40_000, { status: 'degraded', cause: 'high_loss' }),
      ],
      ['1000:up/-', '1000:down/agent_silent', '40000:degraded/high_loss'],
    ],
    [
      'a second deadline while down changes nothing',
      [heard(1000), { type: 'deadline', at: 30_000 }, { type: 'deadline', at: 60_000 }],
      ['1000:up/-', '1000:down/agent_silent'],
    ],
  ])('%s', (_name, signals, expected) => {
    expect(run(signals).changes).toEqual(expected);
  });

  it('hearing the agent pushes the deadline out and clears the loss', () => {
    const { state } = run([
      heard(1000),
      { type: 'disconnected', at: 2000, silentAlready: false },
      heard(3000),
    ]);
    expect(state).toMatchObject({ connected: true, downAfter: 27_500, lostAt: null, lastSeenAt: 3000 });
  });

  it('a late signal never moves last-seen backwards', () => {
    const { state } = run([heard(5000), heard(4000)]);
    expect(state.lastSeenAt).toBe(5000);
  });
});
