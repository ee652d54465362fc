import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, ChannelDeps, OutgoingMessage } from '../channel.js';
import { ChannelError } from '../errors.js';
import {
  type ProviderServer,
  type RecordedRequest,
  type ReplyFor,
  startProviderServer,
} from './provider-server.js';

/**
 * One contract every HTTP channel meets, run against a real HTTP server on
 * loopback (STYLE.md: one `describeChannel(make)` for every channel). It
 * checks the success path and the classification the dispatcher relies on:
 * 429/408 transient with `Retry-After`, 5xx transient, other 4xx permanent,
 * timeouts and dropped connections transient *and ambiguous*, a refused
 * connection transient but not ambiguous. A channel never retries on its
 * own: one send is one request.
 */

export interface HttpChannelCase {
  name: string;
  /** The fake provider's success answer. */
  success: ReplyFor;
  /** Builds the channel against the fake provider (`url` has no trailing slash). */
  make(url: string, deps: ChannelDeps): Channel;
  /** Checks the exact request of a successful send to `target`. */
  checkRequest(request: RecordedRequest, target: string, message: OutgoingMessage): void;
  /** Whether a success carries the provider's message id. */
  providerId: boolean;
}

export const sampleMessage: OutgoingMessage = {
  subject: 'Störung: Bäckerei Müller – Leitung ausgefallen',
  text: 'Die Leitung der Bäckerei Müller ist seit 09:12 gestört (DSL-Synchronisation verloren).',
  html: '<p>Die Leitung der <b>Bäckerei Müller</b> ist seit 09:12 gestört.</p>',
  sms: 'Störung Bäckerei Müller seit 09:12: DSL-Sync verloren. Techniker bestellen.',
  data: { incidentId: 'inc-1', status: 'down', cause: 'line_sync_lost', siteIds: ['s-1'] },
};

/** A port that refuses connections: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs a send that must fail and returns its error. */
export async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ChannelError);
  return err as ChannelError;
}

export function describeHttpChannel(c: HttpChannelCase): void {
  describe(`${c.name} channel contract`, () => {
    let provider: ProviderServer;
    let channel: Channel;
    let target: string;
    const timeoutMs = 400;
    let key = 0;
    const send = (ch = channel, signal?: AbortSignal) =>
      ch.send(sampleMessage, {
        target: ch === channel ? target : (ch.targets[0] ?? ''),
        idempotencyKey: `notification-${++key}`,
        signal,
      });

    beforeAll(async () => {
      provider = await startProviderServer(c.success);
      channel = c.make(provider.url, { timeoutMs });
      target = channel.targets[0] ?? '';
    });
    afterAll(() => provider.close());

    it('delivers with the exact request the provider expects', async () => {
      const before = provider.requests.length;
      const result = await send();
      expect(result.ok).toBe(true);
      expect(result.response).toMatch(/^2\d\d/);
      if (c.providerId) expect(result.providerId).toBeTruthy();
      else expect(result.providerId).toBeUndefined();
      expect(provider.requests).toHaveLength(before + 1);
      const request = provider.requests.at(-1) as RecordedRequest;
      expect(request.method).toBe('POST');
      c.checkRequest(request, target, sampleMessage);
    });

    it('answers 429, 5xx and 4xx in turn with transient, transient and permanent, one request each', async () => {
      const before = provider.requests.length;
      provider.reply(
        { status: 429, headers: { 'Retry-After': '7' }, body: 'slow down' },
        { status: 503, body: 'maintenance' },
        { status: 502, body: 'bad gateway' },
        { status: 400, body: 'bad request' },
        { status: 401, body: 'unauthorized' },
      );
      const limited = await failure(send());
      expect(limited).toMatchObject({ permanent: false, ambiguous: false, retryAfterMs: 7000, status: 429 });
      expect(await failure(send())).toMatchObject({ permanent: false, ambiguous: false, status: 503 });
      expect(await failure(send())).toMatchObject({ permanent: false, ambiguous: true, status: 502 });
      expect(await failure(send())).toMatchObject({ permanent: true, status: 400 });
      const auth = await failure(send());
      expect(auth).toMatchObject({ permanent: true, status: 401 });
      expect(auth.message).toMatch(/credentials/);
      expect((await send()).ok).toBe(true);
      expect(provider.requests).toHaveLength(before + 6);
    });

    it('gives up at its deadline, transient and ambiguous (the provider may have it)', async () => {
      provider.reply({ status: 200, hang: true });
      const started = Date.now();
      const err = await failure(send());
      expect(err).toMatchObject({ permanent: false, ambiguous: true });
      expect(err.message).toMatch(/did not answer within 400 ms/);
      expect(Date.now() - started).toBeLessThan(3000);
    });

    it('takes a connection cut after the request as transient and ambiguous', async () => {
      provider.reply({ status: 200, reset: true });
      expect(await failure(send())).toMatchObject({ permanent: false, ambiguous: true });
    });

    it('takes a refused connection as transient and not ambiguous (nothing was sent)', async () => {
      const unreachable = c.make(`http://127.0.0.1:${await closedPort()}`, { timeoutMs });
      const err = await failure(send(unreachable));
      expect(err).toMatchObject({ permanent: false, ambiguous: false });
      expect(err.message).toMatch(/ECONNREFUSED/);
    });

    it('stops when the caller cancels', async () => {
      provider.reply({ status: 200, hang: true });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const err = await failure(send(channel, controller.signal));
      expect(err).toMatchObject({ permanent: false, ambiguous: true });
      expect(err.message).toMatch(/cancelled/);
    });

    it('refuses a target it does not have, without a request', async () => {
      const before = provider.requests.length;
      const err = await failure(channel.send(sampleMessage, { target: 'nobody', idempotencyKey: 'k' }));
      expect(err.permanent).toBe(true);
      expect(provider.requests).toHaveLength(before);
    });
  });
}
