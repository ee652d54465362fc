import type { IncidentEventKind } from '@linewatch/shared';
import type { Logger } from 'pino';
import type { IncidentRow } from '../store/incidents.js';
import type { Store } from '../store/index.js';
import type { SiteRow } from '../store/sites.js';
import type { TransitionRow } from '../store/transitions.js';
import { followLines, joinArea } from './area-joining.js';
import type { IncidentConfig } from './config.js';
import { createIncidentContext, type IncidentContext, system } from './context.js';
import { flapState } from './flapping.js';
import { agentRebooted, reconcile } from './reconciliation.js';
import { openSustainedDegraded, resolveStable } from './timed-steps.js';

export interface IncidentProcessorDeps {
  store: Store;
  now(): number;
  config: IncidentConfig;
  log: Logger;
  /** Told after an incident was opened (`opened`) or changed and committed (for the live feed). */
  onChange(incidentId: string, opened: boolean): void;
  /** Told of every timeline event the processor records, inside its transaction (for alerts). */
  onEvent?(event: { incidentId: string; kind: IncidentEventKind; at: number }): void;
}

/**
 * Turns status changes (`transitions` rows) into incidents. Each row is
 * handled and marked processed in one transaction, so a crash neither loses
 * nor repeats one (Healthchecks' Flip). Time-based steps — resolving a line
 * that stayed back, opening an incident for a line degraded too long — run
 * in {@link tick}; what a returning agent recorded corrects its incident in
 * {@link reconcile} (`reconciliation.ts`); sites failing together are
 * grouped in `area-joining.ts`.
 *
 * @example
 * const incidents = createIncidentProcessor(deps);
 * incidents.process();          // after each stored transition
 * setInterval(incidents.tick, 5000);
 */
export function createIncidentProcessor(deps: IncidentProcessorDeps) {
  const { store, log } = deps;
  const { ctx, flush } = createIncidentContext(deps);

  /** Runs `step` in one transaction at the time it starts, then tells of what changed. */
  const inTx = (step: (now: number) => void) => {
    store.tx(() => step(deps.now()));
    flush();
  };

  return {
    /** Handles every unprocessed transition, oldest first, each in its own transaction. */
    process(): void {
      for (;;) {
        const batch = store.transitions.unprocessed(100);
        if (batch.length === 0) break;
        for (const t of batch) {
          try {
            store.tx(() => {
              const now = deps.now();
              handle(ctx, t, now);
              store.transitions.markProcessed(t.id, now);
            });
          } catch (err) {
            log.error({ err, transitionId: t.id }, 'transition not turned into an incident');
            store.transitions.markProcessed(t.id, deps.now());
          }
        }
      }
      flush();
    },
    /** Time-based steps; cheap (indexed queries over recovering incidents and degraded sites). */
    tick(): void {
      inTx((now) => {
        resolveStable(ctx, now);
        openSustainedDegraded(ctx, now);
      });
    },
    /** See `reconcile` in `reconciliation.ts`: call after each backlog batch of a site is stored. */
    reconcile(siteId: string): void {
      inTx((now) => reconcile(ctx, siteId, now));
    },
    /** See `agentRebooted` in `reconciliation.ts`. */
    agentRebooted(siteId: string, bootedAt: number): void {
      inTx((now) => agentRebooted(ctx, siteId, bootedAt, now));
    },
  };
}
export type IncidentProcessor = ReturnType<typeof createIncidentProcessor>;

/** One status change: recorded on the site's open incident, then what it means. */
function handle(ctx: IncidentContext, t: TransitionRow, now: number): void {
  const { store } = ctx;
  const site = store.sites.getById(t.site_id);
  if (!site) return;
  const open = store.incidents.openForSite(site.id);
  if (open) {
    ctx.record(open.id, t.at, 'status_changed', system, {
      from: t.old_status,
      to: t.new_status,
      cause: t.cause,
      reason: t.reason,
    });
    ctx.touch(open.id);
  }
  if (t.new_status === 'down') siteDown(ctx, t, site, open, now);
  else if (open && (t.new_status === 'up' || t.new_status === 'degraded')) siteBack(ctx, t, open, now);
}

/** 1. A site went down: open its incident (or reopen a recovering one), then look at the area. */
function siteDown(
  ctx: IncidentContext,
  t: TransitionRow,
  site: SiteRow,
  open: IncidentRow | undefined,
  now: number,
): void {
  const { store } = ctx;
  if (open) {
    if (open.recovered_at !== null) {
      store.incidents.update(open.id, { recovered_at: null }, now);
      ctx.record(open.id, t.at, 'relapsed', system, { cause: t.cause });
      markFlapping(ctx, open, site, now);
      followLines(ctx, open.parent_id, now);
    }
    if (open.status !== 'down' || open.cause !== t.cause) {
      store.incidents.update(open.id, { status: 'down', cause: t.cause }, now);
    }
    ctx.touch(open.id);
    return;
  }
  const id = store.incidents.create(
    {
      orgId: site.org_id,
      kind: 'site',
      siteId: site.id,
      status: 'down',
      cause: t.cause,
      maintenance: ctx.inMaintenance(site, t.at),
      startedAt: t.at,
    },
    now,
  );
  ctx.record(id, t.at, 'opened', system, { status: 'down', cause: t.cause, reason: t.reason });
  ctx.touch(id, true);
  joinArea(ctx, site, t, now);
}

/** A line that keeps failing stays one incident, marked flapping once it failed often enough. */
function markFlapping(ctx: IncidentContext, incident: IncidentRow, site: SiteRow, now: number): void {
  if (incident.flapping === 1) return;
  const history = ctx.store.transitions
    .forSite(site.id, 200)
    .filter((r) => r.new_status === 'down' || r.new_status === 'up')
    .map((r) => ({ to: r.new_status as 'down' | 'up', at: r.at }))
    .reverse();
  const flap = flapState(history, now, ctx.config.flap);
  if (!flap.flapping) return;
  ctx.store.incidents.update(incident.id, { flapping: 1 }, now);
  ctx.record(incident.id, now, 'flapping', system, { downs: flap.downs });
}

/** 2. The line is back (or only degraded now): the incident waits to see it stay (see `timed-steps.ts`). */
function siteBack(ctx: IncidentContext, t: TransitionRow, open: IncidentRow, now: number): void {
  if (open.status === 'down' && open.recovered_at === null) {
    ctx.store.incidents.update(open.id, { recovered_at: t.at }, now);
    ctx.record(open.id, t.at, 'recovered', system, { status: t.new_status, cause: t.cause });
    ctx.touch(open.id);
    followLines(ctx, open.parent_id, now);
  }
}
