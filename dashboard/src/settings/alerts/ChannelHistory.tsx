import type { NotificationKind, NotificationState } from '@linewatch/shared';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../../app/context';
import { QueryProblem } from '../../components/QueryProblem';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/dictionary';

const kindKeys: Record<NotificationKind, MessageKey> = {
  alert: 'notification.kind.alert',
  reminder: 'notification.kind.reminder',
  escalation: 'notification.kind.escalation',
  update: 'notification.kind.update',
  recovery: 'notification.kind.recovery',
  customer: 'notification.kind.customer',
  customer_recovery: 'notification.kind.customer_recovery',
  test: 'notification.kind.test',
};

const stateKeys: Record<NotificationState, MessageKey> = {
  pending: 'notification.state.pending',
  sending: 'notification.state.sending',
  sent: 'notification.state.sent',
  failed: 'notification.state.failed',
  superseded: 'notification.state.superseded',
  suppressed: 'notification.state.suppressed',
};

/** The channel's recent messages: what, to whom, when, and how each attempt went. */
export function ChannelHistory({ channelId }: { channelId: string }) {
  const { t, shortDateTime } = useI18n();
  const api = useApi();
  const list = useQuery({
    queryKey: ['alert-channels', channelId, 'notifications'],
    queryFn: () => api.channelNotifications(channelId),
  });
  if (list.isError) return <QueryProblem error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <p className="loading">{t('app.loading')}</p>;
  if (list.data.length === 0) return <p className="muted small">{t('notification.none')}</p>;
  return (
    <table className="data-table compact">
      <caption className="visually-hidden">{t('channel.history')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('notification.when')}</th>
          <th scope="col">{t('notification.what')}</th>
          <th scope="col">{t('notification.to')}</th>
          <th scope="col">{t('notification.state')}</th>
        </tr>
      </thead>
      <tbody>
        {list.data.map((n) => (
          <tr key={n.id}>
            <td>{shortDateTime(n.sentAt ?? n.dueAt)}</td>
            <td>
              {n.incidentId ? (
                <Link to={`/incidents/${n.incidentId}`}>{t(kindKeys[n.kind])}</Link>
              ) : (
                t(kindKeys[n.kind])
              )}
            </td>
            <td>{n.target}</td>
            <td>
              {t(stateKeys[n.state])}
              {n.lastError && <div className="muted small">{n.lastError}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
