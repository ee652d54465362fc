import { z } from 'zod';
import { EmailAddress, normalisePhoneNumber, PhoneNumber } from './addresses.js';
import { Language } from './catalogue.js';

const isoTime = z.iso.datetime({ offset: true });

/**
 * A person of the shop who receives alerts: the address book that channel
 * recipients are picked from. Phone numbers are accepted as people write
 * them (`0049 157 …`, `+49 (157) …`) and stored in E.164.
 */
export const ContactInput = z
  .strictObject({
    name: z.string().trim().min(1, { error: 'must not be empty' }).max(100),
    email: EmailAddress.nullable().default(null),
    phone: z.string().transform(normalisePhoneNumber).pipe(PhoneNumber).nullable().default(null),
    language: Language.default('de'),
    note: z.string().trim().max(500).default(''),
  })
  .refine((c) => c.email !== null || c.phone !== null, {
    error: 'a contact needs an e-mail address or a mobile number',
    path: ['email'],
  });
export type ContactInput = z.infer<typeof ContactInput>;

export const Contact = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  language: Language,
  note: z.string(),
  createdAt: isoTime,
});
export type Contact = z.infer<typeof Contact>;
