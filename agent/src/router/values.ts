/**
 * Conversions of SOAP argument text. The client does not fetch SCPDs, so
 * it converts by the types AVM and the UPnP specs document (DOMAIN.md §1–2);
 * an empty or malformed value becomes null, never NaN.
 */

/**
 * A non-negative integer (ui2/ui4/ui8, or an i4 that should not be negative).
 *
 * @example
 * toCount('236716') // 236716
 * toCount('') // null
 * toCount('-1') // null
 */
export function toCount(text: string | null | undefined): number | null {
  if (text === null || text === undefined || !/^\s*\d+\s*$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

/**
 * A value in 0.1 dB (WANDSLInterfaceConfig noise margin and attenuation,
 * openHAB `factor="0.1"`) in dB.
 *
 * @example
 * tenthsToDb('110') // 11
 * tenthsToDb('15') // 1.5
 */
export function tenthsToDb(text: string | null | undefined): number | null {
  if (text === null || text === undefined || !/^\s*-?\d+\s*$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value / 10 : null;
}

/**
 * Text cut to the schema's length, null when empty.
 *
 * @example
 * toText('  Up ', 50) // 'Up'
 */
export function toText(text: string | null | undefined, max: number): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed.slice(0, max);
}
