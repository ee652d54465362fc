/**
 * SMS length rules, so a text is sent in as few segments as it can
 * (each segment is billed). Per 3GPP TS 23.038 and 23.040:
 *
 * - Text made only of the GSM 7-bit default alphabet is sent as GSM-7:
 *   160 characters in one SMS, 153 per segment of a longer one (the user
 *   data header takes 7). Characters of the extension table (`€ [ ] { } ^ ~ \ |`
 *   and form feed) take two, an escape and the character, and are never
 *   split across segments.
 * - Anything else goes as UCS-2: 70 UTF-16 units, 67 per segment; a
 *   character outside the BMP (an emoji) takes two units and is not split.
 *
 * German needs no UCS-2: ä ö ü Ä Ö Ü ß are in the basic table (0x7B 0x7C
 * 0x7E 0x5B 0x5C 0x5E 0x1E). Typographic quotes and dashes are not, so
 * {@link smsFriendly} replaces them before counting.
 */

/** The GSM 7-bit default alphabet, 0x00–0x7F in order, without 0x1B (the escape to the extension table). */
export const gsm7Basic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The extension table: each of these costs two septets. */
export const gsm7Extension = '\f^{}\\[~]|€';

const basic = new Set(gsm7Basic);
const extension = new Set(gsm7Extension);

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsInfo {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 units (UCS-2). */
  units: number;
  segments: number;
}

const limits: Record<SmsEncoding, { single: number; multi: number }> = {
  gsm7: { single: 160, multi: 153 },
  ucs2: { single: 70, multi: 67 },
};

/** Whether every character of `text` is in the GSM-7 basic or extension table. */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!basic.has(ch) && !extension.has(ch)) return false;
  return true;
}

/** Cost of each character in units of the encoding. */
function costs(text: string, encoding: SmsEncoding): number[] {
  return Array.from(text, (ch) => (encoding === 'gsm7' ? (extension.has(ch) ? 2 : 1) : ch.length));
}

/**
 * The encoding, length and number of segments of an SMS.
 *
 * @example
 * smsInfo('Störung bei Müller: Leitung weg') // { encoding: 'gsm7', units: 31, segments: 1 }
 */
export function smsInfo(text: string): SmsInfo {
  const encoding: SmsEncoding = isGsm7(text) ? 'gsm7' : 'ucs2';
  const cost = costs(text, encoding);
  const units = cost.reduce((a, b) => a + b, 0);
  const { single, multi } = limits[encoding];
  if (units <= single) return { encoding, units, segments: units === 0 ? 0 : 1 };
  // Pack greedily: a two-unit character that does not fit opens the next segment.
  let segments = 1;
  let used = 0;
  for (const c of cost) {
    if (used + c > multi) {
      segments += 1;
      used = 0;
    }
    used += c;
  }
  return { encoding, units, segments };
}

/** Typographic characters and their GSM-7 stand-ins. */
const replacements: Record<string, string> = {
  '„': '"',
  '“': '"',
  '”': '"',
  '«': '"',
  '»': '"',
  '‚': "'",
  '‘': "'",
  '’': "'",
  '´': "'",
  '`': "'",
  '–': '-',
  '—': '-',
  '‐': '-',
  '−': '-',
  '…': '...',
  '•': '-',
  '·': '-',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\t': ' ',
};

/**
 * Makes a text GSM-7 where that loses nothing a reader needs: typographic
 * quotes, dashes and spaces become plain ones, and a letter outside the
 * GSM tables loses its accent (`á` → `a`) while ä ö ü é and the other GSM
 * letters stay. Emoji and other scripts stay, and make the SMS UCS-2.
 * Runs of spaces collapse; the text is trimmed.
 */
export function smsFriendly(text: string): string {
  let out = '';
  for (const ch of text) {
    if (basic.has(ch) || extension.has(ch)) out += ch;
    else if (replacements[ch] !== undefined) out += replacements[ch];
    else {
      const bare = ch.normalize('NFD').replace(/\p{M}+/gu, '');
      out += bare !== ch && isGsm7(bare) ? bare : ch;
    }
  }
  return out
    .replace(/ {2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** How far back from the cut a word boundary is looked for (characters). */
const wordBoundaryWindow = 20;

/**
 * Fits a text into `maxSegments` SMS: first {@link smsFriendly}, then, if it
 * is still too long, cuts it at a word boundary near the limit and ends it
 * with `...` (`…` when the SMS is UCS-2 anyway).
 *
 * @example
 * fitSms('Leitung „Müller“ gestört – Techniker bestellt') // 'Leitung "Müller" gestört - Techniker bestellt'
 */
export function fitSms(text: string, maxSegments = 1): string {
  if (!Number.isInteger(maxSegments) || maxSegments < 1)
    throw new RangeError('maxSegments must be 1 or more');
  const friendly = smsFriendly(text);
  if (smsInfo(friendly).segments <= maxSegments) return friendly;
  const chars = Array.from(friendly);
  const fits = (n: number) => smsInfo(shortened(chars, n)).segments <= maxSegments;
  // Dropping characters can switch UCS-2 to GSM-7 and let more fit, so search down from the most that could.
  let n = Math.min(chars.length - 1, maxSegments * limits.gsm7.single);
  while (n > 0 && !fits(n)) n -= 1;
  const space = chars.lastIndexOf(' ', n);
  const newline = chars.lastIndexOf('\n', n);
  const boundary = Math.max(space, newline);
  if (boundary > 0 && n - boundary <= wordBoundaryWindow) n = boundary;
  return shortened(chars, n);
}

function shortened(chars: readonly string[], n: number): string {
  const head = chars.slice(0, n).join('').trimEnd();
  return head + (isGsm7(head) ? '...' : '…');
}
