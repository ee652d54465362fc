import type { RepairClockView } from '@linewatch/shared';
import { useI18n } from '../i18n/context';
import { euros } from './incidentText';

/**
 * The § 58 TKG repair clock: the carrier must fix a reported consumer fault
 * by the end of the day after the report; from then on the customer is
 * owed compensation per day (Abs. 3), and word of what is being done (Abs. 2).
 */
export function RepairClock({ clock }: { clock: RepairClockView }) {
  const { t, locale, dateTime, date } = useI18n();
  return (
    <section className="card panel repair-clock" aria-labelledby="repair-clock">
      <h2 id="repair-clock">{t('clock.title')}</h2>
      {!clock.applicable ? (
        <p className="muted">{t('clock.business')}</p>
      ) : (
        <>
          <p className={clock.overdue ? 'clock-state overdue' : 'clock-state'}>
            <span aria-hidden="true">{clock.overdue ? '⏰ ' : '⏳ '}</span>
            {clock.overdue
              ? t('clock.overdue', { deadline: dateTime(clock.deadlineAt) })
              : t('clock.running', { deadline: dateTime(clock.deadlineAt) })}
          </p>
          <dl className="facts">
            <dt>{t('clock.reported')}</dt>
            <dd>{date(`${clock.reportDate}T12:00:00Z`)}</dd>
            <dt>{t('clock.lastRepairDay')}</dt>
            <dd>{date(`${clock.lastRepairDate}T12:00:00Z`)}</dd>
            <dt>{t('clock.daysOwed')}</dt>
            <dd>{clock.daysOwed}</dd>
            <dt>{t('clock.accrued')}</dt>
            <dd>{euros(clock.accruedCents, locale)}</dd>
            {clock.currentCentsPerDay !== null && (
              <>
                <dt>{t('clock.perDay')}</dt>
                <dd>{euros(clock.currentCentsPerDay, locale)}</dd>
              </>
            )}
          </dl>
          {clock.updateOwed && <p className="warn-text">⚠ {t('clock.updateOwed')}</p>}
        </>
      )}
    </section>
  );
}
