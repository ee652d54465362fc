import { xmlEscape } from '../../router/xml.js';
import type { Api } from './descriptions.js';
import type { RouterModel } from './scenarios.js';

/** A UPnP error to answer as an `s:Fault` (HTTP 500). */
export class Fault {
  constructor(
    readonly code: number,
    readonly description: string,
  ) {}
}

export type ActionResult = Record<string, string> | Fault;
type Handler = (model: RouterModel) => ActionResult;

export const invalidAction = new Fault(401, 'Invalid Action');
export const notAuthorized = new Fault(606, 'Action not authorized');

const ui4 = (n: number) => String(n % 2 ** 32);

/** The connection service answers only if it is the active one (fritzconnection issue #65). */
const connection =
  (type: 'ppp' | 'ip', action: 'status' | 'ip'): Handler =>
  (m): ActionResult => {
    if (m.connectionType !== type) return invalidAction;
    return action === 'status'
      ? {
          NewConnectionStatus: m.connection.status,
          NewLastConnectionError: m.connection.lastError,
          NewUptime: String(m.connection.uptimeSeconds),
        }
      : { NewExternalIPAddress: m.connection.externalIp };
  };

const linkProperties: Handler = (m) => ({
  NewWANAccessType: m.accessType,
  NewLayer1UpstreamMaxBitRate: String(m.layer1UpBps),
  NewLayer1DownstreamMaxBitRate: String(m.layer1DownBps),
  NewPhysicalLinkStatus: m.physicalLinkStatus,
});

/**
 * The actions the emulator knows, keyed `api:Service#Action`. The answers
 * follow the SCPDs in DOMAIN.md; anything else is UPnP 401 Invalid Action.
 */
export const handlers: Record<string, Handler> = {
  'tr064:DeviceInfo#GetInfo': (m) => ({
    NewManufacturerName: 'AVM',
    NewManufacturerOUI: '00040E',
    NewModelName: m.modelName,
    NewDescription: `${m.modelName} Release ${m.firmware}`,
    NewProductClass: 'FRITZ!Box',
    NewSerialNumber: '989BCB2B93B0',
    NewSoftwareVersion: m.firmware,
    NewHardwareVersion: m.modelName,
    NewSpecVersion: '1.0',
    NewProvisioningCode: '',
    NewUpTime: String(m.deviceUptimeSeconds),
    NewDeviceLog: m.log.join('\n'),
  }),
  'tr064:DeviceInfo#GetSecurityPort': () => ({ NewSecurityPort: '49443' }),
  'tr064:Layer3Forwarding#GetDefaultConnectionService': (m) => ({
    NewDefaultConnectionService: m.connectionType === 'ppp' ? '1.WANPPPConnection.1' : '1.WANIPConnection.1',
  }),
  'tr064:WANCommonInterfaceConfig#GetCommonLinkProperties': (m) => ({
    ...linkProperties(m),
    'NewX_AVM-DE_DownstreamCurrentUtilization': '',
    'NewX_AVM-DE_UpstreamCurrentUtilization': '',
    'NewX_AVM-DE_DownstreamCurrentMaxSpeed': '1711517',
    'NewX_AVM-DE_UpstreamCurrentMaxSpeed': '53711',
  }),
  'tr064:WANCommonInterfaceConfig#GetTotalBytesSent': (m) => ({ NewTotalBytesSent: ui4(m.bytes.sent) }),
  'tr064:WANCommonInterfaceConfig#GetTotalBytesReceived': (m) => ({
    NewTotalBytesReceived: ui4(m.bytes.received),
  }),
  'tr064:WANDSLInterfaceConfig#GetInfo': (m) => m.dslInfo ?? invalidAction,
  'tr064:WANDSLInterfaceConfig#GetStatisticsTotal': (m) => {
    if (m.dslInfo === null) return invalidAction;
    m.dslStats.NewCRCErrors = String(Number(m.dslStats.NewCRCErrors ?? 0) + m.crcStepPerRead);
    return { ...m.dslStats };
  },
  'tr064:WANPPPConnection#GetStatusInfo': connection('ppp', 'status'),
  'tr064:WANPPPConnection#GetExternalIPAddress': connection('ppp', 'ip'),
  'tr064:WANIPConnection#GetStatusInfo': connection('ip', 'status'),
  'tr064:WANIPConnection#GetExternalIPAddress': connection('ip', 'ip'),
  'igd:WANCommonInterfaceConfig#GetCommonLinkProperties': linkProperties,
  'igd:WANCommonInterfaceConfig#GetTotalBytesSent': (m) => ({ NewTotalBytesSent: ui4(m.bytes.sent) }),
  'igd:WANCommonInterfaceConfig#GetTotalBytesReceived': (m) => ({
    NewTotalBytesReceived: ui4(m.bytes.received),
  }),
  'igd:WANCommonInterfaceConfig#GetAddonInfos': (m) => ({
    NewByteSendRate: '79128',
    NewByteReceiveRate: '1148054',
    NewPacketSendRate: '0',
    NewPacketReceiveRate: '0',
    NewTotalBytesSent: ui4(m.bytes.sent),
    NewTotalBytesReceived: ui4(m.bytes.received),
    NewAutoDisconnectTime: '0',
    NewIdleDisconnectTime: '0',
    NewDNSServer1: '192.0.2.53',
    NewDNSServer2: '192.0.2.54',
    NewVoipDNSServer1: '192.0.2.53',
    NewVoipDNSServer2: '192.0.2.54',
    NewUpnpControlEnabled: '0',
    NewRoutedBridgedModeBoth: '1',
    NewX_AVM_DE_TotalBytesSent64: String(m.bytes.sent),
    NewX_AVM_DE_TotalBytesReceived64: String(m.bytes.received),
    NewX_AVM_DE_WANAccessType: m.accessType,
    NewX_AVM_DE_Layer1DownstreamMaxBitRate64: m.layer1Bps64.down,
    NewX_AVM_DE_Layer1UpstreamMaxBitRate64: m.layer1Bps64.up,
  }),
  'igd:WANPPPConnection#GetStatusInfo': connection('ppp', 'status'),
  'igd:WANPPPConnection#GetExternalIPAddress': connection('ppp', 'ip'),
  'igd:WANIPConnection#GetStatusInfo': connection('ip', 'status'),
  'igd:WANIPConnection#GetExternalIPAddress': connection('ip', 'ip'),
};

