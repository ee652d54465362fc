import { describe, expect, it } from 'vitest';
import { planSequence, type SeqSample, subtract } from './sequence-plan.js';

const m = (...seqs: number[]): SeqSample[] => seqs.map((seq) => ({ seq, kind: 'measurement' }));
const started = (seq: number): SeqSample => ({ seq, kind: 'agent_started' });

describe('planSequence', () => {
  it.each<[string, number | null, SeqSample[], ReturnType<typeof planSequence>]>([
    [
      'in order: nothing to note',
      9,
      m(10, 11, 12),
      { maxSeq: 12, holes: [], skipped: [], late: [], lateStarts: [] },
    ],
    [
      'the first sample of a boot sets the baseline',
      null,
      m(500, 502),
      { maxSeq: 502, holes: [{ from: 501, to: 501 }], skipped: [], late: [], lateStarts: [] },
    ],
    [
      'a jump leaves a hole',
      9,
      m(15),
      { maxSeq: 15, holes: [{ from: 10, to: 14 }], skipped: [], late: [], lateStarts: [] },
    ],
    [
      'unsorted items are taken in order',
      9,
      m(12, 10, 11),
      { maxSeq: 12, holes: [], skipped: [], late: [], lateStarts: [] },
    ],
    [
      'a jump to an agent_started is a restart, not a loss',
      41,
      [started(1000), ...m(1001)],
      { maxSeq: 1001, holes: [], skipped: [{ from: 42, to: 999 }], late: [], lateStarts: [] },
    ],
    [
      'late numbers are grouped into runs',
      20,
      m(3, 4, 5, 8, 8, 21),
      {
        maxSeq: 21,
        holes: [],
        skipped: [],
        late: [
          { from: 3, to: 5 },
          { from: 8, to: 8 },
        ],
        lateStarts: [],
      },
    ],
    [
      'a late agent_started is noted',
      2000,
      [started(1000), ...m(1001)],
      { maxSeq: 2000, holes: [], skipped: [], late: [{ from: 1000, to: 1001 }], lateStarts: [1000] },
    ],
  ])('%s', (_name, maxSeq, samples, expected) => {
    expect(planSequence(maxSeq, samples)).toEqual(expected);
  });
});

describe('subtract', () => {
  it.each([
    [
      { from: 10, to: 20 },
      { from: 12, to: 13 },
      [
        { from: 10, to: 11 },
        { from: 14, to: 20 },
      ],
    ],
    [{ from: 10, to: 20 }, { from: 10, to: 20 }, []],
    [{ from: 10, to: 20 }, { from: 5, to: 12 }, [{ from: 13, to: 20 }]],
    [{ from: 10, to: 20 }, { from: 18, to: 30 }, [{ from: 10, to: 17 }]],
    [{ from: 10, to: 20 }, { from: 21, to: 30 }, [{ from: 10, to: 20 }]],
  ])('%o minus %o', (gap, arrived, expected) => {
    expect(subtract(gap, arrived)).toEqual(expected);
  });
});
