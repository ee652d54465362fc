import { SipgateChannelSettings } from '@linewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannel } from '../channel.js';
import { fitSms } from '../sms-text.js';
import { describeHttpChannel, failure, sampleMessage } from '../testing/channel-contract.js';
import {
  jsonOf,
  type ProviderServer,
  providerReplies,
  startProviderServer,
} from '../testing/provider-server.js';

const settings = SipgateChannelSettings.parse({
  type: 'sipgate',
  tokenId: 'token-FQ1V12',
  token: 'e5b6a2f0-0000-4000-8000-000000000001',
  smsId: 's0',
  recipients: ['+4915790123456', '+4917012345678'],
});
const basic = `Basic ${Buffer.from('token-FQ1V12:e5b6a2f0-0000-4000-8000-000000000001').toString('base64')}`;

describeHttpChannel({
  name: 'sipgate',
  success: providerReplies.sipgate,
  make: (baseUrl, deps) => createChannel(settings, { ...deps, baseUrl }),
  providerId: false,
  checkRequest(request, target, message) {
    expect(request.path).toBe('/v2/sessions/sms');
    expect(request.headers.authorization).toBe(basic);
    expect(request.headers['content-type']).toBe('application/json');
    expect(jsonOf(request)).toEqual({ smsId: 's0', recipient: target, message: fitSms(message.sms, 2) });
  },
});

describe('sipgate channel', () => {
  let provider: ProviderServer;
  beforeAll(async () => {
    provider = await startProviderServer(providerReplies.sipgate);
  });
  afterAll(() => provider.close());

  it('has one target per recipient and no idempotency', () => {
    const channel = createChannel(settings, { baseUrl: provider.url });
    expect(channel.targets).toEqual(['+4915790123456', '+4917012345678']);
    expect(channel.idempotency).toBe('none');
  });

  it('sends one SMS per target, to that number only', async () => {
    const channel = createChannel(settings, { baseUrl: provider.url });
    const before = provider.requests.length;
    await channel.send(sampleMessage, { target: '+4917012345678', idempotencyKey: 'n-7:+4917012345678' });
    expect(
      provider.requests.slice(before).map((r) => (jsonOf(r) as { recipient: string }).recipient),
    ).toEqual(['+4917012345678']);
  });

  it('takes 402 (no balance) and 403 (SMS not booked) as permanent', async () => {
    const channel = createChannel(settings, { baseUrl: provider.url });
    provider.reply({ status: 402 }, { status: 403 });
    const target = '+4915790123456';
    expect((await failure(channel.send(sampleMessage, { target, idempotencyKey: 'a' }))).permanent).toBe(
      true,
    );
    expect((await failure(channel.send(sampleMessage, { target, idempotencyKey: 'b' }))).permanent).toBe(
      true,
    );
  });
});
