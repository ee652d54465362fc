import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Sequence } from './sequence.js';
import { fileStateStore, memoryStateStore } from './state-file.js';

const bootA = '3f1c2b9a-1111-4222-8333-444455556666';
const bootB = '7d2e4c1f-2222-4333-8444-555566667777';

function statePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'lw-seq-')), 'agent.json.state.json');
}

describe('Sequence', () => {
  it('starts at 0 on a fresh boot and reserves a block before the first number', () => {
    const store = memoryStateStore();
    const seq = new Sequence({ bootId: bootA, store, blockSize: 10 });
    expect(store.state).toEqual({ bootId: bootA, seqReservedUntil: 10 });
    expect([seq.next(), seq.next(), seq.next()]).toEqual([0, 1, 2]);
  });

  it('writes only once per block', () => {
    let writes = 0;
    const inner = memoryStateStore();
    const store = {
      read: inner.read,
      write: (s: Parameters<typeof inner.write>[0]) => {
        writes++;
        inner.write(s);
      },
    };
    const seq = new Sequence({ bootId: bootA, store, blockSize: 5 });
    for (let i = 0; i < 12; i++) seq.next();
    expect(writes).toBe(3); // blocks [0,5), [5,10), [10,15)
    expect(inner.state?.seqReservedUntil).toBe(15);
  });

  it('never repeats a number across two processes of one boot, kill -9 included', () => {
    const path = statePath();
    const first = new Sequence({ bootId: bootA, store: fileStateStore(path), blockSize: 100 });
    const used = [first.next(), first.next(), first.next()];
    // The first process dies without a word; the second reads the same file.
    const second = new Sequence({ bootId: bootA, store: fileStateStore(path), blockSize: 100 });
    const next = second.next();
    expect(next).toBe(100);
    expect(used).not.toContain(next);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ bootId: bootA, seqReservedUntil: 200 });
  });

  it('starts again at 0 after a reboot', () => {
    const path = statePath();
    const before = new Sequence({ bootId: bootA, store: fileStateStore(path), blockSize: 100 });
    before.next();
    const after = new Sequence({ bootId: bootB, store: fileStateStore(path), blockSize: 100 });
    expect(after.next()).toBe(0);
  });

  it('keeps the fallback boot id that shares the file', () => {
    const store = memoryStateStore({ bootId: bootA, seqReservedUntil: 7, fallbackBootId: bootA });
    new Sequence({ bootId: bootA, store, blockSize: 10 }).next();
    expect(store.state).toEqual({ bootId: bootA, seqReservedUntil: 17, fallbackBootId: bootA });
  });

  it('sets a corrupt state file aside and starts above any number used', () => {
    const path = statePath();
    writeFileSync(path, '{"bootId": ');
    const told: string[] = [];
    const seq = new Sequence({
      bootId: bootA,
      store: fileStateStore(path),
      recoveryFloor: () => 123_456.7,
      onCorrupt: (m) => told.push(m),
    });
    expect(seq.next()).toBe(123_457);
    expect(told[0]).toMatch(/was not valid state/);
    expect(existsSync(`${path}.corrupt`)).toBe(true);
  });

  it('fails at start when the state cannot be written', () => {
    const store = {
      read: () => ({ state: null }),
      write: () => {
        throw new Error('EROFS: read-only file system');
      },
    };
    expect(() => new Sequence({ bootId: bootA, store })).toThrow('EROFS');
  });
});
