import { describe, expect, it } from 'vitest';
import { normalisePhoneNumber, PhoneNumber } from './addresses.js';
import { channelCatalogue, channelKinds } from './channel-kinds.js';
import {
  type ChannelSettings,
  ChannelSettings as ChannelSettingsSchema,
  channelSecretFields,
  redactChannel,
  restoreSecrets,
  secretMask,
} from './channels.js';

const phone = '+4915790123456';
const valid: Record<(typeof channelKinds)[number], unknown> = {
  email: {
    type: 'email',
    host: 'mail.shop.example',
    secure: 'tls',
    user: 'alerts',
    password: 'smtp-password',
    from: 'alerts@shop.example',
    to: ['ops@shop.example'],
  },
  sipgate: {
    type: 'sipgate',
    tokenId: 'token-ABC123',
    token: 'sipgate-token',
    smsId: 's0',
    recipients: [phone],
  },
  seven: { type: 'seven', apiKey: 'seven-key', from: 'Linewatch', recipients: [phone] },
  twilio: {
    type: 'twilio',
    accountSid: `AC${'a'.repeat(32)}`,
    authToken: 'twilio-token',
    from: '+15005550006',
    recipients: [phone],
  },
  webhook: {
    type: 'webhook',
    url: 'https://ops.example/hook',
    secret: 'webhook-secret-0123',
    headers: { Authorization: 'Bearer header-secret' },
  },
  telegram: { type: 'telegram', botToken: `123456:${'b'.repeat(35)}`, chatId: '@shop_alerts' },
  slack: { type: 'slack', webhookUrl: 'https://hooks.slack.com/services/T/B/slack-secret' },
  teams: { type: 'teams', webhookUrl: 'https://x.logic.azure.com/workflows/teams-secret' },
};

function firstError(input: unknown): string {
  const result = ChannelSettingsSchema.safeParse(input);
  if (result.success) return 'valid';
  const issue = result.error.issues[0];
  return `${issue?.path.join('.')}: ${issue?.message}`;
}

describe('channel settings', () => {
  it('accepts a valid example of every kind, with labels in both languages', () => {
    for (const kind of channelKinds) {
      expect(firstError(valid[kind])).toBe('valid');
      expect(channelCatalogue[kind].label.de && channelCatalogue[kind].label.en).toBeTruthy();
    }
  });

  it('fills in defaults: STARTTLS for e-mail, two segments for SMS', () => {
    const email = ChannelSettingsSchema.parse({ type: 'email', host: 'h', from: 'a@b', to: ['c@d'] });
    expect(email).toMatchObject({ secure: 'starttls' });
    expect(ChannelSettingsSchema.parse(valid.seven)).toMatchObject({ maxSegments: 2 });
  });

  it.each([
    [{ type: 'fax' }, 'type: must have a type: one of "email", "sipgate"'],
    [
      { ...(valid.seven as object), recipients: ['015790123456'] },
      'recipients.0: must be a phone number in international format',
    ],
    [
      { ...(valid.seven as object), recipients: ['+49 157 90123456'] },
      'recipients.0: must be a phone number',
    ],
    [{ ...(valid.seven as object), recipients: [phone, phone] }, 'recipients: must not name a number twice'],
    [{ ...(valid.seven as object), recipients: [] }, 'recipients: must name at least one recipient'],
    [{ ...(valid.seven as object), from: 'Linewatch Alerts' }, 'from: must be a phone number like'],
    [{ ...(valid.seven as object), apikey: 'typo' }, ': Unrecognized key: "apikey"'],
    [
      { ...(valid.email as object), secure: 'ssl' },
      'secure: must be "tls" (port 465), "starttls" (port 587) or "none"',
    ],
    [
      { ...(valid.email as object), password: undefined },
      'password: user and password must be given together',
    ],
    [{ ...(valid.email as object), to: ['not-an-address'] }, 'to.0: must be an e-mail address'],
    [{ ...(valid.email as object), port: 70000 }, 'port: must be a port number from 1 to 65535'],
    [{ ...(valid.sipgate as object), smsId: 'p0' }, 'smsId: must be a sipgate SMS extension, like "s0"'],
    [
      { ...(valid.twilio as object), messagingServiceSid: `MG${'a'.repeat(32)}` },
      'from: give either from or messagingServiceSid',
    ],
    [{ ...(valid.twilio as object), accountSid: 'AC123' }, 'accountSid: must be a Twilio Account SID'],
    [{ ...(valid.webhook as object), secret: 'short' }, 'secret: must be at least 16 characters'],
    [{ ...(valid.webhook as object), url: 'ftp://x' }, 'url: must be an http(s) URL'],
    [
      { ...(valid.webhook as object), headers: { 'X-Linewatch-Signature': 'x' } },
      'headers.X-Linewatch-Signature: is set by linewatch',
    ],
    [{ ...(valid.webhook as object), headers: { A: 'x\r\nB: y' } }, 'headers.A: must be one line'],
    [{ ...(valid.telegram as object), chatId: 'shop' }, 'chatId: must be a chat ID'],
  ])('refuses %j with a clear message', (input, message) => {
    expect(firstError(input)).toContain(message);
  });

  it('normalises the ways people write phone numbers, without guessing a country', () => {
    expect(normalisePhoneNumber(' +49 (157) 901-23456 ')).toBe(phone);
    expect(normalisePhoneNumber('0049 157 90123456')).toBe(phone);
    expect(PhoneNumber.safeParse(normalisePhoneNumber('0157 90123456')).success).toBe(false);
  });
});

