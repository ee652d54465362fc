import { randomUUID } from 'node:crypto';
import type { Language, TestSendResult } from '@linewatch/shared';
import type { Store } from '../store/index.js';
import { type ChannelCache, costOf } from './channel-cache.js';
import type { AlertConfig } from './config.js';
import { recordFailure, recordSuccess } from './delivery.js';
import { ChannelError } from './errors.js';
import { messageFacts } from './message-facts.js';
import type { AlertStore } from './store/index.js';
import type { NotificationRow } from './store/notifications.js';
import { renderMessage } from './templates.js';

export interface TestSendDeps {
  store: Store;
  alertStore: AlertStore;
  config: AlertConfig;
  channels: ChannelCache;
  now(): number;
  ackKey(): Buffer;
  signal?: AbortSignal;
}

/**
 * Sends a test message through a channel to each of its targets, now. Each
 * is an outbox row of kind `test` (claimed at birth, so no dispatcher takes
 * it) with its attempt recorded, and is never retried: the person waiting
 * for the answer sees the provider's reply or the classified error.
 *
 * @example
 * await testSend(deps, orgId, channelId, 'de') // { results: [{ target: '+4915…', ok: true, response: '204 (no body)', … }] }
 */
export async function testSend(
  deps: TestSendDeps,
  orgId: string,
  channelId: string,
  lang: Language,
): Promise<TestSendResult | null> {
  const { alertStore } = deps;
  const { notifications } = alertStore;
  const stored = alertStore.channels.get(orgId, channelId);
  if (!stored) return null;
  const channel = deps.channels.channelFor(stored, { kind: 'test', target: '' });
  const results: TestSendResult['results'] = [];
  for (const target of channel.targets) {
    const token = randomUUID();
    const key = `test:${stored.id}:${target}:${token}`;
    const now = deps.now();
    notifications.insert(
      {
        orgId,
        incidentId: null,
        policyId: null,
        channelId: stored.id,
        target,
        kind: 'test',
        language: lang,
        key,
        dueAt: now,
        state: 'sending',
        claimToken: token,
      },
      now,
    );
    const row = notifications.byKey(key) as NotificationRow;
    const message = renderMessage(messageFacts(deps, row, stored, undefined, [], now));
    notifications.setCost(row.id, costOf(stored.settings, message), {});
    try {
      const result = await channel.send(message, { target, idempotencyKey: key, signal: deps.signal });
      recordSuccess(alertStore, row, token, result, deps.now());
      const providerId = result.providerId ?? null;
      results.push({ target, ok: true, providerId, response: result.response, error: null });
    } catch (err) {
      const opts = { idempotency: channel.idempotency, now: deps.now(), retry: false };
      recordFailure(alertStore, deps.config, row, token, err, opts);
      const e = err instanceof ChannelError ? err : undefined;
      results.push({
        target,
        ok: false,
        providerId: null,
        response: e?.response ?? null,
        error: {
          message: err instanceof Error ? err.message : String(err),
          classification: e?.classification ?? 'permanent',
          ambiguous: e?.ambiguous ?? false,
          status: e?.status ?? null,
        },
      });
    }
  }
  return { results };
}
