import { z } from 'zod';
import { EmailAddress, e164Pattern, PhoneNumber } from './addresses.js';
import { type ChannelKind, channelKinds } from './channel-kinds.js';

/**
 * Settings of an alert channel (where a notification goes: an e-mail relay,
 * an SMS provider, a webhook, a chat). One source of truth: the kind list,
 * the zod schemas, the types and the list of secret fields are all here, so
 * the API, the dashboard and the server's channel code agree.
 *
 * Secrets (passwords, tokens, the webhook URLs of Slack and Teams, which
 * anyone holding them can post to) never leave the server: the API answers
 * with {@link redactChannel}, and {@link restoreSecrets} keeps the stored
 * secret when an edited channel comes back with the mask in it.
 */

const text = (what: string, max: number) =>
  z
    .string({ error: `must be a text (${what})` })
    .trim()
    .min(1, { error: `must not be empty (${what})` })
    .max(max, { error: `must be at most ${max} characters` });

const httpUrl = (example: string) =>
  z.url({ protocol: /^https?$/, error: `must be an http(s) URL, like "${example}"` });

/**
 * An SMS sender: a phone number, or an alphanumeric sender ID of at most 11
 * characters with at least one letter (the GSM limit for text senders).
 */
const smsSender = z
  .string({ error: 'must be a text' })
  .trim()
  .refine((s) => e164Pattern.test(s) || /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/.test(s), {
    error: 'must be a phone number like "+4915790123456" or a name of at most 11 letters and digits',
  });

const recipients = z
  .array(PhoneNumber, { error: 'must be a list of phone numbers like ["+4915790123456"]' })
  .min(1, { error: 'must name at least one recipient' })
  .max(10, { error: 'must name at most 10 recipients' })
  .refine((list) => new Set(list).size === list.length, { error: 'must not name a number twice' });

/**
 * Most segments one SMS may use; longer texts are shortened. A cap here, per
 * channel, because a 3-segment SMS costs three (issue 6: SMS budget).
 */
const maxSegments = z
  .number({ error: 'must be a whole number of segments from 1 to 10' })
  .int({ error: 'must be a whole number of segments from 1 to 10' })
  .min(1, { error: 'must be a whole number of segments from 1 to 10' })
  .max(10, { error: 'must be a whole number of segments from 1 to 10' })
  .default(2);

/** How an SMTP connection is secured: TLS from the first byte (465), STARTTLS required (587), or plain. */
export const smtpSecurityModes = ['tls', 'starttls', 'none'] as const;
export const SmtpSecurity = z.enum(smtpSecurityModes, {
  error: 'must be "tls" (port 465), "starttls" (port 587) or "none"',
});
export type SmtpSecurity = z.infer<typeof SmtpSecurity>;

/** The port used when an e-mail channel names none. */
export const defaultSmtpPorts: Record<SmtpSecurity, number> = { tls: 465, starttls: 587, none: 25 };

export const EmailChannelSettings = z
  .strictObject({
    type: z.literal('email'),
    host: text('host name', 253),
    /** Omitted: {@link defaultSmtpPorts} of the security mode. */
    port: z
      .number({ error: 'must be a port number from 1 to 65535' })
      .int({ error: 'must be a port number from 1 to 65535' })
      .min(1, { error: 'must be a port number from 1 to 65535' })
      .max(65_535, { error: 'must be a port number from 1 to 65535' })
      .optional(),
    secure: SmtpSecurity.default('starttls'),
    user: text('login name', 320).optional(),
    password: z
      .string({ error: 'must be a text' })
      .min(1, { error: 'must not be empty' })
      .max(1000)
      .optional(),
    from: EmailAddress,
    /** Shown as the sender's name, e.g. `linewatch Shop Müller`. */
    fromName: text('sender name', 100).optional(),
    to: z
      .array(EmailAddress, { error: 'must be a list of e-mail addresses like ["ops@shop.example"]' })
      .min(1, { error: 'must name at least one address' })
      .max(20, { error: 'must name at most 20 addresses' }),
  })
  .refine((s) => (s.user === undefined) === (s.password === undefined), {
    error: 'user and password must be given together, or neither',
    path: ['password'],
  });
