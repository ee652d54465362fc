import type { WebhookChannelSettings } from '@linewatch/shared';
import type {
  Channel,
  ChannelDefinition,
  ChannelDeps,
  OutgoingMessage,
  SendOptions,
  SendResult,
} from '../channel.js';
import { checkTarget, hostOf, resolveDeps } from './common.js';
import { describeAnswer, post } from './http.js';
import { signatureHeader, signWebhook } from './webhook-signature.js';

/**
 * A generic webhook: a JSON POST signed with HMAC-SHA256 (see
 * `webhook-signature.ts`), with the idempotency key both in the
 * `Idempotency-Key` header (the IETF draft's name) and as the body's `id`.
 *
 * Body: `{ id, subject, text, data }`; the same for every retry, so the
 * receiver can drop a repeat by `id`. Any 2xx is success.
 *
 * Idempotency: the receiver's. After an ambiguous failure a retry carries the
 * same key, so a receiver that remembers keys sees it once.
 */

/** `User-Agent` of linewatch webhooks, so receivers can tell them in their logs. */
export const webhookUserAgent = 'linewatch-webhook/1';

/** The JSON a webhook receiver gets. */
export interface WebhookBody {
  id: string;
  subject: string;
  text: string;
  data: NonNullable<OutgoingMessage['data']>;
}

function create(settings: WebhookChannelSettings, deps: ChannelDeps): Channel {
  const { timeoutMs, now } = resolveDeps(deps);
  const targets = [hostOf(settings.url)];

  async function send(message: OutgoingMessage, options: SendOptions): Promise<SendResult> {
    checkTarget(targets, options.target);
    const payload: WebhookBody = {
      id: options.idempotencyKey,
      subject: message.subject,
      text: message.text,
      data: message.data ?? {},
    };
    const body = JSON.stringify(payload);
    const answer = await post({
      provider: `webhook ${options.target}`,
      url: settings.url,
      headers: {
        ...settings.headers,
        'Content-Type': 'application/json',
        'User-Agent': webhookUserAgent,
        'Idempotency-Key': options.idempotencyKey,
        [signatureHeader]: signWebhook(body, settings.secret, Math.floor(now() / 1000)),
      },
      body,
      timeoutMs,
      signal: options.signal,
      now,
    });
    return { ok: true, response: describeAnswer(answer) };
  }

  return { kind: 'webhook', idempotency: 'receiver', targets, send };
}

export const webhookChannel: ChannelDefinition<'webhook'> = {
  kind: 'webhook',
  idempotency: 'receiver',
  create,
};
