import { type Language, languages, type Site } from '@linewatch/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { ApiRequestError } from '../api/errors';
import { useApi, useIsAdmin } from '../app/context';
import { Notice } from '../components/Notice';
import { QueryProblem, useProblemText } from '../components/QueryProblem';
import { TextField } from '../components/TextField';
import { useI18n } from '../i18n/context';
import {
  groupNoticeIssues,
  missingMedia,
  type NoticeField,
  type NoticeFormValues,
  type NoticeProblems,
  noticeToForm,
  validateNotice,
} from './customerNotice';

const languageNames: Record<Language, string> = { de: 'Deutsch', en: 'English' };
const settingsKey = (siteId: string) => ['site-alert-settings', siteId] as const;

/**
 * The line's customer notice: off by default; switched on, the customer
 * hears by SMS or e-mail that the shop knows of the fault and is on it,
 * and again when it is fixed. Technicians see it read-only.
 */
export function CustomerNotice({ site }: { site: Site }) {
  const { t } = useI18n();
  const api = useApi();
  const settings = useQuery({
    queryKey: settingsKey(site.id),
    queryFn: () => api.siteAlertSettings(site.id),
  });
  return (
    <section className="card panel" aria-labelledby="customer-notice">
      <h2 id="customer-notice">{t('notice.title')}</h2>
      <p className="muted small">{t('notice.intro')}</p>
      {settings.error ? <QueryProblem error={settings.error} onRetry={() => settings.refetch()} /> : null}
      {settings.data && <NoticeForm site={site} initial={noticeToForm(settings.data)} />}
    </section>
  );
}

function NoticeForm({ site, initial }: { site: Site; initial: NoticeFormValues }) {
  const { t } = useI18n();
  const ids = useId();
  const api = useApi();
  const isAdmin = useIsAdmin();
  const queryClient = useQueryClient();
  const problemText = useProblemText();
  const channels = useQuery({ queryKey: ['alert-channels'], queryFn: () => api.alertChannels() });
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<NoticeProblems>({});
  const save = useMutation({
    mutationFn: (body: Parameters<typeof api.putSiteAlertSettings>[1]) =>
      api.putSiteAlertSettings(site.id, body),
    onSuccess: (saved) => queryClient.setQueryData(settingsKey(site.id), saved),
  });
  const server = save.error instanceof ApiRequestError ? groupNoticeIssues(save.error.problem.issues) : {};
  const errorFor = (f: NoticeField) => {
    const key = problems[f];
    return key ? t(key) : (server[f] ?? null);
  };
  const missing = missingMedia(values, channels.data ?? []);
  const change = (next: Partial<NoticeFormValues>) => {
    setValues({ ...values, ...next });
    save.reset();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = validateNotice(values);
    if (!result.ok) return setProblems(result.problems);
    setProblems({});
    save.mutate(result.body);
  }
  const onError = errorFor('on');
  const generalError = errorFor('general');

  return (
    <form className="form" onSubmit={submit} noValidate>
      <fieldset className="fieldset" disabled={!isAdmin}>
        <legend className="visually-hidden">{t('notice.title')}</legend>
        <div className="field checkbox">
          <input
            id={`${ids}-on`}
            type="checkbox"
            checked={values.on}
            aria-invalid={onError ? true : undefined}
            aria-describedby={onError ? `${ids}-on-error` : undefined}
            onChange={(e) => change({ on: e.target.checked })}
          />
          <label htmlFor={`${ids}-on`}>{t('notice.on', { customer: site.customer })}</label>
          {onError && (
            <span id={`${ids}-on-error`} className="field-error">
              {onError}
            </span>
          )}
        </div>
        <div className="form-grid">
          <TextField
            label={t('notice.phone')}
            hint={t('contact.phoneHint')}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            value={values.phone}
            onValueChange={(phone) => change({ phone })}
            error={errorFor('phone')}
          />
          <TextField
            label={t('notice.email')}
            type="email"
            autoComplete="off"
            value={values.email}
            onValueChange={(email) => change({ email })}
            error={errorFor('email')}
          />
          <div className="field">
            <label htmlFor={`${ids}-lang`}>{t('notice.language')}</label>
            <select
              id={`${ids}-lang`}
              value={values.language}
              onChange={(e) => change({ language: e.target.value as Language })}
            >
              {languages.map((l) => (
                <option key={l} value={l}>
                  {languageNames[l]}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>
      {missing.length > 0 && (
        <Notice tone="warn">
          {missing.map((m) => t(m === 'sms' ? 'notice.noSmsChannel' : 'notice.noEmailChannel')).join(' ')}{' '}
          {isAdmin && <Link to="/settings#alerts">{t('notice.toAlerts')}</Link>}
        </Notice>
      )}
      {generalError && <Notice tone="error">{generalError}</Notice>}
      {save.isError && !generalError && <Notice tone="error">{problemText(save.error)}</Notice>}
      {save.isSuccess && <Notice tone="success">{t('notice.saved')}</Notice>}
      {isAdmin && (
        <div>
          <button type="submit" className="button primary" disabled={save.isPending}>
            {t('notice.save')}
          </button>
        </div>
      )}
    </form>
  );
}
