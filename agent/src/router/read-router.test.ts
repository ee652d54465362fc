import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { RouterStatus } from '@linewatch/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RouterReader } from '../probes/round.js';
import { refusedPort } from '../testing/loopback.js';
import { type RouterEmulator, startRouterEmulator } from '../testing/router-emulator/index.js';
import { createByteCounterMemory } from './byte-counters.js';
import { type ReadRouterOptions, readRouter } from './read-router.js';

const login = { user: 'admin', password: 'secret' };

it('fits the probe round seam as it is', () => {
  const reader: RouterReader = readRouter;
  expect(reader).toBe(readRouter);
});

describe('readRouter against the emulated FRITZ!Box', () => {
  let router: RouterEmulator;
  beforeAll(async () => {
    router = await startRouterEmulator({ ...login, maxFailedLogins: 3, slowDelayMs: 5000 });
  });
  afterAll(async () => {
    await router.close();
  });
  beforeEach(() => {
    router.setScenario('dsl_up');
    router.setConnectionType('ppp');
    router.requests.length = 0;
  });

  /** One read, checked against the shared schema. */
  async function read(options: Partial<ReadRouterOptions> = {}): Promise<RouterStatus> {
    const status = await readRouter({ address: router.address, port: router.port, ...login, ...options });
    return RouterStatus.parse(status);
  }
  const codes = (s: RouterStatus) => s.findings.map((f) => f.code);

  it('dsl_up over PPP: every figure, one digest challenge for the whole read', async () => {
    const s = await read();
    expect(s).toMatchObject({
      address: '127.0.0.1',
      protocol: 'tr064',
      model: 'FRITZ!Box 7590',
      firmware: '154.07.57',
      uptimeSeconds: 1_209_600,
      wan: {
        accessType: 'DSL',
        physicalLinkStatus: 'Up',
        connectionStatus: 'Connected',
        lastConnectionError: 'ERROR_NONE',
        externalIp: '203.0.113.77',
        uptimeSeconds: 755_581,
        layer1DownBps: 240_893_000,
        layer1UpBps: 49_741_000,
        bytesSent: 30_680_066_212,
        bytesReceived: 197_786_211_361,
      },
      dsl: {
        status: 'Up',
        downCurrentKbps: 236_716,
        upCurrentKbps: 46_719,
        downMaxKbps: 240_893,
        upMaxKbps: 49_741,
        downSnrMarginDb: 11,
        upSnrMarginDb: 8,
        downAttenuationDb: 14,
        upAttenuationDb: 8,
        crcErrors: 6,
        linkRetrains: 1,
        erroredSeconds: 4,
      },
      findings: [],
    });
    expect(s.log[0]?.text).toBe('Internetverbindung wurde erfolgreich hergestellt. IP-Adresse: 203.0.113.77');
    expect(s.log[0]?.at).toMatch(/^2024-03-15T08:05:40[+-]\d\d:\d\d$/);
    expect(router.digest).toMatchObject({ challenges: 1, failedLogins: 0 });
    expect(router.digest.authorized).toBeGreaterThanOrEqual(6);
    expect(router.requests).toContain(
      'POST /upnp/control/wanpppconn1 urn:dslforum-org:service:WANPPPConnection:1#GetStatusInfo',
    );
  });

  it('dsl_up over IP: Layer3Forwarding picks WANIPConnection', async () => {
    router.setConnectionType('ip');
    const s = await read();
    expect(s.wan).toMatchObject({ connectionStatus: 'Connected', externalIp: '203.0.113.77' });
    expect(s.findings).toEqual([]);
    expect(router.requests.some((r) => r.includes('/upnp/control/wanipconnection1'))).toBe(true);
    expect(router.requests.some((r) => r.includes('/upnp/control/wanpppconn1'))).toBe(false);
  });

  it('re-challenges when the router marks the nonce stale', async () => {
    const strict = await startRouterEmulator({ ...login, nonceMaxUses: 2 });
    try {
      const s = RouterStatus.parse(
        await readRouter({ address: strict.address, port: strict.port, ...login }),
      );
      expect(s.findings).toEqual([]);
      expect(s.dsl?.status).toBe('Up');
      expect(strict.digest.staleChallenges).toBeGreaterThanOrEqual(2);
      expect(strict.digest.failedLogins).toBe(0);
    } finally {
      await strict.close();
    }
  });

  it('dsl_training: the line is training and the session down', async () => {
    router.setScenario('dsl_training');
    const s = await read();
    expect(s.dsl).toMatchObject({ status: 'Initializing', downCurrentKbps: 0 });
    expect(s.wan).toMatchObject({
      physicalLinkStatus: 'Initializing',
      connectionStatus: 'Disconnected',
      uptimeSeconds: 0,
    });
    expect(s.log[0]?.text).toBe('DSL-Synchronisierung beginnt (Training).');
    expect(s.findings).toEqual([]);
  });

  it('dsl_no_signal: no sync, link down, the log says why', async () => {
    router.setScenario('dsl_no_signal');
    const s = await read();
    expect(s.dsl?.status).toBe('NoSignal');
    expect(s.wan).toMatchObject({
      physicalLinkStatus: 'Down',
      connectionStatus: 'Disconnected',
      externalIp: '0.0.0.0',
    });
    expect(s.log[0]?.text).toBe('DSL antwortet nicht (Keine DSL-Synchronisierung).');
  });

  it('ppp_auth_failure: link up, session refused by the ISP', async () => {
    router.setScenario('ppp_auth_failure');
    const s = await read();
    expect(s.dsl?.status).toBe('Up');
    expect(s.wan).toMatchObject({
      physicalLinkStatus: 'Up',
      connectionStatus: 'Disconnected',
      lastConnectionError: 'ERROR_AUTHENTICATION_FAILURE',
    });
    expect(s.log[0]?.text).toBe('Anmeldung beim Internetanbieter ist fehlgeschlagen.');
  });

  it('low_snr: 1.5 dB margin and a sync rate far below the attainable one', async () => {
    router.setScenario('low_snr');
    const s = await read();
    expect(s.dsl?.downSnrMarginDb).toBe(1.5);
    expect(s.dsl?.downCurrentKbps ?? 0).toBeLessThan((s.dsl?.downMaxKbps ?? 0) / 4);
  });

  it('rising_crc: the CRC counter climbs between reads', async () => {
    router.setScenario('rising_crc');
    const first = await read();
    const second = await read();
    expect((second.dsl?.crcErrors ?? 0) - (first.dsl?.crcErrors ?? 0)).toBe(5000);
  });

  it('cable_box: no DSL figures, one action_not_supported finding, WAN figures intact', async () => {
    router.setScenario('cable_box');
    const s = await read();
    expect(s.protocol).toBe('tr064');
    expect(s.model).toBe('FRITZ!Box 6591 Cable');
    expect(s.dsl).toBeNull();
    expect(s.findings).toEqual([
      {
        code: 'action_not_supported',
        subject: 'TR-064 WANDSLInterfaceConfig:GetInfo',
        detail: 'UPnP error 401 Invalid Action: no DSL figures on a X_AVM-DE_Cable line',
      },
    ]);
    expect(s.wan).toMatchObject({
      accessType: 'X_AVM-DE_Cable',
      physicalLinkStatus: 'Up',
      connectionStatus: 'Connected',
      externalIp: '203.0.113.77',
      layer1DownBps: 1_000_000_000,
      layer1UpBps: 50_000_000,
      bytesSent: 30_680_066_212,
    });
  });

  it('permission_denied: a login without the right keeps the other figures', async () => {
    router.model.deniedActions = ['GetStatisticsTotal'];
    const s = await read();
    expect(s.findings).toEqual([
      {
        code: 'permission_denied',
        subject: 'TR-064 WANDSLInterfaceConfig:GetStatisticsTotal',
        detail: 'UPnP error 606 Action not authorized',
      },
    ]);
    expect(s.dsl).toMatchObject({ status: 'Up', crcErrors: null });
    expect(s.wan?.connectionStatus).toBe('Connected');
  });

  it('reads the IGD alone without credentials', async () => {
    const s = await read({ user: undefined, password: undefined });
    expect(s).toMatchObject({
      protocol: 'igd',
      model: 'FRITZ!Box 7590',
      firmware: '154.07.57',
      uptimeSeconds: null,
      dsl: null,
      log: [],
      wan: {
        accessType: 'DSL',
        physicalLinkStatus: 'Up',
        connectionStatus: 'Connected',
        externalIp: '203.0.113.77',
        bytesReceived: 197_786_211_361,
      },
    });
    expect(codes(s)).toEqual(['auth_required']);
    expect(router.digest.challenges).toBe(0);
    // PPP mode lists WANIPConn1 first; it refuses, so WANPPPConn1 is asked next.
    expect(router.requests.filter((r) => r.endsWith('#GetStatusInfo'))).toEqual([
      'POST /igdupnp/control/WANIPConn1 urn:schemas-upnp-org:service:WANIPConnection:1#GetStatusInfo',
      'POST /igdupnp/control/WANPPPConn1 urn:schemas-upnp-org:service:WANPPPConnection:1#GetStatusInfo',
    ]);
  });

  it('upnp_disabled: without login nothing but findings; with login TR-064 alone', async () => {
    router.setScenario('upnp_disabled');
    const anonymous = await read({ password: undefined });
    expect(anonymous.wan).toBeNull();
    expect(anonymous.protocol).toBeNull();
    expect(codes(anonymous).sort()).toEqual(['auth_required', 'upnp_disabled']);
    const s = await read();
    expect(s.protocol).toBe('tr064');
    expect(s.findings).toEqual([]);
    // No IGD: the ui4 TR-064 totals stand in for the 64-bit counters.
    expect(s.wan?.bytesSent).toBe(30_680_066_212 % 2 ** 32);
  });

  it('unwraps the ui4 counters across reads when given a memory', async () => {
    router.setScenario('upnp_disabled');
    const counters = createByteCounterMemory();
    router.model.bytes.sent = 2 ** 32 - 1000;
    expect((await read({ counters })).wan?.bytesSent).toBe(2 ** 32 - 1000);
    router.model.bytes.sent = 2 ** 32 + 5000;
    router.model.deviceUptimeSeconds += 60;
    expect((await read({ counters })).wan?.bytesSent).toBe(2 ** 32 + 5000);
  });

  it('tr064_disabled: the IGD fills in', async () => {
    router.setScenario('tr064_disabled');
    const s = await read();
    expect(s.protocol).toBe('igd');
    expect(s.wan?.connectionStatus).toBe('Connected');
    expect(codes(s)).toEqual(['tr064_disabled']);
  });

  it('wrong_password: auth_failed after one failed login, IGD figures kept', async () => {
    router.setScenario('wrong_password');
    const s = await read();
    expect(s.findings).toEqual([
      { code: 'auth_failed', subject: 'TR-064 DeviceInfo:GetInfo', detail: 'HTTP 401: login refused' },
    ]);
    expect(s.protocol).toBe('igd');
    expect(s.dsl).toBeNull();
    expect(s.wan?.physicalLinkStatus).toBe('Up');
    expect(router.digest.failedLogins).toBe(1);
  });

  it('a wrong password in a healthy box is refused by the real digest check', async () => {
    const s = await read({ password: 'not-the-password' });
    expect(codes(s)).toEqual(['auth_failed']);
    expect(router.digest.failedLogins).toBe(1);
  });

  it('auth_blocked: 503 once too many logins failed, even with the right password', async () => {
    router.setScenario('wrong_password');
    expect(codes(await read())).toEqual(['auth_failed']);
    expect(codes(await read())).toEqual(['auth_failed']);
    expect(codes(await read())).toEqual(['auth_blocked']);
    router.model.refuseAllLogins = false;
    const s = await read();
    expect(s.findings).toEqual([
      {
        code: 'auth_blocked',
        subject: 'TR-064 DeviceInfo:GetInfo',
        detail: 'HTTP 503: login blocked after failed attempts',
      },
    ]);
    expect(s.wan?.connectionStatus).toBe('Connected');
  });

  it('slow: returns by the deadline with a timeout finding', async () => {
    router.setScenario('slow');
    const started = Date.now();
    const s = await read({ timeoutMs: 800 });
    expect(Date.now() - started).toBeLessThan(1300);
    expect(s.protocol).toBeNull();
    expect(s.findings).toEqual([
      {
        code: 'timeout',
        subject: 'TR-064 description',
        detail: 'no answer before the router read deadline (800 ms)',
      },
    ]);
  });

  it('keeps what was read before a router stalling mid-read', async () => {
    router.model.slowActions = ['GetStatisticsTotal'];
    const started = Date.now();
    const s = await read({ timeoutMs: 1000 });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(s).toMatchObject({ protocol: 'tr064', model: 'FRITZ!Box 7590', uptimeSeconds: 1_209_600 });
    expect(s.wan?.physicalLinkStatus).toBe('Up');
    // GetInfo's figures are kept; only the counters of the stalled GetStatisticsTotal are missing.
    expect(s.dsl).toMatchObject({ status: 'Up', downCurrentKbps: 236_716, crcErrors: null });
    expect(s.findings).toEqual([
      {
        code: 'timeout',
        subject: 'TR-064 WANDSLInterfaceConfig:GetStatisticsTotal',
        detail: 'no answer before the router read deadline (1000 ms)',
      },
    ]);
  });

  it('garbage: invalid_response, nothing invented', async () => {
    router.setScenario('garbage');
    const s = await read();
    expect(s).toMatchObject({ protocol: null, model: null, wan: null, dsl: null, log: [] });
    expect(s.findings.map((f) => [f.code, f.subject])).toEqual([
      ['invalid_response', 'TR-064 description'],
      ['invalid_response', 'UPnP IGD description'],
    ]);
  });

  it('no_router_api when nothing listens on the port', async () => {
    const s = await read({ port: await refusedPort() });
    expect(s.protocol).toBeNull();
    expect(codes(s)).toEqual(['no_router_api']);
    expect(s.findings[0]?.detail).toContain('ECONNREFUSED');
  });

  it('discovers the router by SSDP', async () => {
    const s = await read({
      address: null,
      port: undefined,
      ssdp: { address: '127.0.0.1', port: router.ssdpPort },
    });
    expect(s).toMatchObject({ address: '127.0.0.1', protocol: 'tr064', findings: [] });
    expect(s.dsl?.status).toBe('Up');
  });

  it('no_router_api when nothing answers the M-SEARCH', async () => {
    const silent = createSocket('udp4');
    silent.bind(0, '127.0.0.1');
    await once(silent, 'listening');
    try {
      const s = await read({
        address: null,
        ssdp: { address: '127.0.0.1', port: silent.address().port, timeoutMs: 200 },
      });
      expect(s.address).toBeNull();
      expect(s.findings.map((f) => [f.code, f.subject])).toEqual([['no_router_api', 'SSDP']]);
    } finally {
      silent.close();
    }
  });
});
