import type { Agent } from 'node:http';
import { type Endpoint, httpRequest } from './http.js';
import { RouterError } from './router-error.js';
import { child, children, childText, parseXml, type XmlNode } from './xml.js';

/** A service as listed in a device description, its control URL resolved. */
export interface ServiceInfo {
  serviceType: string;
  serviceId: string;
  /** Where to POST actions: the description's host unless the URL names another. */
  control: Endpoint;
  scpdUrl: string | null;
}

/** What the root device says about itself and every service of the nested devices. */
export interface DeviceDescription {
  location: Endpoint;
  deviceType: string | null;
  friendlyName: string | null;
  manufacturer: string | null;
  modelName: string | null;
  modelNumber: string | null;
  /** TR-064 `<systemVersion><Display>` (e.g. `154.07.10`), readable without login; null for IGD. */
  firmware: string | null;
  services: ServiceInfo[];
}

const placeholder = 'router.invalid';

/**
 * Resolves a URL from a description against its base (UDA 1.0 §2.1:
 * `URLBase` if present, else the LOCATION). The router's host is kept as
 * configured (URL objects cannot hold an IPv6 zone such as `%eth0`), unless
 * the reference is absolute and names another host. Only `http:` is
 * followed; null otherwise.
 *
 * @example
 * resolveEndpoint({ host: '192.168.178.1', port: 49000, path: '/igddesc.xml' }, '/igdupnp/control/WANIPConn1')
 * // { host: '192.168.178.1', port: 49000, path: '/igdupnp/control/WANIPConn1' }
 */
export function resolveEndpoint(base: Endpoint, reference: string): Endpoint | null {
  let url: URL;
  try {
    url = new URL(reference, new URL(base.path, `http://${placeholder}`));
  } catch {
    return null;
  }
  if (url.protocol !== 'http:') return null;
  const path = `${url.pathname}${url.search}`;
  if (url.hostname === placeholder) return { host: base.host, port: base.port, path };
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return { host, port: url.port === '' ? 80 : Number(url.port), path };
}

/** Every service of `device` and of the devices nested in its `deviceList`, depth first. */
function collectServices(device: XmlNode, base: Endpoint, out: ServiceInfo[]): void {
  for (const service of children(child(device, 'serviceList'), 'service')) {
    const serviceType = childText(service, 'serviceType');
    const controlUrl = childText(service, 'controlURL');
    const control = controlUrl === null ? null : resolveEndpoint(base, controlUrl);
    if (serviceType === null || control === null) continue;
    out.push({
      serviceType,
      serviceId: childText(service, 'serviceId') ?? '',
      control,
      scpdUrl: childText(service, 'SCPDURL'),
    });
  }
  for (const nested of children(child(device, 'deviceList'), 'device')) collectServices(nested, base, out);
}

/**
 * Parses a UPnP device description (`igddesc.xml`, `tr64desc.xml`).
 *
 * @throws RouterError `invalid_response` when it is not XML or has no root device.
 * @example
 * parseDescription(tr64descXml, { host: '192.168.178.1', port: 49000, path: '/tr64desc.xml' })
 * // { modelName: 'FRITZ!Box 7590', firmware: '154.07.10', services: [{ serviceType: 'urn:dslforum-org:service:DeviceInfo:1', … }, …], … }
 */
export function parseDescription(xml: string, location: Endpoint): DeviceDescription {
  const root = child(parseXml(xml), 'root');
  const device = child(root, 'device');
  if (device === undefined || typeof device === 'string') {
    throw new RouterError('invalid_response', 'device description without a root device');
  }
  const urlBase = childText(root, 'URLBase');
  const base = (urlBase && resolveEndpoint(location, urlBase)) || location;
  const services: ServiceInfo[] = [];
  collectServices(device, base, services);
  return {
    location,
    deviceType: childText(device, 'deviceType'),
    friendlyName: childText(device, 'friendlyName'),
    manufacturer: childText(device, 'manufacturer'),
    modelName: childText(device, 'modelName'),
    modelNumber: childText(device, 'modelNumber'),
    firmware: childText(child(root, 'systemVersion'), 'Display') || null,
    services,
  };
}

/**
 * The service's type name without namespace and version:
 * `urn:dslforum-org:service:WANDSLInterfaceConfig:1` → `WANDSLInterfaceConfig`.
 *
 * @example
 * serviceName('urn:schemas-upnp-org:service:WANIPConnection:1') // 'WANIPConnection'
 */
export function serviceName(serviceType: string): string {
  const parts = serviceType.split(':');
  return parts.length >= 5 ? (parts[3] ?? '') : serviceType;
}

/**
 * The first listed service of that type name, in either namespace
 * (`urn:schemas-upnp-org` for IGD, `urn:dslforum-org` for TR-064).
 *
 * @example
 * findService(description, 'WANCommonInterfaceConfig')?.control.path // '/upnp/control/wancommonifconfig1'
 */
export function findService(description: DeviceDescription, name: string): ServiceInfo | undefined {
  return description.services.find((s) => serviceName(s.serviceType) === name);
}

/**
 * Fetches and parses a description. A 404 is thrown with `status: 404` so
 * the caller can say which interface is switched off.
 *
 * @throws RouterError as {@link httpRequest}, or `invalid_response` for a non-200 or unparsable answer.
 */
export async function fetchDescription(
  location: Endpoint,
  options: { signal: AbortSignal; agent?: Agent; maxBytes?: number },
): Promise<DeviceDescription> {
  const res = await httpRequest({
    ...location,
    method: 'GET',
    signal: options.signal,
    agent: options.agent,
    maxBytes: options.maxBytes ?? 1 << 20,
  });
  if (res.status !== 200) {
    throw new RouterError('invalid_response', `HTTP ${res.status} for ${location.path}`, {
      status: res.status,
    });
  }
  return parseDescription(res.body, location);
}
