import type { Language, RouterStatus } from '@linewatch/shared';
import type { CheckReport } from './verdict.js';

const words = {
  en: {
    ping: 'Ping',
    dns: 'DNS',
    web: 'Web',
    system: 'system resolver',
    replies: (r: number, s: number) => `${r} of ${s} replies`,
    resolved: (n: number) => `resolved (${n} address${n === 1 ? '' : 'es'})`,
    failed: 'failed',
    routerView: 'The router reports',
    model: 'Model',
    link: 'WAN link',
    session: 'Internet session',
    since: (d: string) => `up for ${d}`,
    external: 'external IP',
    dsl: 'DSL',
    sync: 'sync',
    attainable: 'attainable',
    margin: 'SNR margin',
    attenuation: 'attenuation',
    errors: 'errors since sync',
    log: 'Router log',
    findings: 'Router access',
    down: 'down',
    up: 'up',
  },
  de: {
    ping: 'Ping',
    dns: 'DNS',
    web: 'Web',
    system: 'System-Resolver',
    replies: (r: number, s: number) => `${r} von ${s} Antworten`,
    resolved: (n: number) => `aufgelöst (${n} Adresse${n === 1 ? '' : 'n'})`,
    failed: 'gescheitert',
    routerView: 'Der Router meldet',
    model: 'Modell',
    link: 'WAN-Verbindung',
    session: 'Internet-Sitzung',
    since: (d: string) => `seit ${d}`,
    external: 'externe IP',
    dsl: 'DSL',
    sync: 'Sync',
    attainable: 'möglich',
    margin: 'SNR-Marge',
    attenuation: 'Dämpfung',
    errors: 'Fehler seit Sync',
    log: 'Router-Protokoll',
    findings: 'Router-Zugriff',
    down: 'ab',
    up: 'auf',
  },
} as const satisfies Record<Language, unknown>;

type Formatters = { ms: (n: number | null) => string; pct: (n: number | null) => string };

/** ICMP, DNS and HTTP lines of the human verdict. */
export function probeLines(report: CheckReport, lang: Language, f: Formatters): string[] {
  const w = words[lang];
  const lines: string[] = [];
  for (const c of report.checks) {
    if (c.name === 'icmp') {
      const icon = c.received === c.sent && c.sent > 0 ? '✔' : c.received > 0 ? '▲' : '✖';
      const rtt = c.rttMs ? `, ${f.ms(c.rttMs.median)} (mdev ${f.ms(c.mdevMs)})` : '';
      lines.push(
        `  ${icon} ${w.ping} ${c.target}: ${w.replies(c.received, c.sent)}${rtt}${c.error ? ` (${c.error})` : ''}`,
      );
    } else if (c.name === 'dns') {
      const who = c.resolver === 'system' ? w.system : c.resolver;
      const state = c.ok ? `${w.resolved(c.answers)}, ${f.ms(c.timeMs)}` : `${w.failed} (${c.error ?? '?'})`;
      lines.push(`  ${c.ok ? '✔' : '✖'} ${w.dns} ${c.query} @ ${who}: ${state}`);
    } else if (c.name === 'http') {
      const state =
        c.status === null ? `${w.failed} (${c.error ?? '?'})` : `HTTP ${c.status}, ${f.ms(c.phasesMs.total)}`;
      lines.push(`  ${c.ok ? '✔' : '✖'} ${w.web} ${c.url}: ${state}`);
    }
  }
  return lines;
}

/** How long, in days/hours/minutes, for a person. */
function duration(seconds: number, lang: Language): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const units = lang === 'de' ? ['T', 'Std', 'Min'] : ['d', 'h', 'min'];
  if (d > 0) return `${d} ${units[0]} ${h} ${units[1]}`;
  if (h > 0) return `${h} ${units[1]} ${m} ${units[2]}`;
  return `${m} ${units[2]}`;
}

/**
 * The router's own view for the hotline: model, WAN link and session with
 * how long they have been up, the DSL figures, the newest log lines and any
 * access problem.
 */
export function routerLines(api: RouterStatus | null, lang: Language, num: (n: number) => string): string[] {
  if (!api) return [];
  const w = words[lang];
  const lines = [
    '',
    `${w.routerView}${api.protocol ? ` (${api.protocol === 'tr064' ? 'TR-064' : 'UPnP IGD'})` : ''}:`,
  ];
  if (api.model) lines.push(`  ${w.model}: ${api.model}${api.firmware ? `, FRITZ!OS ${api.firmware}` : ''}`);
  const wan = api.wan;
  if (wan) {
    if (wan.physicalLinkStatus)
      lines.push(`  ${w.link}: ${wan.physicalLinkStatus}${wan.accessType ? ` (${wan.accessType})` : ''}`);
    if (wan.connectionStatus) {
      const since =
        wan.connectionStatus === 'Connected' && wan.uptimeSeconds !== null
          ? `, ${w.since(duration(wan.uptimeSeconds, lang))}`
          : '';
      const error =
        wan.lastConnectionError && wan.lastConnectionError !== 'ERROR_NONE'
          ? ` (${wan.lastConnectionError})`
          : '';
      lines.push(
        `  ${w.session}: ${wan.connectionStatus}${error}${since}${wan.externalIp ? `, ${w.external} ${wan.externalIp}` : ''}`,
      );
    }
  }
  const dsl = api.dsl;
  if (dsl) {
    const kbps = (n: number | null) => (n === null ? '–' : `${num(n / 1000)} Mbit/s`);
    const db = (n: number | null) => (n === null ? '–' : `${num(n)} dB`);
    lines.push(
      `  ${w.dsl} ${dsl.status ?? '?'}: ${w.sync} ↓ ${kbps(dsl.downCurrentKbps)} ↑ ${kbps(dsl.upCurrentKbps)}` +
        ` (${w.attainable} ↓ ${kbps(dsl.downMaxKbps)} ↑ ${kbps(dsl.upMaxKbps)})`,
      `  ${w.margin} ↓ ${db(dsl.downSnrMarginDb)} ↑ ${db(dsl.upSnrMarginDb)}, ${w.attenuation} ↓ ${db(dsl.downAttenuationDb)} ↑ ${db(dsl.upAttenuationDb)}`,
      `  CRC ${dsl.crcErrors ?? '–'}, FEC ${dsl.fecErrors ?? '–'}, resyncs ${dsl.linkRetrains ?? '–'} (${w.errors})`,
    );
  }
  if (api.log.length > 0) {
    lines.push(`  ${w.log}:`);
    for (const entry of api.log.slice(0, 5))
      lines.push(`    ${entry.at ? `${entry.at.replace('T', ' ').slice(0, 19)} ` : ''}${entry.text}`);
  }
  for (const finding of api.findings) lines.push(`  ${w.findings}: ${finding.subject} — ${finding.detail}`);
  return lines;
}
