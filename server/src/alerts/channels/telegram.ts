import type { TelegramChannelSettings } from '@linewatch/shared';
import type {
  Channel,
  ChannelDefinition,
  ChannelDeps,
  OutgoingMessage,
  SendOptions,
  SendResult,
} from '../channel.js';
import { ChannelError } from '../errors.js';
import { apiRoot, checkTarget, resolveDeps } from './common.js';
import { describeAnswer, jsonBody, post } from './http.js';

/**
 * A Telegram message from a bot: `POST /bot<token>/sendMessage` with JSON
 * `{chat_id, text}` (Bot API), answered `{ok: true, result: {message_id}}`.
 * A 429 says how long to wait in `parameters.retry_after` (seconds).
 * Plain text, no `parse_mode`, so nothing in a site name needs escaping.
 *
 * Idempotency: none; after a timeout the message may have been posted.
 * The URL holds the bot token, so it never appears in an error.
 */

export const telegramApi = 'https://api.telegram.org';

/** Telegram refuses longer texts. */
const maxTextChars = 4096;

function create(settings: TelegramChannelSettings, deps: ChannelDeps): Channel {
  const { timeoutMs, now } = resolveDeps(deps);
  const url = `${apiRoot(deps, telegramApi)}/bot${settings.botToken}/sendMessage`;
  const targets = [settings.chatId];

  async function send(message: OutgoingMessage, options: SendOptions): Promise<SendResult> {
    checkTarget(targets, options.target);
    const text = `${message.subject}\n\n${message.text}`;
    const answer = await post({
      provider: 'Telegram',
      url,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        chat_id: settings.chatId,
        text: text.length > maxTextChars ? `${text.slice(0, maxTextChars - 1)}…` : text,
        disable_web_page_preview: true,
      }),
      timeoutMs,
      signal: options.signal,
      now,
    }).catch((err: unknown) => {
      throw withRetryAfter(err);
    });
    const id = (jsonBody(answer.body) as { result?: { message_id?: unknown } } | undefined)?.result
      ?.message_id;
    return {
      ok: true,
      providerId: id === undefined ? undefined : String(id),
      response: describeAnswer(answer),
    };
  }

  return { kind: 'telegram', idempotency: 'none', targets, send };
}

/** Takes `parameters.retry_after` from a 429's body when no `Retry-After` header came. */
function withRetryAfter(err: unknown): unknown {
  if (!(err instanceof ChannelError) || err.status !== 429 || err.retryAfterMs !== undefined) return err;
  const body = jsonBody(err.response?.replace(/^\d+ /, '') ?? '') as
    | { parameters?: { retry_after?: unknown } }
    | undefined;
  const seconds = body?.parameters?.retry_after;
  if (typeof seconds !== 'number') return err;
  return new ChannelError(err.message, {
    permanent: false,
    retryAfterMs: seconds * 1000,
    status: 429,
    response: err.response,
    cause: err,
  });
}

export const telegramChannel: ChannelDefinition<'telegram'> = {
  kind: 'telegram',
  idempotency: 'none',
  create,
};
