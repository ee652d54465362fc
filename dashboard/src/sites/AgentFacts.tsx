import type { AgentFacts as Facts, LatestMeasurement, Site } from '@linewatch/shared';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../app/context';
import { useI18n } from '../i18n/context';
import { formatDuration } from '../i18n/time';
import { clockVerdict, formatOffset } from './agentClock';
import { waitingSamples } from './backlog';

/** The box's clock in words: synced, or how far ahead or behind the server's time. */
function ClockFact({ agent }: { agent: Facts | null }) {
  const { t, number } = useI18n();
  const verdict = agent ? clockVerdict(agent) : null;
  if (agent === null || verdict === null) return <dd>—</dd>;
  const off = formatOffset(verdict.offMs, (s) => number(s, { maximumFractionDigits: 1 }));
  const words = {
    synced: `✔ ${t('agent.clockSynced', { off })}`,
    ahead: `⚠ ${t('agent.clockAhead', { off })}`,
    behind: `⚠ ${t('agent.clockBehind', { off })}`,
  }[verdict.kind];
  return (
    <dd data-testid="agent-clock" className={verdict.kind === 'synced' ? undefined : 'warn-text'}>
      {words}
      {agent.ntpSynced === false && <span className="muted small"> · {t('agent.noNtp')}</span>}
    </dd>
  );
}

/**
 * The monitoring box: software version, last seen, uptime since its boot,
 * what waits in its outbox, whether its clock agrees with the server's,
 * samples that never arrived. The facts come from `GET /sites/{id}`,
 * refreshed every 30 s.
 */
export function AgentFacts({
  site,
  latest,
  now,
}: {
  site: Site;
  latest: LatestMeasurement | null;
  now: number;
}) {
  const { t, relative, dateTime, number } = useI18n();
  const api = useApi();
  const enrolled = site.agentId !== null;
  const gaps = useQuery({
    queryKey: ['site', site.id, 'gaps'],
    queryFn: () => api.gaps(site.id),
    enabled: enrolled,
  });
  const detail = useQuery({
    queryKey: ['site', site.id],
    queryFn: () => api.getSite(site.id),
    enabled: enrolled,
    refetchInterval: 30_000,
  });
  const agent = detail.data?.agent ?? null;
  const version = agent?.version ?? site.agentVersion ?? null;
  const backlog = agent?.outboxBacklog ?? site.outboxBacklog ?? null;
  const waiting = waitingSamples(backlog);
  const m = latest?.measurement;
  if (!enrolled) {
    return (
      <section className="card panel" aria-labelledby="agent-title">
        <h2 id="agent-title">{t('agent.title')}</h2>
        <p className="muted">{t('agent.notEnrolled')}</p>
      </section>
    );
  }
  return (
    <section className="card panel" aria-labelledby="agent-title">
      <h2 id="agent-title">{t('agent.title')}</h2>
      <dl className="facts" data-testid="agent-facts">
        <dt>{t('agent.version')}</dt>
        <dd>{version ? `linewatch-agent ${version}` : '—'}</dd>
        <dt>{t('col.lastSeen')}</dt>
        <dd>
          {site.lastSeenAt ? (
            <time dateTime={site.lastSeenAt} title={dateTime(site.lastSeenAt)}>
              {relative(site.lastSeenAt, now)}
            </time>
          ) : (
            t('site.neverSeen')
          )}
        </dd>
        <dt>{t('agent.uptime')}</dt>
        <dd>
          {agent?.uptimeSeconds == null || agent.bootedAt === null ? (
            '—'
          ) : (
            <time dateTime={agent.bootedAt} title={dateTime(agent.bootedAt)}>
              {formatDuration(agent.uptimeSeconds * 1000)}
              {!agent.connected && ` (${t('agent.untilLastSample')})`}
            </time>
          )}
        </dd>
        <dt>{t('agent.clock')}</dt>
        <ClockFact agent={agent} />
        <dt>{t('agent.backlog')}</dt>
        <dd>
          {waiting === null
            ? '—'
            : waiting === 0
              ? t('agent.backlogNone')
              : t('agent.backlogSome', { count: number(waiting) })}
          {backlog !== null && agent?.connected === false && ` (${t('agent.backlogAsOf')})`}
        </dd>
        <dt>{t('agent.router')}</dt>
        <dd>
          {[m?.router?.model, m?.router?.firmware].filter(Boolean).join(' · ') || m?.gateway.address || '—'}
        </dd>
        <dt>{t('agent.missing')}</dt>
        <dd>
          {gaps.data
            ? t('agent.missingValue', {
                missing: number(gaps.data.missingSamples),
                dropped: number(gaps.data.droppedSamples),
              })
            : '—'}
        </dd>
        <dt>{t('agent.id')}</dt>
        <dd className="mono small">{site.agentId}</dd>
      </dl>
    </section>
  );
}
