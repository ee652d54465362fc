import { xmlEscape } from '../../router/xml.js';
import type { RouterModel } from './scenarios.js';

/**
 * `tr64desc.xml` and `igddesc.xml` of a FRITZ!Box 7590, after
 * kbr/fritzconnection `tests/xml/{tr64desc,igddesc}.xml` (FRITZ!OS 7.10),
 * trimmed to the services linewatch touches plus a few neighbours, with the
 * same nesting (root → WANDevice → WANConnectionDevice) and control URLs.
 */

export type Api = 'tr064' | 'igd';

export interface EmulatedService {
  api: Api;
  serviceType: string;
  serviceId: string;
  controlURL: string;
  SCPDURL: string;
}

const tr = (name: string, id: string, control: string, scpd: string): EmulatedService => ({
  api: 'tr064',
  serviceType: `urn:dslforum-org:service:${name}:1`,
  serviceId: `urn:${id}-com:serviceId:${name}1`,
  controlURL: `/upnp/control/${control}`,
  SCPDURL: `/${scpd}SCPD.xml`,
});
const igd = (name: string, id: string, control: string, scpd: string): EmulatedService => ({
  api: 'igd',
  serviceType: `urn:schemas-upnp-org:service:${name}:1`,
  serviceId: `urn:upnp-org:serviceId:${id}`,
  controlURL: `/${control.startsWith('WANIPv6') ? 'igd2upnp' : 'igdupnp'}/control/${control}`,
  SCPDURL: `/${scpd}.xml`,
});

/** TR-064 services by device: root, LANDevice, WANDevice, WANConnectionDevice. */
export const tr064Services = {
  root: [
    tr('DeviceInfo', 'DeviceInfo', 'deviceinfo', 'deviceinfo'),
    tr('DeviceConfig', 'DeviceConfig', 'deviceconfig', 'deviceconfig'),
    tr('Layer3Forwarding', 'Layer3Forwarding', 'layer3forwarding', 'layer3forwarding'),
    tr('Time', 'Time', 'time', 'time'),
    tr('X_AVM-DE_Auth', 'X_AVM-DE_Auth', 'x_auth', 'x_auth'),
  ],
  lan: [tr('Hosts', 'LanDeviceHosts', 'hosts', 'hosts')],
  wan: [
    tr('WANCommonInterfaceConfig', 'WANCIfConfig', 'wancommonifconfig1', 'wancommonifconfig'),
    tr('WANDSLInterfaceConfig', 'WANDSLIfConfig', 'wandslifconfig1', 'wandslifconfig'),
  ],
  connection: [
    tr('WANDSLLinkConfig', 'WANDSLLinkConfig', 'wandsllinkconfig1', 'wandsllinkconfig'),
    tr('WANEthernetLinkConfig', 'WANEthernetLinkConfig', 'wanethlinkconfig1', 'wanethlinkconfig'),
    tr('WANPPPConnection', 'WANPPPConnection', 'wanpppconn1', 'wanpppconn'),
    tr('WANIPConnection', 'WANIPConnection', 'wanipconnection1', 'wanipconn'),
  ],
};

/** IGD services by device; WANPPPConn1 only in `ppp` mode (the older-firmware layout, DOMAIN.md §1). */
export function igdServices(model: RouterModel) {
  return {
    root: [
      {
        api: 'igd' as const,
        serviceType: 'urn:schemas-any-com:service:Any:1',
        serviceId: 'urn:any-com:serviceId:any1',
        controlURL: '/igdupnp/control/any',
        SCPDURL: '/any.xml',
      },
    ],
    wan: [igd('WANCommonInterfaceConfig', 'WANCommonIFC1', 'WANCommonIFC1', 'igdicfgSCPD')],
    connection: [
      igd('WANDSLLinkConfig', 'WANDSLLinkC1', 'WANDSLLinkC1', 'igddslSCPD'),
      igd('WANIPConnection', 'WANIPConn1', 'WANIPConn1', 'igdconnSCPD'),
      ...(model.connectionType === 'ppp'
        ? [igd('WANPPPConnection', 'WANPPPConn1', 'WANPPPConn1', 'igdpppSCPD')]
        : []),
      igd('WANIPv6FirewallControl', 'WANIPv6Firewall1', 'WANIPv6Firewall1', 'igd2ipv6fwcSCPD'),
    ],
  };
}

/** Every service either description lists, for routing control URLs. */
export function allServices(model: RouterModel): EmulatedService[] {
  const i = igdServices(model);
  return [...Object.values(tr064Services).flat(), ...i.root, ...i.wan, ...i.connection];
}

