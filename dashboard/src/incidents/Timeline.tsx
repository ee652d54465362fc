import type { IncidentEvent } from '@linewatch/shared';
import { useSiteNames } from '../board/useSiteNames';
import { useI18n } from '../i18n/context';
import { eventText } from './incidentText';

/** Who did what when, newest last (the order of the story). */
export function Timeline({ events }: { events: readonly IncidentEvent[] }) {
  const { t, lang, dateTime } = useI18n();
  const siteName = useSiteNames();
  return (
    <section className="card panel no-print-report" aria-labelledby="timeline">
      <h2 id="timeline">{t('incident.timeline')}</h2>
      <ol className="timeline">
        {events.map((event) => {
          const text = eventText(event, lang, siteName);
          return (
            <li key={event.id} className={`timeline-${event.kind}`}>
              <time dateTime={event.at}>{dateTime(event.at)}</time>
              <span className="timeline-text">{t(text.key, text.params)}</span>
              <span className="muted small">
                {event.actor === 'system' ? t('incident.system') : event.actor}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
