import type { Localised } from '@linewatch/shared';

/** Editing a line, replacing its box, deleting it. */
export const siteAdminMessages = {
  'editSite.open': { en: 'Edit line', de: 'Leitung bearbeiten' },
  'editSite.title': { en: 'Edit {name}', de: '{name} bearbeiten' },
  'editSite.intro': {
    en: 'Changes apply from now on; the line’s history and its box stay as they are.',
    de: 'Änderungen gelten ab jetzt; der Verlauf der Leitung und ihre Box bleiben, wie sie sind.',
  },
  'replaceBox.open': { en: 'Replace box', de: 'Box ersetzen' },
  'replaceBox.title': { en: 'Set up a new box for this line', de: 'Neue Box für diese Leitung einrichten' },
  'replaceBox.explain': {
    en: 'You get a new one-time token and install command. The old box keeps reporting until the new one is set up with it; then the old one is logged out for good.',
    de: 'Sie erhalten einen neuen Einmal-Code und den Installationsbefehl. Die alte Box meldet weiter, bis die neue damit eingerichtet ist; dann wird die alte endgültig abgemeldet.',
  },
  'replaceBox.issue': { en: 'Create new token', de: 'Neuen Code erzeugen' },
  'deleteSite.open': { en: 'Delete line', de: 'Leitung löschen' },
  'deleteSite.confirm': {
    en: 'Delete {name} with all its history',
    de: '{name} mit allem Verlauf löschen',
  },
} satisfies Record<string, Localised>;
