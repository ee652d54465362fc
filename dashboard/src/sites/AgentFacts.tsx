import type { LatestMeasurement, Site } from '@linewatch/shared';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../app/context';
import { useI18n } from '../i18n/context';
import { formatDuration } from '../i18n/time';

/**
 * The monitoring box: last seen, uptime, clock, samples that never arrived.
 * Agent version and outbox backlog are not in the API yet (see README).
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
  const gaps = useQuery({
    queryKey: ['site', site.id, 'gaps'],
    queryFn: () => api.gaps(site.id),
    enabled: site.agentId !== null,
  });
  const m = latest?.measurement;
  return (
    <section className="card panel" aria-labelledby="agent-title">
      <h2 id="agent-title">{t('agent.title')}</h2>
      {site.agentId === null ? (
        <p className="muted">{t('agent.notEnrolled')}</p>
      ) : (
        <dl className="facts">
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
          <dd>{m?.systemUptimeSeconds !== undefined ? formatDuration(m.systemUptimeSeconds * 1000) : '—'}</dd>
          <dt>{t('agent.clock')}</dt>
          <dd>
            {m === undefined
              ? '—'
              : m.clockSynced
                ? `✔ ${t('agent.clockSynced')}`
                : `⚠ ${t('agent.clockNotSynced')}`}
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
          <dt>{t('agent.version')}</dt>
          <dd>{site.agentVersion ? `linewatch-agent ${site.agentVersion}` : '—'}</dd>
          <dt>{t('agent.backlog')}</dt>
          <dd>
            {site.outboxBacklog === null || site.outboxBacklog === undefined
              ? '—'
              : site.outboxBacklog <= 1
                ? t('agent.backlogNone')
                : t('agent.backlogSome', { count: number(site.outboxBacklog - 1) })}
          </dd>
          <dt>{t('agent.id')}</dt>
          <dd className="mono small">{site.agentId}</dd>
        </dl>
      )}
    </section>
  );
}
