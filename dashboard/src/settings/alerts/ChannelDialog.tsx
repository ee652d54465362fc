import {
  type AlertChannel,
  type ChannelKind,
  channelCatalogue,
  channelKinds,
  smtpSecurityModes,
} from '@linewatch/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ApiRequestError } from '../../api/errors';
import { useApi } from '../../app/context';
import { Modal } from '../../components/Modal';
import { Notice } from '../../components/Notice';
import { useProblemText } from '../../components/QueryProblem';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n/context';
import {
  type ChannelFormValues,
  channelFields,
  type FieldSpec,
  fieldOfIssue,
  fromSettings,
  toSettings,
} from './channelForm';
import { useContactOptions } from './useContactOptions';

interface ChannelDialogProps {
  /** The channel to edit; undefined to add one. */
  channel?: AlertChannel;
  onClose(): void;
}

/** Add or edit an alert channel: its kind's fields, limits, and the server's complaints beside each field. */
export function ChannelDialog({ channel, onClose }: ChannelDialogProps) {
  const { t, lang } = useI18n();
  const api = useApi();
  const queryClient = useQueryClient();
  const problemText = useProblemText();
  const titleId = useId();
  const ids = useId();
  const [kind, setKind] = useState<ChannelKind>(channel?.kind ?? 'email');
  const [name, setName] = useState(channel?.name ?? '');
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const [rate, setRate] = useState(channel?.rateLimitPerHour ? String(channel.rateLimitPerHour) : '');
  const [budget, setBudget] = useState(channel?.monthlyBudget ? String(channel.monthlyBudget) : '');
  const [values, setValues] = useState<ChannelFormValues>(() =>
    channel ? fromSettings(channel.kind, channel.settings) : {},
  );
  const contacts = useContactOptions();
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      channel ? api.updateAlertChannel(channel.id, body) : api.createAlertChannel(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['alert-channels'] }),
  });
  const issues = save.error instanceof ApiRequestError ? save.error.problem.issues : [];
  const issueOf = (key: string) => issues.find((i) => fieldOfIssue(i.path) === key)?.message ?? null;
  const general = issues.filter(
    (i) =>
      ![...channelFields[kind].map((f) => f.key), 'name', 'rateLimitPerHour', 'monthlyBudget'].includes(
        fieldOfIssue(i.path),
      ),
  );
  const limit = (text: string) => (text.trim() === '' ? null : Number(text.trim()));

  function submit(event: FormEvent, close: () => void) {
    event.preventDefault();
    save.mutate(
      {
        name: name.trim(),
        enabled,
        settings: toSettings(kind, values),
        rateLimitPerHour: limit(rate),
        monthlyBudget: limit(budget),
      },
      { onSuccess: close },
    );
  }

  const field = (f: FieldSpec) => {
    const value = values[f.key] ?? '';
    const set = (v: string) => setValues((old) => ({ ...old, [f.key]: v }));
    const label = `${t(f.label)}${f.optional ? ` (${t('channel.optional')})` : ''}`;
    const error = issueOf(f.key);
    if (f.input === 'security') {
      return (
        <div className="field" key={f.key}>
          <label htmlFor={`${ids}-${f.key}`}>{label}</label>
          <select id={`${ids}-${f.key}`} value={value || 'starttls'} onChange={(e) => set(e.target.value)}>
            {smtpSecurityModes.map((mode) => (
              <option key={mode} value={mode}>
                {t(`channel.security.${mode}`)}
              </option>
            ))}
          </select>
        </div>
      );
    }
    if (f.input === 'list' || f.input === 'headers') {
      const options = f.contacts ? contacts[f.contacts] : [];
      return (
        <div className="field span-2" key={f.key}>
          <label htmlFor={`${ids}-${f.key}`}>{label}</label>
          <textarea
            id={`${ids}-${f.key}`}
            rows={3}
            value={value}
            placeholder={f.placeholder}
            onChange={(e) => set(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${ids}-${f.key}-hint${error ? ` ${ids}-${f.key}-error` : ''}`}
          />
          <span id={`${ids}-${f.key}-hint`} className="hint">
            {t(f.input === 'headers' ? 'channel.headersHint' : 'channel.listHint')}
          </span>
          {options.length > 0 && (
            <div className="chip-row">
              <span className="muted small">{t('channel.fromContacts')}</span>
              {options.map((o) => (
                <button
                  key={o.value}
                  type="button"
                  className="button small"
                  disabled={value.split(/[\n,;]/).some((x) => x.trim() === o.value)}
                  onClick={() => set(value.trim() ? `${value.trim()}\n${o.value}` : o.value)}
                >
                  + {o.label}
                </button>
              ))}
            </div>
          )}
          {error && (
            <span id={`${ids}-${f.key}-error`} className="field-error">
              {error}
            </span>
          )}
        </div>
      );
    }
    return (
      <TextField
        key={f.key}
        label={label}
        value={value}
        onValueChange={set}
        error={error}
        placeholder={f.placeholder}
        type={f.input === 'secret' ? 'password' : 'text'}
        inputMode={f.input === 'number' ? 'numeric' : undefined}
        autoComplete={f.input === 'secret' ? 'new-password' : 'off'}
        hint={f.input === 'secret' && channel ? t('channel.secretKept') : undefined}
      />
    );
  };

  return (
    <Modal titleId={titleId} onClose={onClose}>
      {(close) => (
        <form className="form" onSubmit={(e) => submit(e, close)} noValidate aria-busy={save.isPending}>
          <h2 id={titleId}>{t(channel ? 'channel.editTitle' : 'channel.addTitle')}</h2>
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${ids}-kind`}>{t('channel.kind')}</label>
              <select
                id={`${ids}-kind`}
                value={kind}
                disabled={channel !== undefined}
                onChange={(e) => {
                  setKind(e.target.value as ChannelKind);
                  setValues({});
                }}
              >
                {channelKinds.map((k) => (
                  <option key={k} value={k}>
                    {channelCatalogue[k].label[lang]}
                  </option>
                ))}
              </select>
            </div>
            <TextField
              label={t('channel.name')}
              value={name}
              onValueChange={setName}
              error={issueOf('name')}
              maxLength={100}
              placeholder={t('channel.namePlaceholder')}
            />
            {channelFields[kind].map(field)}
            <TextField
              label={`${t('channel.rateLimit')} (${t('channel.optional')})`}
              value={rate}
              onValueChange={setRate}
              error={issueOf('rateLimitPerHour')}
              inputMode="numeric"
            />
            <TextField
              label={`${t('channel.budget')} (${t('channel.optional')})`}
              value={budget}
              onValueChange={setBudget}
              error={issueOf('monthlyBudget')}
              inputMode="numeric"
              hint={t('channel.budgetHint')}
            />
            <div className="field span-2 checkbox">
              <input
                id={`${ids}-enabled`}
                type="checkbox"
                checked={enabled}
                onChange={(e) => setEnabled(e.target.checked)}
              />
              <label htmlFor={`${ids}-enabled`}>{t('channel.enabled')}</label>
            </div>
          </div>
          {save.isError && (
            <Notice tone="error">
              <p>{problemText(save.error)}</p>
              {general.length > 0 && (
                <ul>
                  {general.map((i) => (
                    <li key={i.path}>{`${i.path}: ${i.message}`}</li>
                  ))}
                </ul>
              )}
            </Notice>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={close}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button primary" disabled={save.isPending}>
              {t('common.save')}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
