import { SlackChannelSettings, TeamsChannelSettings, TelegramChannelSettings } from '@linewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannel } from '../channel.js';
import { describeHttpChannel, failure, sampleMessage } from '../testing/channel-contract.js';
import {
  jsonOf,
  type ProviderServer,
  providerReplies,
  startProviderServer,
} from '../testing/provider-server.js';
import { teamsCard } from './teams.js';

// Telegram, Slack and Teams: small chat channels, one contract each.

const botToken = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0';
const telegram = TelegramChannelSettings.parse({ type: 'telegram', botToken, chatId: '-1001234567890' });

describeHttpChannel({
  name: 'Telegram',
  success: providerReplies.telegram,
  make: (baseUrl, deps) => createChannel(telegram, { ...deps, baseUrl }),
  providerId: true,
  checkRequest(request, target, message) {
    expect(request.path).toBe(`/bot${botToken}/sendMessage`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(jsonOf(request)).toEqual({
      chat_id: target,
      text: `${message.subject}\n\n${message.text}`,
      disable_web_page_preview: true,
    });
  },
});

describeHttpChannel({
  name: 'Slack',
  success: providerReplies.slack,
  make: (url, deps) =>
    createChannel(
      SlackChannelSettings.parse({ type: 'slack', webhookUrl: `${url}/services/T0/B0/secret` }),
      deps,
    ),
  providerId: false,
  checkRequest(request, _target, message) {
    expect(request.path).toBe('/services/T0/B0/secret');
    expect(jsonOf(request)).toEqual({ text: `*${message.subject}*\n${message.text}` });
  },
});

describeHttpChannel({
  name: 'Teams',
  success: providerReplies.teams,
  make: (url, deps) =>
    createChannel(
      TeamsChannelSettings.parse({ type: 'teams', webhookUrl: `${url}/workflows/abc/run?sig=s` }),
      deps,
    ),
  providerId: false,
  checkRequest(request, _target, message) {
    expect(request.path).toBe('/workflows/abc/run?sig=s');
    expect(jsonOf(request)).toEqual(teamsCard(message));
  },
});

describe('chat channels', () => {
  let provider: ProviderServer;
  beforeAll(async () => {
    provider = await startProviderServer(providerReplies.telegram);
  });
  afterAll(() => provider.close());

  it('reads Telegram’s retry_after from the body of a 429', async () => {
    provider.reply({
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 5',
        parameters: { retry_after: 5 },
      },
    });
    const channel = createChannel(telegram, { baseUrl: provider.url });
    const err = await failure(channel.send(sampleMessage, { target: '-1001234567890', idempotencyKey: 'k' }));
    expect(err).toMatchObject({ permanent: false, retryAfterMs: 5000 });
    expect(err.message).not.toContain(botToken);
  });

  it('never shows a secret webhook URL or bot token as a target', () => {
    const slack = createChannel(
      SlackChannelSettings.parse({
        type: 'slack',
        webhookUrl: 'https://hooks.slack.com/services/T0/B0/secret',
      }),
    );
    expect(slack.targets).toEqual(['hooks.slack.com']);
    expect(createChannel(telegram).targets).toEqual(['-1001234567890']);
  });
});
