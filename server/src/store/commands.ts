import { randomUUID } from 'node:crypto';
import type { Command, CommandName } from '@linewatch/shared';
import type { Db } from './db.js';

export interface CommandRow {
  id: string;
  org_id: string;
  site_id: string;
  agent_id: string;
  name: CommandName;
  issued_at: number;
  expires_at: number;
  sent_at: number | null;
  done_at: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The API shape of a command row at `now`. */
export function toCommand(r: CommandRow, now: number): Command {
  const state =
    r.done_at !== null ? 'done' : r.expires_at <= now ? 'expired' : r.sent_at !== null ? 'sent' : 'pending';
  return {
    id: r.id,
    siteId: r.site_id,
    name: r.name,
    state,
    issuedAt: iso(r.issued_at) as string,
    expiresAt: iso(r.expires_at) as string,
    sentAt: iso(r.sent_at),
    doneAt: iso(r.done_at),
  };
}

/** Commands to agents: kept until done or expired, re-sent on every reconnect until then. */
export function commandsRepo(db: Db) {
  const q = {
    insert: db.prepare(`INSERT INTO commands (id, org_id, site_id, agent_id, name, issued_at, expires_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    get: db.prepare<[string], CommandRow>('SELECT * FROM commands WHERE id = ?'),
    pending: db.prepare<[string, number], CommandRow>(
      'SELECT * FROM commands WHERE agent_id = ? AND done_at IS NULL AND expires_at > ? ORDER BY issued_at',
    ),
    forSite: db.prepare<[string, number], CommandRow>(
      'SELECT * FROM commands WHERE site_id = ? ORDER BY issued_at DESC LIMIT ?',
    ),
    sent: db.prepare('UPDATE commands SET sent_at = ? WHERE id = ?'),
    done: db.prepare('UPDATE commands SET done_at = ? WHERE id = ? AND agent_id = ? AND done_at IS NULL'),
  };
  return {
    create(
      c: { orgId: string; siteId: string; agentId: string; name: CommandName; ttlMs: number },
      now: number,
    ): CommandRow {
      const id = randomUUID();
      q.insert.run(id, c.orgId, c.siteId, c.agentId, c.name, now, now + c.ttlMs);
      return q.get.get(id) as CommandRow;
    },
    get: (id: string) => q.get.get(id),
    /** Not done and not expired, oldest first (indexed). */
    pending: (agentId: string, now: number) => q.pending.all(agentId, now),
    forSite: (siteId: string, limit = 20) => q.forSite.all(siteId, limit),
    markSent: (id: string, now: number) => void q.sent.run(now, id),
    /** Only the agent the command was for can complete it. */
    markDone: (id: string, agentId: string, now: number) => q.done.run(now, id, agentId).changes === 1,
  };
}
export type CommandsRepo = ReturnType<typeof commandsRepo>;
