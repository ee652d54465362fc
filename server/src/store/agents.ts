import { randomUUID } from 'node:crypto';
import type { Db } from './db.js';

export interface AgentRow {
  id: string;
  org_id: string;
  site_id: string;
  secret_hash: string;
  boot_id: string | null;
  booted_at: number | null;
  keepalive_seconds: number | null;
  interval_seconds: number | null;
  connected: number;
}

export interface EnrollmentTokenRow {
  token_hash: string;
  org_id: string;
  site_id: string;
  expires_at: number;
  used_at: number | null;
}

/** Agents, their credentials and the one-time enrollment tokens that create them. */
export function agentsRepo(db: Db) {
  const q = {
    insertToken: db.prepare(
      'INSERT INTO enrollment_tokens (token_hash, org_id, site_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    ),
    token: db.prepare<[string], EnrollmentTokenRow>('SELECT * FROM enrollment_tokens WHERE token_hash = ?'),
    spendToken: db.prepare(
      'UPDATE enrollment_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL',
    ),
    revokeTokens: db.prepare('DELETE FROM enrollment_tokens WHERE site_id = ? AND used_at IS NULL'),
    deleteAgentOfSite: db.prepare('DELETE FROM agents WHERE site_id = ?'),
    insertAgent:
      db.prepare(`INSERT INTO agents (id, org_id, site_id, secret_hash, hostname, agent_version, platform, enrolled_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    get: db.prepare<[string], AgentRow>('SELECT * FROM agents WHERE id = ?'),
    setStatus: db.prepare(
      'UPDATE agents SET boot_id = ?, booted_at = ?, keepalive_seconds = ?, interval_seconds = ?, agent_version = ? WHERE id = ?',
    ),
    setConnected: db.prepare('UPDATE agents SET connected = ? WHERE id = ?'),
    setBacklog: db.prepare('UPDATE agents SET outbox_backlog = ?, outbox_backlog_at = ? WHERE id = ?'),
  };
  return {
    createToken: (tokenHash: string, orgId: string, siteId: string, now: number, expiresAt: number) =>
      void q.insertToken.run(tokenHash, orgId, siteId, now, expiresAt),
    token: (tokenHash: string) => q.token.get(tokenHash),
    /**
     * Replaces a site's unspent enrollment tokens with a new one (one
     * transaction): only the newest token handed out can enroll a box.
     */
    reissueToken: db.transaction(
      (tokenHash: string, orgId: string, siteId: string, now: number, expiresAt: number): void => {
        q.revokeTokens.run(siteId);
        q.insertToken.run(tokenHash, orgId, siteId, now, expiresAt);
      },
    ),
    /**
     * Spends a token and creates the site's agent in one transaction (a
     * site has one agent: re-enrolling replaces the old one). Returns
     * false when the token was spent concurrently.
     */
    enroll: db.transaction(
      (
        t: EnrollmentTokenRow,
        secretHash: string,
        facts: {
          hostname?: string | undefined;
          agentVersion?: string | undefined;
          platform?: string | undefined;
        },
        now: number,
      ): string | null => {
        if (q.spendToken.run(now, t.token_hash).changes !== 1) return null;
        q.deleteAgentOfSite.run(t.site_id);
        const id = randomUUID();
        q.insertAgent.run(
          id,
          t.org_id,
          t.site_id,
          secretHash,
          facts.hostname ?? null,
          facts.agentVersion ?? null,
          facts.platform ?? null,
          now,
        );
        return id;
      },
    ),
    get: (id: string) => q.get.get(id),
    recordStatus: (
      id: string,
      s: {
        bootId: string;
        bootedAt: number;
        keepaliveSeconds: number;
        intervalSeconds: number;
        agentVersion: string;
      },
    ) =>
      void q.setStatus.run(s.bootId, s.bootedAt, s.keepaliveSeconds, s.intervalSeconds, s.agentVersion, id),
    setConnected: (id: string, connected: boolean) => void q.setConnected.run(connected ? 1 : 0, id),
    /** The samples waiting in the agent's outbox, as it reported them with a batch. */
    setBacklog: (id: string, backlog: number, at: number) => void q.setBacklog.run(backlog, at, id),
  };
}
export type AgentsRepo = ReturnType<typeof agentsRepo>;
