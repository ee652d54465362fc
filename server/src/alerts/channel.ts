import type { ChannelKind, ChannelSettings, ChannelSettingsOf } from '@linewatch/shared';
import { emailChannel } from './channels/email.js';
import { sevenChannel } from './channels/seven.js';
import { sipgateChannel } from './channels/sipgate.js';
import { slackChannel } from './channels/slack.js';
import { teamsChannel } from './channels/teams.js';
import { telegramChannel } from './channels/telegram.js';
import { twilioChannel } from './channels/twilio.js';
import { webhookChannel } from './channels/webhook.js';

/**
 * The one small interface between the alert dispatcher and the ways a
 * message leaves linewatch. A channel knows nothing of incidents, policies
 * or the outbox; it turns one rendered message into one delivery and says
 * how that went. Failures are thrown as `ChannelError` (see `errors.ts`).
 */

/** A JSON value, for the structured part of a message that webhooks carry. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** One notification, rendered once for every medium (templates are not the channel's business). */
export interface OutgoingMessage {
  /** E-mail subject; the heading of chat messages. */
  subject: string;
  /** Plain text: the e-mail text part, the chat message, the webhook's `text`. */
  text: string;
  /** E-mail HTML part; mail without it is text only. */
  html?: string;
  /** The SMS. SMS channels shorten it to their `maxSegments` (see `sms-text.ts`). */
  sms: string;
  /** Facts for machines (incident id, status, cause, sites…), sent as the webhook's `data`. */
  data?: { readonly [key: string]: JsonValue };
}

export interface SendOptions {
  /** One of the channel's {@link Channel.targets}. */
  target: string;
  /**
   * Stable across retries of the same notification to the same target (the
   * outbox row id is a good one). Sent where the provider or receiver can
   * use it; see {@link Idempotency}.
   */
  idempotencyKey: string;
  /** Cancels the send (server shutdown); a cancelled send is transient and ambiguous. */
  signal?: AbortSignal;
}

export interface SendResult {
  ok: true;
  /** The provider's id of the message (Twilio SID, seven.io id, SMTP Message-ID), when it gives one. */
  providerId?: string;
  /** The provider's answer, shortened: shown to the user after a test send. */
  response: string;
}

/**
 * Who can recognise a repeat of the same idempotency key:
 * - `provider`: the provider drops it (none of the built-in channels).
 * - `receiver`: the key travels with the message (e-mail `Message-ID`,
 *   webhook `Idempotency-Key`), so the receiving side can drop or spot it.
 * - `none`: nobody can. After an ambiguous failure (`ChannelError.ambiguous`:
 *   a timeout or a dropped connection after the request went out) the
 *   message may have been delivered, and a retry may deliver it twice.
 */
export type Idempotency = 'provider' | 'receiver' | 'none';

export interface Channel {
  readonly kind: ChannelKind;
  readonly idempotency: Idempotency;
  /**
   * The separate deliveries this channel makes, shown to people (never a
   * secret): one per SMS recipient, one for all addresses of an e-mail
   * (one SMTP transaction), the host of a webhook. The outbox keeps one row
   * per target, so a retry after a partial failure never resends to a
   * recipient that already got the message.
   */
  readonly targets: readonly string[];
  /** Delivers to one target; throws `ChannelError` when it did not (or may not have). */
  send(message: OutgoingMessage, options: SendOptions): Promise<SendResult>;
}

export interface ChannelDeps {
  /** Deadline of one request to the provider; default {@link defaultTimeoutMs}. */
  timeoutMs?: number;
  /**
   * The provider's API root instead of the real one (emulators, tests), for
   * sipgate, seven.io, Twilio and Telegram; the others are given a full URL or host.
   */
  baseUrl?: string;
  /** Clock in ms, for webhook timestamps and `Retry-After` dates. */
  now?: () => number;
  /** Extra trusted CA certificates (PEM) for an SMTP relay with its own CA. */
  tlsCa?: string;
}

/** Default deadline of one provider request: long enough for a slow API, short enough to retry soon. */
export const defaultTimeoutMs = 10_000;

export interface ChannelDefinition<K extends ChannelKind> {
  kind: K;
  idempotency: Idempotency;
  create(settings: ChannelSettingsOf<K>, deps: ChannelDeps): Channel;
}

/** Every channel, keyed by kind: a kind without a file here is a compile error. */
export const channelDefinitions: { [K in ChannelKind]: ChannelDefinition<K> } = {
  email: emailChannel,
  sipgate: sipgateChannel,
  seven: sevenChannel,
  twilio: twilioChannel,
  webhook: webhookChannel,
  telegram: telegramChannel,
  slack: slackChannel,
  teams: teamsChannel,
};

/**
 * Builds the channel for validated settings.
 *
 * @example
 * const channel = createChannel(ChannelSettings.parse(row.settings));
 * for (const target of channel.targets) await channel.send(message, { target, idempotencyKey: `${row.id}:${target}` });
 */
export function createChannel(settings: ChannelSettings, deps: ChannelDeps = {}): Channel {
  const definition = channelDefinitions[settings.type] as ChannelDefinition<ChannelKind>;
  return definition.create(settings as ChannelSettingsOf<ChannelKind>, deps);
}
