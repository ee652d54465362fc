import type { FindingKind, FindingSeverity, SiteFinding, TrendFinding } from '@linewatch/shared';
import type { Db } from './db.js';

interface FindingRow {
  site_id: string;
  kind: FindingKind;
  severity: FindingSeverity;
  message_de: string;
  message_en: string;
  evidence: string;
  first_seen_at: number;
  last_seen_at: number;
  cleared_at: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The API shape of a finding row. */
export function toSiteFinding(r: FindingRow): SiteFinding {
  return {
    siteId: r.site_id,
    kind: r.kind,
    severity: r.severity,
    message: { de: r.message_de, en: r.message_en },
    evidence: JSON.parse(r.evidence) as Record<string, number>,
    firstSeenAt: iso(r.first_seen_at),
    lastSeenAt: iso(r.last_seen_at),
    clearedAt: r.cleared_at === null ? null : iso(r.cleared_at),
  };
}

const columns =
  'site_id, kind, severity, message_de, message_en, evidence, first_seen_at, last_seen_at, cleared_at';

/**
 * Early-warning findings of sites (migration 7). One open row per site and
 * kind: a finding that still holds is updated in place (message, figures,
 * severity, `last_seen_at`), so `first_seen_at` tells how long the trend
 * has lasted; one that no longer holds gets `cleared_at` (see `sync` for
 * the grace) and stays as history. The next time it holds, a new row opens.
 *
 * @example
 * const { opened, cleared } = store.findings.sync(siteId, findings, Date.now());
 */
export function findingsRepo(db: Db) {
  const q = {
    open: db.prepare<[string], FindingRow>(
      `SELECT ${columns} FROM site_findings WHERE site_id = ? AND cleared_at IS NULL ORDER BY first_seen_at, kind`,
    ),
    openForOrg: db.prepare<[string], FindingRow>(
      `SELECT ${columns} FROM site_findings WHERE org_id = ? AND cleared_at IS NULL
       ORDER BY severity = 'warning' DESC, first_seen_at, site_id, kind`,
    ),
    update: db.prepare(
      `UPDATE site_findings SET severity = @severity, message_de = @de, message_en = @en, evidence = @evidence,
       last_seen_at = @now WHERE site_id = @siteId AND kind = @kind AND cleared_at IS NULL`,
    ),
    // org_id from the site, so callers need not carry it and a row never lands in another org
    insert: db.prepare(
      `INSERT INTO site_findings (org_id, site_id, kind, severity, message_de, message_en, evidence,
       first_seen_at, last_seen_at) SELECT org_id, id, @kind, @severity, @de, @en, @evidence, @now, @now
       FROM sites WHERE id = @siteId`,
    ),
    clear: db.prepare<[number, string, string]>(
      'UPDATE site_findings SET cleared_at = ? WHERE site_id = ? AND kind = ? AND cleared_at IS NULL',
    ),
    openKinds: db.prepare<[string], { kind: FindingKind; last_seen_at: number }>(
      'SELECT kind, last_seen_at FROM site_findings WHERE site_id = ? AND cleared_at IS NULL',
    ),
  };

  /** Opens or refreshes the site's finding of `f.kind`; `opened` when there was none open. */
  function upsert(siteId: string, f: TrendFinding, now: number): { opened: boolean } {
    const params = {
      siteId,
      kind: f.kind,
      severity: f.severity,
      de: f.message.de,
      en: f.message.en,
      evidence: JSON.stringify(f.evidence),
      now,
    };
    if (q.update.run(params).changes > 0) return { opened: false };
    return { opened: q.insert.run(params).changes > 0 };
  }

  /** Clears the site's open finding of `kind`; false when none was open. */
  function clear(siteId: string, kind: FindingKind, now: number): boolean {
    return q.clear.run(now, siteId, kind).changes > 0;
  }

  return {
    /** The open findings of a site, oldest first. */
    open: (siteId: string): SiteFinding[] => q.open.all(siteId).map(toSiteFinding),
    /** The open findings of every site of an org, warnings first. */
    openForOrg: (orgId: string): SiteFinding[] => q.openForOrg.all(orgId).map(toSiteFinding),
    upsert,
    clear,
    /**
     * Makes the site's open findings `findings`: upserts each, and clears
     * each other open kind last seen at least `clearAfterMs` ago. The grace
     * keeps a figure hovering at a threshold from opening and clearing a
     * row every run. The caller holds the transaction.
     */
    sync(
      siteId: string,
      findings: readonly TrendFinding[],
      now: number,
      clearAfterMs = 0,
    ): { opened: FindingKind[]; cleared: FindingKind[] } {
      const holding = new Set(findings.map((f) => f.kind));
      const opened = findings.filter((f) => upsert(siteId, f, now).opened).map((f) => f.kind);
      const cleared = q.openKinds
        .all(siteId)
        .filter(
          (r) => !holding.has(r.kind) && r.last_seen_at <= now - clearAfterMs && clear(siteId, r.kind, now),
        )
        .map((r) => r.kind);
      return { opened, cleared };
    },
  };
}
export type FindingsRepo = ReturnType<typeof findingsRepo>;
