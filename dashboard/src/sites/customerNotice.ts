import {
  type AlertChannel,
  type ChannelMedium,
  channelCatalogue,
  type Language,
  normalisePhoneNumber,
  SiteAlertSettings,
} from '@linewatch/shared';
import type { ApiIssue } from '../api/errors';
import type { MessageKey } from '../i18n/dictionary';

/**
 * The customer notice of a line, pure: "we know, we're on it" by SMS
 * and/or e-mail to the customer, off by default. Checked with the shared
 * `SiteAlertSettings`; the server also needs an enabled channel of each
 * medium used, which {@link missingMedia} tells beforehand.
 */

export interface NoticeFormValues {
  on: boolean;
  phone: string;
  email: string;
  language: Language;
}

export type NoticeField = 'on' | 'phone' | 'email' | 'general';
export type NoticeProblems = Partial<Record<NoticeField, MessageKey>>;

export function noticeToForm(s: SiteAlertSettings): NoticeFormValues {
  return {
    on: s.customerNotice,
    phone: s.customerPhone ?? '',
    email: s.customerEmail ?? '',
    language: s.language,
  };
}

const fieldOf = (path: string): NoticeField =>
  path === 'customerPhone'
    ? 'phone'
    : path === 'customerEmail'
      ? 'email'
      : path === 'customerNotice'
        ? 'on'
        : 'general';

const problemKeys: Record<NoticeField, MessageKey> = {
  on: 'notice.needAddress',
  phone: 'notice.phoneInvalid',
  email: 'notice.emailInvalid',
  general: 'form.invalid',
};

export type NoticeFormResult =
  | { ok: true; body: SiteAlertSettings }
  | { ok: false; problems: NoticeProblems };

/**
 * @example validateNotice({ on: true, phone: '0049 176 12345678', email: '', language: 'de' }).ok // true
 */
export function validateNotice(v: NoticeFormValues): NoticeFormResult {
  const phone = normalisePhoneNumber(v.phone);
  const email = v.email.trim();
  const parsed = SiteAlertSettings.safeParse({
    customerNotice: v.on,
    customerPhone: phone === '' ? null : phone,
    customerEmail: email === '' ? null : email,
    language: v.language,
  });
  if (parsed.success) return { ok: true, body: parsed.data };
  const problems: NoticeProblems = {};
  for (const issue of parsed.error.issues) {
    const field = fieldOf(String(issue.path[0] ?? ''));
    problems[field] ??= problemKeys[field];
  }
  return { ok: false, problems };
}

/** The media the notice would use that no enabled channel can send (the server refuses those). */
export function missingMedia(v: NoticeFormValues, channels: readonly AlertChannel[]): ChannelMedium[] {
  if (!v.on) return [];
  const has = (m: ChannelMedium) => channels.some((c) => c.enabled && channelCatalogue[c.kind].medium === m);
  const missing: ChannelMedium[] = [];
  if (v.phone.trim() !== '' && !has('sms')) missing.push('sms');
  if (v.email.trim() !== '' && !has('email')) missing.push('email');
  return missing;
}

/** The server's sentences by field, for a 400's `issues`. */
export function groupNoticeIssues(issues: readonly ApiIssue[]): Partial<Record<NoticeField, string>> {
  const out: Partial<Record<NoticeField, string>> = {};
  for (const issue of issues) out[fieldOf(issue.path)] ??= issue.message;
  return out;
}
