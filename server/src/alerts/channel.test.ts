import { type ChannelSettings, channelKinds } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { channelDefinitions, createChannel } from './channel.js';

const samples: ChannelSettings[] = [
  { type: 'email', host: 'mail.example', secure: 'starttls', from: 'a@shop.example', to: ['b@shop.example'] },
  { type: 'sipgate', tokenId: 't', token: 's', smsId: 's0', recipients: ['+4915790123456'], maxSegments: 1 },
  { type: 'seven', apiKey: 'k', recipients: ['+4915790123456'], maxSegments: 1 },
  {
    type: 'twilio',
    accountSid: `AC${'0'.repeat(32)}`,
    authToken: 't',
    from: 'Shop',
    recipients: ['+4915790123456'],
    maxSegments: 1,
  },
  { type: 'webhook', url: 'https://ops.example/hook?token=x', secret: '0123456789abcdef' },
  { type: 'telegram', botToken: `123:${'a'.repeat(30)}`, chatId: '42' },
  { type: 'slack', webhookUrl: 'https://hooks.slack.com/services/T/B/x' },
  { type: 'teams', webhookUrl: 'https://example.logic.azure.com/workflows/x' },
];

describe('channel registry', () => {
  it('has a definition for every kind, and creates a channel of that kind', () => {
    expect(Object.keys(channelDefinitions).sort()).toEqual([...channelKinds].sort());
    for (const settings of samples) {
      const channel = createChannel(settings);
      expect(channel.kind).toBe(settings.type);
      expect(channel.idempotency).toBe(channelDefinitions[settings.type].idempotency);
      expect(channel.targets.length).toBeGreaterThan(0);
    }
  });

  it('says who can recognise a repeat: the receiver for e-mail and webhooks, nobody for SMS and chats', () => {
    const byKind = Object.fromEntries(channelKinds.map((k) => [k, channelDefinitions[k].idempotency]));
    expect(byKind).toEqual({
      email: 'receiver',
      webhook: 'receiver',
      sipgate: 'none',
      seven: 'none',
      twilio: 'none',
      telegram: 'none',
      slack: 'none',
      teams: 'none',
    });
  });

  it('never shows a secret or a URL path as a target', () => {
    const targets = samples.flatMap((s) => createChannel(s).targets);
    expect(targets).toEqual([
      'b@shop.example',
      '+4915790123456',
      '+4915790123456',
      '+4915790123456',
      'ops.example',
      '42',
      'hooks.slack.com',
      'example.logic.azure.com',
    ]);
  });
});
