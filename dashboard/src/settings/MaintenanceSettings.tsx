import { maintenanceScopes } from '@linewatch/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useApi } from '../app/context';
import { useLiveSites } from '../board/liveSitesContext';
import { distinctValues, sortSites } from '../board/siteList';
import { Notice } from '../components/Notice';
import { QueryProblem, useProblemText } from '../components/QueryProblem';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n/dictionary';
import { shopTimeZone } from '../i18n/time';
import {
  type MaintenanceField,
  type MaintenanceFormValues,
  type MaintenanceScope,
  validateMaintenance,
} from './maintenanceForm';
import { isoToZoned } from './zonedTime';

const scopeKeys: Record<MaintenanceScope, MessageKey> = {
  site: 'maintenance.scope.site',
  carrier: 'maintenance.scope.carrier',
  area: 'maintenance.scope.area',
};

/** Planned work on a line, a carrier or an area: outages inside are recorded but never alerted. */
export function MaintenanceSettings() {
  const { t, shortDateTime } = useI18n();
  const api = useApi();
  const queryClient = useQueryClient();
  const problemText = useProblemText();
  const { state } = useLiveSites();
  const [params] = useSearchParams();
  const ids = useId();
  const presetSite = params.get('maintenanceSite');
  const now = Date.now();
  const [values, setValues] = useState<MaintenanceFormValues>(() => ({
    scope: presetSite ? 'site' : 'carrier',
    value: presetSite ?? '',
    startsAt: isoToZoned(Math.ceil(now / 3_600_000) * 3_600_000, shopTimeZone),
    endsAt: isoToZoned(Math.ceil(now / 3_600_000) * 3_600_000 + 2 * 3_600_000, shopTimeZone),
    reason: '',
  }));
  const [problems, setProblems] = useState<Partial<Record<MaintenanceField, MessageKey>>>({});
  const windows = useQuery({ queryKey: ['maintenance'], queryFn: () => api.maintenanceWindows() });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['maintenance'] });
  const create = useMutation({ mutationFn: api.createMaintenanceWindow, onSuccess: refresh });
  const remove = useMutation({ mutationFn: api.deleteMaintenanceWindow, onSuccess: refresh });

  const sites = useMemo(() => sortSites(state.sites.values()), [state.sites]);
  const options = useMemo(
    () => ({
      site: sites.map((s) => ({ value: s.id, label: `${s.customer} – ${s.name}` })),
      carrier: distinctValues(sites, 'carrier').map((c) => ({ value: c, label: c })),
      area: distinctValues(sites, 'area').map((a) => ({ value: a, label: a })),
    }),
    [sites],
  );
  const label = (scope: MaintenanceScope, value: string) =>
    options[scope].find((o) => o.value === value)?.label ?? value;

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = validateMaintenance(values, shopTimeZone);
    if (!result.ok) return setProblems(result.problems);
    setProblems({});
    create.mutate(result.body);
  }
  const set = <K extends keyof MaintenanceFormValues>(key: K, value: MaintenanceFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const error = (field: MaintenanceField) =>
    problems[field] ? (
      <span id={`${ids}-${field}-error`} className="field-error">
        {t(problems[field])}
      </span>
    ) : null;
  const described = (field: MaintenanceField) => (problems[field] ? `${ids}-${field}-error` : undefined);

  return (
    <section id="maintenance" className="card panel" aria-labelledby="maintenance-title">
      <h2 id="maintenance-title">{t('maintenance.title')}</h2>
      <p className="muted">{t('maintenance.intro')}</p>
      {windows.isError && <QueryProblem error={windows.error} onRetry={() => void windows.refetch()} />}
      {windows.data?.length === 0 && <p className="muted">{t('maintenance.none')}</p>}
      {windows.data && windows.data.length > 0 && (
        <ul className="plain-list">
          {windows.data.map((w) => (
            <li key={w.id} className="row-between">
              <span>
                <strong>{t(scopeKeys[w.scope])}:</strong> {label(w.scope, w.value)} ·{' '}
                {shortDateTime(w.startsAt)} – {shortDateTime(w.endsAt)}
                {w.reason && <span className="muted"> · {w.reason}</span>}
              </span>
              <button
                type="button"
                className="button small"
                onClick={() => remove.mutate(w.id)}
                aria-label={t('maintenance.deleteLabel', { what: label(w.scope, w.value) })}
              >
                {t('maintenance.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <h3>{t('maintenance.plan')}</h3>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${ids}-scope`}>{t('maintenance.scope')}</label>
            <select
              id={`${ids}-scope`}
              value={values.scope}
              onChange={(e) =>
                setValues((v) => ({ ...v, scope: e.target.value as MaintenanceScope, value: '' }))
              }
            >
              {maintenanceScopes.map((scope) => (
                <option key={scope} value={scope}>
                  {t(scopeKeys[scope])}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${ids}-value`}>{t(scopeKeys[values.scope])}</label>
            <select
              id={`${ids}-value`}
              value={values.value}
              onChange={(e) => set('value', e.target.value)}
              aria-invalid={problems.value ? true : undefined}
              aria-describedby={described('value')}
            >
              <option value="">{t('maintenance.choose')}</option>
              {options[values.scope].map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            {error('value')}
          </div>
          <div className="field">
            <label htmlFor={`${ids}-start`}>{t('maintenance.starts')}</label>
            <input
              id={`${ids}-start`}
              type="datetime-local"
              value={values.startsAt}
              onChange={(e) => set('startsAt', e.target.value)}
              aria-invalid={problems.startsAt ? true : undefined}
              aria-describedby={described('startsAt')}
            />
            {error('startsAt')}
          </div>
          <div className="field">
            <label htmlFor={`${ids}-end`}>{t('maintenance.ends')}</label>
            <input
              id={`${ids}-end`}
              type="datetime-local"
              value={values.endsAt}
              onChange={(e) => set('endsAt', e.target.value)}
              aria-invalid={problems.endsAt ? true : undefined}
              aria-describedby={described('endsAt')}
            />
            {error('endsAt')}
          </div>
          <div className="field span-2">
            <label htmlFor={`${ids}-reason`}>{t('maintenance.reason')}</label>
            <input
              id={`${ids}-reason`}
              value={values.reason}
              maxLength={500}
              onChange={(e) => set('reason', e.target.value)}
            />
          </div>
        </div>
        <p className="hint">{t('maintenance.zone', { zone: shopTimeZone })}</p>
        {create.isError && <Notice tone="error">{problemText(create.error)}</Notice>}
        {remove.isError && <Notice tone="error">{problemText(remove.error)}</Notice>}
        {create.isSuccess && <Notice tone="success">{t('maintenance.saved')}</Notice>}
        <div>
          <button type="submit" className="button primary" disabled={create.isPending}>
            {t('maintenance.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
