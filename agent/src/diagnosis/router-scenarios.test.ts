import { type Cause, diagnose, Thresholds } from '@linewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProbeRunner, type ProbePlan } from '../probes/round.js';
import { createRouterReader } from '../router/router-reader.js';
import { blackholePort, listeningPort } from '../testing/loopback.js';
import { type ScenarioName, startRouterEmulator } from '../testing/router-emulator/index.js';

/**
 * Acceptance: each test-router scenario yields the right diagnosis through
 * the real agent code (probe runner, router clients, diagnosis) over real
 * loopback sockets. "The internet" is a listening port (up) or a port that
 * never accepts (down); ICMP is off because 127.0.0.1 always answers ping.
 */
const thresholds = Thresholds.parse({});
const contract = { downMbps: 250, upMbps: 40 };
let emulator: Awaited<ReturnType<typeof startRouterEmulator>>;
let internetUp: Awaited<ReturnType<typeof listeningPort>>;
let internetDown: Awaited<ReturnType<typeof blackholePort>>;

beforeAll(async () => {
  emulator = await startRouterEmulator({ user: 'admin', password: 'secret', slowDelayMs: 5000 });
  internetUp = await listeningPort();
  internetDown = await blackholePort();
});
afterAll(async () => {
  await emulator.close();
  await internetUp.close();
  await internetDown.close();
});

function plan(internet: 'up' | 'down', password: string | null = 'secret'): ProbePlan {
  return {
    targets: [{ host: '127.0.0.1', port: internet === 'up' ? internetUp.port : internetDown.port }],
    router: { host: '127.0.0.1', port: emulator.port },
    timeoutMs: 400,
    attempts: 2,
    resolvers: [],
    dnsNames: [],
    httpUrls: [],
    icmp: false,
    routerLogin: { user: 'admin', password },
  };
}

async function verdict(scenario: ScenarioName, internet: 'up' | 'down', password?: string | null) {
  emulator.setScenario(scenario);
  const probe = createProbeRunner({ readRouter: createRouterReader() });
  const round = await probe(plan(internet, password));
  return { round, ...diagnose(round, thresholds, { contract }) };
}

describe('test-router scenarios through the real agent code', () => {
  it.each<[ScenarioName, 'up' | 'down', 'up' | 'degraded' | 'down', Cause | null]>([
    ['dsl_up', 'up', 'up', null],
    ['dsl_up', 'down', 'down', 'internet_unreachable'],
    ['dsl_training', 'down', 'down', 'line_sync_lost'],
    ['dsl_no_signal', 'down', 'down', 'line_sync_lost'],
    ['ppp_auth_failure', 'down', 'down', 'isp_session_down'],
    ['low_snr', 'up', 'degraded', 'low_sync_rate'],
    ['cable_box', 'up', 'up', null],
    ['cable_box', 'down', 'down', 'internet_unreachable'],
    ['upnp_disabled', 'down', 'down', 'internet_unreachable'],
  ])('%s with the internet %s → %s/%s', async (scenario, internet, status, cause) => {
    const v = await verdict(scenario, internet);
    expect({ status: v.status, cause: v.cause }).toEqual({ status, cause });
  });

  it('reads the DSL figures and the sync-loss log line', async () => {
    const v = await verdict('dsl_no_signal', 'down');
    expect(v.round.router?.protocol).toBe('tr064');
    expect(v.evidence.some((e) => e.includes('DSL antwortet nicht'))).toBe(true);
  });

  it('names the PPP login failure', async () => {
    const v = await verdict('ppp_auth_failure', 'down');
    expect(v.evidence.some((e) => e.includes('ERROR_AUTHENTICATION_FAILURE'))).toBe(true);
  });

  it('tells rising CRC errors from two rounds', async () => {
    emulator.setScenario('rising_crc');
    const probe = createProbeRunner({ readRouter: createRouterReader() });
    const first = await probe(plan('up'));
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 300));
    const second = await probe(plan('up'));
    const dsl = first.router?.dsl;
    expect(dsl).toBeTruthy();
    const v = diagnose(second, thresholds, {
      previous: { atMs: t0, dsl: dsl as NonNullable<typeof dsl> },
      nowMs: performance.now(),
    });
    expect({ status: v.status, cause: v.cause }).toEqual({ status: 'degraded', cause: 'line_errors' });
  });

  it('a cable box that lists DSL but refuses it: WAN figures, no DSL, a clear finding', async () => {
    const v = await verdict('cable_box', 'up');
    expect(v.round.router?.dsl).toBeNull();
    expect(v.round.router?.wan?.accessType).toBe('X_AVM-DE_Cable');
    expect(v.round.router?.findings.map((f) => f.code)).toContain('action_not_supported');
  });

  it.each<[ScenarioName, string, string | null | undefined]>([
    // Without a login only UPnP IGD is asked, and it is off.
    ['upnp_disabled', 'upnp_disabled', null],
    ['wrong_password', 'auth_failed', undefined],
    ['dsl_up', 'auth_failed', 'not-the-password'],
    ['garbage', 'invalid_response', undefined],
  ])('%s gives the finding %s, never a crash', async (scenario, code, password) => {
    const v = await verdict(scenario, 'up', password);
    expect(v.round.router?.findings.map((f) => f.code)).toContain(code);
    expect(v.status).toBe('up');
  });

  it('a router answering in 5 s cannot hang the round', async () => {
    const started = performance.now();
    const v = await verdict('slow', 'up');
    expect(performance.now() - started).toBeLessThan(4500);
    expect(v.round.router?.findings.map((f) => f.code)).toContain('timeout');
    expect(v.status).toBe('up');
  }, 15_000);
});
