import type { Localised } from '@linewatch/shared';

/** Settings, maintenance windows and reports. */
export const settingsMessages = {
  'settings.title': { en: 'Settings', de: 'Einstellungen' },
  'settings.sections': { en: 'Sections', de: 'Bereiche' },
  'settings.sites': { en: 'Lines', de: 'Leitungen' },
  'settings.box': { en: 'Box', de: 'Box' },
  'settings.enrolled': { en: 'set up', de: 'eingerichtet' },
  'settings.showAllSites': { en: 'Show all {count} lines', de: 'Alle {count} Leitungen zeigen' },
  'settings.sitesEditPending': {
    en: 'Open a line to edit it, set up a replacement box or delete it.',
    de: 'Öffnen Sie eine Leitung, um sie zu bearbeiten, eine Ersatz-Box einzurichten oder sie zu löschen.',
  },
  'settings.alerts': { en: 'Alerts', de: 'Benachrichtigungen' },
  'settings.users': { en: 'Users', de: 'Benutzer' },

  'maintenance.title': { en: 'Maintenance windows', de: 'Wartungsfenster' },
  'maintenance.intro': {
    en: 'During planned work (by you or the carrier) outages are recorded but nobody is alerted.',
    de: 'Während geplanter Arbeiten (von Ihnen oder dem Anbieter) werden Ausfälle erfasst, aber niemand wird alarmiert.',
  },
  'maintenance.none': { en: 'No maintenance planned.', de: 'Keine Wartung geplant.' },
  'maintenance.noneForSite': {
    en: 'No maintenance planned for this line.',
    de: 'Für diese Leitung ist keine Wartung geplant.',
  },
  'maintenance.plan': { en: 'Plan maintenance', de: 'Wartung planen' },
  'maintenance.scope': { en: 'For', de: 'Für' },
  'maintenance.scope.site': { en: 'Line', de: 'Leitung' },
  'maintenance.scope.carrier': { en: 'Carrier', de: 'Anbieter' },
  'maintenance.scope.area': { en: 'Area', de: 'Gebiet' },
  'maintenance.choose': { en: 'Please choose', de: 'Bitte wählen' },
  'maintenance.starts': { en: 'Starts', de: 'Beginn' },
  'maintenance.ends': { en: 'Ends', de: 'Ende' },
  'maintenance.reason': { en: 'Reason (optional)', de: 'Grund (optional)' },
  'maintenance.zone': { en: 'Times in {zone}.', de: 'Zeiten in {zone}.' },
  'maintenance.save': { en: 'Save maintenance window', de: 'Wartungsfenster speichern' },
  'maintenance.saved': { en: 'Maintenance window saved.', de: 'Wartungsfenster gespeichert.' },
  'maintenance.delete': { en: 'Delete', de: 'Löschen' },
  'maintenance.deleteLabel': { en: 'Delete maintenance for {what}', de: 'Wartung für {what} löschen' },
  'maintenance.endBeforeStart': {
    en: 'Must end after it starts.',
    de: 'Das Ende muss nach dem Beginn liegen.',
  },

  'reports.title': { en: 'Availability reports', de: 'Verfügbarkeitsberichte' },
  'reports.intro': {
    en: 'Uptime of each line in a month, with its outages by count, minutes and cause. Months count in the shop’s time zone.',
    de: 'Verfügbarkeit jeder Leitung im Monat, mit Ausfällen nach Anzahl, Minuten und Ursache. Monate zählen in der Zeitzone des Geschäfts.',
  },
  'reports.month': { en: 'Month', de: 'Monat' },
  'reports.csv': { en: 'Export CSV', de: 'Als CSV exportieren' },
  'reports.file': { en: 'availability', de: 'verfuegbarkeit' },
  'reports.caption': { en: 'Availability in {month}', de: 'Verfügbarkeit im {month}' },
  'reports.uptime': { en: 'Uptime', de: 'Verfügbarkeit' },
  'reports.outages': { en: 'Outages', de: 'Ausfälle' },
  'reports.minutes': { en: 'Minutes down', de: 'Ausfallminuten' },
  'reports.causes': { en: 'Causes', de: 'Ursachen' },
  'reports.unknownCause': { en: 'unknown', de: 'unbekannt' },
  'reports.empty': {
    en: 'No lines yet: add a line on the Lines page, and its availability shows here.',
    de: 'Noch keine Leitungen: Legen Sie auf der Seite „Leitungen“ eine an, dann erscheint hier ihre Verfügbarkeit.',
  },
  'reports.maintenance': { en: 'Maintenance (min)', de: 'Wartung (Min.)' },
  'reports.degraded': { en: 'Degraded (min)', de: 'Beeinträchtigt (Min.)' },
  'reports.running': {
    en: 'This month is still running: the figures count up to now.',
    de: 'Dieser Monat läuft noch: Die Werte zählen bis jetzt.',
  },
  'reports.rules': {
    en: 'Down time inside maintenance windows and times a line was only degraded do not lower its availability; they are shown apart.',
    de: 'Ausfälle in Wartungsfenstern und Zeiten, in denen eine Leitung nur beeinträchtigt war, senken die Verfügbarkeit nicht; sie stehen getrennt daneben.',
  },
} satisfies Record<string, Localised>;
