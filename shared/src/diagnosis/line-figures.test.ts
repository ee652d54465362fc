import { describe, expect, it } from 'vitest';
import type { TcpProbeResult } from '../index.js';
import { lineFigures } from './line-figures.js';

function target(received: number, rtt: number, jitter: number, sent = 3): TcpProbeResult {
  return {
    kind: 'tcp',
    target: '1.1.1.1:443',
    sent,
    received,
    lossPct: ((sent - received) * 100) / sent,
    rttMs: received > 0 ? { min: rtt, median: rtt, avg: rtt, max: rtt } : null,
    jitterMs: received > 1 ? jitter : null,
    error: null,
  };
}

describe('lineFigures', () => {
  it('pools loss and takes medians across targets', () => {
    expect(lineFigures([target(3, 10, 1), target(2, 30, 5), target(0, 0, 0)])).toEqual({
      lossPct: 44.44,
      latencyMs: 20,
      jitterMs: 3,
    });
  });

  it('has no figures without targets', () => {
    expect(lineFigures([])).toEqual({ lossPct: null, latencyMs: null, jitterMs: null });
  });
});
