import { Link, useRouteError } from 'react-router';
import { ApiRequestError } from '../api/errors';
import { Notice } from '../components/Notice';
import { useI18n } from '../i18n/context';
import { describeProblem } from '../i18n/problems';

/** A page that does not exist. */
export function NotFound() {
  const { t } = useI18n();
  return (
    <section className="empty card">
      <h1>{t('app.notFoundTitle')}</h1>
      <p className="muted">{t('app.notFoundText')}</p>
      <Link className="button primary" to="/">
        {t('app.toBoard')}
      </Link>
    </section>
  );
}

/**
 * Shown when a page fails to render or its code cannot be loaded (e.g. the
 * server was updated and an old chunk is gone): a reload usually helps.
 */
export function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  const text = error instanceof ApiRequestError ? describeProblem(error.problem, t) : t('app.crashed');
  return (
    <main id="main" className="app-main">
      <Notice
        tone="error"
        action={
          <button type="button" className="button" onClick={() => window.location.reload()}>
            {t('app.reload')}
          </button>
        }
      >
        {text}
      </Notice>
    </main>
  );
}
