import { z } from 'zod';
import type { Localised } from './catalogue.js';

/** Every kind of channel; the server's channel map is keyed by this list. */
export const channelKinds = [
  'email',
  'sipgate',
  'seven',
  'twilio',
  'webhook',
  'telegram',
  'slack',
  'teams',
] as const;
export const ChannelKind = z.enum(channelKinds);
export type ChannelKind = z.infer<typeof ChannelKind>;

/** How a channel reaches people; policies choose by medium (e.g. no SMS at night). */
export const channelMedia = ['email', 'sms', 'chat', 'webhook'] as const;
export type ChannelMedium = (typeof channelMedia)[number];

export interface ChannelKindInfo {
  label: Localised;
  medium: ChannelMedium;
}

export const channelCatalogue: Record<ChannelKind, ChannelKindInfo> = {
  email: { label: { de: 'E-Mail', en: 'E-mail' }, medium: 'email' },
  sipgate: { label: { de: 'SMS über sipgate', en: 'SMS via sipgate' }, medium: 'sms' },
  seven: { label: { de: 'SMS über seven.io', en: 'SMS via seven.io' }, medium: 'sms' },
  twilio: { label: { de: 'SMS über Twilio', en: 'SMS via Twilio' }, medium: 'sms' },
  webhook: { label: { de: 'Webhook', en: 'Webhook' }, medium: 'webhook' },
  telegram: { label: { de: 'Telegram', en: 'Telegram' }, medium: 'chat' },
  slack: { label: { de: 'Slack', en: 'Slack' }, medium: 'chat' },
  teams: { label: { de: 'Microsoft Teams', en: 'Microsoft Teams' }, medium: 'chat' },
};
