import type { Localised } from '@linewatch/shared';

/** The frame: navigation, live state, errors, the board's filters and area banners. */
export const appMessages = {
  'app.crashed': {
    en: 'This page could not be shown. Reload the page; if it keeps happening, tell your administrator.',
    de: 'Diese Seite konnte nicht angezeigt werden. Bitte laden Sie die Seite neu; passiert es wieder, informieren Sie Ihren Administrator.',
  },
  'app.reload': { en: 'Reload page', de: 'Seite neu laden' },
  'app.notFoundTitle': { en: 'Page not found', de: 'Seite nicht gefunden' },
  'app.notFoundText': {
    en: 'This address does not lead anywhere. The line or incident may have been removed.',
    de: 'Diese Adresse führt nirgendwohin. Vielleicht wurde die Leitung oder Störung entfernt.',
  },
  'app.toBoard': { en: 'Back to the lines', de: 'Zurück zu den Leitungen' },

  'nav.label': { en: 'Main', de: 'Hauptmenü' },
  'nav.board': { en: 'Lines', de: 'Leitungen' },
  'nav.incidents': { en: 'Incidents', de: 'Störungen' },
  'nav.reports': { en: 'Reports', de: 'Berichte' },
  'nav.settings': { en: 'Settings', de: 'Einstellungen' },

  'live.on': { en: 'Live', de: 'Live' },
  'live.lost': { en: 'Live connection lost', de: 'Live-Verbindung unterbrochen' },
  'live.lostTitle': { en: 'Live connection lost.', de: 'Live-Verbindung unterbrochen.' },

  'board.pageTitle': { en: 'Lines', de: 'Leitungen' },
  'board.carrierFilter': { en: 'Carrier', de: 'Anbieter' },
  'board.allCarriers': { en: 'All carriers', de: 'Alle Anbieter' },
  'board.areaFilter': { en: 'Area', de: 'Gebiet' },
  'board.allAreas': { en: 'All areas', de: 'Alle Gebiete' },

  'area.area': { en: 'area {area}', de: 'Gebiet {area}' },
  'area.title': { en: 'Area outage: {place}', de: 'Regionale Störung: {place}' },
  'area.powerCutTitle': {
    en: 'Possible power cut: {place}',
    de: 'Vermutlich Stromausfall: {place}',
  },
  'area.summary': { en: '{count} lines affected', de: '{count} Leitungen betroffen' },
  'area.since': { en: 'since {when}', de: 'seit {when}' },
  'area.back': { en: '{count} back up', de: '{count} wieder da' },
  'area.recovering': { en: 'Over, watching:', de: 'Behoben, wird beobachtet:' },
  'area.more': { en: 'and {count} more', de: 'und {count} weitere' },
  'area.showLines': { en: 'Show these lines', de: 'Diese Leitungen zeigen' },
  'area.openIncident': { en: 'Open incident', de: 'Störung öffnen' },
} satisfies Record<string, Localised>;
