import { createServer } from 'node:net';
import { EmailChannelSettings } from '@linewatch/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { type Channel, createChannel } from '../channel.js';
import { failure, sampleMessage } from '../testing/channel-contract.js';
import { type SmtpSink, type SmtpSinkOptions, startSmtpSink } from '../testing/smtp-sink.js';
import { selfSignedCert } from '../testing/tls-cert.js';
import { messageIdFor } from './email.js';

const cert = selfSignedCert();
const login = { user: 'alerts@shop.example', password: 'correct horse battery staple' };
const to = ['ops@shop.example', 'owner@shop.example'];

let sink: SmtpSink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

async function setUp(
  options: SmtpSinkOptions,
  settings: Partial<EmailChannelSettings> = {},
  deps = {},
): Promise<{ sink: SmtpSink; channel: Channel; target: string }> {
  sink = await startSmtpSink(options);
  const channel = createChannel(
    EmailChannelSettings.parse({
      type: 'email',
      host: '127.0.0.1',
      port: sink.port,
      secure: options.security ?? 'none',
      ...(options.credentials
        ? { user: options.credentials.user, password: options.credentials.password }
        : {}),
      from: 'alerts@shop.example',
      fromName: 'linewatch Shop Müller',
      to,
      ...settings,
    }),
    { timeoutMs: 1000, ...(cert ? { tlsCa: cert.cert } : {}), ...deps },
  );
  return { sink, channel, target: channel.targets[0] ?? '' };
}

describe('e-mail channel', () => {
  it('delivers text and HTML to every address in one transaction, logged in, with a Message-ID from the key', async () => {
    const { sink, channel, target } = await setUp({ credentials: login });
    expect(channel.targets).toEqual(['ops@shop.example, owner@shop.example']);
    expect(channel.idempotency).toBe('receiver');
    const result = await channel.send(sampleMessage, { target, idempotencyKey: 'outbox-17' });
    const [mail] = await sink.waitFor(1);
    expect(mail?.recipients).toEqual(to);
    expect(mail?.envelopeFrom).toBe('alerts@shop.example');
    expect(mail?.user).toBe(login.user);
    expect(mail?.secure).toBe(false);
    expect(mail?.mail.subject).toBe(sampleMessage.subject);
    expect(mail?.mail.headers.get('from')).toMatch(/<alerts@shop\.example>$/);
    expect(mail?.mail.headers.get('to')).toBe('ops@shop.example, owner@shop.example');
    expect(mail?.mail.text?.trim()).toBe(sampleMessage.text);
    expect(mail?.mail.html?.trim()).toBe(sampleMessage.html);
    expect(mail?.mail.messageId).toBe(messageIdFor('outbox-17', 'alerts@shop.example'));
    expect(result).toMatchObject({ ok: true, providerId: mail?.mail.messageId });
    expect(result.response).toMatch(/^250 .*queued/);
  });

  it('sends text only when there is no HTML', async () => {
    const { sink, channel, target } = await setUp({});
    await channel.send({ ...sampleMessage, html: undefined }, { target, idempotencyKey: 'k' });
    const [mail] = await sink.waitFor(1);
    expect(mail?.mail.html).toBeUndefined();
    expect(mail?.mail.text?.trim()).toBe(sampleMessage.text);
  });

  it('derives the same Message-ID from the same key, and another from another key', () => {
    const a = messageIdFor('outbox-1', 'alerts@shop.example');
    expect(a).toMatch(/^<lw\.[0-9a-f]{32}@shop\.example>$/);
    expect(messageIdFor('outbox-1', 'alerts@shop.example')).toBe(a);
    expect(messageIdFor('outbox-2', 'alerts@shop.example')).not.toBe(a);
  });

  it('takes a refused login as permanent', async () => {
    const { sink, channel, target } = await setUp(
      { credentials: login },
      { user: login.user, password: 'wrong' },
    );
    const err = await failure(channel.send(sampleMessage, { target, idempotencyKey: 'k' }));
    expect(err).toMatchObject({ permanent: true, ambiguous: false, status: 535 });
    expect(err.message).toMatch(/AUTH/);
    expect(sink.received).toHaveLength(0);
  });

  it('reports a partly refused recipient list in the response, and delivers to the rest', async () => {
    const { sink, channel, target } = await setUp({});
    sink.trouble({ stage: 'rcpt', code: 550, message: 'no such mailbox' });
    const result = await channel.send(sampleMessage, { target, idempotencyKey: 'k' });
    expect(result.response).toMatch(/refused: ops@shop\.example/);
    const [mail] = await sink.waitFor(1);
    expect(mail?.recipients).toEqual(['owner@shop.example']);
  });

  it.each([
    ['rcpt', 451, false],
    ['rcpt', 550, true],
    ['data', 452, false],
    ['data', 554, true],
  ] as const)('takes a %s reply %i as permanent=%s, never ambiguous', async (stage, code, permanent) => {
    const { sink, channel, target } = await setUp({});
    // Once per recipient at RCPT, so the whole list is refused.
    const times = stage === 'rcpt' ? to.length : 1;
    for (let i = 0; i < times; i++) sink.trouble({ stage, code, message: 'scripted refusal' });
    const err = await failure(channel.send(sampleMessage, { target, idempotencyKey: 'k' }));
    expect(err).toMatchObject({ permanent, ambiguous: false, status: code });
    expect(err.response).toMatch(/scripted refusal/);
    expect(sink.received).toHaveLength(0);
  });

  it('takes a server that kept the message but never answered as transient and ambiguous; the resend is recognisable', async () => {
    const { sink, channel, target } = await setUp({});
    sink.trouble({ stage: 'data', hang: true });
    const err = await failure(channel.send(sampleMessage, { target, idempotencyKey: 'outbox-9' }));
    expect(err).toMatchObject({ permanent: false, ambiguous: true });
    await channel.send(sampleMessage, { target, idempotencyKey: 'outbox-9' });
    const [first, second] = await sink.waitFor(2);
    expect(second?.mail.messageId).toBe(first?.mail.messageId);
  });

  it('takes a refused connection as transient and not ambiguous', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const channel = createChannel(
      EmailChannelSettings.parse({
        type: 'email',
        host: '127.0.0.1',
        port,
        secure: 'none',
        from: 'a@b.c',
        to,
      }),
    );
    const err = await failure(
      channel.send(sampleMessage, { target: channel.targets[0] ?? '', idempotencyKey: 'k' }),
    );
    expect(err).toMatchObject({ permanent: false, ambiguous: false });
  });
});

