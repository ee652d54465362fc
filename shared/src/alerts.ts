import { z } from 'zod';
import { EmailAddress, PhoneNumber } from './addresses.js';
import { Cause, Language } from './catalogue.js';
import { ChannelKind } from './channel-kinds.js';
import { ChannelSettings } from './channels.js';

/**
 * Alerts: who hears about an incident (policies), through what (channels,
 * see `channels.ts`), and what was sent (the notification outbox and its
 * attempts). One source of truth for every kind below; the server's
 * dispatch maps are keyed by these lists.
 */

const isoTime = z.iso.datetime({ offset: true });
const name = z.string().trim().min(1, { error: 'must not be empty' }).max(100);

/**
 * What a notification says:
 * - `alert`: an incident needs someone; `reminder`: it still does; `escalation`:
 *   nobody acknowledged it in time, so the next contact hears of it;
 * - `update`: an area incident grew after its alert went out ("now 15 sites");
 * - `recovery`: the line is back (one for every alert that was delivered);
 * - `customer` / `customer_recovery`: the notice to the site's customer;
 * - `test`: a test message sent from the dashboard.
 */
export const notificationKinds = [
  'alert',
  'reminder',
  'escalation',
  'update',
  'recovery',
  'customer',
  'customer_recovery',
  'test',
] as const;
export const NotificationKind = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof NotificationKind>;

/**
 * pending → sending → sent | failed; `superseded`: no longer needed (the
 * line came back first, an area incident covers the site, it was
 * acknowledged); `suppressed`: not sent by a rule (maintenance, budget,
 * disabled channel). `last_error` says why.
 */
export const notificationStates = [
  'pending',
  'sending',
  'sent',
  'failed',
  'superseded',
  'suppressed',
] as const;
export const NotificationState = z.enum(notificationStates);
export type NotificationState = z.infer<typeof NotificationState>;

/** How one try to deliver ended; `ambiguous`: it may have been delivered (see `Channel.idempotency`). */
export const attemptResults = ['sent', 'transient', 'permanent', 'ambiguous'] as const;
export const AttemptResult = z.enum(attemptResults);
export type AttemptResult = z.infer<typeof AttemptResult>;

/** Which incidents a policy covers: every one, or those touching a site, a carrier or an area. */
export const alertScopes = ['all', 'site', 'carrier', 'area'] as const;
export const AlertScope = z.enum(alertScopes);
export type AlertScope = z.infer<typeof AlertScope>;

/** The least severe status a policy alerts on. */
export const alertSeverities = ['degraded', 'down'] as const;
export const AlertSeverity = z.enum(alertSeverities);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

const clockTime = z
  .string({ error: 'must be a time like "22:00"' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time like "22:00"' });

const timeZone = z
  .string()
  .default('Europe/Berlin')
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'must be an IANA time zone like "Europe/Berlin"' },
  );

const minutes = (min: number, max: number) =>
  z
    .number({ error: `must be a whole number of minutes from ${min} to ${max}` })
    .int({ error: `must be a whole number of minutes from ${min} to ${max}` })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

/**
 * Hours in which the policy's messages wait (to `to`) instead of going out,
 * e.g. no SMS at night. `allowBusiness`: incidents of business customers go
 * out anyway. `weekends`: Saturday and Sunday are quiet all day. `from` after
 * `to` spans midnight.
 */
export const QuietHours = z.strictObject({
  from: clockTime,
  to: clockTime,
  tz: timeZone,
  allowBusiness: z.boolean().default(false),
  weekends: z.boolean().default(false),
});
export type QuietHours = z.infer<typeof QuietHours>;

/** Not acknowledged `afterMinutes` after the alert went out → the channel `channelId` hears of it. */
export const AlertEscalation = z.strictObject({
  afterMinutes: minutes(1, 1440),
  channelId: z.string().min(1),
});
export type AlertEscalation = z.infer<typeof AlertEscalation>;

/** While the line stays down and nobody acknowledged it: a reminder every `everyMinutes`, at most `max`. */
export const AlertReminders = z.strictObject({
  everyMinutes: minutes(5, 7 * 1440),
  max: z.number().int().min(1).max(20),
});
export type AlertReminders = z.infer<typeof AlertReminders>;

/** The rules of a policy, stored as JSON beside its scope. */
export const AlertPolicyRules = z.strictObject({
  minSeverity: AlertSeverity.default('down'),
  /** Only these causes; null = every cause. */
  causes: z.array(Cause).min(1).nullable().default(null),
  quietHours: QuietHours.nullable().default(null),
  escalation: AlertEscalation.nullable().default(null),
  reminders: AlertReminders.nullable().default(null),
  language: Language.default('de'),
});
export type AlertPolicyRules = z.infer<typeof AlertPolicyRules>;