/** Runs an action on the model; unknown actions get 401 Invalid Action. */
export function runAction(api: Api, serviceName: string, action: string, model: RouterModel): ActionResult {
  const handler = handlers[`${api}:${serviceName}#${action}`];
  return handler === undefined ? invalidAction : handler(model);
}

const envelope = (body: string) =>
  '<?xml version="1.0" encoding="utf-8"?>\n' +
  '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" ' +
  's:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">\n' +
  `<s:Body>\n${body}\n</s:Body>\n</s:Envelope>\n`;

/** `<u:{Action}Response xmlns:u="{serviceType}">` with the arguments (UDA 1.0 §3.2.2). */
export function responseXml(serviceType: string, action: string, args: Record<string, string>): string {
  const inner = Object.entries(args)
    .map(([name, value]) => `<${name}>${xmlEscape(value)}</${name}>`)
    .join('\n');
  return envelope(`<u:${action}Response xmlns:u="${serviceType}">\n${inner}\n</u:${action}Response>`);
}

/** The `s:Fault` with a UPnPError in the namespace of the interface (DOMAIN.md §1). */
export function faultXml(api: Api, fault: Fault): string {
  const ns = api === 'tr064' ? 'urn:dslforum-org:control-1-0' : 'urn:schemas-upnp-org:control-1-0';
  return envelope(
    '<s:Fault>\n<faultcode>s:Client</faultcode>\n<faultstring>UPnPError</faultstring>\n<detail>\n' +
      `<UPnPError xmlns="${ns}">\n<errorCode>${fault.code}</errorCode>\n` +
      `<errorDescription>${xmlEscape(fault.description)}</errorDescription>\n</UPnPError>\n</detail>\n</s:Fault>`,
  );
}