describe.skipIf(!cert)('e-mail channel over TLS', () => {
  const tls = cert ?? { key: '', cert: '' };

  it('upgrades with STARTTLS before logging in', async () => {
    const { sink, channel, target } = await setUp({ security: 'starttls', cert: tls, credentials: login });
    await channel.send(sampleMessage, { target, idempotencyKey: 'k' });
    const [mail] = await sink.waitFor(1);
    expect(mail?.secure).toBe(true);
    expect(mail?.user).toBe(login.user);
  });

  it('speaks TLS from the first byte', async () => {
    const { sink, channel, target } = await setUp({ security: 'tls', cert: tls, credentials: login });
    await channel.send(sampleMessage, { target, idempotencyKey: 'k' });
    const [mail] = await sink.waitFor(1);
    expect(mail?.secure).toBe(true);
  });

  it('refuses to send in the clear when STARTTLS is required but not offered: permanent, the setting must change', async () => {
    const { sink, channel, target } = await setUp({ security: 'none' }, { secure: 'starttls' });
    const err = await failure(channel.send(sampleMessage, { target, idempotencyKey: 'k' }));
    expect(err).toMatchObject({ permanent: true, ambiguous: false });
    expect(err.message).toMatch(/STARTTLS/);
    expect(sink.received).toHaveLength(0);
  });

  it('does not trust a certificate it cannot verify', async () => {
    const { sink, channel, target } = await setUp(
      { security: 'starttls', cert: tls },
      {},
      { tlsCa: undefined },
    );
    const err = await failure(channel.send(sampleMessage, { target, idempotencyKey: 'k' }));
    expect(err).toMatchObject({ permanent: false, ambiguous: false });
    expect(sink.received).toHaveLength(0);
  });
});
