import type { AttemptResult, Language, NotificationKind, NotificationState } from '@linewatch/shared';
import type { Db } from '../../store/db.js';

/** One row of the outbox: one message to one target. */
export interface NotificationRow {
  id: number;
  org_id: string;
  incident_id: string | null;
  policy_id: string | null;
  channel_id: string;
  target: string;
  kind: NotificationKind;
  language: Language;
  idempotency_key: string;
  due_at: number;
  state: NotificationState;
  attempts: number;
  claimed_at: number | null;
  claim_token: string | null;
  sent_at: number | null;
  provider_id: string | null;
  /** SMS segments (1 per message for other media): what the monthly budget counts. */
  cost: number;
  /** JSON: facts the row was planned or sent with, e.g. `{"sites":12}`. */
  detail: string;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface NewNotification {
  orgId: string;
  incidentId: string | null;
  policyId: string | null;
  channelId: string;
  target: string;
  kind: NotificationKind;
  language: Language;
  key: string;
  dueAt: number;
  state?: NotificationState;
  claimToken?: string | null;
}

export interface AttemptRow {
  id: number;
  notification_id: number;
  at: number;
  result: AttemptResult;
  provider_id: string | null;
  error: string | null;
  response: string | null;
}

/** Kinds that are sent because an incident needs someone (as opposed to recovery and customer notices). */
export const pagingKinds: readonly NotificationKind[] = ['alert', 'reminder', 'escalation', 'update'];

/**
 * The notification outbox and its attempts. Every state change that matters
 * for delivery is a compare-and-set on the claim token, so two dispatchers
 * (or a dispatcher and the start-up recovery) never both act on one row.
 */
export function notificationsRepo(db: Db) {
  const q = {
    insert:
      db.prepare(`INSERT OR IGNORE INTO notifications (org_id, incident_id, policy_id, channel_id, target, kind,
      language, idempotency_key, due_at, state, claim_token, claimed_at, attempts, created_at, updated_at)
      VALUES (@orgId, @incidentId, @policyId, @channelId, @target, @kind, @language, @key, @dueAt, @state, @claimToken,
      @claimedAt, @attempts, @now, @now)`),
    byKey: db.prepare<[string], NotificationRow>('SELECT * FROM notifications WHERE idempotency_key = ?'),
    get: db.prepare<[number], NotificationRow>('SELECT * FROM notifications WHERE id = ?'),
    // [STYLE.md: Healthchecks] compare-and-set: only the one UPDATE that still sees 'pending' wins the row.
    claim: db.prepare<[{ token: string; now: number }], NotificationRow>(`UPDATE notifications
      SET state = 'sending', claim_token = @token, claimed_at = @now, attempts = attempts + 1, updated_at = @now
      WHERE id = (SELECT id FROM notifications WHERE state = 'pending' AND due_at <= @now ORDER BY due_at, id LIMIT 1)
        AND state = 'pending' RETURNING *`),
    earliestDue: db.prepare<[], { t: number | null }>(
      "SELECT MIN(due_at) AS t FROM notifications WHERE state = 'pending'",
    ),
    settle:
      db.prepare(`UPDATE notifications SET state = @state, last_error = @error, sent_at = COALESCE(@sentAt, sent_at),
      provider_id = COALESCE(@providerId, provider_id), claim_token = NULL, updated_at = @now
      WHERE id = @id AND state = 'sending' AND claim_token = @token`),
    reschedule: db.prepare(`UPDATE notifications SET state = 'pending', due_at = @dueAt, last_error = @note,
      claim_token = NULL, attempts = attempts - @refund, updated_at = @now
      WHERE id = @id AND state = 'sending' AND claim_token = @token`),
    setCost: db.prepare<[number, string, number]>(
      'UPDATE notifications SET cost = ?, detail = ? WHERE id = ?',
    ),
    addAttempt:
      db.prepare(`INSERT INTO notification_attempts (notification_id, at, result, provider_id, error, response)
      VALUES (@id, @at, @result, @providerId, @error, @response)`),
    attempts: db.prepare<[number], AttemptRow>(
      'SELECT * FROM notification_attempts WHERE notification_id = ? ORDER BY at, id',
    ),
    forIncident: db.prepare<[string, number], NotificationRow>(
      'SELECT * FROM notifications WHERE incident_id = ? ORDER BY created_at, id LIMIT ?',
    ),
    forChannel: db.prepare<[string, number], NotificationRow>(
      'SELECT * FROM notifications WHERE channel_id = ? ORDER BY created_at DESC, id DESC LIMIT ?',
    ),
    spent: db.prepare<[string, number, number], { n: number; cost: number | null; oldest: number | null }>(
      `SELECT COUNT(*) AS n, SUM(cost) AS cost, MIN(claimed_at) AS oldest FROM notifications
       WHERE channel_id = ? AND state IN ('sent', 'sending') AND claimed_at >= ? AND id != ?`,
    ),
    stuck: db.prepare<[], NotificationRow>(
      "SELECT * FROM notifications WHERE state = 'sending' ORDER BY claimed_at",
    ),
    supersede:
      db.prepare(`UPDATE notifications SET state = 'superseded', last_error = @reason, updated_at = @now
      WHERE incident_id = @incidentId AND state = 'pending' AND kind IN (SELECT value FROM json_each(@kinds))`),
    ofIncident: db.prepare<[string], NotificationRow>(
      'SELECT * FROM notifications WHERE incident_id = ? ORDER BY id',
    ),
  };

  return {
    /** Inserts unless the key exists; true when a row was added. */
    insert(n: NewNotification, now: number): boolean {
      const state = n.state ?? 'pending';
      return (
        q.insert.run({
          ...n,
          state,
          claimToken: n.claimToken ?? null,
          claimedAt: state === 'sending' ? now : null,
          attempts: state === 'sending' ? 1 : 0,
          now,
        }).changes > 0
      );
    },
    byKey: (key: string) => q.byKey.get(key),
    get: (id: number) => q.get.get(id),
    /** Claims the next due row (pending → sending) for `token`; undefined when none is due. */
    claim: (token: string, now: number) => q.claim.get({ token, now }),
    /** When the next pending row is due (indexed), or null. */
    earliestDue: () => q.earliestDue.get()?.t ?? null,
    /** Ends a claimed row; false when the claim was lost (another process took it over). */
    settle(
      id: number,
      token: string,
      s: { state: NotificationState; error?: string | null; sentAt?: number; providerId?: string | null },
      now: number,
    ): boolean {
      return (
        q.settle.run({
          id,
          token,
          state: s.state,
          error: s.error ?? null,
          sentAt: s.sentAt ?? null,
          providerId: s.providerId ?? null,
          now,
        }).changes > 0
      );
    },
    /**
     * Puts a claimed row back to pending, due at `dueAt`. `refund`: the claim
     * was not a try (quiet hours, rate limit), so it does not count as an attempt.
     */
    reschedule(id: number, token: string, dueAt: number, note: string, now: number, refund = false): boolean {
      return q.reschedule.run({ id, token, dueAt, note, now, refund: refund ? 1 : 0 }).changes > 0;
    },
    setCost: (id: number, cost: number, detail: Record<string, unknown>) =>
      void q.setCost.run(cost, JSON.stringify(detail), id),
    addAttempt(a: {
      id: number;
      at: number;
      result: AttemptResult;
      providerId?: string | null;
      error?: string | null;
      response?: string | null;
    }): void {
      q.addAttempt.run({ providerId: null, error: null, response: null, ...a });
    },
    attempts: (id: number) => q.attempts.all(id),
    forIncident: (incidentId: string, limit: number) => q.forIncident.all(incidentId, limit),
    forChannel: (channelId: string, limit: number) => q.forChannel.all(channelId, limit),
    /**
     * Messages and cost a channel spent (sent or being sent) since `since`,
     * and when the oldest of them was sent; `exceptId`: leave out this row.
     */
    spent(
      channelId: string,
      since: number,
      exceptId = 0,
    ): { messages: number; cost: number; oldest: number | null } {
      const r = q.spent.get(channelId, since, exceptId);
      return { messages: r?.n ?? 0, cost: r?.cost ?? 0, oldest: r?.oldest ?? null };
    },
    /** Rows left in `sending`: a process stopped between claiming and recording them. */
    stuck: () => q.stuck.all(),
    /** Marks an incident's pending rows of these kinds superseded; returns how many. */
    supersedePending(
      incidentId: string,
      kinds: readonly NotificationKind[],
      reason: string,
      now: number,
    ): number {
      return q.supersede.run({ incidentId, kinds: JSON.stringify(kinds), reason, now }).changes;
    },
    /** Every row of an incident, oldest first. */
    ofIncident: (incidentId: string) => q.ofIncident.all(incidentId),
  };
}
export type NotificationsRepo = ReturnType<typeof notificationsRepo>;
