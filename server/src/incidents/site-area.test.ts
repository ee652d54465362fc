import { describe, expect, it } from 'vitest';
import { siteArea } from './site-area.js';

describe('siteArea', () => {
  it.each([
    [{ area: null, address: 'Marktplatz 3, 04109 Leipzig' }, '041'],
    [{ area: null, address: 'D-10115 Berlin' }, '101'],
    [{ area: 'Nordstadt', address: 'Marktplatz 3, 04109 Leipzig' }, 'Nordstadt'],
    [{ area: null, address: 'Hauptstraße 123456' }, null],
    [{ area: null, address: 'somewhere' }, null],
  ])('%o → %s', (site, area) => {
    expect(siteArea(site)).toBe(area);
  });
});
