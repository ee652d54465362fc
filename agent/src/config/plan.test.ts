import { AgentConfigFile, formatHostPort, type HostPort, parseHostPort } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { AgentError } from '../errors.js';
import { parseResolvers, parseRouter, parseTargets, probePlan, routerLogin } from './plan.js';

const defaults = AgentConfigFile.parse({}).probes;

describe('probePlan', () => {
  it('takes the defaults: three anycast targets and the default gateway', () => {
    expect(probePlan(defaults)).toEqual({
      targets: [
        { host: '1.1.1.1', port: 443 },
        { host: '8.8.8.8', port: 443 },
        { host: '9.9.9.9', port: 443 },
      ],
      router: null,
      timeoutMs: 2000,
      attempts: 3,
      resolvers: ['1.1.1.1', '9.9.9.9'],
      dnsNames: ['example.com'],
      httpUrls: [],
      icmp: true,
      systemResolver: true,
      routerLogin: { user: null, password: null },
    });
  });

  it('puts the command-line overrides on top', () => {
    const plan = probePlan(defaults, {
      targets: '127.0.0.1:8443, 127.0.0.2',
      resolvers: '::1',
      router: '127.0.0.1:8080',
    });
    expect(plan.targets).toEqual([
      { host: '127.0.0.1', port: 8443 },
      { host: '127.0.0.2', port: 443 },
    ]);
    expect(plan.resolvers).toEqual(['::1']);
    expect(plan.router).toEqual({ host: '127.0.0.1', port: 8080 });
  });

  it('uses the configured router', () => {
    const settings = { ...defaults, router: { address: 'fritz.box' } };
    expect(probePlan(settings).router).toEqual({ host: 'fritz.box', port: null });
  });

  it('takes the router login from the environment over the file', () => {
    const settings = { ...defaults, router: { address: null, user: 'file-user', password: 'file-pass' } };
    expect(probePlan(settings, {}, { LINEWATCH_ROUTER_PASSWORD: 'env-pass' }).routerLogin).toEqual({
      user: 'file-user',
      password: 'env-pass',
    });
  });

  it.each([
    [{ targets: '' }, '--targets needs 1 to 32 targets like 1.1.1.1:443.'],
    [
      { targets: '1.1.1.1:99999' },
      '--targets: "1.1.1.1:99999" is not a host with an optional port, like 1.1.1.1:443.',
    ],
    [{ resolvers: 'dns.google' }, '--resolvers: "dns.google" is not an IP address (with an optional port).'],
    [{ resolvers: '300.1.1.1' }, '--resolvers: "300.1.1.1" is not an IP address (with an optional port).'],
    [{ router: 'a b' }, '--router: "a b" is not a host with an optional port.'],
  ])('refuses %j with a usage error', (overrides, message) => {
    let error: unknown;
    try {
      probePlan(defaults, overrides);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AgentError);
    expect((error as AgentError).message).toBe(message);
    expect((error as AgentError).exitCode).toBe(64);
  });
});

describe('override parsers', () => {
  it('parses targets, resolvers and routers', () => {
    expect(parseTargets('[::1]:80,localhost')).toEqual([
      { host: '::1', port: 80 },
      { host: 'localhost', port: 443 },
    ]);
    expect(parseResolvers('1.1.1.1, 2606:4700::1111')).toEqual(['1.1.1.1', '2606:4700::1111']);
    expect(parseRouter('192.168.178.1')).toEqual({ host: '192.168.178.1', port: null });
    expect(parseRouter('[fe80::1]:49000')).toEqual({ host: 'fe80::1', port: 49000 });
    expect(parseRouter('x:0')).toBeNull();
    expect(parseRouter('fe80::1%eth0')).toEqual({ host: 'fe80::1%eth0', port: null });
    expect(parseRouter('a:b:c')).toBeNull();
    expect(parseRouter('[1.2.3.4]:80')).toBeNull();
    expect(parseRouter(`${'r'.repeat(61)}.box`)).toBeNull(); // over the 64 characters a measurement carries
  });

  it('formats targets the way it parses them', () => {
    for (const text of ['1.1.1.1:443', '[2606:4700::1111]:443', 'fritz.box:49000']) {
      expect(formatHostPort(parseHostPort(text, 1) as HostPort)).toBe(text);
    }
  });

  it('reads no login when none is set', () => {
    expect(routerLogin({ address: null }, {})).toEqual({ user: null, password: null });
  });
});
