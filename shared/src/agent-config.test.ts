import { describe, expect, it } from 'vitest';
import { AgentConfigFile, defaultOutboxSettings } from './agent-config.js';

describe('AgentConfigFile outbox settings', () => {
  it('defaults to 50 MB and 2 backlog batches of 100 a second', () => {
    const defaults = { maxBytes: 50_000_000, replayBatchesPerSecond: 2, replayBatchSize: 100 };
    expect(AgentConfigFile.parse({}).outbox).toEqual(defaults);
    expect(defaultOutboxSettings).toEqual(defaults);
  });

  it('takes values in range, each field on its own', () => {
    const outbox = { maxBytes: 16_000, replayBatchesPerSecond: 0.5, replayBatchSize: 10 };
    expect(AgentConfigFile.parse({ outbox }).outbox).toEqual(outbox);
    expect(AgentConfigFile.parse({ outbox: { maxBytes: 200_000_000 } }).outbox.replayBatchesPerSecond).toBe(
      2,
    );
  });

  it('refuses values out of range with a sentence', () => {
    const issue = (outbox: unknown) => AgentConfigFile.safeParse({ outbox }).error?.issues[0];
    expect(issue({ maxBytes: 1000 })).toMatchObject({
      path: ['outbox', 'maxBytes'],
      message: 'must be a whole number of bytes from 10000 to 10000000000',
    });
    expect(issue({ replayBatchSize: 501 })).toMatchObject({
      path: ['outbox', 'replayBatchSize'],
      message: 'must be a whole number of samples from 1 to 500',
    });
    expect(issue({ maxBytes: 5e6 + 0.5 })?.message).toMatch(/^must be a whole number of bytes/);
    expect(issue({ replayBatchesPerSecond: 0 })).toMatchObject({
      path: ['outbox', 'replayBatchesPerSecond'],
      message: 'must be a number of batches per second from 0.1 to 100',
    });
    expect(issue({ replayBatchesPerSecond: '2' })?.message).toBe(
      'must be a number of batches per second from 0.1 to 100',
    );
    expect(issue({ maxMegabytes: 5 })?.code).toBe('unrecognized_keys');
  });
});
