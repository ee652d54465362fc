import type { TestSendResult } from '@linewatch/shared';
import { Notice } from '../../components/Notice';
import { useI18n } from '../../i18n/context';

/** What each target's provider answered to a test message, in words. */
export function TestSendOutcome({ result }: { result: TestSendResult }) {
  const { t } = useI18n();
  const allOk = result.results.every((r) => r.ok);
  return (
    <Notice tone={allOk ? 'success' : 'error'}>
      <p>{t(allOk ? 'test.allOk' : 'test.someFailed')}</p>
      <ul className="test-results">
        {result.results.map((r) => (
          <li key={r.target}>
            <strong>{r.target}</strong>:{' '}
            {r.ok
              ? t('test.delivered', { id: r.providerId ?? '—' })
              : r.error &&
                t(
                  r.error.ambiguous
                    ? 'test.ambiguous'
                    : r.error.classification === 'permanent'
                      ? 'test.permanent'
                      : 'test.transient',
                  {
                    message: r.error.message,
                    status: r.error.status === null ? '' : `HTTP ${r.error.status}`,
                  },
                )}
            {r.response && (
              <details>
                <summary>{t('test.response')}</summary>
                <pre className="provider-response">{r.response}</pre>
              </details>
            )}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
