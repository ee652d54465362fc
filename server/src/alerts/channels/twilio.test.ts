import { TwilioChannelSettings } from '@linewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannel } from '../channel.js';
import { fitSms } from '../sms-text.js';
import { describeHttpChannel, failure, sampleMessage } from '../testing/channel-contract.js';
import {
  formOf,
  type ProviderServer,
  providerReplies,
  startProviderServer,
} from '../testing/provider-server.js';

const accountSid = `AC${'0a1b2c3d'.repeat(4)}`;
const settings = TwilioChannelSettings.parse({
  type: 'twilio',
  accountSid,
  authToken: 'twilio-auth-token',
  from: '+15005550006',
  recipients: ['+4915790123456'],
});

describeHttpChannel({
  name: 'Twilio',
  success: providerReplies.twilio,
  make: (baseUrl, deps) => createChannel(settings, { ...deps, baseUrl }),
  providerId: true,
  checkRequest(request, target, message) {
    expect(request.path).toBe(`/2010-04-01/Accounts/${accountSid}/Messages.json`);
    const basic = Buffer.from(`${accountSid}:twilio-auth-token`).toString('base64');
    expect(request.headers.authorization).toBe(`Basic ${basic}`);
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(formOf(request)).toEqual({ To: target, From: '+15005550006', Body: fitSms(message.sms, 2) });
  },
});

describe('Twilio channel', () => {
  let provider: ProviderServer;
  const target = '+4915790123456';
  beforeAll(async () => {
    provider = await startProviderServer(providerReplies.twilio);
  });
  afterAll(() => provider.close());

  it('returns the message SID Twilio created', async () => {
    const channel = createChannel(settings, { baseUrl: provider.url });
    const before = provider.requests.length;
    const result = await channel.send(sampleMessage, { target, idempotencyKey: 'n-1' });
    expect(result.providerId).toMatch(/^SM[0-9a-f]{32}$/);
    const answer = provider.replies[before]?.body as { sid: string } | undefined;
    expect(result.providerId).toBe(answer?.sid);
    expect(result.response).toContain(result.providerId);
  });

  it('sends through a Messaging Service instead of From when one is set', async () => {
    const viaService = TwilioChannelSettings.parse({
      ...settings,
      from: undefined,
      messagingServiceSid: `MG${'f'.repeat(32)}`,
    });
    const channel = createChannel(viaService, { baseUrl: provider.url });
    await channel.send(sampleMessage, { target, idempotencyKey: 'n-2' });
    const form = formOf(provider.requests.at(-1) as never);
    expect(form.MessagingServiceSid).toBe(`MG${'f'.repeat(32)}`);
    expect(form.From).toBeUndefined();
  });

  it('names Twilio’s error code and message for an invalid number, permanently', async () => {
    provider.reply({
      status: 400,
      body: {
        code: 21211,
        message: "The 'To' number +4915790123456 is not a valid phone number.",
        more_info: 'https://www.twilio.com/docs/errors/21211',
        status: 400,
      },
    });
    const channel = createChannel(settings, { baseUrl: provider.url });
    const err = await failure(channel.send(sampleMessage, { target, idempotencyKey: 'n-3' }));
    expect(err.permanent).toBe(true);
    expect(err.message).toMatch(/is not a valid phone number\. \(Twilio error 21211\)/);
  });
});
