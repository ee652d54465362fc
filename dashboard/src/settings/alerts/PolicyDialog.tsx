import { type AlertChannel, type AlertPolicy, alertScopes, type Cause, causes } from '@linewatch/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { ApiRequestError } from '../../api/errors';
import { useApi } from '../../app/context';
import { useLiveSites } from '../../board/liveSitesContext';
import { distinctValues, sortSites } from '../../board/siteList';
import { Modal } from '../../components/Modal';
import { Notice } from '../../components/Notice';
import { useProblemText } from '../../components/QueryProblem';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n/context';
import { shopTimeZone } from '../../i18n/time';
import { causeInfo } from '../../sites/catalogue';
import { newPolicy, type PolicyFormValues, policyValues, toPolicyInput } from './policyForm';

interface PolicyDialogProps {
  policy?: AlertPolicy;
  channels: readonly AlertChannel[];
  onClose(): void;
}

/** Who hears what: a channel, the lines it covers, which faults, and when (quiet hours, escalation, reminders). */
export function PolicyDialog({ policy, channels, onClose }: PolicyDialogProps) {
  const { t, lang } = useI18n();
  const api = useApi();
  const queryClient = useQueryClient();
  const problemText = useProblemText();
  const { state } = useLiveSites();
  const titleId = useId();
  const ids = useId();
  const [v, setV] = useState<PolicyFormValues>(() =>
    policy ? policyValues(policy) : newPolicy(channels[0]?.id ?? '', lang),
  );
  const set = <K extends keyof PolicyFormValues>(key: K, value: PolicyFormValues[K]) =>
    setV((old) => ({ ...old, [key]: value }));
  const sites = useMemo(() => sortSites(state.sites.values()), [state.sites]);
  const scopeOptions = {
    all: [],
    site: sites.map((s) => ({ value: s.id, label: `${s.customer} – ${s.name}` })),
    carrier: distinctValues(sites, 'carrier').map((c) => ({ value: c, label: c })),
    area: distinctValues(sites, 'area').map((a) => ({ value: a, label: a })),
  };
  const save = useMutation({
    mutationFn: () => {
      const body = toPolicyInput(v, shopTimeZone);
      return policy ? api.updateAlertPolicy(policy.id, body) : api.createAlertPolicy(body);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['alert-policies'] }),
  });
  const issues = save.error instanceof ApiRequestError ? save.error.problem.issues : [];
  const issue = (prefix: string) =>
    issues.find((i) => i.path === prefix || i.path.startsWith(`${prefix}.`))?.message ?? null;
  const check = (key: keyof PolicyFormValues, label: string) => (
    <div className="field checkbox">
      <input
        id={`${ids}-${key}`}
        type="checkbox"
        checked={Boolean(v[key])}
        onChange={(e) => set(key, e.target.checked as never)}
      />
      <label htmlFor={`${ids}-${key}`}>{label}</label>
    </div>
  );
  const select = (
    key: keyof PolicyFormValues,
    label: string,
    options: { value: string; label: string }[],
  ) => (
    <div className="field">
      <label htmlFor={`${ids}-${key}`}>{label}</label>
      <select id={`${ids}-${key}`} value={String(v[key])} onChange={(e) => set(key, e.target.value as never)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {issue(key === 'escalateChannelId' ? 'escalation' : key) && (
        <span className="field-error">{issue(key)}</span>
      )}
    </div>
  );
  const channelOptions = channels.map((c) => ({ value: c.id, label: c.name }));
  function submit(event: FormEvent, close: () => void) {
    event.preventDefault();
    save.mutate(undefined, { onSuccess: close });
  }
  const toggleCause = (cause: Cause, on: boolean) =>
    set('causes', on ? [...v.causes, cause] : v.causes.filter((c) => c !== cause));

  return (
    <Modal titleId={titleId} onClose={onClose}>
      {(close) => (
        <form className="form" onSubmit={(e) => submit(e, close)} noValidate aria-busy={save.isPending}>
          <h2 id={titleId}>{t(policy ? 'policy.editTitle' : 'policy.addTitle')}</h2>
          <div className="form-grid">
            <TextField
              label={t('policy.name')}
              value={v.name}
              onValueChange={(x) => set('name', x)}
              error={issue('name')}
              placeholder={t('policy.namePlaceholder')}
              maxLength={100}
            />
            {select('channelId', t('policy.channel'), channelOptions)}
            {select(
              'scope',
              t('policy.scope'),
              alertScopes.map((s) => ({ value: s, label: t(`policy.scope.${s}`) })),
            )}
            {v.scope !== 'all' &&
              select('scopeValue', t(`policy.scope.${v.scope}`), [
                { value: '', label: t('policy.choose') },
                ...scopeOptions[v.scope],
              ])}
            {select('minSeverity', t('policy.severity'), [
              { value: 'down', label: t('policy.severity.down') },
              { value: 'degraded', label: t('policy.severity.degraded') },
            ])}
            {select('language', t('policy.language'), [
              { value: 'de', label: 'Deutsch' },
              { value: 'en', label: 'English' },
            ])}
            <fieldset className="span-2 fieldset">
              <legend>{t('policy.causes')}</legend>
              <p className="hint">{t('policy.causesHint')}</p>
              <div className="checkbox-grid">
                {causes.map((c) => (
                  <label key={c} className="checkbox-inline">
                    <input
                      type="checkbox"
                      checked={v.causes.includes(c)}
                      onChange={(e) => toggleCause(c, e.target.checked)}
                    />{' '}
                    {causeInfo(c)?.label[lang] ?? c}
                  </label>
                ))}
              </div>
            </fieldset>
            <fieldset className="span-2 fieldset">
              <legend>{t('policy.quiet')}</legend>
              {check('quiet', t('policy.quietOn'))}
              {v.quiet && (
                <div className="form-grid">
                  <TextField
                    label={t('policy.quietFrom')}
                    type="time"
                    value={v.quietFrom}
                    onValueChange={(x) => set('quietFrom', x)}
                    error={issue('quietHours.from')}
                  />
                  <TextField
                    label={t('policy.quietTo')}
                    type="time"
                    value={v.quietTo}
                    onValueChange={(x) => set('quietTo', x)}
                    error={issue('quietHours.to')}
                  />
                  {check('quietAllowBusiness', t('policy.quietBusiness'))}
                  {check('quietWeekends', t('policy.quietWeekends'))}
                </div>
              )}
            </fieldset>
            <fieldset className="span-2 fieldset">
              <legend>{t('policy.escalation')}</legend>
              {check('escalate', t('policy.escalateOn'))}
              {v.escalate && (
                <div className="form-grid">
                  <TextField
                    label={t('policy.escalateAfter')}
                    inputMode="numeric"
                    value={v.escalateAfterMinutes}
                    onValueChange={(x) => set('escalateAfterMinutes', x)}
                    error={issue('escalation.afterMinutes')}
                  />
                  {select('escalateChannelId', t('policy.escalateTo'), [
                    { value: '', label: t('policy.choose') },
                    ...channelOptions,
                  ])}
                </div>
              )}
            </fieldset>
            <fieldset className="span-2 fieldset">
              <legend>{t('policy.reminders')}</legend>
              {check('remind', t('policy.remindOn'))}
              {v.remind && (
                <div className="form-grid">
                  <TextField
                    label={t('policy.remindEvery')}
                    inputMode="numeric"
                    value={v.remindEveryMinutes}
                    onValueChange={(x) => set('remindEveryMinutes', x)}
                    error={issue('reminders.everyMinutes')}
                  />
                  <TextField
                    label={t('policy.remindMax')}
                    inputMode="numeric"
                    value={v.remindMax}
                    onValueChange={(x) => set('remindMax', x)}
                    error={issue('reminders.max')}
                  />
                </div>
              )}
            </fieldset>
            {check('enabled', t('policy.enabled'))}
          </div>
          <p className="muted small">{t('policy.recoveryNote')}</p>
          {save.isError && <Notice tone="error">{problemText(save.error)}</Notice>}
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
