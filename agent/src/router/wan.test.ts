import { describe, expect, it } from 'vitest';
import type { DeviceDescription, ServiceInfo } from './description.js';
import { connectionCandidates, defaultConnectionType } from './wan.js';

const service = (type: string): ServiceInfo => ({
  serviceType: `urn:dslforum-org:service:${type}:1`,
  serviceId: '',
  control: { host: 'h', port: 1, path: `/${type}` },
  scpdUrl: null,
});
const description = (...types: string[]): DeviceDescription => ({
  location: { host: 'h', port: 1, path: '/' },
  deviceType: null,
  friendlyName: null,
  manufacturer: null,
  modelName: null,
  modelNumber: null,
  firmware: null,
  services: types.map(service),
});

describe('defaultConnectionType', () => {
  it('reads TR-064 and IGD forms of Layer3Forwarding:GetDefaultConnectionService', () => {
    expect(defaultConnectionType('1.WANPPPConnection.1')).toBe('WANPPPConnection');
    expect(defaultConnectionType('1.WANIPConnection.1')).toBe('WANIPConnection');
    expect(
      defaultConnectionType('uuid:76802409-bccb:WANConnectionDevice:1,urn:upnp-org:serviceId:WANPPPConn1'),
    ).toBe('WANPPPConnection');
    expect(defaultConnectionType('')).toBeNull();
    expect(defaultConnectionType(undefined)).toBeNull();
  });
});

describe('connectionCandidates', () => {
  const d = description('DeviceInfo', 'WANPPPConnection', 'WANIPConnection');
  it('puts the default first and keeps the listed order otherwise', () => {
    expect(connectionCandidates(d, 'WANIPConnection').map((s) => s.control.path)).toEqual([
      '/WANIPConnection',
      '/WANPPPConnection',
    ]);
    expect(connectionCandidates(d, null).map((s) => s.control.path)).toEqual([
      '/WANPPPConnection',
      '/WANIPConnection',
    ]);
    expect(connectionCandidates(description('DeviceInfo'), 'WANIPConnection')).toEqual([]);
  });
});
