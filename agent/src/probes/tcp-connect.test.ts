import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blackholePort, listeningPort, refusedPort } from '../testing/loopback.js';
import { type AttemptOutcome, type Connector, probeTcp, tcpConnect } from './tcp-connect.js';

describe('tcpConnect on loopback', () => {
  let listening: Awaited<ReturnType<typeof listeningPort>>;
  let blackhole: Awaited<ReturnType<typeof blackholePort>>;
  beforeAll(async () => {
    listening = await listeningPort();
    blackhole = await blackholePort();
  });
  afterAll(async () => {
    await listening.close();
    await blackhole.close();
  });

  it('measures a handshake with a listening server', async () => {
    const outcome = await tcpConnect({ host: '127.0.0.1', port: listening.port, timeoutMs: 2000 });
    expect(outcome).toMatchObject({ answered: true, refused: false });
    expect(outcome.answered && outcome.rttMs).toBeGreaterThanOrEqual(0);
    expect(outcome.answered && outcome.rttMs).toBeLessThan(2000);
  });

  it('counts a refused connection as an answer', async () => {
    const port = await refusedPort();
    expect(await tcpConnect({ host: '127.0.0.1', port, timeoutMs: 2000 })).toMatchObject({
      answered: true,
      refused: true,
    });
  });

  it('gives up after the timeout when SYNs go unanswered', async () => {
    const started = Date.now();
    const outcome = await tcpConnect({ host: '127.0.0.1', port: blackhole.port, timeoutMs: 300 });
    expect(outcome).toEqual({ answered: false, timedOut: true, error: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('probes a target with several attempts', async () => {
    const result = await probeTcp(
      { host: '127.0.0.1', port: listening.port },
      { attempts: 3, timeoutMs: 2000 },
    );
    expect(result).toMatchObject({
      kind: 'tcp',
      target: `127.0.0.1:${listening.port}`,
      sent: 3,
      received: 3,
      lossPct: 0,
      error: null,
    });
    expect(result.rttMs?.min).toBeLessThanOrEqual(result.rttMs?.max ?? -1);
    expect(result.jitterMs).not.toBeNull();
  });

  it('reports a black-holed target as lost', async () => {
    const result = await probeTcp(
      { host: '127.0.0.1', port: blackhole.port },
      { attempts: 2, timeoutMs: 200 },
    );
    expect(result).toMatchObject({
      sent: 2,
      received: 0,
      lossPct: 100,
      rttMs: null,
      jitterMs: null,
      error: 'timeout',
    });
  });
});

describe('probeTcp figures', () => {
  /** A connector that plays back outcomes in order. */
  function scripted(...outcomes: AttemptOutcome[]): Connector {
    let i = 0;
    return async () => outcomes[i++] ?? { answered: false, timedOut: true, error: 'timeout' };
  }
  const ok = (rttMs: number): AttemptOutcome => ({ answered: true, rttMs, refused: false });
  const lost = (error: string): AttemptOutcome => ({ answered: false, timedOut: error === 'timeout', error });

  it('computes statistics over the answers only', async () => {
    const result = await probeTcp(
      { host: '192.0.2.1', port: 443 },
      { attempts: 4, timeoutMs: 1000, connect: scripted(ok(10), lost('timeout'), ok(14), ok(12)) },
    );
    expect(result).toEqual({
      kind: 'tcp',
      target: '192.0.2.1:443',
      sent: 4,
      received: 3,
      lossPct: 25,
      rttMs: { min: 10, median: 12, avg: 12, max: 14 },
      jitterMs: 3,
      error: 'timeout',
    });
  });

  it('lists each kind of error once', async () => {
    const result = await probeTcp(
      { host: '192.0.2.1', port: 443 },
      {
        attempts: 3,
        timeoutMs: 1000,
        connect: scripted(lost('timeout'), lost('EHOSTUNREACH'), lost('timeout')),
      },
    );
    expect(result.error).toBe('timeout, EHOSTUNREACH');
    expect(result.lossPct).toBe(100);
  });

  it('brackets IPv6 targets', async () => {
    const result = await probeTcp(
      { host: '::1', port: 80 },
      { attempts: 1, timeoutMs: 1000, connect: scripted(ok(1)) },
    );
    expect(result.target).toBe('[::1]:80');
  });
});
