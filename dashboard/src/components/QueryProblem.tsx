import { ApiRequestError, networkProblem } from '../api/errors';
import { useI18n } from '../i18n/context';
import { describeProblem } from '../i18n/problems';
import { Notice } from './Notice';

/** A failed load in a shop owner's words, with "Try again". */
export function QueryProblem({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const problem = error instanceof ApiRequestError ? error.problem : networkProblem();
  return (
    <Notice
      tone="error"
      action={
        onRetry && (
          <button type="button" className="button small" onClick={onRetry}>
            {t('common.retry')}
          </button>
        )
      }
    >
      {describeProblem(problem, t)}
    </Notice>
  );
}

/** The words for a failed action (a mutation's error). */
export function useProblemText(): (error: unknown) => string {
  const { t } = useI18n();
  return (error) => describeProblem(error instanceof ApiRequestError ? error.problem : networkProblem(), t);
}
