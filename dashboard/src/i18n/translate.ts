import type { Language } from '@linewatch/shared';
import { dictionary, type MessageKey } from './dictionary';

export type MessageParams = Readonly<Record<string, string | number>>;

/** Translates a key; the text's `{name}`s take the params (numbers formatted for the locale). */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * @example translate('de', 'board.showing', { shown: 250, total: 1200 }) // '250 von 1.200 Leitungen'
 */
export function translate(
  lang: Language,
  key: MessageKey,
  params?: MessageParams,
  locale: string = lang,
): string {
  const text = dictionary[key][lang];
  return params === undefined ? text : interpolate(text, params, locale);
}

/** Replaces `{name}` by `params.name`; an unknown name stays visible rather than vanishing. */
export function interpolate(text: string, params: MessageParams, locale: string): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) => {
    if (!Object.hasOwn(params, name)) return match;
    const value = params[name];
    return typeof value === 'number' ? value.toLocaleString(locale) : String(value);
  });
}
