import { describe, expect, it } from 'vitest';
import {
  areaFromPostcode,
  type Classification,
  classifyFailure,
  defaultGroupingConfig,
  groupFailures,
  pruneFailures,
  type SiteFailure,
} from './area-grouping.js';

const fail = (siteId: string, carrier: string, area: string | null, at: number): SiteFailure => ({
  siteId,
  carrier,
  area,
  at,
});

/** A short label per answer, so table rows stay readable. */
function summary(c: Classification): string {
  if (c.kind === 'site') return 'site';
  return `${c.kind} ${c.key} [${c.siteIds.join(',')}]`;
}

describe('classifyFailure', () => {
  const t0 = 1_000_000;
  it.each<[string, SiteFailure[], SiteFailure, string]>([
    [
      'a site without an area stays its own',
      [fail('a', 'X', null, t0), fail('b', 'X', null, t0)],
      fail('c', 'X', null, t0),
      'site',
    ],
    ['two sites are not yet an area', [fail('a', 'X', '104', t0)], fail('b', 'X', '104', t0 + 1000), 'site'],
    [
      'the third site of one carrier and area makes an area incident',
      [fail('a', 'X', '104', t0), fail('b', 'X', '104', t0 + 1000)],
      fail('c', 'X', '104', t0 + 2000),
      'area area:x|104 [a,b,c]',
    ],
    [
      'failures older than the window do not count',
      [fail('a', 'X', '104', t0 - 61_000), fail('b', 'X', '104', t0)],
      fail('c', 'X', '104', t0),
      'site',
    ],
    [
      'exactly at the window edge still counts',
      [fail('a', 'X', '104', t0 - 60_000), fail('b', 'X', '104', t0)],
      fail('c', 'X', '104', t0),
      'area area:x|104 [a,b,c]',
    ],
    [
      'a failure reported late (out of order) counts',
      [fail('a', 'X', '104', t0 + 30_000), fail('b', 'X', '104', t0 + 10_000)],
      fail('c', 'X', '104', t0),
      'area area:x|104 [a,b,c]',
    ],
    [
      'other areas and other carriers do not add up to an area incident',
      [fail('a', 'X', '104', t0), fail('b', 'X', '803', t0), fail('c', 'Y', '104', t0)],
      fail('d', 'X', '104', t0),
      'site',
    ],
    [
      'carrier names are compared trimmed and case-folded',
      [fail('a', 'Telekom', '104', t0), fail('b', 'telekom ', '104', t0)],
      fail('c', 'TELEKOM', '104', t0),
      'area area:telekom|104 [a,b,c]',
    ],
    [
      'a flapping site counts once',
      [fail('a', 'X', '104', t0), fail('a', 'X', '104', t0 + 5000), fail('b', 'X', '104', t0 + 6000)],
      fail('b', 'X', '104', t0 + 7000),
      'site',
    ],
    [
      'four sites of two carriers in one area look like a power cut',
      [fail('a', 'X', '104', t0), fail('b', 'Y', '104', t0), fail('c', 'X', '104', t0)],
      fail('d', 'Y', '104', t0),
      'power power:104 [a,b,c,d]',
    ],
    [
      'power wins over an area outage when another carrier joins',
      [fail('a', 'X', '104', t0), fail('b', 'X', '104', t0), fail('c', 'X', '104', t0)],
      fail('d', 'Y', '104', t0 + 1000),
      'power power:104 [a,b,c,d]',
    ],
    [
      'three sites of two carriers stay below the power threshold',
      [fail('a', 'X', '104', t0), fail('b', 'Y', '104', t0)],
      fail('c', 'X', '104', t0),
      'site',
    ],
  ])('%s', (_name, recent, failure, want) => {
    expect(summary(classifyFailure(recent, failure, defaultGroupingConfig))).toBe(want);
  });

  it('names every carrier of a power group as written', () => {
    const c = classifyFailure(
      [fail('a', 'Telekom', '104', 0), fail('b', 'Vodafone', '104', 0), fail('c', 'Telekom', '104', 0)],
      fail('d', 'Vodafone', '104', 0),
    );
    expect(c).toMatchObject({ kind: 'power', area: '104', carriers: ['Telekom', 'Vodafone'] });
  });
});

