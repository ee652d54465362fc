import { CommitAck, maxBatchItems } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { commitAcks } from './commit-acks.js';

describe('commitAcks', () => {
  it('acknowledges per boot, in the order the samples came', () => {
    const acks = commitAcks([
      { bootId: 'a', seq: 3 },
      { bootId: 'b', seq: 1 },
      { bootId: 'a', seq: 4 },
    ]);
    expect(acks.map((a) => [a.bootId, a.seqs])).toEqual([
      ['a', [3, 4]],
      ['b', [1]],
    ]);
  });

  it('splits what one ack may not carry, and every ack is valid', () => {
    const n = maxBatchItems * 2 + 1;
    const bootId = '8f0c2a4e-5b1d-4c3e-9a7f-1e2d3c4b5a69';
    const acks = commitAcks(Array.from({ length: n }, (_, seq) => ({ bootId, seq })));
    expect(acks).toHaveLength(2);
    expect(acks.flatMap((a) => a.seqs)).toHaveLength(n);
    for (const ack of acks) expect(CommitAck.safeParse(ack).success).toBe(true);
  });

  it('sends nothing for nothing', () => {
    expect(commitAcks([])).toEqual([]);
  });
});
