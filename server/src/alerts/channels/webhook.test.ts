import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookChannelSettings } from '@linewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannel } from '../channel.js';
import { describeHttpChannel, sampleMessage } from '../testing/channel-contract.js';
import { jsonOf, providerReplies } from '../testing/provider-server.js';
import type { WebhookBody } from './webhook.js';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.js';

const secret = 'whsec-0123456789abcdef';
const settingsFor = (url: string) =>
  WebhookChannelSettings.parse({
    type: 'webhook',
    url: `${url}/hooks/linewatch`,
    secret,
    headers: { Authorization: 'Bearer receiver-token' },
  });

describeHttpChannel({
  name: 'webhook',
  success: providerReplies.webhook,
  make: (url, deps) => createChannel(settingsFor(url), deps),
  providerId: false,
  checkRequest(request, _target, message) {
    expect(request.path).toBe('/hooks/linewatch');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.authorization).toBe('Bearer receiver-token');
    const body = jsonOf(request) as WebhookBody;
    expect(request.headers['idempotency-key']).toBe(body.id);
    expect(body).toEqual({ id: body.id, subject: message.subject, text: message.text, data: message.data });
    const header = request.headers['x-linewatch-signature'] as string;
    expect(
      verifyWebhookSignature({ header, body: request.body, secret, nowSeconds: Date.now() / 1000 }),
    ).toBe(true);
  },
});

describe('webhook signature', () => {
  const body = '{"id":"n-1"}';
  const t = 1_735_689_600;
  const header = signWebhook(body, secret, t);

  it('is t=<unix>,v1=<hex HMAC-SHA256 over "t.body">', () => {
    expect(header).toMatch(/^t=1735689600,v1=[0-9a-f]{64}$/);
  });

  it.each([
    ['the same body, secret and a fresh time', body, secret, t + 10, true],
    ['a changed body', '{"id":"n-2"}', secret, t, false],
    ['another secret', body, 'another-secret-0123', t, false],
    ['a replay after the tolerance', body, secret, t + 301, false],
  ])('verifies %s: %s', (_what, b, s, now, expected) => {
    expect(verifyWebhookSignature({ header, body: b, secret: s, nowSeconds: now })).toBe(expected);
  });

  it('refuses a missing or malformed header', () => {
    for (const bad of [undefined, '', 'v1=abc', `t=${t}`, `t=${t},v1=zz`]) {
      expect(verifyWebhookSignature({ header: bad, body, secret, nowSeconds: t })).toBe(false);
    }
  });
});

describe('webhook receiver', () => {
  // A receiver written the way its users would: verify the raw body, then drop repeats by Idempotency-Key.
  const seen = new Set<string>();
  const delivered: WebhookBody[] = [];
  const receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => {
      raw += c.toString('utf8');
    });
    req.on('end', () => {
      const header = req.headers['x-linewatch-signature'] as string | undefined;
      if (!verifyWebhookSignature({ header, body: raw, secret, nowSeconds: Math.floor(Date.now() / 1000) })) {
        res.writeHead(401).end('bad signature');
        return;
      }
      const key = req.headers['idempotency-key'] as string;
      if (!seen.has(key)) delivered.push(JSON.parse(raw) as WebhookBody);
      seen.add(key);
      res.writeHead(200).end('ok');
    });
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('accepts the signature and sees a resend with the same key once', async () => {
    const channel = createChannel(settingsFor(url));
    const [target] = channel.targets;
    expect(target).toBe(new URL(url).host);
    expect(channel.idempotency).toBe('receiver');
    const options = { target: target ?? '', idempotencyKey: 'outbox-42' };
    await channel.send(sampleMessage, options);
    await channel.send(sampleMessage, options);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.id).toBe('outbox-42');
  });

  it('is refused by the receiver when the secret is wrong, permanently', async () => {
    const wrong = WebhookChannelSettings.parse({ ...settingsFor(url), secret: 'not-the-secret-at-all' });
    const channel = createChannel(wrong);
    const err = await channel
      .send(sampleMessage, { target: channel.targets[0] ?? '', idempotencyKey: 'x' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ permanent: true, status: 401 });
  });
});
