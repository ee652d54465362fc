import { once } from 'node:events';
import { createServer, type RequestListener, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { refusedPort } from '../testing/loopback.js';
import { findingForUpnpError, RouterError } from './router-error.js';
import { callAction, parseSoapResponse, soapEnvelope } from './soap.js';

const envelope = (body: string) =>
  '<?xml version="1.0" encoding="utf-8"?>\n<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" ' +
  `s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">\n<s:Body>${body}</s:Body></s:Envelope>`;

const fault = (ns: string, code: number, text: string) =>
  envelope(
    `<s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail><UPnPError xmlns="${ns}"><errorCode>${code}</errorCode><errorDescription>${text}</errorDescription></UPnPError></detail></s:Fault>`,
  );

/** Catches the RouterError a call rejects with. */
async function rejection(promise: Promise<unknown>): Promise<RouterError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RouterError) return error;
    throw error;
  }
  throw new Error('expected a RouterError');
}

describe('soapEnvelope', () => {
  it('is the DOMAIN.md §1 request envelope', () => {
    expect(soapEnvelope('urn:schemas-upnp-org:service:WANIPConnection:1', 'GetStatusInfo')).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" ' +
        's:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">\n<s:Body><u:GetStatusInfo ' +
        'xmlns:u="urn:schemas-upnp-org:service:WANIPConnection:1"></u:GetStatusInfo></s:Body></s:Envelope>',
    );
  });
  it('escapes argument values', () => {
    expect(soapEnvelope('urn:x:service:Y:1', 'Z', { NewIndex: '<1&>' })).toContain(
      '<NewIndex>&lt;1&amp;&gt;</NewIndex>',
    );
  });
});

