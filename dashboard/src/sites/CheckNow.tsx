import type { Site } from '@linewatch/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApi } from '../app/context';
import { Notice } from '../components/Notice';
import { useProblemText } from '../components/QueryProblem';
import { StatusBadge } from '../components/StatusBadge';
import { useI18n } from '../i18n/context';
import { causeInfo } from './catalogue';
import { checkPhase } from './checkNow';

/** How often the command and the newest round are polled while a check runs, in ms. */
const pollMs = 1_000;

/** "Check now": the box runs its full check at once; the verdict shows here when it arrives. */
export function CheckNow({ site }: { site: Site }) {
  const { t, lang } = useI18n();
  const api = useApi();
  const queryClient = useQueryClient();
  const problemText = useProblemText();
  const start = useMutation({ mutationFn: () => api.checkNow(site.id) });
  const commandId = start.data?.id;
  const command = useQuery({
    queryKey: ['site', site.id, 'command', commandId],
    queryFn: async () => (await api.commands(site.id)).find((c) => c.id === commandId) ?? start.data,
    enabled: commandId !== undefined,
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === 'done' || state === 'expired' ? false : pollMs;
    },
  });
  const done = command.data?.state === 'done';
  const latest = useQuery({
    queryKey: ['site', site.id, 'latest', 'check', commandId],
    queryFn: () => api.latest(site.id),
    enabled: done,
    refetchInterval: (query) => {
      const phase = command.data && checkPhase(command.data, query.state.data);
      return phase?.phase === 'finishing' ? pollMs : false;
    },
  });
  const phase = command.data ? checkPhase(command.data, latest.data) : null;
  const finished = phase?.phase === 'done';
  // The page's own "line figures now" should show the round the check produced.
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: ['site', site.id, 'latest'], exact: true });
  }, [finished, queryClient, site.id]);

  const running = start.isPending || (phase !== null && phase.phase !== 'done' && phase.phase !== 'expired');
  return (
    <div className="check-now">
      <button
        type="button"
        className="button primary"
        disabled={running || site.agentId === null}
        onClick={() => start.mutate()}
      >
        <span aria-hidden="true">⟳ </span>
        {t('check.button')}
      </button>
      {site.agentId === null && <p className="hint">{t('check.noBox')}</p>}
      <div role="status" className="check-result" data-testid="check-result">
        {start.isError && <Notice tone="error">{problemText(start.error)}</Notice>}
        {phase?.phase === 'waiting' && <p>{t(phase.sent ? 'check.running' : 'check.pending')}</p>}
        {phase?.phase === 'finishing' && <p>{t('check.finishing')}</p>}
        {phase?.phase === 'expired' && <Notice tone="warn">{t('check.expired')}</Notice>}
        {phase?.phase === 'done' && (
          <div className="verdict">
            <p>
              <strong>{t('check.verdict')}</strong>{' '}
              <StatusBadge status={phase.latest.measurement.diagnosis.status} />{' '}
              {causeInfo(phase.latest.measurement.diagnosis.cause)?.label[lang] ?? ''}
            </p>
            {(phase.latest.measurement.diagnosis.evidence ?? []).length > 0 && (
              <ul className="evidence">
                {phase.latest.measurement.diagnosis.evidence?.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
