import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blackholePort, listeningPort, refusedPort } from '../testing/loopback.js';
import { probeGateway } from './gateway.js';
import type { AttemptOutcome, ConnectAttempt, Connector } from './tcp-connect.js';

/** A connector that answers by port and records what was tried. */
function byPort(outcomes: Record<number, AttemptOutcome>) {
  const tried: ConnectAttempt[] = [];
  const connect: Connector = async (attempt) => {
    tried.push(attempt);
    return outcomes[attempt.port] ?? { answered: false, timedOut: true, error: 'timeout' };
  };
  return { connect, tried };
}

const router = { address: '192.0.2.1', port: null, interface: 'eth0', source: 'default_route' } as const;
const timeout: AttemptOutcome = { answered: false, timedOut: true, error: 'timeout' };

describe('probeGateway', () => {
  it('is unreachable without a default route and says why', async () => {
    expect(await probeGateway(null, { timeoutMs: 100 })).toEqual({
      address: null,
      interface: null,
      reachable: false,
      rttMs: null,
      error: 'no default route',
      port: null,
      source: null,
    });
  });

  it('stops at port 80 when it answers', async () => {
    const { connect, tried } = byPort({ 80: { answered: true, rttMs: 0.512, refused: false } });
    const result = await probeGateway(router, { timeoutMs: 100, connect });
    expect(result).toMatchObject({
      address: '192.0.2.1',
      reachable: true,
      rttMs: 0.51,
      port: 80,
      error: null,
    });
    expect(tried.map((t) => t.port)).toEqual([80]);
  });

  it('counts a refused port 80 as reachable', async () => {
    const { connect } = byPort({ 80: { answered: true, rttMs: 0.3, refused: true } });
    expect((await probeGateway(router, { timeoutMs: 100, connect })).reachable).toBe(true);
  });

  it('tries 49000 when port 80 times out', async () => {
    const { connect, tried } = byPort({ 80: timeout, 49000: { answered: true, rttMs: 1, refused: false } });
    const result = await probeGateway(router, { timeoutMs: 100, connect });
    expect(result).toMatchObject({ reachable: true, port: 49000 });
    expect(tried.map((t) => t.port)).toEqual([80, 49000]);
  });

  it('does not try 49000 when the host is unreachable', async () => {
    const { connect, tried } = byPort({ 80: { answered: false, timedOut: false, error: 'EHOSTUNREACH' } });
    const result = await probeGateway(router, { timeoutMs: 100, connect });
    expect(result).toMatchObject({ reachable: false, rttMs: null, error: 'port 80: EHOSTUNREACH', port: 80 });
    expect(tried).toHaveLength(1);
  });

  it('is unreachable when both ports time out', async () => {
    const { connect } = byPort({});
    const result = await probeGateway(router, { timeoutMs: 100, connect });
    expect(result).toMatchObject({ reachable: false, error: 'port 49000: timeout', port: 49000 });
  });

  it('uses only an explicit port', async () => {
    const { connect, tried } = byPort({});
    await probeGateway({ ...router, port: 8080, source: 'override' }, { timeoutMs: 100, connect });
    expect(tried.map((t) => t.port)).toEqual([8080]);
  });
});

describe('probeGateway on loopback', () => {
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
  const at = (port: number) => ({ address: '127.0.0.1', port, interface: null, source: 'override' }) as const;

  it('reaches a listening router', async () => {
    expect(await probeGateway(at(listening.port), { timeoutMs: 1000 })).toMatchObject({ reachable: true });
  });

  it('reaches a router that refuses', async () => {
    expect(await probeGateway(at(await refusedPort()), { timeoutMs: 1000 })).toMatchObject({
      reachable: true,
    });
  });

  it('does not reach a silent router', async () => {
    expect(await probeGateway(at(blackhole.port), { timeoutMs: 200 })).toMatchObject({
      reachable: false,
      error: `port ${blackhole.port}: timeout`,
    });
  });
});
