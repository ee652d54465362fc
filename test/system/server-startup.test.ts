import { afterAll, describe, expect, it } from 'vitest';
import { runTs, takenPort, tempDir } from '../support/processes.js';

const cleanup: (() => void)[] = [];
afterAll(() => {
  for (const f of cleanup) f();
});

/** Runs the server expecting it to fail at start-up; returns its exit code and stderr. */
async function failingStart(env: NodeJS.ProcessEnv) {
  const proc = runTs('server/src/cli.ts', ['run'], {
    LINEWATCH_DATA_DIR: tempDir('startup'),
    LINEWATCH_HOST: '127.0.0.1',
    LINEWATCH_ADMIN_PASSWORD: 'a long test password',
    ...env,
  });
  const code = await proc.exited;
  return {
    code,
    stderr: proc
      .output()
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('linewatch-server:')),
  };
}

describe('server start-up failures', () => {
  it('names a taken MQTT port in one sentence and exits non-zero', async () => {
    const held = await takenPort();
    cleanup.push(() => held.server.close());
    const { code, stderr } = await failingStart({
      LINEWATCH_MQTT_PORT: String(held.port),
      LINEWATCH_HTTP_PORT: '0',
    });
    expect(code).not.toBe(0);
    expect(stderr).toEqual([
      `linewatch-server: MQTT port ${held.port} is in use — set LINEWATCH_MQTT_PORT or LINEWATCH_BROKER_URL.`,
    ]);
  });

  it('names a taken HTTP port in one sentence and exits non-zero', async () => {
    const held = await takenPort();
    cleanup.push(() => held.server.close());
    const { code, stderr } = await failingStart({
      LINEWATCH_HTTP_PORT: String(held.port),
      LINEWATCH_MQTT_PORT: '0',
    });
    expect(code).not.toBe(0);
    expect(stderr).toEqual([`linewatch-server: HTTP port ${held.port} is in use — set LINEWATCH_HTTP_PORT.`]);
  });

  it('names a bad config value in one sentence and exits non-zero', async () => {
    const { code, stderr } = await failingStart({ LINEWATCH_HTTP_PORT: 'eighty' });
    expect(code).not.toBe(0);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^linewatch-server: Invalid setting LINEWATCH_HTTP_PORT \("eighty"\): .+\.$/);
  });
});