export type EmailChannelSettings = z.infer<typeof EmailChannelSettings>;

/** sipgate: a personal access token (scope `sessions:sms:write`) and the SMS extension. */
export const SipgateChannelSettings = z.strictObject({
  type: z.literal('sipgate'),
  tokenId: text('token ID, like "token-ABC123"', 100),
  token: text('token', 200),
  smsId: z
    .string({ error: 'must be a text' })
    .regex(/^s\d{1,4}$/, { error: 'must be a sipgate SMS extension, like "s0"' }),
  recipients,
  maxSegments,
});
export type SipgateChannelSettings = z.infer<typeof SipgateChannelSettings>;

export const SevenChannelSettings = z.strictObject({
  type: z.literal('seven'),
  apiKey: text('API key', 200),
  /** Omitted: the account's default sender. */
  from: smsSender.optional(),
  recipients,
  maxSegments,
});
export type SevenChannelSettings = z.infer<typeof SevenChannelSettings>;

/** Twilio sends from a number (or sender ID) or through a Messaging Service; exactly one of the two. */
export const TwilioChannelSettings = z
  .strictObject({
    type: z.literal('twilio'),
    accountSid: z
      .string({ error: 'must be a text' })
      .regex(/^AC[0-9a-fA-F]{32}$/, { error: 'must be a Twilio Account SID: "AC" and 32 hex digits' }),
    authToken: text('auth token', 200),
    from: smsSender.optional(),
    messagingServiceSid: z
      .string({ error: 'must be a text' })
      .regex(/^MG[0-9a-fA-F]{32}$/, { error: 'must be a Messaging Service SID: "MG" and 32 hex digits' })
      .optional(),
    recipients,
    maxSegments,
  })
  .refine((s) => (s.from === undefined) !== (s.messagingServiceSid === undefined), {
    error: 'give either from or messagingServiceSid, not both and not neither',
    path: ['from'],
  });
export type TwilioChannelSettings = z.infer<typeof TwilioChannelSettings>;

/** Headers linewatch sets itself on a webhook; extra headers may not replace them. */
export const reservedWebhookHeaders = [
  'content-type',
  'content-length',
  'host',
  'idempotency-key',
  'user-agent',
  'x-linewatch-signature',
] as const;

export const WebhookChannelSettings = z.strictObject({
  type: z.literal('webhook'),
  url: httpUrl('https://ops.example/linewatch'),
  /** Key of the HMAC-SHA256 signature in `X-Linewatch-Signature`; long enough not to be guessed. */
  secret: z
    .string({ error: 'must be a text' })
    .min(16, { error: 'must be at least 16 characters' })
    .max(200, { error: 'must be at most 200 characters' }),
  /** Extra headers, e.g. an `Authorization` the receiver wants; their values count as secrets. */
  headers: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/, { error: 'must be an HTTP header name' })
        .refine((name) => !(reservedWebhookHeaders as readonly string[]).includes(name.toLowerCase()), {
          error: 'is set by linewatch and cannot be replaced',
        }),
      z
        .string({ error: 'must be a text' })
        .max(1000)
        .regex(/^[^\r\n]*$/, { error: 'must be one line' }),
      {
        // A bad name is reported by the record itself; give the name's own reason.
        error: (issue) =>
          issue.code === 'invalid_key'
            ? issue.issues[0]?.message
            : 'must be an object of header names and values',
      },
    )
    .refine((h) => Object.keys(h).length <= 10, { error: 'must have at most 10 headers' })
    .optional(),
});
export type WebhookChannelSettings = z.infer<typeof WebhookChannelSettings>;

export const TelegramChannelSettings = z.strictObject({
  type: z.literal('telegram'),
  botToken: z.string({ error: 'must be a text' }).regex(/^\d{3,20}:[A-Za-z0-9_-]{20,100}$/, {
    error: 'must be a bot token from @BotFather, like "123456:ABC…"',
  }),
  /** A numeric chat ID (groups are negative) or a public channel's `@name`. */
  chatId: z.string({ error: 'must be a text' }).regex(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/, {
    error: 'must be a chat ID like "-1001234567890" or a channel like "@shop_alerts"',
  }),
});
export type TelegramChannelSettings = z.infer<typeof TelegramChannelSettings>;

