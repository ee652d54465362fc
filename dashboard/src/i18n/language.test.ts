import { describe, expect, it } from 'vitest';
import {
  detectLanguage,
  intlLocale,
  languageStorageKey,
  readStoredLanguage,
  storeLanguage,
} from './language';

describe('detectLanguage', () => {
  it('prefers the stored choice', () => {
    expect(detectLanguage('en', ['de-DE'])).toBe('en');
    expect(detectLanguage('de', ['en-US'])).toBe('de');
  });

  it('follows the browser: de* is German, anything else English', () => {
    expect(detectLanguage(null, ['de-DE', 'en'])).toBe('de');
    expect(detectLanguage(null, ['de'])).toBe('de');
    expect(detectLanguage(null, ['DE-ch'])).toBe('de');
    expect(detectLanguage(null, ['fr-FR', 'de-DE'])).toBe('en');
    expect(detectLanguage(null, [])).toBe('en');
  });

  it('ignores a stored value it does not know', () => {
    expect(detectLanguage('fr', ['de-DE'])).toBe('de');
  });
});

describe('intlLocale', () => {
  it("uses the browser's variant of the chosen language", () => {
    expect(intlLocale('en', ['de-DE', 'en-gb'])).toBe('en-GB');
    expect(intlLocale('de', ['de-AT'])).toBe('de-AT');
  });

  it('falls back to the bare language', () => {
    expect(intlLocale('de', ['en-US'])).toBe('de');
    expect(intlLocale('en', ['not a tag!!', 'fr'])).toBe('en');
  });
});

describe('stored language', () => {
  it('round-trips through storage', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (key: string) => data.get(key) ?? null,
      setItem: (key: string, value: string) => void data.set(key, value),
    };
    storeLanguage(storage, 'de');
    expect(data.get(languageStorageKey)).toBe('de');
    expect(readStoredLanguage(storage)).toBe('de');
  });

  it('survives storage that throws or is missing', () => {
    const broken = {
      getItem: (): string | null => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readStoredLanguage(broken)).toBeNull();
    expect(() => storeLanguage(broken, 'en')).not.toThrow();
    expect(readStoredLanguage(undefined)).toBeNull();
  });
});
