import { type AccessType, accessTypes, type Site, type SiteCreated } from '@linewatch/shared';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { ApiClient } from '../api/client';
import { type ApiProblem, ApiRequestError } from '../api/errors';
import { Notice } from '../components/Notice';
import { TextField } from '../components/TextField';
import { useI18n } from '../i18n/context';
import { describeProblem } from '../i18n/problems';
import { accessTypeKeys } from './catalogue';
import {
  emptySiteForm,
  type FieldProblems,
  formOfSite,
  groupServerIssues,
  type ServerIssues,
  type SiteFormField,
  type SiteFormValues,
  siteUpdateOf,
  validateSiteForm,
} from './siteForm';

interface SiteFormProps {
  api: ApiClient;
  titleId: string;
  /** The site to edit; without it the form creates one. */
  editing?: Site;
  onCreated?(site: SiteCreated): void;
  onUpdated?(site: Site): void;
  onCancel(): void;
  onSubmittingChange(submitting: boolean): void;
}

const noServerIssues: ServerIssues = { fields: {}, general: [] };

/**
 * The fields of a site: a new one (on success hands the created site, with
 * its token, up) or, with `editing`, an existing one (sent as a PATCH).
 */
export function SiteForm({
  api,
  titleId,
  editing,
  onCreated,
  onUpdated,
  onCancel,
  onSubmittingChange,
}: SiteFormProps) {
  const { t, lang } = useI18n();
  const decimalSeparator = lang === 'de' ? ',' : '.';
  const [values, setValues] = useState<SiteFormValues>(() =>
    editing ? formOfSite(editing, decimalSeparator) : emptySiteForm,
  );
  const [problems, setProblems] = useState<FieldProblems>({});
  const [serverIssues, setServerIssues] = useState<ServerIssues>(noServerIssues);
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const ids = useId();

  useEffect(() => {
    if (focusRequest > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  function set<K extends keyof SiteFormValues>(field: K, value: SiteFormValues[K]) {
    setValues((current) => ({ ...current, [field]: value }));
  }

  function errorFor(field: SiteFormField): string | null {
    const problem = problems[field];
    if (problem) return t(problem.key, problem.params);
    return serverIssues.fields[field] ?? null;
  }

  function busy(value: boolean) {
    setSubmitting(value);
    onSubmittingChange(value);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validateSiteForm(values);
    setServerIssues(noServerIssues);
    setFailure(null);
    if (!result.ok) {
      setProblems(result.problems);
      setFocusRequest((n) => n + 1);
      return;
    }
    setProblems({});
    busy(true);
    try {
      if (editing) {
        const updated = await api.updateSite(
          editing.id,
          siteUpdateOf(result.body, values, formOfSite(editing, decimalSeparator)),
        );
        busy(false);
        onUpdated?.(updated);
      } else {
        const created = await api.createSite(result.body);
        busy(false);
        onCreated?.(created);
      }
    } catch (error) {
      busy(false);
      if (!(error instanceof ApiRequestError)) throw error;
      setFailure(error.problem);
      setServerIssues(groupServerIssues(error.problem.issues));
      setFocusRequest((n) => n + 1);
    }
  }

  const text = (field: 'customer' | 'name' | 'address' | 'carrier' | 'area' | 'monthlyFee') => ({
    value: values[field],
    onValueChange: (value: string) => set(field, value),
    error: errorFor(field),
    autoComplete: 'off',
  });
  const speed = (field: 'downMbps' | 'upMbps') => ({
    value: values[field],
    onValueChange: (value: string) => set(field, value),
    error: errorFor(field),
    inputMode: 'decimal' as const,
    autoComplete: 'off',
  });
  const accessTypeError = errorFor('accessType');
  const businessError = errorFor('business');

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate aria-busy={submitting}>
      <h2 id={titleId}>{editing ? t('editSite.title', { name: editing.name }) : t('addSite.title')}</h2>
      <p className="muted">{t(editing ? 'editSite.intro' : 'addSite.intro')}</p>
      <div className="form-grid">
        <TextField label={t('addSite.customer')} maxLength={200} {...text('customer')} />
        <TextField label={t('addSite.name')} hint={t('addSite.nameHint')} maxLength={200} {...text('name')} />
        <TextField className="span-2" label={t('addSite.address')} maxLength={500} {...text('address')} />
        <TextField
          label={t('addSite.carrier')}
          hint={t('addSite.carrierHint')}
          maxLength={100}
          {...text('carrier')}
        />
        <div className="field">
          <label htmlFor={`${ids}-access`}>{t('addSite.accessType')}</label>
          <select
            id={`${ids}-access`}
            value={values.accessType}
            onChange={(event) => set('accessType', event.target.value as AccessType)}
            aria-invalid={accessTypeError ? true : undefined}
            aria-describedby={accessTypeError ? `${ids}-access-error` : undefined}
          >
            {accessTypes.map((type) => (
              <option key={type} value={type}>
                {t(accessTypeKeys[type])}
              </option>
            ))}
          </select>
          {accessTypeError && (
            <span id={`${ids}-access-error`} className="field-error">
              {accessTypeError}
            </span>
          )}
        </div>
        <fieldset className="span-2 fieldset">
          <legend>{t('addSite.contract')}</legend>
          <div className="form-grid">
            <TextField label={t('addSite.down')} {...speed('downMbps')} />
            <TextField label={t('addSite.up')} {...speed('upMbps')} />
          </div>
        </fieldset>
        <TextField label={t('addSite.area')} hint={t('addSite.areaHint')} maxLength={100} {...text('area')} />
        <TextField
          label={t('addSite.monthlyFee')}
          hint={t('addSite.monthlyFeeHint')}
          inputMode="decimal"
          maxLength={20}
          {...text('monthlyFee')}
        />
        <div className="field span-2 checkbox">
          <input
            id={`${ids}-business`}
            type="checkbox"
            checked={values.business}
            onChange={(event) => set('business', event.target.checked)}
            aria-describedby={`${ids}-business-hint${businessError ? ` ${ids}-business-error` : ''}`}
            aria-invalid={businessError ? true : undefined}
          />
          <label htmlFor={`${ids}-business`}>{t('addSite.business')}</label>
          <span id={`${ids}-business-hint`} className="hint">
            {t('addSite.businessHint')}
          </span>
          {businessError && (
            <span id={`${ids}-business-error`} className="field-error">
              {businessError}
            </span>
          )}
        </div>
      </div>
      {failure && (
        <Notice tone="error">
          <p>{describeProblem(failure, t)}</p>
          {serverIssues.general.length > 0 && (
            <ul>
              {serverIssues.general.map((issue) => (
                <li key={issue}>{issue}</li>
              ))}
            </ul>
          )}
        </Notice>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={submitting}>
          {submitting ? t('addSite.submitting') : t(editing ? 'common.save' : 'addSite.submit')}
        </button>
      </div>
    </form>
  );
}
