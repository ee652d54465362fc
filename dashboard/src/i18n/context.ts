import type { Language } from '@linewatch/shared';
import { createContext, useContext } from 'react';
import type { Translate } from './translate';

export interface I18n {
  lang: Language;
  /** The BCP 47 locale used for `Intl` (the browser's variant of `lang`). */
  locale: string;
  setLang(lang: Language): void;
  t: Translate;
  /** "5 minutes ago" for an ISO time; empty for null or garbage. */
  relative(iso: string | null, nowMs: number): string;
  /** The full date and time of an ISO time in the shop's time zone; empty for null or garbage. */
  dateTime(iso: string | null): string;
  /** A compact date and time ("15.06.25, 10:32"), in the shop's time zone. */
  shortDateTime(iso: string | null): string;
  /** The date only ("15.06.2025"), in the shop's time zone. */
  date(iso: string | null): string;
  /** A number in the user's locale. */
  number(value: number, options?: Intl.NumberFormatOptions): string;
}

export const I18nContext = createContext<I18n | null>(null);

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === null) throw new Error('useI18n needs an <I18nProvider> above it');
  return i18n;
}
