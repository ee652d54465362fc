import { EmailChannelSettings, type SmtpSecurity } from '@linewatch/shared';

/**
 * The e-mail channel a shop gets from three environment variables
 * (PRODUCT.md): `LINEWATCH_SMTP_URL`, `LINEWATCH_MAIL_FROM` and
 * `LINEWATCH_ALERT_EMAIL`. Its id in the outbox is {@link defaultEmailChannelId}.
 */

/** The outbox's channel id of the e-mail channel from the environment (it has no row). */
export const defaultEmailChannelId = 'default-email';

/**
 * How the URL's connection is secured:
 * 1. `?tls=tls|starttls|none` when given;
 * 2. `smtps://` is TLS from the first byte (port 465);
 * 3. `smtp://…:587` is submission with STARTTLS required;
 * 4. any other `smtp://` is plain (a relay on the same host or network).
 */
function securityOf(url: URL): SmtpSecurity {
  const asked = url.searchParams.get('tls');
  if (asked === 'tls' || asked === 'starttls' || asked === 'none') return asked;
  if (url.protocol === 'smtps:') return 'tls';
  return url.port === '587' ? 'starttls' : 'none';
}

/** `Shop Müller <alerts@shop.example>` → name and address; a bare address stays as it is. */
export function parseMailbox(text: string): { name?: string; address: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(text);
  if (!m) return { address: text.trim() };
  const name = m[1]?.trim();
  return { ...(name ? { name } : {}), address: (m[2] ?? '').trim() };
}

/**
 * E-mail channel settings from an SMTP URL (`smtp(s)://user:pass@host:port`,
 * user and password percent-encoded), a sender and the recipients. Throws a
 * zod error naming the bad part.
 *
 * @example
 * emailSettingsFromUrl('smtp://alerts%40shop.example:pw@mail.example:587', 'alerts@shop.example', ['ops@shop.example'])
 * // { type: 'email', host: 'mail.example', port: 587, secure: 'starttls', user: 'alerts@shop.example', … }
 */
export function emailSettingsFromUrl(url: string, from: string, to: readonly string[]): EmailChannelSettings {
  const u = new URL(url);
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:')
    throw new Error('the SMTP URL must start with smtp:// or smtps://');
  const mailbox = parseMailbox(from);
  return EmailChannelSettings.parse({
    type: 'email',
    host: u.hostname.replace(/^\[|\]$/g, ''),
    ...(u.port ? { port: Number(u.port) } : {}),
    secure: securityOf(u),
    ...(u.username ? { user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) } : {}),
    from: mailbox.address,
    fromName: mailbox.name ?? 'linewatch',
    to: [...to],
  });
}

/**
 * The default e-mail channel, or null unless the SMTP URL and the alert
 * address are both set. Without `mailFrom` the sender is `linewatch@<SMTP host>`.
 */
export function defaultEmailSettings(s: {
  smtpUrl?: string | undefined;
  mailFrom?: string | undefined;
  alertEmail?: string | undefined;
}): EmailChannelSettings | null {
  if (!s.smtpUrl || !s.alertEmail) return null;
  const from = s.mailFrom ?? `linewatch <linewatch@${new URL(s.smtpUrl).hostname}>`;
  const to = s.alertEmail
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  return emailSettingsFromUrl(s.smtpUrl, from, to);
}