describe('parseSoapResponse', () => {
  it('reads the GetStatusInfo answer (DOMAIN.md §1)', () => {
    const xml = envelope(
      '<u:GetStatusInfoResponse xmlns:u="urn:schemas-upnp-org:service:WANIPConnection:1">\n' +
        '<NewConnectionStatus>Connected</NewConnectionStatus>\n<NewLastConnectionError>ERROR_NONE</NewLastConnectionError>\n' +
        '<NewUptime>793440</NewUptime></u:GetStatusInfoResponse>',
    );
    expect(parseSoapResponse(xml, 'GetStatusInfo')).toEqual({
      NewConnectionStatus: 'Connected',
      NewLastConnectionError: 'ERROR_NONE',
      NewUptime: '793440',
    });
  });

  it('reads the telegraf GetAddonInfos fixture as text, 64-bit counters intact', () => {
    const xml = envelope(
      '<u:GetAddonInfosResponse xmlns:u="urn:schemas-upnp-org:service:WANCommonInterfaceConfig:1">\n' +
        '<NewByteSendRate>79128</NewByteSendRate><NewByteReceiveRate>1148054</NewByteReceiveRate>\n' +
        '<NewTotalBytesSent>615295140</NewTotalBytesSent><NewTotalBytesReceived>217715745</NewTotalBytesReceived>\n' +
        '<NewX_AVM_DE_TotalBytesSent64>30680066212</NewX_AVM_DE_TotalBytesSent64>\n' +
        '<NewX_AVM_DE_TotalBytesReceived64>197786211361</NewX_AVM_DE_TotalBytesReceived64>' +
        '<NewX_AVM_DE_Layer1DownstreamMaxBitRate64></NewX_AVM_DE_Layer1DownstreamMaxBitRate64></u:GetAddonInfosResponse>',
    );
    expect(parseSoapResponse(xml, 'GetAddonInfos')).toMatchObject({
      NewTotalBytesSent: '615295140',
      NewX_AVM_DE_TotalBytesReceived64: '197786211361',
      NewX_AVM_DE_Layer1DownstreamMaxBitRate64: '',
    });
  });

  it('keeps the multi-line device log and decodes entities', () => {
    const xml = envelope(
      '<u:GetInfoResponse xmlns:u="urn:dslforum-org:service:DeviceInfo:1"><NewModelName>FRITZ!Box 7590</NewModelName>' +
        '<NewDeviceLog>15.03.24 08:05:09 DSL ist verf&#252;gbar\n15.03.24 08:04:10 a &amp; b</NewDeviceLog></u:GetInfoResponse>',
    );
    expect(parseSoapResponse(xml, 'GetInfo').NewDeviceLog).toBe(
      '15.03.24 08:05:09 DSL ist verfügbar\n15.03.24 08:04:10 a & b',
    );
  });

  it.each([
    ['urn:dslforum-org:control-1-0', 714, 'NoSuchEntryInArray', 'action_not_supported'],
    ['urn:schemas-upnp-org:control-1-0', 401, 'Invalid Action', 'action_not_supported'],
    ['urn:dslforum-org:control-1-0', 606, 'Action not authorized', 'permission_denied'],
    ['urn:dslforum-org:control-1-0', 867, 'blocked', 'auth_blocked'],
  ] as const)('maps a %s fault %i to %s', (ns, code, text, finding) => {
    const error = (() => {
      try {
        parseSoapResponse(fault(ns, code, text), 'GetInfo', 500);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RouterError);
    expect(error).toMatchObject({ finding, status: 500, upnp: { code, description: text } });
  });

  it('refuses garbage, a missing response element and an empty body', () => {
    for (const xml of ['garbage', '<html>', envelope('<u:OtherResponse/>'), '<a/>']) {
      expect(() => parseSoapResponse(xml, 'GetInfo')).toThrow(RouterError);
    }
  });

  it('maps fault codes to findings', () => {
    expect([401, 402, 501, 606, 714, 820, 866, 867, 868].map(findingForUpnpError)).toEqual([
      'action_not_supported',
      'action_not_supported',
      'action_not_supported',
      'permission_denied',
      'action_not_supported',
      'action_not_supported',
      'permission_denied',
      'auth_blocked',
      'permission_denied',
    ]);
  });
});

describe('callAction over HTTP', () => {
  let server: Server | null = null;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(null));
    server = null;
  });
  async function serve(handler: RequestListener) {
    server = createServer(handler);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return (server.address() as { port: number }).port;
  }
  const call = (port: number, signal = AbortSignal.timeout(2000), maxBytes?: number) =>
    callAction(
      {
        endpoint: { host: '127.0.0.1', port, path: '/ctl' },
        serviceType: 'urn:schemas-upnp-org:service:WANIPConnection:1',
        action: 'GetStatusInfo',
      },
      { signal, maxBytes },
    );

  it('sends the SOAPACTION header and envelope', async () => {
    let seen = { action: '', type: '', body: '' };
    const port = await serve((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        seen = { action: String(req.headers.soapaction), type: String(req.headers['content-type']), body };
        res.end(envelope('<u:GetStatusInfoResponse><NewUptime>1</NewUptime></u:GetStatusInfoResponse>'));
      });
    });
    expect(await call(port)).toEqual({ NewUptime: '1' });
    expect(seen.action).toBe('"urn:schemas-upnp-org:service:WANIPConnection:1#GetStatusInfo"');
    expect(seen.type).toBe('text/xml; charset="utf-8"');
    expect(seen.body).toContain('<u:GetStatusInfo xmlns:u="urn:schemas-upnp-org:service:WANIPConnection:1">');
  });

  it('maps HTTP statuses: 500 fault, 500 garbage, 503, 401 without login, 404', async () => {
    const answers: [number, string][] = [
      [500, fault('urn:schemas-upnp-org:control-1-0', 606, 'Action not authorized')],
      [500, 'Internal Server Error'],
      [503, ''],
      [401, ''],
      [404, ''],
      [302, ''],
    ];
    let i = 0;
    const port = await serve((_req, res) => {
      const [status, body] = answers[i++] ?? [500, ''];
      res.writeHead(status).end(body);
    });
    const findings = [];
    for (let n = 0; n < answers.length; n++) findings.push((await rejection(call(port))).finding);
    expect(findings).toEqual([
      'permission_denied',
      'invalid_response',
      'auth_blocked',
      'auth_required',
      'action_not_supported',
      'invalid_response',
    ]);
  });

  it('refuses an answer over the size cap', async () => {
    const port = await serve((_req, res) => res.end('x'.repeat(10_000)));
    const error = await rejection(call(port, AbortSignal.timeout(2000), 1000));
    expect(error.finding).toBe('invalid_response');
    expect(error.message).toContain('larger than 1000 bytes');
  });

  it('times out on a router that never answers', async () => {
    const port = await serve(() => {});
    const started = Date.now();
    expect((await rejection(call(port, AbortSignal.timeout(200)))).finding).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reports a refused connection as no_router_api', async () => {
    expect((await rejection(call(await refusedPort()))).finding).toBe('no_router_api');
  });
});
