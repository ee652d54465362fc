import { type AlertChannel, channelCatalogue } from '@linewatch/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../app/context';
import { ConfirmButton } from '../../components/ConfirmButton';
import { QueryProblem, useProblemText } from '../../components/QueryProblem';
import { useI18n } from '../../i18n/context';
import { ChannelDialog } from './ChannelDialog';
import { ChannelHistory } from './ChannelHistory';
import { TestSendOutcome } from './TestSendOutcome';

/** Where alerts go: e-mail, SMS, chat, webhook — with a test button and each channel's last error. */
export function ChannelsSection() {
  const { t } = useI18n();
  const api = useApi();
  const channels = useQuery({ queryKey: ['alert-channels'], queryFn: () => api.alertChannels() });
  const [editing, setEditing] = useState<AlertChannel | 'new' | null>(null);

  return (
    <div className="subsection">
      <div className="row-between">
        <h3>{t('channel.title')}</h3>
        <button type="button" className="button primary small" onClick={() => setEditing('new')}>
          <span aria-hidden="true">+ </span>
          {t('channel.add')}
        </button>
      </div>
      <p className="muted">{t('channel.intro')}</p>
      {channels.isError && <QueryProblem error={channels.error} onRetry={() => void channels.refetch()} />}
      {channels.data?.length === 0 && <p className="empty-hint">{t('channel.none')}</p>}
      {channels.data && channels.data.length > 0 && (
        <ul className="plain-list card-list">
          {channels.data.map((c) => (
            <ChannelItem key={c.id} channel={c} onEdit={() => setEditing(c)} />
          ))}
        </ul>
      )}
      {editing && (
        <ChannelDialog
          {...(editing === 'new' ? {} : { channel: editing })}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}

function ChannelItem({ channel, onEdit }: { channel: AlertChannel; onEdit(): void }) {
  const { t, lang, shortDateTime } = useI18n();
  const api = useApi();
  const queryClient = useQueryClient();
  const problemText = useProblemText();
  const [history, setHistory] = useState(false);
  const test = useMutation({
    mutationFn: () => api.testAlertChannel(channel.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['alert-channels'] }),
  });
  const remove = useMutation({
    mutationFn: () => api.deleteAlertChannel(channel.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['alert-channels'] }),
  });
  return (
    <li className="channel-item">
      <div className="row-between">
        <div>
          <strong>{channel.name}</strong>{' '}
          <span className="tag">{channelCatalogue[channel.kind].label[lang]}</span>
          {channel.builtin && <span className="tag">{t('channel.builtin')}</span>}
          {!channel.enabled && <span className="tag">{t('channel.disabled')}</span>}
          <div className="muted small">
            {t('channel.targets')}: {channel.targets.join(', ') || '—'}
            {channel.monthlyBudget !== null &&
              ` · ${t('channel.used', { used: channel.usedThisMonth, budget: channel.monthlyBudget })}`}
          </div>
          {channel.lastError && (
            <p className="warn-text small">
              ⚠{' '}
              {t('channel.lastError', {
                when: channel.lastErrorAt ? shortDateTime(channel.lastErrorAt) : '',
              })}{' '}
              {channel.lastError}
            </p>
          )}
          {channel.builtin && <p className="muted small">{t('channel.builtinHint')}</p>}
        </div>
        <div className="button-row">
          <button
            type="button"
            className="button small"
            disabled={test.isPending}
            onClick={() => test.mutate()}
          >
            {test.isPending ? t('channel.testing') : t('channel.test')}
          </button>
          <button
            type="button"
            className="button small"
            aria-expanded={history}
            onClick={() => setHistory((h) => !h)}
          >
            {t('channel.history')}
          </button>
          {!channel.builtin && (
            <button
              type="button"
              className="button small"
              onClick={onEdit}
              aria-label={t('channel.editLabel', { name: channel.name })}
            >
              {t('channel.edit')}
            </button>
          )}
          {!channel.builtin && (
            <ConfirmButton
              label={t('channel.delete')}
              ariaLabel={t('channel.deleteLabel', { name: channel.name })}
              confirmLabel={t('channel.confirmDelete')}
              onConfirm={() => remove.mutate()}
            />
          )}
        </div>
      </div>
      {remove.isError && <p className="field-error">{problemText(remove.error)}</p>}
      {test.isError && <p className="field-error">{problemText(test.error)}</p>}
      {test.data && <TestSendOutcome result={test.data} />}
      {history && <ChannelHistory channelId={channel.id} />}
    </li>
  );
}
