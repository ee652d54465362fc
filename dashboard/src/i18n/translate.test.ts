import { languages } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { dictionary, type MessageKey } from './dictionary';
import { interpolate, translate } from './translate';

describe('translate', () => {
  it('looks a key up in either language', () => {
    expect(translate('en', 'header.signOut')).toBe('Sign out');
    expect(translate('de', 'header.signOut')).toBe('Abmelden');
  });

  it('fills parameters and formats numbers for the locale', () => {
    expect(translate('de', 'board.showing', { shown: 250, total: 1200 })).toBe('250 von 1.200 Leitungen');
    expect(translate('en', 'board.showing', { shown: 250, total: 1200 })).toBe('Showing 250 of 1,200 lines');
  });

  it('keeps an unknown placeholder visible', () => {
    expect(interpolate('Hello {name}, {other}', { name: 'Ada' }, 'en')).toBe('Hello Ada, {other}');
  });

  it('has a non-empty text in every language, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(dictionary) as MessageKey[]) {
      const entry = dictionary[key];
      for (const lang of languages) expect(entry[lang].trim(), `${key}.${lang}`).not.toBe('');
      expect(placeholders(entry.de), key).toEqual(placeholders(entry.en));
    }
  });
});
