import type { Language } from '@linewatch/shared';

/**
 * The language for messages, by the POSIX precedence of the locale
 * variables (LC_ALL, then LC_MESSAGES, then LANG; the first that is set and
 * not empty decides): German for `de…`, English otherwise.
 *
 * @example
 * languageFromEnv({ LANG: 'de_DE.UTF-8' }) // 'de'
 */
export function languageFromEnv(env: NodeJS.ProcessEnv): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('de') ? 'de' : 'en';
}
