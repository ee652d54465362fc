import { describe, expect, it } from 'vitest';
import { makeSite } from './siteFixture';
import {
  emptySiteForm,
  fieldForIssuePath,
  formOfSite,
  groupServerIssues,
  parseEuroCents,
  parseMbps,
  type SiteFormValues,
  siteUpdateOf,
  validateSiteForm,
} from './siteForm';

const filled: SiteFormValues = {
  customer: '  Müller GmbH ',
  name: 'Laden',
  address: 'Hauptstraße 1, 10115 Berlin',
  carrier: 'Telekom',
  accessType: 'fibre',
  downMbps: '1.000',
  upMbps: '50,5',
  business: true,
  area: '',
  monthlyFee: '',
};

describe('parseMbps', () => {
  it.each([
    ['100', 100],
    ['50,5', 50.5],
    ['50.5', 50.5],
    [' 16 ', 16],
    ['1.000', 1000],
    ['1,000', 1000],
    ['10.000.000', 10_000_000],
    ['0,512', 0.512],
    ['.5', 0.5],
    ['2,5', 2.5],
  ])('%j → %d', (text, value) => {
    expect(parseMbps(text)).toBe(value);
  });

  it('says empty and not-a-number apart', () => {
    expect(parseMbps('   ')).toBeUndefined();
    expect(parseMbps('fast')).toBeNull();
    expect(parseMbps('100 Mbit')).toBeNull();
    expect(parseMbps('-5')).toBeNull();
    expect(parseMbps('1,5,5')).toBeNull();
  });
});

describe('parseEuroCents', () => {
  it.each([
    ['39,95', 3995],
    ['39.95', 3995],
    ['39,9', 3990],
    [' 40 € ', 4000],
    ['1.234,50', 123_450],
    ['1,234.50', 123_450],
    ['0', 0],
  ])('%j → %d', (text, cents) => {
    expect(parseEuroCents(text)).toBe(cents);
  });

  it('says empty and not-an-amount apart', () => {
    expect(parseEuroCents(' ')).toBeUndefined();
    expect(parseEuroCents('vierzig')).toBeNull();
    expect(parseEuroCents('39,9999')).toBeNull();
    expect(parseEuroCents('-5')).toBeNull();
  });
});

describe('validateSiteForm', () => {
  it('builds the request body, trimmed, with numbers', () => {
    expect(validateSiteForm(filled)).toEqual({
      ok: true,
      body: {
        customer: 'Müller GmbH',
        name: 'Laden',
        address: 'Hauptstraße 1, 10115 Berlin',
        carrier: 'Telekom',
        accessType: 'fibre',
        contract: { downMbps: 1000, upMbps: 50.5 },
        business: true,
      },
    });
  });

  it('asks for every missing field', () => {
    const result = validateSiteForm(emptySiteForm);
    expect(result).toEqual({
      ok: false,
      problems: {
        customer: { key: 'form.required' },
        name: { key: 'form.required' },
        address: { key: 'form.required' },
        carrier: { key: 'form.required' },
        downMbps: { key: 'form.required' },
        upMbps: { key: 'form.required' },
      },
    });
  });

  it('treats blanks as missing', () => {
    const result = validateSiteForm({ ...filled, name: '   ' });
    expect(result.ok ? null : result.problems).toEqual({ name: { key: 'form.required' } });
  });

  it("applies the shared schema's limits", () => {
    const result = validateSiteForm({ ...filled, carrier: 'x'.repeat(101), downMbps: '0', upMbps: '200000' });
    expect(result.ok ? null : result.problems).toEqual({
      carrier: { key: 'form.tooLong', params: { max: 100 } },
      downMbps: { key: 'form.positive' },
      upMbps: { key: 'form.tooLarge', params: { max: 100_000 } },
    });
  });

  it('sends an area typed by hand and the fee in cents, and complains about a fee that is no amount', () => {
    const result = validateSiteForm({ ...filled, area: ' Kiez-Nord ', monthlyFee: '44,90' });
    expect(result.ok && result.body).toMatchObject({ area: 'Kiez-Nord', monthlyFeeCents: 4490 });
    const bad = validateSiteForm({ ...filled, monthlyFee: 'viel' });
    expect(bad.ok ? null : bad.problems).toEqual({ monthlyFee: { key: 'form.amount' } });
  });

  it('says when a speed is not a number', () => {
    const result = validateSiteForm({ ...filled, upMbps: 'fast' });
    expect(result.ok ? null : result.problems).toEqual({ upMbps: { key: 'form.number' } });
  });
});

describe('siteUpdateOf', () => {
  const site = makeSite({ area: '101', monthlyFeeCents: 3995 });
  const before = formOfSite(site);
  const body = (values: SiteFormValues) => {
    const result = validateSiteForm(values);
    if (!result.ok) throw new Error('invalid');
    return siteUpdateOf(result.body, values, before);
  };

  it('leaves the area and fee out when they were not touched, so a derived area keeps following the address', () => {
    expect(before).toMatchObject({ area: '101', monthlyFee: '39.95' });
    expect(formOfSite(site, ',').monthlyFee).toBe('39,95');
    const update = body({ ...before, address: 'Ring 1, 80331 München' });
    expect(update).not.toHaveProperty('area');
    expect(update).not.toHaveProperty('monthlyFeeCents');
  });

  it('sends a changed area and fee; emptied, the area goes back to the postcode’s and the fee is cleared', () => {
    expect(body({ ...before, area: 'Kiez-Nord', monthlyFee: '44,90' })).toMatchObject({
      area: 'Kiez-Nord',
      monthlyFeeCents: 4490,
    });
    expect(body({ ...before, area: '', monthlyFee: '' })).toMatchObject({
      area: null,
      monthlyFeeCents: null,
    });
  });
});

describe('server issues', () => {
  it('maps body paths onto form fields', () => {
    expect(fieldForIssuePath('contract.downMbps')).toBe('downMbps');
    expect(fieldForIssuePath('name')).toBe('name');
    expect(fieldForIssuePath('monthlyFeeCents')).toBe('monthlyFee');
    expect(fieldForIssuePath('contract')).toBeNull();
    expect(fieldForIssuePath('')).toBeNull();
  });

  it('puts field issues beside the fields and keeps the rest', () => {
    expect(
      groupServerIssues([
        { path: 'contract.upMbps', message: 'Too big' },
        { path: 'contract.upMbps', message: 'second complaint' },
        { path: 'name', message: 'Already taken' },
        { path: 'contract', message: 'Up must not exceed down' },
        { path: '', message: 'Body too large' },
      ]),
    ).toEqual({
      fields: { upMbps: 'Too big', name: 'Already taken' },
      general: ['contract: Up must not exceed down', 'Body too large'],
    });
  });
});
