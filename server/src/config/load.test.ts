import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load.js';
import { envName } from './schema.js';

describe('server config', () => {
  it('has working defaults', () => {
    expect(loadConfig({})).toMatchObject({
      httpPort: 8080,
      mqttPort: 1883,
      dataDir: './data',
      confirmDelaySeconds: 8,
    });
  });

  it('maps keys to LINEWATCH_ environment names', () => {
    expect(envName('httpPort')).toBe('LINEWATCH_HTTP_PORT');
    expect(envName('adminEmail')).toBe('LINEWATCH_ADMIN_EMAIL');
  });

  it('reads the environment over the config file, and secrets from _FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-config-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ httpPort: 9000, mqttPort: 1999 }));
    writeFileSync(join(dir, 'pw'), 'a-long-enough-password\n');
    const config = loadConfig({
      LINEWATCH_CONFIG_FILE: join(dir, 'config.json'),
      LINEWATCH_MQTT_PORT: '0',
      LINEWATCH_ADMIN_PASSWORD_FILE: join(dir, 'pw'),
    });
    expect(config).toMatchObject({ httpPort: 9000, mqttPort: 0, adminPassword: 'a-long-enough-password' });
  });

  it.each([
    [{ LINEWATCH_HTTP_PORT: 'eighty' }, /^Invalid setting LINEWATCH_HTTP_PORT \("eighty"\): .+\.$/],
    [{ LINEWATCH_MQTT_PORT: '70000' }, /LINEWATCH_MQTT_PORT/],
    [{ LINEWATCH_ADMIN_EMAIL: 'not-an-address' }, /LINEWATCH_ADMIN_EMAIL/],
    [
      { LINEWATCH_ADMIN_PASSWORD: 'short' },
      /LINEWATCH_ADMIN_PASSWORD \("\*\*\*"\): must be at least 12 characters/,
    ],
    [{ LINEWATCH_CONFIG_FILE: '/nonexistent/linewatch.json' }, /^Cannot read the config file/],
    [{ LINEWATCH_BROKER_URL: 'mqtt://broker.example:1883' }, /external-broker mode is not available yet/],
  ])('refuses %o with one sentence', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
