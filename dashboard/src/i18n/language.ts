import type { Language } from '@linewatch/shared';

/** localStorage key of the language the user picked in the header. */
export const languageStorageKey = 'linewatch.language';

/**
 * The language to start in: the user's earlier choice, else the browser's
 * first language (`de*` → German, anything else → English).
 *
 * @example detectLanguage(null, ['de-AT', 'en']) // 'de'
 */
export function detectLanguage(stored: string | null, browserLanguages: readonly string[]): Language {
  if (stored === 'de' || stored === 'en') return stored;
  return primarySubtag(browserLanguages[0] ?? '') === 'de' ? 'de' : 'en';
}

/**
 * The locale for `Intl` formatting: the browser's own variant of the chosen
 * language when it has one (en-GB writes dates differently from en-US), else
 * the bare language.
 *
 * @example intlLocale('en', ['de-DE', 'en-GB']) // 'en-GB'
 */
export function intlLocale(lang: Language, browserLanguages: readonly string[]): string {
  const match = browserLanguages.find((tag) => primarySubtag(tag) === lang);
  if (match === undefined) return lang;
  try {
    return Intl.getCanonicalLocales(match)[0] ?? lang;
  } catch {
    return lang;
  }
}

function primarySubtag(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? '';
}

/** localStorage can throw (disabled storage, some private modes); the language then just is not remembered. */
export function readStoredLanguage(storage: Pick<Storage, 'getItem'> | undefined): string | null {
  try {
    return storage?.getItem(languageStorageKey) ?? null;
  } catch {
    return null;
  }
}

export function storeLanguage(storage: Pick<Storage, 'setItem'> | undefined, lang: Language): void {
  try {
    storage?.setItem(languageStorageKey, lang);
  } catch {
    // Not remembered; the choice still holds for this visit.
  }
}
