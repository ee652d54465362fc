import type { Incident } from '@linewatch/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useApi } from '../app/context';
import { useLiveSites } from '../board/liveSitesContext';
import { Notice } from '../components/Notice';
import { useProblemText } from '../components/QueryProblem';
import { useI18n } from '../i18n/context';

interface IncidentActionsProps {
  incident: Incident;
  onReport(): void;
}

/** What the shop does about an incident: acknowledge, report to the carrier, note, resolve, hotline report. */
export function IncidentActions({ incident, onReport }: IncidentActionsProps) {
  const { t } = useI18n();
  const api = useApi();
  const queryClient = useQueryClient();
  const problemText = useProblemText();
  const { state } = useLiveSites();
  const ids = useId();
  const firstSite = state.sites.get(incident.siteIds[0] ?? '');
  const [carrier, setCarrier] = useState(incident.carrier ?? firstSite?.carrier ?? '');
  const [number, setNumber] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<'number' | 'carrier' | 'note' | null>(null);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['incident', incident.id] }),
      queryClient.invalidateQueries({ queryKey: ['incidents'] }),
    ]);
  const acknowledge = useMutation({ mutationFn: () => api.acknowledge(incident.id), onSuccess: refresh });
  const ticket = useMutation({
    mutationFn: () => api.enterTicket(incident.id, { carrier: carrier.trim(), number: number.trim() }),
    onSuccess: async () => {
      setNumber('');
      await refresh();
    },
  });
  const addNote = useMutation({
    mutationFn: () => api.addNote(incident.id, note.trim()),
    onSuccess: async () => {
      setNote('');
      await refresh();
    },
  });
  const resolve = useMutation({ mutationFn: () => api.resolve(incident.id), onSuccess: refresh });
  const failed = [acknowledge, ticket, addNote, resolve].find((m) => m.isError);
  const resolved = incident.state === 'resolved';

  function submitTicket(event: FormEvent) {
    event.preventDefault();
    if (carrier.trim() === '') return setMissing('carrier');
    if (number.trim() === '') return setMissing('number');
    setMissing(null);
    ticket.mutate();
  }
  function submitNote(event: FormEvent) {
    event.preventDefault();
    if (note.trim() === '') return setMissing('note');
    setMissing(null);
    addNote.mutate();
  }

  return (
    <section className="card panel actions no-print" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('incident.actions')}</h2>
      {failed && <Notice tone="error">{problemText(failed.error)}</Notice>}
      <div className="button-row">
        {!incident.acknowledgedAt && !resolved && (
          <button
            type="button"
            className="button primary"
            disabled={acknowledge.isPending}
            onClick={() => acknowledge.mutate()}
          >
            <span aria-hidden="true">✓ </span>
            {t('incident.acknowledge')}
          </button>
        )}
        <button type="button" className="button" onClick={onReport}>
          {t('incident.hotlineReport')}
        </button>
        {!resolved && (
          <button
            type="button"
            className="button"
            disabled={resolve.isPending}
            onClick={() => resolve.mutate()}
          >
            <span aria-hidden="true">✔ </span>
            {t('incident.resolve')}
          </button>
        )}
      </div>

      {!incident.ticket && !resolved && (
        <form className="form compact" onSubmit={submitTicket} noValidate>
          <h3>{t('incident.enterTicket')}</h3>
          <p className="hint">{t('incident.ticketHint')}</p>
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${ids}-carrier`}>{t('incident.ticketCarrier')}</label>
              <input
                id={`${ids}-carrier`}
                value={carrier}
                maxLength={100}
                onChange={(e) => setCarrier(e.target.value)}
                aria-invalid={missing === 'carrier' || undefined}
              />
            </div>
            <div className="field">
              <label htmlFor={`${ids}-number`}>{t('incident.ticketNumber')}</label>
              <input
                id={`${ids}-number`}
                value={number}
                maxLength={100}
                onChange={(e) => setNumber(e.target.value)}
                aria-invalid={missing === 'number' || undefined}
                aria-describedby={missing === 'number' ? `${ids}-number-error` : undefined}
              />
              {missing === 'number' && (
                <span id={`${ids}-number-error`} className="field-error">
                  {t('form.required')}
                </span>
              )}
            </div>
          </div>
          <button type="submit" className="button" disabled={ticket.isPending}>
            {t('incident.saveTicket')}
          </button>
        </form>
      )}

      <form className="form compact" onSubmit={submitNote} noValidate>
        <div className="field">
          <label htmlFor={`${ids}-note`}>{t('incident.note')}</label>
          <textarea
            id={`${ids}-note`}
            rows={2}
            maxLength={4000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={missing === 'note' || undefined}
          />
        </div>
        <button type="submit" className="button" disabled={addNote.isPending}>
          {t('incident.addNote')}
        </button>
      </form>
    </section>
  );
}
