import type { Localised } from '@linewatch/shared';
import { alertMessages } from './messages/alerts';
import { appMessages } from './messages/app';
import { incidentMessages } from './messages/incidents';
import { settingsMessages } from './messages/settings';
import { siteMessages } from './messages/site';
import { siteAdminMessages } from './messages/siteAdmin';
import { userMessages } from './messages/users';

/**
 * Every text of the dashboard in German and English. An entry without both
 * languages does not compile. `{name}` marks a parameter. Status and cause
 * labels are not here: they come from the shared catalogue.
 */
const baseMessages = {
  'app.skipToContent': { en: 'Skip to the content', de: 'Zum Inhalt springen' },
  'app.loading': { en: 'Loading…', de: 'Wird geladen …' },
  'app.titleDown': { en: '{count} down · linewatch', de: '{count} gestört · linewatch' },

  'header.language': { en: 'Language', de: 'Sprache' },
  'header.signOut': { en: 'Sign out', de: 'Abmelden' },
  'header.signedInAs': { en: 'Signed in as {email}', de: 'Angemeldet als {email}' },

  'login.title': { en: 'Sign in', de: 'Anmelden' },
  'login.intro': { en: "Every customer's line at a glance.", de: 'Alle Kundenleitungen auf einen Blick.' },
  'login.email': { en: 'E-mail address', de: 'E-Mail-Adresse' },
  'login.password': { en: 'Password', de: 'Passwort' },
  'login.submit': { en: 'Sign in', de: 'Anmelden' },
  'login.submitting': { en: 'Signing in…', de: 'Anmeldung läuft …' },
  'login.missingEmail': { en: 'Enter your e-mail address.', de: 'Bitte geben Sie Ihre E-Mail-Adresse ein.' },
  'login.missingPassword': { en: 'Enter your password.', de: 'Bitte geben Sie Ihr Passwort ein.' },
  'login.wrongCredentials': {
    en: 'The e-mail address or the password is wrong.',
    de: 'E-Mail-Adresse oder Passwort ist falsch.',
  },
  'login.invalid': {
    en: 'Enter a valid e-mail address and your password.',
    de: 'Bitte geben Sie eine gültige E-Mail-Adresse und Ihr Passwort ein.',
  },
  'login.expired': {
    en: 'Your session has expired. Please sign in again.',
    de: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
  },
  'login.signedOut': { en: 'You have signed out.', de: 'Sie haben sich abgemeldet.' },

  'problem.network': {
    en: 'The server cannot be reached. Check your connection.',
    de: 'Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung.',
  },
  'problem.unauthorized': {
    en: 'Your session has expired. Please sign in again.',
    de: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
  },
  'problem.forbidden': {
    en: 'You are not allowed to do this. Ask an administrator.',
    de: 'Dafür fehlt Ihnen die Berechtigung. Bitte fragen Sie einen Administrator.',
  },
  'problem.notFound': {
    en: 'This could not be found. It may have been deleted.',
    de: 'Das wurde nicht gefunden. Vielleicht wurde es gelöscht.',
  },
  'problem.invalid': {
    en: 'Some entries are not valid. Please check the marked fields.',
    de: 'Einige Angaben sind ungültig. Bitte prüfen Sie die markierten Felder.',
  },
  'problem.conflict': {
    en: 'This clashes with data that already exists.',
    de: 'Das widerspricht bereits vorhandenen Daten.',
  },
  'problem.gone': { en: 'This is no longer available.', de: 'Das ist nicht mehr verfügbar.' },
  'problem.rateLimited': {
    en: 'Too many attempts. Please wait a minute and try again.',
    de: 'Zu viele Versuche. Bitte warten Sie eine Minute und versuchen Sie es dann erneut.',
  },
  'problem.unavailable': {
    en: 'The server is not available right now. Try again in a moment.',
    de: 'Der Server ist gerade nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.',
  },
  'problem.server': {
    en: 'Something went wrong on the server. Try again; if it keeps happening, tell your administrator.',
    de: 'Auf dem Server ist ein Fehler aufgetreten. Bitte versuchen Sie es erneut; passiert es wieder, informieren Sie Ihren Administrator.',
  },
  'problem.unexpected': {
    en: 'The server gave an unexpected answer. Try again in a moment.',
    de: 'Der Server hat unerwartet geantwortet. Bitte versuchen Sie es gleich noch einmal.',
  },
  'problem.serverSays': { en: 'The server says: “{message}”', de: 'Der Server meldet: „{message}“' },

  'common.retry': { en: 'Try again', de: 'Erneut versuchen' },
  'common.cancel': { en: 'Cancel', de: 'Abbrechen' },
  'common.close': { en: 'Close', de: 'Schließen' },
  'common.copy': { en: 'Copy', de: 'Kopieren' },
  'common.copied': { en: 'Copied', de: 'Kopiert' },
  'common.copyFailed': {
    en: 'Could not copy. Select the text and press Ctrl+C.',
    de: 'Kopieren nicht möglich. Bitte Text markieren und Strg+C drücken.',
  },

  'board.title': { en: 'Lines', de: 'Leitungen' },
  'board.summary': { en: 'Lines by status', de: 'Leitungen nach Status' },
  'board.total': { en: 'All lines', de: 'Alle Leitungen' },
  'board.search': { en: 'Search', de: 'Suchen' },
  'board.searchPlaceholder': {
    en: 'Customer, site, carrier or address',
    de: 'Kunde, Standort, Anbieter oder Adresse',
  },
  'board.statusFilter': { en: 'Status', de: 'Status' },
  'board.allStatuses': { en: 'All statuses', de: 'Alle Status' },
  'board.addSite': { en: 'Add a line', de: 'Leitung hinzufügen' },
  'board.loading': { en: 'Loading lines…', de: 'Leitungen werden geladen …' },
  'board.livePaused': {
    en: 'Live updates paused — reconnecting…',
    de: 'Live-Aktualisierung unterbrochen – Verbindung wird wiederhergestellt …',
  },
  'cutOff.probesTitle': {
    en: 'The linewatch server has lost its own internet connection (since {since}).',
    de: 'Der linewatch-Server hat selbst keine Internetverbindung (seit {since}).',
  },
  'cutOff.probesText': {
    en: 'Boxes that fall silent now are not reported as outages: the fault is probably on the server’s side. What they measure meanwhile arrives once the connection is back.',
    de: 'Messboxen, die jetzt schweigen, werden nicht als Störung gemeldet: Der Fehler liegt wohl beim Server. Ihre Messwerte kommen nach, sobald die Verbindung wieder steht.',
  },
  'cutOff.massTitle': {
    en: 'Boxes of many carriers and areas fell silent at the same moment (since {since}).',
    de: 'Messboxen vieler Anbieter und Gebiete schweigen seit {since} gleichzeitig.',
  },
  'cutOff.massText': {
    en: 'That points to the server’s own connection, not to your customers’ lines: they are not reported as outages until that is clear. What the boxes measure meanwhile arrives once they are back.',
    de: 'Das deutet auf die Verbindung des Servers hin, nicht auf die Leitungen Ihrer Kunden: Sie werden erst als Störung gemeldet, wenn das geklärt ist. Die Messwerte der Boxen kommen nach, sobald sie wieder da sind.',
  },
  'board.refreshFailed': {
    en: 'The list could not be refreshed. {reason}',
    de: 'Die Liste konnte nicht aktualisiert werden. {reason}',
  },
  'board.emptyTitle': {
    en: "No lines monitored yet — add your first customer's line",
    de: 'Noch keine Leitungen überwacht – fügen Sie die erste Kundenleitung hinzu',
  },
  'board.emptyText': {
    en: "Each line gets a small monitoring box (a Raspberry Pi) next to the customer's router. Add the line here, then set up the box with the one-time token you get.",
    de: 'Jede Leitung bekommt eine kleine Messbox (einen Raspberry Pi) neben dem Router des Kunden. Legen Sie die Leitung hier an und richten Sie die Box dann mit dem Einmal-Token ein, das Sie erhalten.',
  },
  'board.noMatches': { en: 'No line matches your search.', de: 'Keine Leitung passt zu Ihrer Suche.' },
  'board.clearFilters': { en: 'Show all lines', de: 'Alle Leitungen zeigen' },
  'board.showing': { en: 'Showing {shown} of {total} lines', de: '{shown} von {total} Leitungen' },
  'board.matches': { en: '{count} of {total} lines match', de: '{count} von {total} Leitungen passen' },
  'board.showMore': { en: 'Show more', de: 'Mehr anzeigen' },
  'board.tableCaption': {
    en: 'Customer lines, most urgent first',
    de: 'Kundenleitungen, dringendste zuerst',
  },
  'board.onlyStatus': { en: 'Show only “{status}”', de: 'Nur „{status}“ zeigen' },

  'col.status': { en: 'Status', de: 'Status' },
  'col.since': { en: 'Since', de: 'Seit' },
  'col.line': { en: 'Customer and site', de: 'Kunde und Standort' },
  'col.carrier': { en: 'Carrier', de: 'Anbieter' },
  'col.cause': { en: 'Cause and what to do', de: 'Ursache und nächster Schritt' },
  'col.lastSeen': { en: 'Last seen', de: 'Zuletzt gesehen' },

  'site.action': { en: 'What to do:', de: 'Nächster Schritt:' },
  'site.awaitingBox': {
    en: 'Waiting for the monitoring box to be set up.',
    de: 'Wartet auf die Einrichtung der Messbox.',
  },
  'site.notEnrolled': { en: 'No box yet', de: 'Noch keine Box' },
  'site.neverSeen': { en: 'Never', de: 'Noch nie' },
  'site.business': { en: 'Business', de: 'Geschäftskunde' },
  'site.contract': { en: '{down}/{up} Mbit/s', de: '{down}/{up} Mbit/s' },

  'accessType.dsl': { en: 'DSL', de: 'DSL' },
  'accessType.cable': { en: 'Cable', de: 'Kabel' },
  'accessType.fibre': { en: 'Fibre', de: 'Glasfaser' },
  'accessType.lte': { en: 'Mobile (LTE/5G)', de: 'Mobilfunk (LTE/5G)' },
  'accessType.other': { en: 'Other', de: 'Sonstige' },

  'addSite.title': { en: 'Add a customer line', de: 'Kundenleitung hinzufügen' },
  'addSite.intro': {
    en: 'After saving you get a one-time token to set up the monitoring box.',
    de: 'Nach dem Speichern erhalten Sie ein Einmal-Token, mit dem Sie die Messbox einrichten.',
  },
  'addSite.customer': { en: 'Customer', de: 'Kunde' },
  'addSite.name': { en: 'Site name', de: 'Standortname' },
  'addSite.nameHint': { en: 'e.g. “Main office” or “Shop”', de: 'z. B. „Hauptbüro“ oder „Laden“' },
  'addSite.address': { en: 'Address', de: 'Adresse' },
  'addSite.carrier': { en: 'Carrier', de: 'Anbieter' },
  'addSite.carrierHint': { en: 'e.g. Telekom, Vodafone, 1&1', de: 'z. B. Telekom, Vodafone, 1&1' },
  'addSite.accessType': { en: 'Access type', de: 'Anschlussart' },
  'addSite.contract': { en: 'Contracted speed', de: 'Vertraglich vereinbarte Geschwindigkeit' },
  'addSite.down': { en: 'Download (Mbit/s)', de: 'Download (Mbit/s)' },
  'addSite.up': { en: 'Upload (Mbit/s)', de: 'Upload (Mbit/s)' },
  'addSite.business': { en: 'Business customer', de: 'Geschäftskunde' },
  'addSite.businessHint': {
    en: 'Consumer lines fall under the compensation rules of § 58 TKG; business lines do not.',
    de: 'Für Privatkunden gelten die Entschädigungsregeln nach § 58 TKG, für Geschäftskunden nicht.',
  },
  'addSite.area': { en: 'Area (optional)', de: 'Gebiet (optional)' },
  'addSite.areaHint': {
    en: 'Lines of one area that fail together are grouped into one outage. Empty: the first three digits of the postcode.',
    de: 'Leitungen eines Gebiets, die zusammen ausfallen, werden zu einer Störung zusammengefasst. Leer: die ersten drei Ziffern der Postleitzahl.',
  },
  'addSite.monthlyFee': { en: 'Monthly fee in € (optional)', de: 'Monatliches Entgelt in € (optional)' },
  'addSite.monthlyFeeHint': {
    en: 'For the compensation amounts of § 58 TKG in the repair clock.',
    de: 'Für die Entschädigungsbeträge nach § 58 TKG in der Entstörungsfrist.',
  },
  'addSite.submit': { en: 'Add line', de: 'Leitung anlegen' },
  'addSite.submitting': { en: 'Saving…', de: 'Wird gespeichert …' },

  'form.required': { en: 'Please fill this in.', de: 'Bitte ausfüllen.' },
  'form.tooLong': { en: 'At most {max} characters.', de: 'Höchstens {max} Zeichen.' },
  'form.number': {
    en: 'Enter a number, e.g. 100 or 50.5.',
    de: 'Bitte eine Zahl eingeben, z. B. 100 oder 50,5.',
  },
  'form.amount': {
    en: 'Enter an amount in euros, e.g. 39.95.',
    de: 'Bitte einen Betrag in Euro eingeben, z. B. 39,95.',
  },
  'form.positive': { en: 'Must be more than 0.', de: 'Muss größer als 0 sein.' },
  'form.tooLarge': { en: 'At most {max}.', de: 'Höchstens {max}.' },
  'form.invalid': { en: 'This value is not valid.', de: 'Dieser Wert ist ungültig.' },

  'enroll.title': { en: 'Line added: {name}', de: 'Leitung angelegt: {name}' },
  'enroll.once': {
    en: 'This token works once and is shown only now. Copy it before you close this window.',
    de: 'Dieses Token funktioniert nur einmal und wird nur jetzt angezeigt. Kopieren Sie es, bevor Sie dieses Fenster schließen.',
  },
  'enroll.token': { en: 'Enrolment token', de: 'Einrichtungs-Token' },
  'enroll.copyToken': { en: 'Copy the token', de: 'Token kopieren' },
  'enroll.checkout': {
    en: 'On a computer with the linewatch checkout:',
    de: 'Auf einem Rechner mit dem linewatch-Quellcode:',
  },
  'enroll.checkoutThen': { en: 'Then start it with {command}.', de: 'Danach starten mit {command}.' },
  'enroll.copyCheckout': { en: 'Copy the command for the checkout', de: 'Befehl für den Quellcode kopieren' },
  'enroll.pi': {
    en: 'On a Raspberry Pi with linewatch installed:',
    de: 'Auf einem Raspberry Pi mit installiertem linewatch:',
  },
  'enroll.copyPi': { en: 'Copy the Raspberry Pi command', de: 'Befehl für den Raspberry Pi kopieren' },
  'enroll.next': {
    en: 'The line shows “Unknown” until the box reports for the first time.',
    de: 'Die Leitung steht auf „Unbekannt“, bis sich die Box zum ersten Mal meldet.',
  },
  'enroll.done': { en: 'Done', de: 'Fertig' },
} satisfies Record<string, Localised>;

/** Every text, by area of the app (each file's entries need both languages). */
export const dictionary = {
  ...baseMessages,
  ...appMessages,
  ...alertMessages,
  ...siteAdminMessages,
  ...userMessages,
  ...incidentMessages,
  ...siteMessages,
  ...settingsMessages,
};

export type MessageKey = keyof typeof dictionary;
