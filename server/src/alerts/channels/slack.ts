import type { SlackChannelSettings } from '@linewatch/shared';
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

/**
 * A Slack message through an incoming webhook: JSON `{text}` (mrkdwn),
 * answered 200 `ok`; errors are text bodies such as `invalid_payload` (400),
 * `no_service` (404), `channel_is_archived` (410), and 429 with `Retry-After`.
 *
 * Idempotency: none; after a timeout the message may have been posted.
 * The webhook URL is the secret; the target shows only its host.
 */

/** Slack's mrkdwn treats these three as markup; escaped as its docs say. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function create(settings: SlackChannelSettings, deps: ChannelDeps): Channel {
  const { timeoutMs, now } = resolveDeps(deps);
  const targets = [hostOf(settings.webhookUrl)];

  async function send(message: OutgoingMessage, options: SendOptions): Promise<SendResult> {
    checkTarget(targets, options.target);
    const answer = await post({
      provider: 'Slack',
      url: settings.webhookUrl,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: `*${escapeMrkdwn(message.subject)}*\n${escapeMrkdwn(message.text)}` }),
      timeoutMs,
      signal: options.signal,
      now,
    });
    return { ok: true, response: describeAnswer(answer) };
  }

  return { kind: 'slack', idempotency: 'none', targets, send };
}

export const slackChannel: ChannelDefinition<'slack'> = { kind: 'slack', idempotency: 'none', create };
