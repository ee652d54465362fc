import { type CommitAck, maxBatchItems, protocolVersion } from '@linewatch/shared';

/** Most seqs in one CommitAck (its schema's limit). */
const maxAckSeqs = maxBatchItems * 2;

/**
 * The acknowledgements for stored samples: one CommitAck per boot, split
 * so none carries more seqs than its schema allows.
 *
 * @example
 * commitAcks([{ bootId: 'b1', seq: 7 }, { bootId: 'b1', seq: 8 }])
 * // [{ v: 1, type: 'ack', bootId: 'b1', seqs: [7, 8] }]
 */
export function commitAcks(items: readonly { bootId: string; seq: number }[]): CommitAck[] {
  const byBoot = new Map<string, number[]>();
  for (const i of items) {
    const seqs = byBoot.get(i.bootId);
    if (seqs) seqs.push(i.seq);
    else byBoot.set(i.bootId, [i.seq]);
  }
  const acks: CommitAck[] = [];
  for (const [bootId, seqs] of byBoot) {
    for (let i = 0; i < seqs.length; i += maxAckSeqs) {
      acks.push({ v: protocolVersion, type: 'ack', bootId, seqs: seqs.slice(i, i + maxAckSeqs) });
    }
  }
  return acks;
}
