import {
  causeCatalogue,
  type Diagnosis,
  type DnsProbeResult,
  type HttpProbeResult,
  type IcmpProbeResult,
  type Language,
  type LineFigures,
  lineFigures,
  type RouterStatus,
  type RttStats,
  statusCatalogue,
  type TcpProbeResult,
  type Thresholds,
} from '@linewatch/shared';
import type { GatewayCheck } from '../probes/gateway.js';
import type { ProbeRound } from '../probes/round.js';
import { probeLines, routerLines } from './verdict-details.js';

/** One check of `check --json`. */
export type CheckItem =
  | {
      name: 'gateway';
      target: string | null;
      ok: boolean;
      port: number | null;
      rttMs: number | null;
      error: string | null;
    }
  | ({ name: 'tcp'; ok: boolean } & Omit<TcpProbeResult, 'kind'>)
  | ({ name: 'icmp'; ok: boolean } & Omit<IcmpProbeResult, 'kind'>)
  | ({ name: 'dns'; ok: boolean; query: string } & Omit<DnsProbeResult, 'kind' | 'ok' | 'name'>)
  | ({ name: 'http'; ok: boolean } & Omit<HttpProbeResult, 'kind' | 'ok'>);

/** The JSON that `check --json` prints. */
export interface CheckReport {
  status: Diagnosis['status'];
  cause: Diagnosis['cause'];
  evidence: string[];
  checks: CheckItem[];
  /** The router: how it answered on the LAN, plus its own view (UPnP IGD / TR-064) when it was read. */
  router: GatewayCheck & { api: RouterStatus | null };
  figures: LineFigures;
}

/** `check` exits with the verdict so scripts can act on it. */
export const verdictExitCodes: Record<Diagnosis['status'], number> = { up: 0, degraded: 1, down: 2 };

/** Sums up a round and its diagnosis as the JSON of `check --json`. */
export function checkReport(round: ProbeRound, diagnosis: Diagnosis): CheckReport {
  const g = round.gateway;
  const gateway: CheckItem = {
    name: 'gateway',
    target: g.address,
    ok: g.reachable,
    port: g.port,
    rttMs: g.rttMs,
    error: g.error,
  };
  const targets: CheckItem[] = round.targets.map(({ kind: _, ...t }) => ({
    name: 'tcp',
    ok: t.received > 0,
    ...t,
  }));
  const echoes: CheckItem[] = round.icmp.map(({ kind: _, ...r }) => ({
    name: 'icmp',
    ok: r.received > 0,
    ...r,
  }));
  const lookups: CheckItem[] = round.dns.map(({ kind: _, name: query, ...r }) => ({
    name: 'dns',
    query,
    ...r,
  }));
  const fetches: CheckItem[] = round.http.map(({ kind: _, ...r }) => ({ name: 'http', ...r }));
  return {
    status: diagnosis.status,
    cause: diagnosis.cause,
    evidence: diagnosis.evidence,
    checks: [gateway, ...targets, ...echoes, ...lookups, ...fetches],
    router: { ...g, api: round.router },
    figures: lineFigures(round.targets),
  };
}

const words = {
  en: {
    line: 'Line',
    action: 'What to do',
    nothing: 'Nothing to do.',
    checks: 'Checks',
    router: 'Router',
    internet: 'Internet',
    gatewaySource: { override: 'as given', default_route: 'default gateway' },
    noRouter: 'none found',
    answers: (port: number | null) => `answers${port ? ` on port ${port}` : ''}`,
    noAnswer: 'no answer',
    answered: (r: number, s: number) => `${r} of ${s} answered`,
    median: 'median',
    jitter: 'jitter',
    figures: 'Figures',
    loss: 'loss',
    latency: 'latency',
    limits: 'limits',
    evidence: 'Evidence',
  },
  de: {
    line: 'Leitung',
    action: 'Zu tun',
    nothing: 'Nichts zu tun.',
    checks: 'Prüfungen',
    router: 'Router',
    internet: 'Internet',
    gatewaySource: { override: 'vorgegeben', default_route: 'Standard-Gateway' },
    noRouter: 'keiner gefunden',
    answers: (port: number | null) => `antwortet${port ? ` auf Port ${port}` : ''}`,
    noAnswer: 'keine Antwort',
    answered: (r: number, s: number) => `${r} von ${s} beantwortet`,
    median: 'Median',
    jitter: 'Jitter',
    figures: 'Messwerte',
    loss: 'Verlust',
    latency: 'Laufzeit',
    limits: 'Grenzen',
    evidence: 'Befund',
  },
} as const satisfies Record<Language, unknown>;

/**
 * The verdict for a person, in German or English: status and cause from the
 * shared catalogue, what it means, what to do, then each check with its figures.
 */
export function formatVerdict(report: CheckReport, thresholds: Thresholds, lang: Language): string {
  const w = words[lang];
  const num = (n: number) =>
    n.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 });
  const ms = (n: number | null) => (n === null ? '–' : `${num(n)} ms`);
  const pct = (n: number | null) => (n === null ? '–' : `${num(n)} %`);
  const status = statusCatalogue[report.status];
  const cause = report.cause ? causeCatalogue[report.cause] : null;
  const lines = [`${status.icon} ${w.line}: ${status.label[lang]}${cause ? ` — ${cause.label[lang]}` : ''}`];
  if (cause) lines.push(cause.meaning[lang], `${w.action}: ${cause.action[lang]}`);
  else lines.push(w.nothing);
  lines.push('', `${w.checks}:`);

  const r = report.router;
  const where = [r.interface, r.source ? w.gatewaySource[r.source] : null].filter(Boolean).join(', ');
  const routerName = r.address ? `${r.address}${where ? ` (${where})` : ''}` : w.noRouter;
  const routerState = r.reachable ? `${w.answers(r.port)}, ${ms(r.rttMs)}` : `${w.noAnswer} (${r.error})`;
  lines.push(`  ${r.reachable ? '✔' : '✖'} ${w.router} ${routerName}: ${routerState}`);

  for (const c of report.checks) {
    if (c.name !== 'tcp') continue;
    const icon = c.received === c.sent ? '✔' : c.received > 0 ? '▲' : '✖';
    const parts = [w.answered(c.received, c.sent)];
    if (c.rttMs) parts.push(`${w.median} ${ms(c.rttMs.median)} (${range(c.rttMs, num)})`);
    if (c.jitterMs !== null) parts.push(`${w.jitter} ${ms(c.jitterMs)}`);
    lines.push(`  ${icon} ${w.internet} ${c.target}: ${parts.join(', ')}${c.error ? ` (${c.error})` : ''}`);
  }

  lines.push(...probeLines(report, lang, { ms, pct }));
  lines.push(...routerLines(report.router.api, lang, num));
  if (report.evidence.length > 0) lines.push('', `${w.evidence}:`, ...report.evidence.map((e) => `  – ${e}`));

  const f = report.figures;
  const t = thresholds;
  lines.push(
    '',
    `${w.figures}: ${w.loss} ${pct(f.lossPct)}, ${w.latency} ${ms(f.latencyMs)}, ${w.jitter} ${ms(f.jitterMs)}` +
      ` (${w.limits} ${pct(t.lossPct)}, ${ms(t.latencyMs)}, ${ms(t.jitterMs)})`,
  );
  return `${lines.join('\n')}\n`;
}

function range(rtt: RttStats, num: (n: number) => string): string {
  return `${num(rtt.min)}–${num(rtt.max)}`;
}
