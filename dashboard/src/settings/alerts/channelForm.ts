import { type ChannelKind, channelSecretFields, secretMask } from '@linewatch/shared';
import type { MessageKey } from '../../i18n/dictionary';

/** How one settings field is entered. `list`: one value per line (or comma-separated). */
export type FieldInput = 'text' | 'secret' | 'number' | 'list' | 'security' | 'headers';

export interface FieldSpec {
  key: string;
  input: FieldInput;
  label: MessageKey;
  optional?: boolean;
  placeholder?: string;
  /** Offer the contacts' e-mail addresses or phone numbers for this list. */
  contacts?: 'email' | 'phone';
}

const smsFields = (extra: FieldSpec[]): FieldSpec[] => [
  ...extra,
  {
    key: 'recipients',
    input: 'list',
    label: 'channel.field.recipients',
    placeholder: '+4915790123456',
    contacts: 'phone',
  },
  {
    key: 'maxSegments',
    input: 'number',
    label: 'channel.field.maxSegments',
    optional: true,
    placeholder: '2',
  },
];

/** The form of each channel kind; a missing kind is a compile error. */
export const channelFields: Record<ChannelKind, FieldSpec[]> = {
  email: [
    { key: 'host', input: 'text', label: 'channel.field.host', placeholder: 'mail.example.de' },
    { key: 'port', input: 'number', label: 'channel.field.port', optional: true, placeholder: '587' },
    { key: 'secure', input: 'security', label: 'channel.field.secure' },
    { key: 'user', input: 'text', label: 'channel.field.user', optional: true },
    { key: 'password', input: 'secret', label: 'channel.field.password', optional: true },
    { key: 'from', input: 'text', label: 'channel.field.from', placeholder: 'alerts@shop.example' },
    {
      key: 'fromName',
      input: 'text',
      label: 'channel.field.fromName',
      optional: true,
      placeholder: 'linewatch',
    },
    {
      key: 'to',
      input: 'list',
      label: 'channel.field.to',
      placeholder: 'ops@shop.example',
      contacts: 'email',
    },
  ],
  sipgate: smsFields([
    { key: 'tokenId', input: 'text', label: 'channel.field.tokenId', placeholder: 'token-ABC123' },
    { key: 'token', input: 'secret', label: 'channel.field.token' },
    { key: 'smsId', input: 'text', label: 'channel.field.smsId', placeholder: 's0' },
  ]),
  seven: smsFields([
    { key: 'apiKey', input: 'secret', label: 'channel.field.apiKey' },
    { key: 'from', input: 'text', label: 'channel.field.smsFrom', optional: true, placeholder: 'Laden' },
  ]),
  twilio: smsFields([
    { key: 'accountSid', input: 'text', label: 'channel.field.accountSid', placeholder: 'AC…' },
    { key: 'authToken', input: 'secret', label: 'channel.field.authToken' },
    { key: 'from', input: 'text', label: 'channel.field.smsFrom', optional: true, placeholder: '+4930…' },
    { key: 'messagingServiceSid', input: 'text', label: 'channel.field.messagingServiceSid', optional: true },
  ]),
  webhook: [
    { key: 'url', input: 'text', label: 'channel.field.url', placeholder: 'https://ops.example/linewatch' },
    { key: 'secret', input: 'secret', label: 'channel.field.secret' },
    {
      key: 'headers',
      input: 'headers',
      label: 'channel.field.headers',
      optional: true,
      placeholder: 'Authorization: Bearer …',
    },
  ],
  telegram: [
    { key: 'botToken', input: 'secret', label: 'channel.field.botToken' },
    { key: 'chatId', input: 'text', label: 'channel.field.chatId', placeholder: '-1001234567890' },
  ],
  slack: [{ key: 'webhookUrl', input: 'secret', label: 'channel.field.webhookUrl' }],
  teams: [{ key: 'webhookUrl', input: 'secret', label: 'channel.field.webhookUrl' }],
};

/** The form's values: every field as the text the user typed. */
export type ChannelFormValues = Record<string, string>;

const splitList = (text: string) =>
  text
    .split(/[\n,;]/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The API's `settings` from the form: lists split, numbers parsed, empty
 * optional fields left out. A secret left as shown (`••••`) is sent as the
 * mask, so the server keeps the stored one.
 *
 * @example toSettings('seven', { apiKey: 'k', recipients: '+4915790123456\n+4917612345678' })
 * // { type: 'seven', apiKey: 'k', recipients: ['+4915790123456', '+4917612345678'] }
 */
export function toSettings(kind: ChannelKind, values: ChannelFormValues): Record<string, unknown> {
  const out: Record<string, unknown> = { type: kind };
  for (const field of channelFields[kind]) {
    const raw = (values[field.key] ?? '').trim();
    if (raw === '' && field.input !== 'list') {
      if (!field.optional && field.input !== 'security') out[field.key] = '';
      continue;
    }
    switch (field.input) {
      case 'number':
        out[field.key] = Number(raw.replace(',', '.'));
        break;
      case 'list':
        out[field.key] = splitList(raw);
        break;
      case 'headers':
        out[field.key] = Object.fromEntries(
          raw
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean)
            .map((line) => {
              const at = line.indexOf(':');
              return at < 0 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
            }),
        );
        break;
      default:
        out[field.key] = raw;
    }
  }
  return out;
}

/**
 * The form's values from a channel's (masked) settings, for editing.
 *
 * @example fromSettings('seven', { type: 'seven', apiKey: '••••', recipients: ['+49157…'] }).apiKey // '••••'
 */
export function fromSettings(kind: ChannelKind, settings: Record<string, unknown>): ChannelFormValues {
  const values: ChannelFormValues = {};
  for (const field of channelFields[kind]) {
    const value = settings[field.key];
    if (value === undefined || value === null) continue;
    if (field.input === 'list' && Array.isArray(value)) values[field.key] = value.join('\n');
    else if (field.input === 'headers' && typeof value === 'object')
      values[field.key] = Object.entries(value as Record<string, unknown>)
        .map(([name, v]) => `${name}: ${String(v)}`)
        .join('\n');
    else values[field.key] = String(value);
  }
  return values;
}

/** Whether a field holds a secret the API masks. */
export function isSecret(kind: ChannelKind, key: string): boolean {
  return (channelSecretFields[kind] as readonly string[]).includes(key);
}

/** Whether the user kept a stored secret unchanged (it is shown masked). */
export const keptSecret = (value: string | undefined) => value === secretMask;

/**
 * The form field a server complaint belongs to: `settings.recipients.0` → `recipients`;
 * other paths (`name`, `rateLimitPerHour`) as they are.
 *
 * @example fieldOfIssue('settings.recipients.1') // 'recipients'
 */
export function fieldOfIssue(path: string): string {
  const parts = path.split('.');
  return parts[0] === 'settings' && parts[1] ? parts[1] : (parts[0] ?? path);
}
