import { Aedes } from 'aedes';
import { afterEach, describe, expect, it } from 'vitest';
import { indexRetained, isRetainedStore, type RetainedStore } from './retained-index.js';

const brokers: Aedes[] = [];
afterEach(async () => {
  await Promise.all(brokers.splice(0).map((b) => new Promise<void>((r) => b.close(() => r()))));
});

/** aedes' own in-memory persistence, as the embedded broker uses it. */
async function persistence(): Promise<RetainedStore> {
  const broker = await Aedes.createBroker();
  brokers.push(broker);
  const p = (broker as unknown as { persistence: unknown }).persistence;
  if (!isRetainedStore(p)) throw new Error('unexpected aedes persistence');
  return p;
}

/** As aedes stores one: the promise form (aedes.js `storeRetained`). */
const retain = async (p: RetainedStore, topic: string, payload: string) => {
  await p.storeRetained({ topic, payload: Buffer.from(payload) });
};

async function lookup(p: RetainedStore, patterns: string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const packet of p.createRetainedStreamCombi(patterns))
    out.push(`${packet.topic}=${packet.payload.toString()}`);
  return out.sort();
}

describe('indexRetained', () => {
  it('answers exact topics and wildcards exactly as the full scan does', async () => {
    const plain = await persistence();
    const indexed = await persistence();
    indexRetained(indexed);
    for (const p of [plain, indexed]) {
      await retain(p, 'linewatch/v1/agents/a/status', 'online');
      await retain(p, 'linewatch/v1/agents/b/status', 'online');
      await retain(p, 'linewatch/v1/agents/a/status', 'offline');
      await retain(p, 'linewatch/v1/agents/b/status', ''); // deletes it
      await retain(p, 'linewatch/v1/agents/c/commands', 'x');
    }
    for (const patterns of [
      ['linewatch/v1/agents/a/status'],
      ['linewatch/v1/agents/b/status'],
      ['linewatch/v1/agents/c/commands', 'linewatch/v1/agents/a/status', 'nothing/here'],
      ['linewatch/v1/agents/+/status'],
      ['linewatch/#'],
    ])
      expect(await lookup(indexed, patterns)).toEqual(await lookup(plain, patterns));
    expect(await lookup(indexed, ['linewatch/v1/agents/a/status'])).toEqual([
      'linewatch/v1/agents/a/status=offline',
    ]);
  });

  it('answers an exact topic from the index: the full scan (O(retained) per SUBSCRIBE) only runs for wildcards', async () => {
    const p = await persistence();
    const scanned: string[][] = [];
    const scan = p.createRetainedStreamCombi.bind(p);
    p.createRetainedStreamCombi = (patterns) => {
      scanned.push(patterns);
      return scan(patterns);
    };
    indexRetained(p);
    for (let i = 0; i < 1000; i++) await retain(p, `linewatch/v1/agents/${i}/status`, 'online');
    for (let i = 0; i < 1000; i++) await lookup(p, [`linewatch/v1/agents/${i}/commands`]);
    expect(await lookup(p, ['linewatch/v1/agents/7/status'])).toEqual([
      'linewatch/v1/agents/7/status=online',
    ]);
    expect(scanned).toEqual([]);
    expect(await lookup(p, ['linewatch/v1/agents/+/status'])).toHaveLength(1000);
    expect(scanned).toEqual([['linewatch/v1/agents/+/status']]);
  });
});
