import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentError } from '../errors.js';
import { parseConfigText, readConfigFile, requireEnrolled } from './load.js';

const path = '/etc/linewatch/agent.json';

function problem(text: string): string {
  try {
    parseConfigText(text, path);
  } catch (error) {
    expect(error).toBeInstanceOf(AgentError);
    expect((error as AgentError).exitCode).toBe(78);
    return (error as AgentError).message;
  }
  throw new Error('expected a config error');
}

const enrolled = {
  server: { url: 'https://linewatch.example' },
  agentId: 'a1b2c3',
  mqtt: { url: 'mqtt://linewatch.example:1883', username: 'a1b2c3', password: 'secret' },
};

describe('parseConfigText', () => {
  it('fills every default into an empty file', () => {
    const config = parseConfigText('{}', path);
    expect(config.keepaliveSeconds).toBe(15);
    expect(config.intervalSeconds).toBe(10);
    expect(config.probes.attempts).toBe(3);
    expect(config.thresholds).toEqual({
      lossPct: 5,
      latencyMs: 150,
      jitterMs: 30,
      dnsMs: 300,
      syncRatePct: 70,
      crcErrorsPerMinute: 50,
    });
    expect(config.probes).toMatchObject({
      dnsNames: ['example.com'],
      httpUrls: [],
      icmp: true,
      systemResolver: true,
    });
  });

  it.each([
    ['{', /^The config file \/etc\/linewatch\/agent\.json is not valid JSON \(.+\)\.$/],
    [
      '{"probes":{"timeoutMs":"2s"}}',
      'The config file /etc/linewatch/agent.json is invalid: "probes.timeoutMs" must be a whole number of milliseconds from 100 to 60000.',
    ],
    [
      '{"probes":{"targets":["1.1.1.1:443","nope:x"]}}',
      'The config file /etc/linewatch/agent.json is invalid: "probes.targets.1" must be a host with an optional port, like "1.1.1.1:443".',
    ],
    [
      '{"probes":{"resolvers":["dns.google"]}}',
      'The config file /etc/linewatch/agent.json is invalid: "probes.resolvers.0" must be an IP address, like "1.1.1.1".',
    ],
    [
      '{"intervalSecond":10}',
      'The config file /etc/linewatch/agent.json is invalid: "intervalSecond" is not a known setting.',
    ],
    [
      '{"thresholds":{"lossPct":500}}',
      'The config file /etc/linewatch/agent.json is invalid: "thresholds.lossPct" must be a percentage from 0 to 100.',
    ],
    [
      '{"outbox":{"maxBytes":1000}}',
      'The config file /etc/linewatch/agent.json is invalid: "outbox.maxBytes" must be a whole number of bytes from 10000 to 10000000000.',
    ],
    [
      '{"agentId":"A B"}',
      'The config file /etc/linewatch/agent.json is invalid: "agentId" must be lower-case letters, digits and dashes (3 to 64).',
    ],
    [
      '{"mqtt":{"url":"http://x","username":"a","password":"b"}}',
      'The config file /etc/linewatch/agent.json is invalid: "mqtt.url" must be an MQTT URL, like "mqtt://linewatch.example:1883".',
    ],
    ['[]', /^The config file \/etc\/linewatch\/agent\.json is invalid: "\(top level\)" is invalid \(.+\)\.$/],
  ])('%s → one sentence', (text, expected) => {
    const message = problem(text);
    if (typeof expected === 'string') expect(message).toBe(expected);
    else expect(message).toMatch(expected);
  });
});

describe('requireEnrolled', () => {
  it('passes an enrolled config', () => {
    const config = requireEnrolled(parseConfigText(JSON.stringify(enrolled), path), path);
    expect(config.agentId).toBe('a1b2c3');
  });

  it('says how to enroll when the box was never enrolled', () => {
    expect(() => requireEnrolled(parseConfigText('{}', path), path)).toThrow(
      'The config file /etc/linewatch/agent.json has no enrollment yet; run "linewatch-agent enroll --server <url> --token <token>" first.',
    );
  });
});

describe('readConfigFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lw-config-'));

  it('reads a file', async () => {
    const file = join(dir, 'agent.json');
    writeFileSync(file, JSON.stringify({ ...enrolled, intervalSeconds: 30 }));
    expect((await readConfigFile(file)).intervalSeconds).toBe(30);
  });

  it('gives the defaults for a missing optional file', async () => {
    expect((await readConfigFile(join(dir, 'none.json'), { optional: true })).probes.timeoutMs).toBe(2000);
  });

  it('names a missing required file', async () => {
    await expect(readConfigFile(join(dir, 'none.json'))).rejects.toThrow(
      `The config file ${join(dir, 'none.json')} does not exist.`,
    );
  });

  it.skipIf(process.getuid?.() === 0)('warns about an unreadable optional file and goes on', async () => {
    const file = join(dir, 'locked.json');
    writeFileSync(file, '{}');
    chmodSync(file, 0o000);
    const warnings: string[] = [];
    await readConfigFile(file, { optional: true, lenient: true, warn: (m) => warnings.push(m) });
    expect(warnings[0]).toMatch(/cannot be read \(permission denied\).*Using the defaults\.$/);
  });

  it('warns about an unreadable optional file (a directory here) and goes on', async () => {
    const warnings: string[] = [];
    const config = await readConfigFile(dir, {
      optional: true,
      lenient: true,
      warn: (m) => warnings.push(m),
    });
    expect(config.probes.attempts).toBe(3);
    expect(warnings).toEqual([`The config file ${dir} cannot be read (EISDIR). Using the defaults.`]);
  });
});
