import type { TeamsChannelSettings } from '@linewatch/shared';
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
 * A Microsoft Teams message through a Workflows webhook ("post to a channel
 * when a webhook request is received"): a `message` with one Adaptive Card
 * attachment, answered 202 (the old Office 365 connectors answered 200; any
 * 2xx is success).
 *
 * Idempotency: none; after a timeout the card may have been posted.
 * The webhook URL is the secret; the target shows only its host.
 */

/** The Adaptive Card schema version Teams renders everywhere. */
const cardVersion = '1.4';

export function teamsCard(message: OutgoingMessage): object {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: cardVersion,
          body: [
            { type: 'TextBlock', text: message.subject, weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: message.text, wrap: true },
          ],
        },
      },
    ],
  };
}

function create(settings: TeamsChannelSettings, deps: ChannelDeps): Channel {
  const { timeoutMs, now } = resolveDeps(deps);
  const targets = [hostOf(settings.webhookUrl)];

  async function send(message: OutgoingMessage, options: SendOptions): Promise<SendResult> {
    checkTarget(targets, options.target);
    const answer = await post({
      provider: 'Teams',
      url: settings.webhookUrl,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(teamsCard(message)),
      timeoutMs,
      signal: options.signal,
      now,
    });
    return { ok: true, response: describeAnswer(answer) };
  }

  return { kind: 'teams', idempotency: 'none', targets, send };
}

export const teamsChannel: ChannelDefinition<'teams'> = { kind: 'teams', idempotency: 'none', create };
