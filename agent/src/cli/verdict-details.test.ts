import type { RouterStatus } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { routerLines } from './verdict-details.js';

const lostSync: RouterStatus = {
  address: '192.168.178.1',
  protocol: 'tr064',
  model: 'FRITZ!Box 7590',
  firmware: '154.07.57',
  uptimeSeconds: 86_446,
  wan: {
    accessType: 'DSL',
    physicalLinkStatus: 'Down',
    connectionStatus: 'Disconnected',
    lastConnectionError: 'ERROR_NO_CARRIER',
    externalIp: '0.0.0.0',
    uptimeSeconds: 0,
    layer1DownBps: null,
    layer1UpBps: null,
    bytesReceived: null,
    bytesSent: null,
  },
  dsl: {
    status: 'NoSignal',
    downCurrentKbps: 0,
    upCurrentKbps: 0,
    downMaxKbps: 0,
    upMaxKbps: 0,
    downSnrMarginDb: 11,
    upSnrMarginDb: 8,
    downAttenuationDb: 14,
    upAttenuationDb: 8,
    crcErrors: 6,
    fecErrors: 120,
    linkRetrains: 3,
    erroredSeconds: 4,
    severelyErroredSeconds: 1,
  },
  log: [{ at: '2026-11-25T03:12:09.000Z', text: 'DSL antwortet nicht (Keine DSL-Synchronisierung).' }],
  findings: [],
};

describe('router lines of the verdict', () => {
  it('reads out the DSL figures and the router log for the hotline', () => {
    const lines = routerLines(lostSync, 'en', (n) => String(n));
    expect(lines).toEqual([
      '',
      'The router reports (TR-064):',
      '  Model: FRITZ!Box 7590, FRITZ!OS 154.07.57',
      '  WAN link: Down (DSL)',
      '  Internet session: Disconnected (ERROR_NO_CARRIER), external IP 0.0.0.0',
      '  DSL NoSignal: sync ↓ 0 Mbit/s ↑ 0 Mbit/s (attainable ↓ 0 Mbit/s ↑ 0 Mbit/s)',
      '  SNR margin ↓ 11 dB ↑ 8 dB, attenuation ↓ 14 dB ↑ 8 dB',
      '  CRC 6, FEC 120, resyncs 3 (errors since sync)',
      '  Router log:',
      '    2026-11-25 03:12:09 DSL antwortet nicht (Keine DSL-Synchronisierung).',
    ]);
  });

  it('speaks German and tells a router it could not read', () => {
    const lines = routerLines(
      {
        ...lostSync,
        protocol: null,
        model: null,
        wan: null,
        dsl: null,
        log: [],
        findings: [{ code: 'auth_failed', subject: 'TR-064', detail: 'wrong password' }],
      },
      'de',
      String,
    );
    expect(lines).toEqual(['', 'Der Router meldet:', '  Router-Zugriff: TR-064 — wrong password']);
  });

  it('says nothing when the router was not read', () => {
    expect(routerLines(null, 'en', String)).toEqual([]);
  });
});
