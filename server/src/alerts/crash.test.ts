import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannel } from './channel.js';
import { messageIdFor } from './channels/email.js';
import { alertHarness, type Harness, minute, sipgate, webhook } from './testing/harness.js';

/**
 * Crashes: the server stops between "transition stored" and "message sent",
 * and between "sent" and "recorded". A restart is a second harness on the
 * same database file, with the same SMTP sink and provider server.
 */

let cleanups: (() => Promise<void>)[] = [];
let dir = '';
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function firstRun(timeoutMs?: number): Promise<Harness> {
  dir = mkdtempSync(join(tmpdir(), 'lw-crash-'));
  const h = await alertHarness({ path: join(dir, 'db.sqlite'), ...(timeoutMs ? { timeoutMs } : {}) });
  let closed = false;
  cleanups.push(async () => {
    if (!closed) await h.close();
    else await Promise.all([h.sink.close(), h.provider.close()]);
  });
  // A restart closes only the store; the servers stay for the next run.
  const close = h.close;
  h.close = async (o) => {
    closed = true;
    await close(o);
  };
  return h;
}

/** Stops `h` without sending anything more (its store closes as a killed process's would), and starts again. */
async function restart(h: Harness): Promise<Harness> {
  await h.close({ keepServers: true });
  const path = join(dir, 'db.sqlite');
  const next = await alertHarness({ path, sink: h.sink, provider: h.provider, now: h.clock.now() });
  cleanups.push(() => next.close());
  next.alerts.start();
  return next;
}

const history = (h: Harness, id: number) =>
  h.alerts.alertStore.notifications.attempts(id).map((a) => a.result);

describe('crash and restart', () => {
  it('sends what was planned but not sent when the server stopped', async () => {
    const h = await firstRun();
    h.transition(h.site('A'), 'down', 'line_sync_lost');
    expect(h.rows('alert')[0]?.state).toBe('pending');
    const again = await restart(h);
    expect(await again.run()).toBe(1);
    await again.sink.waitFor(1);
    expect(again.rows('alert')[0]?.state).toBe('sent');
    expect(await again.run()).toBe(0);
    expect(again.sink.received).toHaveLength(1);
  });

  it('SMS without idempotency: a row left in sending is failed as "may have been sent", never resent', async () => {
    const h = await firstRun();
    h.policy({ channelId: h.channel('SMS', sipgate()).id });
    h.transition(h.site('A'), 'down', 'line_sync_lost');
    expect(h.alerts.alertStore.notifications.claim('crashed', h.clock.now())).toBeDefined();
    const again = await restart(h);
    const row = again.rows('alert')[0];
    expect(row).toMatchObject({ state: 'failed' });
    expect(row?.last_error).toMatch(/^may have been sent — server stopped while sending/);
    expect(history(again, row?.id ?? 0)).toEqual(['ambiguous']);
    again.clock.advance(60 * minute);
    expect(await again.run()).toBe(0);
    expect(again.provider.requests).toHaveLength(0);
  });

  it('e-mail: sent, then the server stopped before recording it: sent again with the same Message-ID', async () => {
    const h = await firstRun();
    h.transition(h.site('A'), 'down', 'line_sync_lost');
    const row = h.alerts.alertStore.notifications.claim('crashed', h.clock.now());
    if (!row || !h.alerts.config.defaultEmail) throw new Error('no row');
    // What the dispatcher would have sent before the crash.
    const channel = createChannel(h.alerts.config.defaultEmail);
    const message = { subject: 'before the crash', text: 'x', sms: 'x' };
    await channel.send(message, { target: row.target, idempotencyKey: row.idempotency_key });
    const again = await restart(h);
    expect(again.rows('alert')[0]).toMatchObject({ state: 'pending', due_at: again.clock.now() });
    expect(await again.run()).toBe(1);
    const [first, second] = await again.sink.waitFor(2);
    const id = messageIdFor(row.idempotency_key, 'alerts@shop.example');
    expect(first?.mail.messageId).toBe(id);
    expect(second?.mail.messageId).toBe(id);
    const after = again.rows('alert')[0];
    expect(after).toMatchObject({ state: 'sent', attempts: 2 });
    expect(history(again, after?.id ?? 0)).toEqual(['ambiguous', 'sent']);
  });

  it('webhook: a dropped connection after the request is retried with the same Idempotency-Key', async () => {
    const h = await firstRun();
    h.policy({ channelId: h.channel('Hook', webhook(h.provider.url)).id });
    h.provider.reply({ status: 0, reset: true });
    h.transition(h.site('A'), 'down', 'line_sync_lost');
    await h.run();
    const row = h.rows('alert')[0];
    expect(row).toMatchObject({ state: 'pending', attempts: 1 });
    expect(history(h, row?.id ?? 0)).toEqual(['ambiguous']);
    h.clock.advance(30_000);
    await h.run();
    expect(h.rows('alert')[0]).toMatchObject({ state: 'sent', attempts: 2 });
    const keys = h.provider.requests.map((r) => r.headers['idempotency-key']);
    expect(keys).toEqual([row?.idempotency_key, row?.idempotency_key]);
  });

  it('SMS: a timeout after the request went out is recorded as ambiguous and not resent (at most once)', async () => {
    const h = await firstRun(500);
    h.policy({ channelId: h.channel('SMS', sipgate()).id });
    h.provider.reply({ status: 0, hang: true });
    h.transition(h.site('A'), 'down', 'line_sync_lost');
    await h.run();
    const row = h.rows('alert')[0];
    expect(row?.state).toBe('failed');
    expect(row?.last_error).toMatch(
      /^may have been sent \(sipgate did not answer within 500 ms\); not sent again/,
    );
    expect(history(h, row?.id ?? 0)).toEqual(['ambiguous']);
    h.clock.advance(60 * minute);
    expect(await h.run()).toBe(0);
    expect(h.provider.requests).toHaveLength(1);
  });
});
