import type { AlertChannel, AlertPolicy } from '@linewatch/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../app/context';
import { useSiteNames } from '../../board/useSiteNames';
import { ConfirmButton } from '../../components/ConfirmButton';
import { QueryProblem, useProblemText } from '../../components/QueryProblem';
import { useI18n } from '../../i18n/context';
import { causeInfo } from '../../sites/catalogue';
import { PolicyDialog } from './PolicyDialog';

/** Who hears what: the rules that send an incident to a channel. */
export function PoliciesSection() {
  const { t } = useI18n();
  const api = useApi();
  const policies = useQuery({ queryKey: ['alert-policies'], queryFn: () => api.alertPolicies() });
  const channels = useQuery({ queryKey: ['alert-channels'], queryFn: () => api.alertChannels() });
  const [editing, setEditing] = useState<AlertPolicy | 'new' | null>(null);
  const usable = channels.data ?? [];

  return (
    <div className="subsection">
      <div className="row-between">
        <h3>{t('policy.title')}</h3>
        <button
          type="button"
          className="button primary small"
          disabled={usable.length === 0}
          onClick={() => setEditing('new')}
        >
          <span aria-hidden="true">+ </span>
          {t('policy.add')}
        </button>
      </div>
      <p className="muted">{t('policy.intro')}</p>
      {policies.isError && <QueryProblem error={policies.error} onRetry={() => void policies.refetch()} />}
      {policies.data?.length === 0 && (
        <p className="empty-hint">
          {t(usable.some((c) => c.builtin) ? 'policy.noneBuiltin' : 'policy.none')}
        </p>
      )}
      {policies.data && policies.data.length > 0 && (
        <ul className="plain-list card-list">
          {policies.data.map((p) => (
            <PolicyItem key={p.id} policy={p} channels={usable} onEdit={() => setEditing(p)} />
          ))}
        </ul>
      )}
      {editing && (
        <PolicyDialog
          {...(editing === 'new' ? {} : { policy: editing })}
          channels={usable}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}

function PolicyItem({
  policy,
  channels,
  onEdit,
}: {
  policy: AlertPolicy;
  channels: readonly AlertChannel[];
  onEdit(): void;
}) {
  const { t, lang } = useI18n();
  const api = useApi();
  const queryClient = useQueryClient();
  const problemText = useProblemText();
  const siteName = useSiteNames();
  const remove = useMutation({
    mutationFn: () => api.deleteAlertPolicy(policy.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['alert-policies'] }),
  });
  const channelName = (id: string) => channels.find((c) => c.id === id)?.name ?? id;
  const scope =
    policy.scope === 'all'
      ? t('policy.scope.all')
      : `${t(`policy.scope.${policy.scope}`)}: ${policy.scope === 'site' ? siteName(policy.scopeValue ?? '') : policy.scopeValue}`;
  const parts = [
    scope,
    t(`policy.severity.${policy.minSeverity}`),
    policy.causes
      ? policy.causes.map((c) => causeInfo(c)?.label[lang] ?? c).join(', ')
      : t('policy.everyCause'),
    policy.quietHours && t('policy.quietSummary', { from: policy.quietHours.from, to: policy.quietHours.to }),
    policy.escalation &&
      t('policy.escalationSummary', {
        minutes: policy.escalation.afterMinutes,
        channel: channelName(policy.escalation.channelId),
      }),
    policy.reminders &&
      t('policy.remindersSummary', { minutes: policy.reminders.everyMinutes, max: policy.reminders.max }),
  ].filter(Boolean);
  return (
    <li>
      <div className="row-between">
        <div>
          <strong>{policy.name}</strong> → {channelName(policy.channelId)}
          {!policy.enabled && <span className="tag">{t('channel.disabled')}</span>}
          <div className="muted small">{parts.join(' · ')}</div>
        </div>
        <div className="button-row">
          <button
            type="button"
            className="button small"
            onClick={onEdit}
            aria-label={t('policy.editLabel', { name: policy.name })}
          >
            {t('channel.edit')}
          </button>
          <ConfirmButton
            label={t('channel.delete')}
            ariaLabel={t('policy.deleteLabel', { name: policy.name })}
            confirmLabel={t('policy.confirmDelete')}
            onConfirm={() => remove.mutate()}
          />
        </div>
      </div>
      {remove.isError && <p className="field-error">{problemText(remove.error)}</p>}
    </li>
  );
}
