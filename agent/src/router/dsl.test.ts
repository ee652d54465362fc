import { describe, expect, it } from 'vitest';
import { dslFromInfo } from './dsl.js';
import { tenthsToDb, toCount, toText } from './values.js';

// influxdata/telegraf plugins/inputs/fritzbox/fritzbox_test.go (DOMAIN.md §2).
const info = {
  NewStatus: 'Up',
  NewUpstreamCurrRate: '46719',
  NewDownstreamCurrRate: '236716',
  NewUpstreamMaxRate: '49741',
  NewDownstreamMaxRate: '240893',
  NewUpstreamNoiseMargin: '80',
  NewDownstreamNoiseMargin: '110',
  NewUpstreamAttenuation: '80',
  NewDownstreamAttenuation: '140',
  NewUpstreamPower: '498',
  NewDownstreamPower: '515',
};
const stats = {
  NewLinkRetrain: '1',
  NewErroredSecs: '4',
  NewCRCErrors: '6',
  NewATUCCRCErrors: '1',
  NewFECErrors: '0',
};

describe('dslFromInfo', () => {
  it('keeps kbit/s and turns 0.1 dB into dB (telegraf fixture)', () => {
    expect(dslFromInfo(info, stats)).toEqual({
      status: 'Up',
      downCurrentKbps: 236716,
      upCurrentKbps: 46719,
      downMaxKbps: 240893,
      upMaxKbps: 49741,
      downSnrMarginDb: 11,
      upSnrMarginDb: 8,
      downAttenuationDb: 14,
      upAttenuationDb: 8,
      crcErrors: 6,
      fecErrors: 0,
      linkRetrains: 1,
      erroredSeconds: 4,
      severelyErroredSeconds: null,
    });
  });

  it('leaves counters null without statistics and nonsense values null', () => {
    const dsl = dslFromInfo({ ...info, NewUpstreamCurrRate: '-1', NewDownstreamNoiseMargin: 'n/a' }, null);
    expect(dsl).toMatchObject({
      upCurrentKbps: null,
      downSnrMarginDb: null,
      crcErrors: null,
      linkRetrains: null,
    });
  });
});

describe('values', () => {
  it('converts SOAP text', () => {
    expect([
      toCount('0'),
      toCount(' 42 '),
      toCount(''),
      toCount('1e3'),
      toCount('-1'),
      toCount(undefined),
    ]).toEqual([0, 42, null, null, null, null]);
    expect(toCount('99999999999999999999')).toBeNull();
    expect([tenthsToDb('15'), tenthsToDb('-25'), tenthsToDb('1.5')]).toEqual([1.5, -2.5, null]);
    expect([toText('', 5), toText(' Up ', 5), toText('abcdefgh', 5)]).toEqual([null, 'Up', 'abcde']);
  });
});
