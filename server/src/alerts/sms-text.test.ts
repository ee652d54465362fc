import { describe, expect, it } from 'vitest';
import { fitSms, gsm7Basic, gsm7Extension, isGsm7, smsFriendly, smsInfo } from './sms-text.js';

describe('GSM-7 alphabet', () => {
  it('has the 127 characters of the basic table (without the escape) and 10 extension characters', () => {
    expect(Array.from(gsm7Basic)).toHaveLength(127);
    expect(new Set(gsm7Basic).size).toBe(127);
    expect(Array.from(gsm7Extension)).toHaveLength(10);
  });

  it('holds the German umlauts and ß in the basic table, so German stays GSM-7', () => {
    for (const ch of 'äöüÄÖÜß') expect(gsm7Basic).toContain(ch);
    expect(smsInfo('Störung bei Müller, Straße gesperrt: Übergabepunkt prüfen')).toMatchObject({
      encoding: 'gsm7',
      segments: 1,
    });
  });

  it('does not hold typographic quotes, dashes or emoji', () => {
    for (const text of ['„Müller“', 'a – b', '…', '📵', 'á']) expect(isGsm7(text)).toBe(false);
  });
});

describe('smsInfo', () => {
  it.each([
    ['', 'gsm7', 0, 0],
    ['a'.repeat(160), 'gsm7', 160, 1],
    ['a'.repeat(161), 'gsm7', 161, 2],
    ['a'.repeat(306), 'gsm7', 306, 2],
    ['a'.repeat(307), 'gsm7', 307, 3],
    ['€'.repeat(80), 'gsm7', 160, 1],
    ['€'.repeat(81), 'gsm7', 162, 2],
    ['ж'.repeat(70), 'ucs2', 70, 1],
    ['ж'.repeat(71), 'ucs2', 71, 2],
    ['ж'.repeat(134), 'ucs2', 134, 2],
    ['ж'.repeat(135), 'ucs2', 135, 3],
    ['📵'.repeat(35), 'ucs2', 70, 1],
  ] as const)('counts %j as %s, %i units, %i segments', (text, encoding, units, segments) => {
    expect(smsInfo(text)).toEqual({ encoding, units, segments });
  });

  it('never splits an extension character across segments', () => {
    // 152 plain + '€' (2 septets) would need 154 in the first segment: the '€' moves on.
    const text = `${'a'.repeat(152)}€${'a'.repeat(152)}`;
    expect(smsInfo(text)).toMatchObject({ units: 306, segments: 3 });
  });

  it('never splits a surrogate pair across segments', () => {
    expect(smsInfo(`${'ж'.repeat(66)}📵${'ж'.repeat(66)}`)).toMatchObject({ units: 134, segments: 3 });
  });
});

describe('smsFriendly', () => {
  it('replaces typographic characters and strips accents GSM lacks, keeping GSM letters', () => {
    expect(smsFriendly('„Café Müller“ – Leitung weg…  García')).toBe('"Café Müller" - Leitung weg... Garcia');
    expect(smsFriendly('Crème brûlée à Zürich')).toBe('Crème brulée à Zürich');
  });

  it('keeps emoji and other scripts, which make the SMS UCS-2', () => {
    expect(smsFriendly('Störung 📵')).toBe('Störung 📵');
  });
});

describe('fitSms', () => {
  it('leaves a fitting text as it is, after making it GSM-friendly', () => {
    expect(fitSms('Leitung „Müller“ gestört – Techniker bestellt')).toBe(
      'Leitung "Müller" gestört - Techniker bestellt',
    );
  });

  it('shortens at a word boundary with "..." to one segment', () => {
    const long = 'Störung Bäckerei Müller: DSL-Synchronisation verloren seit 09:12. '.repeat(4);
    const fitted = fitSms(long);
    expect(smsInfo(fitted)).toMatchObject({ encoding: 'gsm7', segments: 1 });
    expect(fitted.endsWith('...')).toBe(true);
    expect(fitted.length).toBeGreaterThan(140);
    expect(long.startsWith(fitted.slice(0, -3))).toBe(true);
    expect(long[fitted.length - 3]).toMatch(/[ \n]/);
  });

  it('uses more segments when allowed', () => {
    const long = 'wort '.repeat(100);
    expect(smsInfo(fitSms(long, 2)).segments).toBe(2);
    expect(smsInfo(fitSms(long, 3)).segments).toBe(3);
  });

  it('ends a UCS-2 text with "…" and fits it into 70 units', () => {
    const fitted = fitSms(`📵 ${'Störung '.repeat(20)}`);
    expect(smsInfo(fitted)).toMatchObject({ encoding: 'ucs2', segments: 1 });
    expect(fitted.endsWith('…')).toBe(true);
  });

  it('refuses fewer than one segment', () => {
    expect(() => fitSms('x', 0)).toThrow(RangeError);
  });
});
