import type { Language } from '@linewatch/shared';
import { escapeHtml } from './template-html.js';

/**
 * The tiny pages behind an acknowledge link. GET shows what would be
 * acknowledged and a button; only the button's POST changes anything, so a
 * mail scanner or link preview that fetches the link acknowledges nothing.
 */

export type AckPageState = 'ready' | 'done' | 'acknowledged' | 'resolved' | 'expired' | 'invalid';

interface PageWords {
  title: string;
  button: string;
  says: Record<Exclude<AckPageState, 'ready'>, (by: string) => string>;
  ready: string;
}

const words: Record<Language, PageWords> = {
  de: {
    title: 'Störung bestätigen',
    button: 'Bestätigen: ich kümmere mich darum',
    ready: 'Mit der Bestätigung wissen alle, dass sich jemand kümmert; Erinnerungen und Eskalation enden.',
    says: {
      done: () => 'Bestätigt. Danke! Erinnerungen und Eskalation sind beendet.',
      acknowledged: (by) => `Diese Störung ist bereits bestätigt (${by}).`,
      resolved: () => 'Diese Störung ist bereits behoben.',
      expired: () => 'Dieser Link ist abgelaufen. Bitte bestätigen Sie die Störung im linewatch-Dashboard.',
      invalid: () => 'Dieser Link ist ungültig.',
    },
  },
  en: {
    title: 'Acknowledge the incident',
    button: "Acknowledge: I'm on it",
    ready: 'Acknowledging tells everyone that someone is on it; reminders and escalation stop.',
    says: {
      done: () => 'Acknowledged. Thank you! Reminders and escalation have stopped.',
      acknowledged: (by) => `This incident is already acknowledged (${by}).`,
      resolved: () => 'This incident is already resolved.',
      expired: () => 'This link has expired. Please acknowledge the incident in the linewatch dashboard.',
      invalid: () => 'This link is not valid.',
    },
  },
};

/**
 * The page for a state. `summary` says what the incident is; `by` who
 * acknowledged it already.
 *
 * @example
 * ackPage({ state: 'ready', lang: 'de', summary: 'Der Anschluss … ist seit … ausgefallen.' })
 */
export function ackPage(p: { state: AckPageState; lang: Language; summary?: string; by?: string }): string {
  const w = words[p.lang];
  const summary = p.summary ? `<p>${escapeHtml(p.summary)}</p>` : '';
  const body =
    p.state === 'ready'
      ? `${summary}<p>${escapeHtml(w.ready)}</p><form method="post"><button type="submit" style="font-size:1.1em;padding:.6em 1.2em">${escapeHtml(w.button)}</button></form>`
      : `${summary}<p><strong>${escapeHtml(w.says[p.state](p.by ?? ''))}</strong></p>`;
  return `<!doctype html><html lang="${p.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>linewatch: ${escapeHtml(w.title)}</title></head><body style="font-family:sans-serif;max-width:36em;margin:2em auto;padding:0 1em"><h1 style="font-size:1.4em">${escapeHtml(w.title)}</h1>${body}</body></html>`;
}
