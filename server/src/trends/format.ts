import type { Localised } from '@linewatch/shared';

/** Formats a number the way a reader of the language writes it, one decimal at most. */
export type NumberWriter = (value: number) => string;

const de = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });
const en = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const writers: Record<keyof Localised, NumberWriter> = { de: (v) => de.format(v), en: (v) => en.format(v) };

/**
 * A message in both languages, each with its own number format (`4,5 dB`
 * vs `4.5 dB`), so a shop in Germany reads figures the usual way.
 *
 * @example
 * bilingual((n) => `Reserve ${n(4.25)} dB`, (n) => `Margin ${n(4.25)} dB`)
 * // { de: 'Reserve 4,3 dB', en: 'Margin 4.3 dB' }
 */
export function bilingual(
  textDe: (n: NumberWriter) => string,
  textEn: (n: NumberWriter) => string,
): Localised {
  return { de: textDe(writers.de), en: textEn(writers.en) };
}