describe('secrets', () => {
  const secretValues = [
    'smtp-password',
    'sipgate-token',
    'seven-key',
    'twilio-token',
    'webhook-secret-0123',
    'header-secret',
    'b'.repeat(35),
    'slack-secret',
    'teams-secret',
  ];

  it('are all masked by redactChannel, and nothing else is', () => {
    for (const kind of channelKinds) {
      const settings = ChannelSettingsSchema.parse(valid[kind]);
      const redacted = redactChannel(settings);
      const json = JSON.stringify(redacted);
      for (const secret of secretValues) expect(json).not.toContain(secret);
      expect(json).toContain(secretMask);
      expect(Object.keys(redacted).sort()).toEqual(Object.keys(settings).sort());
      const fields: readonly string[] = channelSecretFields[kind];
      for (const [key, value] of Object.entries(settings)) {
        if (!fields.includes(key)) expect((redacted as Record<string, unknown>)[key]).toEqual(value);
      }
    }
  });

  it('leaves an unset secret absent, so "set" and "not set" can be told apart', () => {
    const settings = ChannelSettingsSchema.parse({ type: 'email', host: 'h', from: 'a@b', to: ['c@d'] });
    expect(redactChannel(settings)).not.toHaveProperty('password');
  });

  it('come back from storage where an edit still carries the mask, and change where it does not', () => {
    const stored = ChannelSettingsSchema.parse(valid.webhook) as ChannelSettings;
    const edited = { ...redactChannel(stored), url: 'https://ops.example/new' } as Record<string, unknown>;
    edited.headers = { Authorization: secretMask, 'X-Shop': 'new' };
    const restored = ChannelSettingsSchema.parse(restoreSecrets(edited, stored));
    expect(restored).toEqual({
      type: 'webhook',
      url: 'https://ops.example/new',
      secret: 'webhook-secret-0123',
      headers: { Authorization: 'Bearer header-secret', 'X-Shop': 'new' },
    });
    const changed = restoreSecrets({ ...edited, secret: 'a-new-secret-value' }, stored) as { secret: string };
    expect(changed.secret).toBe('a-new-secret-value');
  });

  it('are not carried over to a channel of another type', () => {
    const stored = ChannelSettingsSchema.parse(valid.seven) as ChannelSettings;
    const other = restoreSecrets({ ...(valid.sipgate as object), token: secretMask }, stored) as {
      token: string;
    };
    expect(other.token).toBe(secretMask);
  });
});
