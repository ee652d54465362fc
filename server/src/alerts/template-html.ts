/**
 * The e-mail body of an alert as parts, and its two renderings: plain text
 * and HTML (inline styles only: mail clients drop style sheets).
 */

export interface MailBody {
  /** The first paragraph: what happened. May hold line breaks. */
  lead: string;
  /** Label and value lines: cause, recommended action. */
  facts: readonly (readonly [string, string])[];
  sitesTitle: string | null;
  sites: readonly string[];
  links: readonly { label: string; href: string }[];
  reportTitle: string | null;
  report: string | null;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The text part. */
export function mailText(b: MailBody): string {
  const blocks = [b.lead];
  if (b.facts.length) blocks.push(b.facts.map(([k, v]) => `${k}: ${v}`).join('\n'));
  if (b.sitesTitle && b.sites.length)
    blocks.push([`${b.sitesTitle}:`, ...b.sites.map((s) => `- ${s}`)].join('\n'));
  if (b.links.length) blocks.push(b.links.map((l) => `${l.label}: ${l.href}`).join('\n'));
  if (b.reportTitle && b.report)
    blocks.push(`${b.reportTitle}\n${'-'.repeat(b.reportTitle.length)}\n${b.report.trimEnd()}`);
  return `${blocks.join('\n\n')}\n`;
}

const paragraph = (text: string) => `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;

/** The HTML part. */
export function mailHtml(b: MailBody): string {
  const parts = [paragraph(b.lead)];
  if (b.facts.length) {
    const rows = b.facts
      .map(
        ([k, v]) =>
          `<tr><th style="text-align:left;padding:2px 12px 2px 0;vertical-align:top">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`,
      )
      .join('');
    parts.push(`<table style="border-collapse:collapse">${rows}</table>`);
  }
  if (b.sitesTitle && b.sites.length) {
    parts.push(
      `<h3 style="margin:16px 0 4px">${escapeHtml(b.sitesTitle)}</h3><ul>${b.sites.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`,
    );
  }
  if (b.links.length) {
    parts.push(
      `<p>${b.links.map((l) => `<a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a>`).join(' &middot; ')}</p>`,
    );
  }
  if (b.reportTitle && b.report) {
    parts.push(
      `<h3 style="margin:16px 0 4px">${escapeHtml(b.reportTitle)}</h3><pre style="font-family:monospace;white-space:pre-wrap">${escapeHtml(b.report.trimEnd())}</pre>`,
    );
  }
  return `<!doctype html><html><body style="font-family:sans-serif;font-size:14px">${parts.join('\n')}</body></html>`;
}
