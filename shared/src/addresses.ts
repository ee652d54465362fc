import { z } from 'zod';

/** Phone numbers and e-mail addresses as alert recipients, contacts and customers have them. */

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
export const e164Pattern = /^\+[1-9]\d{6,14}$/;

/**
 * Removes the spaces, dashes, slashes and brackets people write in phone
 * numbers and turns a leading `00` into `+`, so a form can accept
 * `+49 (157) 901-23456`. It does not guess a country for `0157…`.
 *
 * @example
 * normalisePhoneNumber('0049 157 90123456') // '+4915790123456'
 */
export function normalisePhoneNumber(text: string): string {
  const compact = text.trim().replace(/[\s\-/().]/g, '');
  return compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
}

const phoneError = 'must be a phone number in international format, like "+4915790123456"';
/** A phone number in E.164, e.g. `+4915790123456`. */
export const PhoneNumber = z.string({ error: phoneError }).regex(e164Pattern, { error: phoneError });

const emailError = 'must be an e-mail address, like "alerts@shop.example"';
/** An e-mail address; local ones like `ops@localhost` are fine (a relay on the same host). */
export const EmailAddress = z
  .string({ error: emailError })
  .trim()
  .max(320, { error: 'must be at most 320 characters' })
  .regex(/^[^\s@<>",;]+@[^\s@<>",;]+$/, { error: emailError });
