import type { Idempotency, SendResult } from './channel.js';
import { channelDefinitions } from './channel.js';
import type { AlertConfig } from './config.js';
import { ChannelError } from './errors.js';
import type { AlertStore } from './store/index.js';
import type { NotificationRow } from './store/notifications.js';

/**
 * Recording how a send ended: every try is an attempt row; the notification
 * is settled with a compare-and-set on its claim token. Delivery errors are
 * data: the row's `last_error`, and the channel's after a permanent failure.
 */

/**
 * The wait before try `attempts + 1`: `backoffBaseMs` doubled per try, at
 * most `backoffMaxMs`; the provider's `Retry-After` wins when given (but
 * never less than a second, so a `Retry-After: 0` cannot spin).
 *
 * @example backoffMs(defaultAlertConfig, 3) // 120000
 */
export function backoffMs(config: AlertConfig, attempts: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.max(1000, retryAfterMs);
  return Math.min(config.backoffMaxMs, config.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
}

/** The channel's idempotency by kind, without building it; unknown channels count as `none` (the cautious answer). */
export function idempotencyOf(alertStore: AlertStore, row: NotificationRow): Idempotency {
  const ch = alertStore.channels.get(null, row.channel_id);
  return ch ? channelDefinitions[ch.kind].idempotency : 'none';
}

export function recordSuccess(
  alertStore: AlertStore,
  row: NotificationRow,
  token: string,
  result: SendResult,
  now: number,
): boolean {
  return alertStore.immediate(() => {
    const providerId = result.providerId ?? null;
    alertStore.notifications.addAttempt({
      id: row.id,
      at: now,
      result: 'sent',
      providerId,
      response: result.response,
    });
    alertStore.channels.setLastError(row.channel_id, null, null);
    return alertStore.notifications.settle(row.id, token, { state: 'sent', sentAt: now, providerId }, now);
  });
}

export type FailureOutcome = 'retry' | 'failed';

/**
 * Records a failed send and decides what follows:
 * 1. permanent → failed, and the channel's last error;
 * 2. ambiguous on a channel without idempotency → failed, not resent (a
 *    resend could deliver it twice: at most once is the promise there);
 * 3. transient (or ambiguous where the receiver spots a repeat by its key)
 *    → pending again after {@link backoffMs}, unless `retry` is false or
 *    `maxAttempts` are spent.
 */
export function recordFailure(
  alertStore: AlertStore,
  config: AlertConfig,
  row: NotificationRow,
  token: string,
  err: unknown,
  opts: { idempotency: Idempotency; now: number; retry: boolean },
): FailureOutcome {
  const e =
    err instanceof ChannelError
      ? err
      : new ChannelError(`could not send: ${err instanceof Error ? err.message : String(err)}`, {
          permanent: true,
          cause: err,
        });
  const { now } = opts;
  const ambiguous = e.ambiguous && !e.permanent;
  const result = e.permanent ? 'permanent' : ambiguous ? 'ambiguous' : 'transient';
  let error = e.message;
  let outcome: FailureOutcome = 'failed';
  if (!e.permanent && ambiguous && opts.idempotency === 'none') {
    error = `may have been sent (${e.message}); not sent again: this provider cannot recognise a repeat`;
  } else if (!e.permanent && opts.retry && row.attempts < config.maxAttempts) {
    outcome = 'retry';
  } else if (!e.permanent && opts.retry) {
    error = `gave up after ${row.attempts} attempts: ${e.message}`;
  }
  alertStore.immediate(() => {
    const n = alertStore.notifications;
    n.addAttempt({ id: row.id, at: now, result, error: e.message, response: e.response ?? null });
    if (outcome === 'retry') {
      const due = now + backoffMs(config, row.attempts, e.retryAfterMs);
      n.reschedule(row.id, token, due, `will retry: ${e.message}`, now);
    } else {
      n.settle(row.id, token, { state: 'failed', error }, now);
      alertStore.channels.setLastError(row.channel_id, error, now);
    }
  });
  return outcome;
}

/**
 * After a restart: rows left in `sending` were claimed by a process that
 * stopped before it recorded the outcome — the message may or may not have
 * gone out. Handled as an ambiguous failure:
 * - channels without idempotency (SMS providers): failed, with the reason,
 *   never resent (at most once);
 * - channels whose receiver recognises the key (e-mail Message-ID, webhook
 *   Idempotency-Key): sent again now with the same key.
 * Call once at start-up, before the dispatcher claims anything (one
 * dispatcher per database). Returns how many rows were handled.
 */
export function recoverStuck(alertStore: AlertStore, now: number): number {
  let handled = 0;
  for (const row of alertStore.notifications.stuck()) {
    const token = row.claim_token ?? '';
    const none = idempotencyOf(alertStore, row) === 'none';
    alertStore.immediate(() => {
      const n = alertStore.notifications;
      const error = none
        ? 'may have been sent — server stopped while sending; not sent again: this provider cannot recognise a repeat'
        : 'server stopped while sending; sent again with the same idempotency key';
      n.addAttempt({ id: row.id, at: now, result: 'ambiguous', error: 'server stopped while sending' });
      if (none) n.settle(row.id, token, { state: 'failed', error }, now);
      else n.reschedule(row.id, token, now, error, now);
    });
    handled++;
  }
  return handled;
}