export const SlackChannelSettings = z.strictObject({
  type: z.literal('slack'),
  /** An incoming-webhook URL (`https://hooks.slack.com/services/…`). */
  webhookUrl: httpUrl('https://hooks.slack.com/services/T000/B000/XXXX'),
});
export type SlackChannelSettings = z.infer<typeof SlackChannelSettings>;

export const TeamsChannelSettings = z.strictObject({
  type: z.literal('teams'),
  /** A Teams Workflows ("Post to a channel when a webhook request is received") URL. */
  webhookUrl: httpUrl('https://prod-00.westeurope.logic.azure.com/workflows/…'),
});
export type TeamsChannelSettings = z.infer<typeof TeamsChannelSettings>;

/**
 * Any channel's settings, told apart by `type`.
 *
 * @example
 * ChannelSettings.parse({ type: 'seven', apiKey: 'k', recipients: ['+4915790123456'] }).maxSegments // 2
 */
export const ChannelSettings = z.discriminatedUnion(
  'type',
  [
    EmailChannelSettings,
    SipgateChannelSettings,
    SevenChannelSettings,
    TwilioChannelSettings,
    WebhookChannelSettings,
    TelegramChannelSettings,
    SlackChannelSettings,
    TeamsChannelSettings,
  ],
  { error: `must have a type: one of ${channelKinds.map((k) => `"${k}"`).join(', ')}` },
);
export type ChannelSettings = z.infer<typeof ChannelSettings>;
/** The settings of one kind, e.g. `ChannelSettingsOf<'twilio'>`. */
export type ChannelSettingsOf<K extends ChannelKind> = Extract<ChannelSettings, { type: K }>;

/** What the API shows in place of a secret. */
export const secretMask = '••••';

/** Fields that hold secrets, per kind. `headers` means every header value. */
export const channelSecretFields = {
  email: ['password'],
  sipgate: ['token'],
  seven: ['apiKey'],
  twilio: ['authToken'],
  webhook: ['secret', 'headers'],
  telegram: ['botToken'],
  slack: ['webhookUrl'],
  teams: ['webhookUrl'],
} as const satisfies { [K in ChannelKind]: readonly (keyof ChannelSettingsOf<K>)[] };

type Fields = Record<string, unknown>;

/**
 * The settings with every secret replaced by {@link secretMask}; what the
 * API returns. A secret that is not set stays absent, so the dashboard can
 * tell "set" from "not set".
 *
 * @example
 * redactChannel({ type: 'seven', apiKey: 'k', recipients: ['+4915790123456'], maxSegments: 2 }).apiKey // '••••'
 */
export function redactChannel<S extends ChannelSettings>(settings: S): S {
  const out: Fields = { ...settings };
  for (const field of channelSecretFields[settings.type]) {
    const value = out[field];
    if (value === undefined) continue;
    out[field] =
      field === 'headers'
        ? Object.fromEntries(Object.keys(value as Fields).map((name) => [name, secretMask]))
        : secretMask;
  }
  return out as S;
}

/**
 * Puts the stored secrets back where an edited channel still carries
 * {@link secretMask} (the dashboard sends back what it was shown). Call it on
 * the raw body before {@link ChannelSettings}`.parse`; a changed `type`
 * keeps no secret.
 *
 * @example
 * restoreSecrets({ type: 'seven', apiKey: '••••', recipients: ['+4915790123456'] }, stored) // apiKey from stored
 */
export function restoreSecrets(incoming: unknown, stored: ChannelSettings): unknown {
  if (typeof incoming !== 'object' || incoming === null || Array.isArray(incoming)) return incoming;
  const out: Fields = { ...(incoming as Fields) };
  if (out.type !== stored.type) return out;
  const old: Fields = stored;
  for (const field of channelSecretFields[stored.type]) {
    const value = out[field];
    if (value === secretMask) out[field] = old[field];
    else if (field === 'headers' && typeof value === 'object' && value !== null) {
      const previous = (old.headers ?? {}) as Fields;
      out.headers = Object.fromEntries(
        Object.entries(value as Fields).map(([name, v]) => [name, v === secretMask ? previous[name] : v]),
      );
    }
  }
  return out;
}
