import type { Localised } from '@linewatch/shared';

/** Users, roles and passwords. */
export const userMessages = {
  'settings.adminOnly': {
    en: 'Only an administrator can change these settings.',
    de: 'Nur Administratoren können diese Einstellungen ändern.',
  },
  'users.intro': {
    en: 'Administrators change everything; technicians see everything and work on incidents.',
    de: 'Administratoren dürfen alles ändern; Techniker sehen alles und bearbeiten Störungen.',
  },
  'users.you': { en: 'you', de: 'Sie' },
  'users.role': { en: 'Role', de: 'Rolle' },
  'users.roleOf': { en: 'Role of {email}', de: 'Rolle von {email}' },
  'users.role.admin': { en: 'Administrator', de: 'Administrator' },
  'users.role.technician': { en: 'Technician', de: 'Techniker' },
  'users.roleHint.admin': {
    en: 'May change lines, alerting and users.',
    de: 'Darf Leitungen, Benachrichtigungen und Benutzer ändern.',
  },
  'users.roleHint.technician': {
    en: 'Sees everything, acknowledges incidents, enters tickets, runs checks.',
    de: 'Sieht alles, bestätigt Störungen, erfasst Tickets, startet Prüfungen.',
  },
  'users.remove': { en: 'Remove', de: 'Entfernen' },
  'users.removeLabel': { en: 'Remove {email}', de: '{email} entfernen' },
  'users.confirmRemove': { en: 'Really remove {email}', de: '{email} wirklich entfernen' },
  'users.add': { en: 'Add a colleague', de: 'Kollegen hinzufügen' },
  'users.addSubmit': { en: 'Add user', de: 'Benutzer anlegen' },
  'users.generated': {
    en: 'The password of {email} — shown only now. Pass it on; it can be changed after signing in.',
    de: 'Das Passwort von {email} — wird nur jetzt angezeigt. Geben Sie es weiter; es lässt sich nach der Anmeldung ändern.',
  },
  'users.copyPassword': { en: 'Copy the password', de: 'Passwort kopieren' },
  'users.changePassword': { en: 'Change my password', de: 'Mein Passwort ändern' },
  'users.changePasswordSubmit': { en: 'Change password', de: 'Passwort ändern' },
  'users.currentPassword': { en: 'Current password', de: 'Aktuelles Passwort' },
  'users.newPassword': { en: 'New password', de: 'Neues Passwort' },
  'users.passwordRule': { en: 'At least 12 characters.', de: 'Mindestens 12 Zeichen.' },
  'users.wrongPassword': { en: 'The current password is wrong.', de: 'Das aktuelle Passwort ist falsch.' },
  'users.passwordChanged': {
    en: 'Password changed. Your other sessions were signed out.',
    de: 'Passwort geändert. Ihre anderen Sitzungen wurden abgemeldet.',
  },
} satisfies Record<string, Localised>;
