import { describe, expect, it } from 'vitest';
import { createProbeRunner, type ProbePlan } from './round.js';
import type { AttemptOutcome, ConnectAttempt, Connector } from './tcp-connect.js';

const plan: ProbePlan = {
  targets: [
    { host: '192.0.2.10', port: 443 },
    { host: '192.0.2.11', port: 443 },
  ],
  router: null,
  timeoutMs: 100,
  attempts: 2,
  resolvers: [],
};

function recording(answer: (a: ConnectAttempt) => AttemptOutcome) {
  const tried: string[] = [];
  const connect: Connector = async (a) => {
    tried.push(`${a.host}:${a.port}`);
    return answer(a);
  };
  return { connect, tried };
}
const ok: AttemptOutcome = { answered: true, rttMs: 5, refused: false };

describe('createProbeRunner', () => {
  it('probes the default gateway and every target', async () => {
    const { connect, tried } = recording(() => ok);
    const probe = createProbeRunner({
      connect,
      readDefaultRoute: async () => ({ gateway: '192.0.2.1', interface: 'eth0', metric: 0 }),
    });
    const round = await probe(plan);
    expect(round.gateway).toMatchObject({ address: '192.0.2.1', interface: 'eth0', source: 'default_route' });
    expect(round.targets.map((t) => [t.target, t.received])).toEqual([
      ['192.0.2.10:443', 2],
      ['192.0.2.11:443', 2],
    ]);
    expect(tried.filter((t) => t === '192.0.2.1:80')).toHaveLength(1);
  });

  it('uses the router override instead of the routing table', async () => {
    const { connect, tried } = recording(() => ok);
    const probe = createProbeRunner({
      connect,
      readDefaultRoute: async () => {
        throw new Error('must not be read');
      },
    });
    const round = await probe({ ...plan, router: { host: '192.0.2.254', port: 8080 } });
    expect(round.gateway).toMatchObject({ address: '192.0.2.254', source: 'override', port: 8080 });
    expect(tried).toContain('192.0.2.254:8080');
  });

  it('reports a missing default route without probing a router', async () => {
    const { connect, tried } = recording(() => ok);
    const probe = createProbeRunner({ connect, readDefaultRoute: async () => null });
    const round = await probe(plan);
    expect(round.gateway).toMatchObject({ address: null, reachable: false, error: 'no default route' });
    expect(tried.every((t) => t.startsWith('192.0.2.1'))).toBe(true);
  });

  it('reports an unreadable routing table', async () => {
    const probe = createProbeRunner({
      connect: async () => ok,
      readDefaultRoute: async () => {
        throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      },
    });
    expect((await probe(plan)).gateway.error).toBe('cannot read the routing table: ENOENT: no such file');
  });

  it('keeps one probe per target in flight across overlapping rounds', async () => {
    let connects = 0;
    const probe = createProbeRunner({
      connect: async () => {
        connects++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return ok;
      },
      readDefaultRoute: async () => null,
    });
    const [a, b] = await Promise.all([probe(plan), probe(plan)]);
    expect(a.targets).toEqual(b.targets);
    expect(connects).toBe(plan.targets.length * plan.attempts);
  });
});