describe('acceptance: 30 sites of X, 20 of Y; 12 of X in one area fail within 60 s', () => {
  const t0 = Date.parse('2025-03-03T09:00:00Z');
  // X: 12 sites in area 104, the other 18 in 105 and 803; Y: spread over all three areas.
  const fleet = [
    ...Array.from({ length: 30 }, (_, i) => ({
      siteId: `x${i}`,
      carrier: 'X',
      area: i < 12 ? '104' : (['105', '803'][i % 2] ?? null),
    })),
    ...Array.from({ length: 20 }, (_, i) => ({
      siteId: `y${i}`,
      carrier: 'Y',
      area: ['104', '105', '803'][i % 3] ?? null,
    })),
  ];
  const xIn104 = fleet.filter((s) => s.carrier === 'X' && s.area === '104');
  const failures: SiteFailure[] = xIn104.map((s, i) => ({ ...s, at: t0 + i * 5000 })); // 0 … 55 s
  const unrelatedY = fleet.find((s) => s.carrier === 'Y' && s.area === '803');
  if (!unrelatedY) throw new Error('fixture has no Y site in 803');
  // At the same moment as the 7th X failure.
  failures.splice(6, 0, { ...unrelatedY, at: t0 + 30_000 });

  it('makes one area incident of the 12 sites; the Y site stays its own', () => {
    const { groups, single } = groupFailures(failures);
    expect(groups).toEqual([{ kind: 'area', key: 'area:x|104', siteIds: xIn104.map((s) => s.siteId) }]);
    expect(single).toEqual([unrelatedY.siteId]);
  });

  it('answers incrementally: site, site, then the same area key with a growing list', () => {
    let recent: SiteFailure[] = [];
    const answers: string[] = [];
    for (const f of failures) {
      recent = pruneFailures(recent, f.at);
      const c = classifyFailure(recent, f);
      recent.push(f);
      answers.push(c.kind === 'site' ? `${f.siteId}:site` : `${f.siteId}:${c.key}:${c.siteIds.length}`);
    }
    expect(answers).toEqual([
      'x0:site',
      'x1:site',
      'x2:area:x|104:3',
      'x3:area:x|104:4',
      'x4:area:x|104:5',
      'x5:area:x|104:6',
      `${unrelatedY.siteId}:site`,
      'x6:area:x|104:7',
      'x7:area:x|104:8',
      'x8:area:x|104:9',
      'x9:area:x|104:10',
      'x10:area:x|104:11',
      'x11:area:x|104:12',
    ]);
  });
});

describe('groupFailures', () => {
  it('moves sites of an area outage into the power group once other carriers fail too', () => {
    const { groups, single } = groupFailures([
      fail('a', 'X', '104', 0),
      fail('b', 'X', '104', 1000),
      fail('c', 'X', '104', 2000),
      fail('d', 'Y', '104', 3000),
      fail('e', 'Z', '999', 3000),
    ]);
    expect(groups).toEqual([{ kind: 'power', key: 'power:104', siteIds: ['a', 'b', 'c', 'd'] }]);
    expect(single).toEqual(['e']);
  });
});

describe('pruneFailures', () => {
  it('keeps only failures within the window of now', () => {
    const kept = pruneFailures(
      [fail('a', 'X', '1', 0), fail('b', 'X', '1', 40_000), fail('c', 'X', '1', 100_000)],
      100_000,
    );
    expect(kept.map((f) => f.siteId)).toEqual(['b', 'c']);
  });
});

describe('areaFromPostcode', () => {
  it.each<[string, number | undefined, string | null]>([
    ['10115', undefined, '101'],
    [' 80331 ', 2, '80'],
    ['1011', undefined, null],
    ['D-10115', undefined, null],
    ['', undefined, null],
  ])('%j (%s digits) → %j', (postcode, digits, want) => {
    expect(areaFromPostcode(postcode, digits)).toBe(want);
  });
});
