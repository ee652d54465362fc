import { describe, expect, it } from 'vitest';
import { findService, parseDescription, resolveEndpoint, serviceName } from './description.js';
import { RouterError } from './router-error.js';

// kbr/fritzconnection tests/xml/igddesc.xml (7590, FRITZ!OS 7.10), shortened.
const igddesc = `<?xml version="1.0"?>
<root xmlns="urn:schemas-upnp-org:device-1-0">
<specVersion><major>1</major><minor>0</minor></specVersion>
<device>
<deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>
<friendlyName>FRITZ!Box 7590</friendlyName>
<manufacturer>AVM Berlin</manufacturer>
<modelName>FRITZ!Box 7590</modelName>
<modelNumber>avm</modelNumber>
<UDN>uuid:75802409-bccb-just-a-test-udn</UDN>
<serviceList>
<service>
<serviceType>urn:schemas-any-com:service:Any:1</serviceType>
<serviceId>urn:any-com:serviceId:any1</serviceId>
<controlURL>/igdupnp/control/any</controlURL>
<eventSubURL>/igdupnp/control/any</eventSubURL>
<SCPDURL>/any.xml</SCPDURL>
</service>
</serviceList>
<deviceList>
<device>
<deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType>
<serviceList>
<service>
<serviceType>urn:schemas-upnp-org:service:WANCommonInterfaceConfig:1</serviceType>
<serviceId>urn:upnp-org:serviceId:WANCommonIFC1</serviceId>
<controlURL>/igdupnp/control/WANCommonIFC1</controlURL>
<SCPDURL>/igdicfgSCPD.xml</SCPDURL>
</service>
</serviceList>
<deviceList>
<device>
<deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:1</deviceType>
<serviceList>
<service>
<serviceType>urn:schemas-upnp-org:service:WANDSLLinkConfig:1</serviceType>
<serviceId>urn:upnp-org:serviceId:WANDSLLinkC1</serviceId>
<controlURL>/igdupnp/control/WANDSLLinkC1</controlURL>
<SCPDURL>/igddslSCPD.xml</SCPDURL>
</service>
<service>
<serviceType>urn:schemas-upnp-org:service:WANIPConnection:1</serviceType>
<serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId>
<controlURL>/igdupnp/control/WANIPConn1</controlURL>
<SCPDURL>/igdconnSCPD.xml</SCPDURL>
</service>
<service>
<serviceType>urn:schemas-upnp-org:service:WANIPv6FirewallControl:1</serviceType>
<serviceId>urn:upnp-org:serviceId:WANIPv6Firewall1</serviceId>
<controlURL>/igd2upnp/control/WANIPv6Firewall1</controlURL>
<SCPDURL>/igd2ipv6fwcSCPD.xml</SCPDURL>
</service>
</serviceList>
</device>
</deviceList>
</device>
</deviceList>
<presentationURL>http://fritz.box</presentationURL>
</device>
</root>`;

// kbr/fritzconnection tests/xml/tr64desc.xml, the parts linewatch reads.
const tr64desc = `<?xml version="1.0"?>
<root xmlns="urn:dslforum-org:device-1-0">
<specVersion><major>1</major><minor>0</minor></specVersion>
<systemVersion><HW>226</HW><Major>154</Major><Minor>7</Minor><Patch>10</Patch><Buildnumber>67453</Buildnumber><Display>154.07.10</Display></systemVersion>
<device>
<deviceType>urn:dslforum-org:device:InternetGatewayDevice:1</deviceType>
<friendlyName>FRITZ!Box 7590</friendlyName>
<manufacturer>AVM</manufacturer>
<modelName>FRITZ!Box 7590</modelName>
<modelNumber> - avm</modelNumber>
<serviceList>
<service><serviceType>urn:dslforum-org:service:DeviceInfo:1</serviceType><serviceId>urn:DeviceInfo-com:serviceId:DeviceInfo1</serviceId><controlURL>/upnp/control/deviceinfo</controlURL><eventSubURL>/upnp/control/deviceinfo</eventSubURL><SCPDURL>/deviceinfoSCPD.xml</SCPDURL></service>
<service><serviceType>urn:dslforum-org:service:Layer3Forwarding:1</serviceType><serviceId>urn:Layer3Forwarding-com:serviceId:Layer3Forwarding1</serviceId><controlURL>/upnp/control/layer3forwarding</controlURL><SCPDURL>/layer3forwardingSCPD.xml</SCPDURL></service>
</serviceList>
<deviceList>
<device>
<deviceType>urn:dslforum-org:device:LANDevice:1</deviceType>
<serviceList><service><serviceType>urn:dslforum-org:service:Hosts:1</serviceType><serviceId>urn:LanDeviceHosts-com:serviceId:Hosts1</serviceId><controlURL>/upnp/control/hosts</controlURL><SCPDURL>/hostsSCPD.xml</SCPDURL></service></serviceList>
</device>
<device>
<deviceType>urn:dslforum-org:device:WANDevice:1</deviceType>
<serviceList>
<service><serviceType>urn:dslforum-org:service:WANCommonInterfaceConfig:1</serviceType><serviceId>urn:WANCIfConfig-com:serviceId:WANCommonInterfaceConfig1</serviceId><controlURL>/upnp/control/wancommonifconfig1</controlURL><SCPDURL>/wancommonifconfigSCPD.xml</SCPDURL></service>
<service><serviceType>urn:dslforum-org:service:WANDSLInterfaceConfig:1</serviceType><serviceId>urn:WANDSLIfConfig-com:serviceId:WANDSLInterfaceConfig1</serviceId><controlURL>/upnp/control/wandslifconfig1</controlURL><SCPDURL>/wandslifconfigSCPD.xml</SCPDURL></service>
</serviceList>
<deviceList>
<device>
<deviceType>urn:dslforum-org:device:WANConnectionDevice:1</deviceType>
<serviceList>
<service><serviceType>urn:dslforum-org:service:WANPPPConnection:1</serviceType><serviceId>urn:WANPPPConnection-com:serviceId:WANPPPConnection1</serviceId><controlURL>/upnp/control/wanpppconn1</controlURL><SCPDURL>/wanpppconnSCPD.xml</SCPDURL></service>
<service><serviceType>urn:dslforum-org:service:WANIPConnection:1</serviceType><serviceId>urn:WANIPConnection-com:serviceId:WANIPConnection1</serviceId><controlURL>/upnp/control/wanipconnection1</controlURL><SCPDURL>/wanipconnSCPD.xml</SCPDURL></service>
</serviceList>
</device>
</deviceList>
</device>
</deviceList>
<presentationURL>http://fritz.box</presentationURL>
</device>
</root>`;

