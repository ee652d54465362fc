import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useApi } from '../app/context';
import { CopyButton } from '../components/CopyButton';
import { QueryProblem } from '../components/QueryProblem';
import { useI18n } from '../i18n/context';

/** Class on <html> while the hotline report is printed: the print stylesheet then shows only the report. */
const printingClass = 'print-report';

/**
 * The report to read out on the carrier's hotline (or to send): the
 * server writes it from the incident, in the user's language. Copy puts
 * the plain text on the clipboard; Print prints only the report.
 */
export function HotlineReportPanel({ incidentId, onClose }: { incidentId: string; onClose(): void }) {
  const { t, lang } = useI18n();
  const api = useApi();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const report = useQuery({
    queryKey: ['incident', incidentId, 'report', lang],
    queryFn: () => api.hotlineReport(incidentId, lang),
  });

  useEffect(() => {
    headingRef.current?.focus();
    headingRef.current?.scrollIntoView({ block: 'start' });
  }, []);

  function print() {
    document.documentElement.classList.add(printingClass);
    const done = () => {
      document.documentElement.classList.remove(printingClass);
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    window.print();
  }

  return (
    <section className="card panel report" aria-labelledby="hotline-report">
      <div className="report-head">
        <h2 id="hotline-report" ref={headingRef} tabIndex={-1}>
          {report.data?.title ?? t('incident.hotlineReport')}
        </h2>
        <div className="button-row no-print">
          {report.data && <CopyButton text={report.data.text} label={t('report.copy')} />}
          <button type="button" className="button small" onClick={print} disabled={!report.data}>
            {t('report.print')}
          </button>
          <button type="button" className="button small" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
      {report.isPending && (
        <p className="loading" role="status">
          {t('app.loading')}
        </p>
      )}
      {report.isError && <QueryProblem error={report.error} onRetry={() => void report.refetch()} />}
      {report.data?.sections.map((section) => (
        <div key={section.id} className="report-section">
          <h3>{section.title}</h3>
          <table className="report-table">
            <tbody>
              {section.lines.map((line, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id and never reorder
                <tr key={index}>
                  {line.label ? (
                    <>
                      <th scope="row">{line.label}</th>
                      <td>{line.value}</td>
                    </>
                  ) : (
                    <td colSpan={2}>{line.value}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