const serviceXml = (s: EmulatedService) =>
  `<service>\n<serviceType>${s.serviceType}</serviceType>\n<serviceId>${s.serviceId}</serviceId>\n` +
  `<controlURL>${s.controlURL}</controlURL>\n<eventSubURL>${s.controlURL}</eventSubURL>\n` +
  `<SCPDURL>${s.SCPDURL}</SCPDURL>\n</service>\n`;

interface DeviceSpec {
  type: string;
  name: string;
  manufacturer: string;
  modelNumber: string;
  udn: string;
  services: EmulatedService[];
  devices?: DeviceSpec[];
}

function deviceXml(d: DeviceSpec): string {
  const nested = d.devices?.length ? `<deviceList>\n${d.devices.map(deviceXml).join('')}</deviceList>\n` : '';
  const name = xmlEscape(d.name);
  return (
    `<device>\n<deviceType>${d.type}</deviceType>\n<friendlyName>${name}</friendlyName>\n` +
    `<manufacturer>${d.manufacturer}</manufacturer>\n<manufacturerURL>www.avm.de</manufacturerURL>\n` +
    `<modelDescription>${name}</modelDescription>\n<modelName>${name}</modelName>\n` +
    `<modelNumber>${d.modelNumber}</modelNumber>\n<modelURL>www.avm.de</modelURL>\n<UDN>${d.udn}</UDN>\n` +
    `<serviceList>\n${d.services.map(serviceXml).join('')}</serviceList>\n${nested}</device>\n`
  );
}

/** `tr64desc.xml`: root namespace `urn:dslforum-org:device-1-0`, firmware in `<systemVersion>`. */
export function tr64Description(model: RouterModel): string {
  const [major = '0', minor = '0', patch = '0'] = model.firmware.split('.');
  const dev = (
    type: string,
    prefix: string,
    udn: string,
    services: EmulatedService[],
    devices?: DeviceSpec[],
  ) => ({
    type: `urn:dslforum-org:device:${type}:1`,
    name: prefix === '' ? model.modelName : `${prefix} - ${model.modelName}`,
    manufacturer: 'AVM',
    modelNumber: ' - avm',
    udn: `uuid:739f2409-bccb-40e7-8e6c-${udn}`,
    services,
    devices,
  });
  const root = dev('InternetGatewayDevice', '', '989BCB2B93B0', tr064Services.root, [
    dev('LANDevice', 'LANDevice', '989BCB2B93B1', tr064Services.lan),
    dev('WANDevice', 'WANDevice', '989BCB2B93B2', tr064Services.wan, [
      dev('WANConnectionDevice', 'WANConnectionDevice', '989BCB2B93B3', tr064Services.connection),
    ]),
  ]);
  return (
    '<?xml version="1.0"?>\n<root xmlns="urn:dslforum-org:device-1-0">\n' +
    '<specVersion>\n<major>1</major>\n<minor>0</minor>\n</specVersion>\n' +
    `<systemVersion>\n<HW>226</HW>\n<Major>${major}</Major>\n<Minor>${Number(minor)}</Minor>\n` +
    `<Patch>${Number(patch)}</Patch>\n<Buildnumber>67453</Buildnumber>\n<Display>${model.firmware}</Display>\n</systemVersion>\n` +
    `${deviceXml(root)}</root>\n`
  );
}

/** `igddesc.xml`: `urn:schemas-upnp-org:device:InternetGatewayDevice:1` → WANDevice → WANConnectionDevice. */
export function igdDescription(model: RouterModel): string {
  const s = igdServices(model);
  const dev = (
    type: string,
    prefix: string,
    udn: string,
    services: EmulatedService[],
    devices?: DeviceSpec[],
  ) => ({
    type: `urn:schemas-upnp-org:device:${type}:1`,
    name: prefix === '' ? model.modelName : `${prefix} - ${model.modelName}`,
    manufacturer: 'AVM Berlin',
    modelNumber: 'avm',
    udn: `uuid:76802409-bccb-40e7-8e6a-${udn}`,
    services,
    devices,
  });
  const root = dev('InternetGatewayDevice', '', '989BCB2B93C0', s.root, [
    dev('WANDevice', 'WANDevice', '989BCB2B93C1', s.wan, [
      dev('WANConnectionDevice', 'WANConnectionDevice', '989BCB2B93C2', s.connection),
    ]),
  ]);
  return (
    '<?xml version="1.0"?>\n<root xmlns="urn:schemas-upnp-org:device-1-0">\n' +
    '<specVersion>\n<major>1</major>\n<minor>0</minor>\n</specVersion>\n' +
    `${deviceXml(root)}</root>\n`
  );
}