const router = { host: '192.168.178.1', port: 49000 };

describe('parseDescription', () => {
  it('walks the nested IGD device list and resolves control URLs against the LOCATION', () => {
    const d = parseDescription(igddesc, { ...router, path: '/igddesc.xml' });
    expect(d).toMatchObject({
      deviceType: 'urn:schemas-upnp-org:device:InternetGatewayDevice:1',
      modelName: 'FRITZ!Box 7590',
      modelNumber: 'avm',
      manufacturer: 'AVM Berlin',
      firmware: null,
    });
    expect(d.services.map((s) => [serviceName(s.serviceType), s.control.path])).toEqual([
      ['Any', '/igdupnp/control/any'],
      ['WANCommonInterfaceConfig', '/igdupnp/control/WANCommonIFC1'],
      ['WANDSLLinkConfig', '/igdupnp/control/WANDSLLinkC1'],
      ['WANIPConnection', '/igdupnp/control/WANIPConn1'],
      ['WANIPv6FirewallControl', '/igd2upnp/control/WANIPv6Firewall1'],
    ]);
    expect(findService(d, 'WANIPConnection')).toEqual({
      serviceType: 'urn:schemas-upnp-org:service:WANIPConnection:1',
      serviceId: 'urn:upnp-org:serviceId:WANIPConn1',
      control: { ...router, path: '/igdupnp/control/WANIPConn1' },
      scpdUrl: '/igdconnSCPD.xml',
    });
  });

  it('reads the TR-064 firmware from <systemVersion><Display> and services of sibling devices', () => {
    const d = parseDescription(tr64desc, { ...router, path: '/tr64desc.xml' });
    expect(d.firmware).toBe('154.07.10');
    expect(d.modelName).toBe('FRITZ!Box 7590');
    expect(d.services.map((s) => serviceName(s.serviceType))).toEqual([
      'DeviceInfo',
      'Layer3Forwarding',
      'Hosts',
      'WANCommonInterfaceConfig',
      'WANDSLInterfaceConfig',
      'WANPPPConnection',
      'WANIPConnection',
    ]);
    expect(findService(d, 'WANDSLInterfaceConfig')?.control.path).toBe('/upnp/control/wandslifconfig1');
    expect(findService(d, 'X_AVM-DE_WANFiber')).toBeUndefined();
  });

  it('honours URLBase and skips services without a usable control URL', () => {
    const xml = `<root><URLBase>http://10.0.0.1:5000/base/</URLBase><device><serviceList>
      <service><serviceType>urn:schemas-upnp-org:service:WANIPConnection:1</serviceType><controlURL>ctl/ip</controlURL></service>
      <service><serviceType>urn:schemas-upnp-org:service:Other:1</serviceType><controlURL>https://x/ctl</controlURL></service>
      <service><serviceType>urn:schemas-upnp-org:service:NoUrl:1</serviceType></service>
    </serviceList></device></root>`;
    const d = parseDescription(xml, { ...router, path: '/desc.xml' });
    expect(d.services).toHaveLength(1);
    expect(d.services[0]?.control).toEqual({ host: '10.0.0.1', port: 5000, path: '/base/ctl/ip' });
  });

  it('refuses garbage and documents without a device', () => {
    for (const text of ['<html><body>Not Found', 'garbage', '', '<root><specVersion/></root>']) {
      expect(() => parseDescription(text, { ...router, path: '/' })).toThrow(RouterError);
    }
  });
});

describe('resolveEndpoint', () => {
  const base = { host: 'fe80::1%eth0', port: 49000, path: '/tr64desc.xml' };
  it('keeps the configured host (even with an IPv6 zone) for relative references', () => {
    expect(resolveEndpoint(base, '/upnp/control/x?y=1')).toEqual({ ...base, path: '/upnp/control/x?y=1' });
    expect(resolveEndpoint(base, 'rel')).toEqual({ ...base, path: '/rel' });
  });
  it('follows absolute http references and refuses others', () => {
    expect(resolveEndpoint(base, 'http://[fe80::2]/c')).toEqual({ host: 'fe80::2', port: 80, path: '/c' });
    expect(resolveEndpoint(base, 'https://x/c')).toBeNull();
    expect(resolveEndpoint(base, 'http://[bad')).toBeNull();
  });
});