/** A policy as created or replaced through the API. */
export const AlertPolicyInput = AlertPolicyRules.extend({
  name,
  channelId: z.string().min(1),
  scope: AlertScope.default('all'),
  /** The site id, carrier name or area; null for `all`. */
  scopeValue: z.string().trim().min(1).max(200).nullable().default(null),
  enabled: z.boolean().default(true),
}).refine((p) => (p.scope === 'all') === (p.scopeValue === null), {
  error: 'scopeValue must be given for site, carrier and area scopes, and only for them',
  path: ['scopeValue'],
});
export type AlertPolicyInput = z.infer<typeof AlertPolicyInput>;

export const AlertPolicy = AlertPolicyRules.extend({
  id: z.string(),
  name: z.string(),
  channelId: z.string(),
  scope: AlertScope,
  scopeValue: z.string().nullable(),
  enabled: z.boolean(),
  createdAt: isoTime,
});
export type AlertPolicy = z.infer<typeof AlertPolicy>;

const limit = (what: string) =>
  z
    .number({ error: `must be a whole number (${what})` })
    .int({ error: `must be a whole number (${what})` })
    .min(1, { error: 'must be at least 1' })
    .max(1_000_000)
    .nullable()
    .default(null);

/** A channel as created through the API. */
export const AlertChannelCreate = z.strictObject({
  name,
  enabled: z.boolean().default(true),
  settings: ChannelSettings,
  /** At most this many messages an hour; more wait. Null: no limit. */
  rateLimitPerHour: limit('messages per hour'),
  /** At most this much a calendar month (SMS: segments; others: messages); more are suppressed. */
  monthlyBudget: limit('per month'),
});
export type AlertChannelCreate = z.infer<typeof AlertChannelCreate>;

/**
 * A channel as replaced through the API. `settings` may carry the secret
 * mask where the secret is to stay; it is validated after the stored
 * secrets are put back.
 */
export const AlertChannelUpdate = AlertChannelCreate.extend({
  settings: z.looseObject({ type: ChannelKind }),
});
export type AlertChannelUpdate = z.infer<typeof AlertChannelUpdate>;

export const AlertChannel = z.object({
  id: z.string(),
  name: z.string(),
  kind: ChannelKind,
  enabled: z.boolean(),
  /** Configured by the environment (LINEWATCH_SMTP_URL): read-only here. */
  builtin: z.boolean(),
  /** The settings with every secret masked. */
  settings: z.record(z.string(), z.unknown()),
  /** Where it delivers (phone numbers, addresses, a host), one outbox row each. */
  targets: z.array(z.string()),
  rateLimitPerHour: z.number().int().nullable(),
  monthlyBudget: z.number().int().nullable(),
  /** Spent this calendar month, in the budget's unit. */
  usedThisMonth: z.number().int(),
  lastError: z.string().nullable(),
  lastErrorAt: isoTime.nullable(),
  createdAt: isoTime.nullable(),
});
export type AlertChannel = z.infer<typeof AlertChannel>;

export const NotificationAttempt = z.object({
  at: isoTime,
  result: AttemptResult,
  providerId: z.string().nullable(),
  error: z.string().nullable(),
  /** The provider's answer, shortened. */
  response: z.string().nullable(),
});
export type NotificationAttempt = z.infer<typeof NotificationAttempt>;

export const AlertNotification = z.object({
  id: z.number().int(),
  incidentId: z.string().nullable(),
  channelId: z.string(),
  channelName: z.string().nullable(),
  target: z.string(),
  kind: NotificationKind,
  state: NotificationState,
  dueAt: isoTime,
  attempts: z.number().int(),
  sentAt: isoTime.nullable(),
  providerId: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: isoTime,
  history: z.array(NotificationAttempt),
});
export type AlertNotification = z.infer<typeof AlertNotification>;

export const NotificationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** What a test send answered, per target. */
export const TestSendResult = z.object({
  results: z.array(
    z.object({
      target: z.string(),
      ok: z.boolean(),
      providerId: z.string().nullable(),
      response: z.string().nullable(),
      error: z
        .object({
          message: z.string(),
          classification: z.enum(['transient', 'permanent']),
          ambiguous: z.boolean(),
          status: z.number().int().nullable(),
        })
        .nullable(),
    }),
  ),
});
export type TestSendResult = z.infer<typeof TestSendResult>;

/** The customer notice of a site: off by default; an SMS and/or an e-mail to the customer. */
export const SiteAlertSettings = z
  .strictObject({
    customerNotice: z.boolean().default(false),
    customerPhone: PhoneNumber.nullable().default(null),
    customerEmail: EmailAddress.nullable().default(null),
    language: Language.default('de'),
  })
  .refine((s) => !s.customerNotice || s.customerPhone !== null || s.customerEmail !== null, {
    error: 'a customer notice needs a phone number or an e-mail address',
    path: ['customerNotice'],
  });
export type SiteAlertSettings = z.infer<typeof SiteAlertSettings>;
