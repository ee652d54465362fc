import { describe, expect, it } from 'vitest';
import { languageFromEnv } from './locale.js';

describe('languageFromEnv', () => {
  it.each([
    [{}, 'en'],
    [{ LANG: 'de_DE.UTF-8' }, 'de'],
    [{ LANG: 'de_AT' }, 'de'],
    [{ LANG: 'en_GB.UTF-8' }, 'en'],
    [{ LANG: 'C.UTF-8' }, 'en'],
    [{ LANG: 'de_DE.UTF-8', LC_MESSAGES: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'en_US.UTF-8', LC_MESSAGES: 'de_CH.UTF-8' }, 'de'],
    [{ LC_ALL: 'de_DE.UTF-8', LC_MESSAGES: 'en_US.UTF-8' }, 'de'],
    [{ LC_ALL: '', LANG: 'de_DE' }, 'de'],
  ])('%j → %s', (env, lang) => {
    expect(languageFromEnv(env)).toBe(lang);
  });
});
