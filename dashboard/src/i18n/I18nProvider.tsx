import type { Language } from '@linewatch/shared';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { type I18n, I18nContext } from './context';
import { detectLanguage, intlLocale, readStoredLanguage, storeLanguage } from './language';
import { formatDateTime, formatInZone, formatRelative, parseTime, shopTimeZone } from './time';
import { translate } from './translate';

function browserLanguages(): readonly string[] {
  return navigator.languages.length > 0 ? navigator.languages : [navigator.language];
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Provides the language (browser default, header switch, remembered) and formatting to the app. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(() =>
    detectLanguage(readStoredLanguage(storage()), browserLanguages()),
  );

  const setLang = useCallback((next: Language) => {
    storeLanguage(storage(), next);
    setLangState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const locale = intlLocale(lang, browserLanguages());
    return {
      lang,
      locale,
      setLang,
      t: (key, params) => translate(lang, key, params, locale),
      relative(iso, nowMs) {
        const ms = parseTime(iso);
        return ms === null ? '' : formatRelative(ms, nowMs, locale);
      },
      dateTime(iso) {
        const ms = parseTime(iso);
        return ms === null ? '' : formatDateTime(ms, locale, shopTimeZone);
      },
      shortDateTime(iso) {
        const ms = parseTime(iso);
        return ms === null ? '' : formatInZone(ms, locale, { dateStyle: 'short', timeStyle: 'short' });
      },
      date(iso) {
        const ms = parseTime(iso);
        return ms === null ? '' : formatInZone(ms, locale, { dateStyle: 'medium' });
      },
      number(value, options) {
        return value.toLocaleString(locale, options);
      },
    };
  }, [lang, setLang]);

  return <I18nContext value={value}>{children}</I18nContext>;
}
