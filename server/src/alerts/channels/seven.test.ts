import { SevenChannelSettings } from '@linewatch/shared';
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

const settings = SevenChannelSettings.parse({
  type: 'seven',
  apiKey: 'seven-api-key-0123456789',
  from: 'Linewatch',
  recipients: ['+4915790123456'],
});

describeHttpChannel({
  name: 'seven.io',
  success: providerReplies.seven,
  make: (baseUrl, deps) => createChannel(settings, { ...deps, baseUrl }),
  providerId: true,
  checkRequest(request, target, message) {
    expect(request.path).toBe('/api/sms');
    expect(request.headers['x-api-key']).toBe('seven-api-key-0123456789');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers['content-type']).toBe('application/json');
    expect(jsonOf(request)).toEqual({ to: target, text: fitSms(message.sms, 2), from: 'Linewatch' });
  },
});

describe('seven.io channel', () => {
  let provider: ProviderServer;
  const target = '+4915790123456';
  const send = (key: string) =>
    createChannel(settings, { baseUrl: provider.url }).send(sampleMessage, { target, idempotencyKey: key });
  beforeAll(async () => {
    provider = await startProviderServer(providerReplies.seven);
  });
  afterAll(() => provider.close());

  it('returns the id of the message seven created', async () => {
    const before = provider.requests.length;
    const result = await send('n-1');
    const answer = provider.replies[before]?.body as { messages: { id: string }[] };
    expect(result.providerId).toMatch(/^[0-9a-f]{12}$/);
    expect(result.providerId).toBe(answer.messages[0]?.id);
  });

  it('reads the outcome from the success code, not the HTTP status', async () => {
    provider.reply(
      { status: 200, body: '900' },
      { status: 200, body: { success: '202', messages: [] } },
      { status: 200, body: { success: '600', messages: [] } },
      { status: 200, body: { success: '500', messages: [] } },
    );
    const badKey = await failure(send('a'));
    expect(badKey).toMatchObject({ permanent: true });
    expect(badKey.message).toMatch(/invalid API key \(code 900\)/);
    expect((await failure(send('b'))).message).toMatch(/invalid recipient number/);
    expect(await failure(send('c'))).toMatchObject({ permanent: false });
    expect((await failure(send('d'))).message).toMatch(/insufficient credits/);
  });

  it('takes a message that failed inside a 100 answer as failed, with seven’s reason', async () => {
    provider.reply({
      status: 200,
      body: { success: '100', messages: [{ id: null, success: false, error_text: 'Number blacklisted' }] },
    });
    expect((await failure(send('e'))).message).toMatch(/Number blacklisted/);
  });

  it('takes the reload lock (402: same text, same number, moments ago) as already delivered', async () => {
    provider.reply({ status: 200, body: '402' });
    const result = await send('f');
    expect(result.ok).toBe(true);
    expect(result.response).toMatch(/reload lock/);
  });

  it('takes an unreadable 200 as transient and ambiguous', async () => {
    provider.reply({ status: 200, body: '<html>proxy</html>' });
    expect(await failure(send('g'))).toMatchObject({ permanent: false, ambiguous: true });
  });
});
