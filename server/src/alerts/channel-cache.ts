import type { ChannelSettings } from '@linewatch/shared';
import { type Channel, type ChannelDeps, createChannel, type OutgoingMessage } from './channel.js';
import { fitSms, smsInfo } from './sms-text.js';
import type { StoredChannel } from './store/channels.js';
import type { NotificationRow } from './store/notifications.js';

/** Settings of a channel aimed at one outside address: customer notices go to the customer, not the shop. */
function aimedAt(settings: ChannelSettings, target: string): ChannelSettings {
  if (settings.type === 'email') return { ...settings, to: [target] };
  if ('recipients' in settings) return { ...settings, recipients: [target] };
  return settings;
}

/**
 * What a message costs on a channel, for the monthly budget: the SMS
 * segments it will be sent in (after the channel's own shortening), else 1.
 */
export function costOf(settings: ChannelSettings, message: OutgoingMessage): number {
  return 'maxSegments' in settings ? smsInfo(fitSms(message.sms, settings.maxSegments)).segments : 1;
}

/**
 * Built channels, kept while their settings do not change (an SMTP
 * transport is worth reusing). Customer notices get a channel aimed at the
 * customer's address, built for the one send.
 */
export function createChannelCache(channelDeps: ChannelDeps = {}) {
  const cache = new Map<string, { version: number; channel: Channel }>();
  return {
    channelFor(stored: StoredChannel, row: Pick<NotificationRow, 'kind' | 'target'>): Channel {
      if (row.kind === 'customer' || row.kind === 'customer_recovery')
        return createChannel(aimedAt(stored.settings, row.target), channelDeps);
      const hit = cache.get(stored.id);
      if (hit && hit.version === stored.version) return hit.channel;
      const channel = createChannel(stored.settings, channelDeps);
      cache.set(stored.id, { version: stored.version, channel });
      return channel;
    },
  };
}
export type ChannelCache = ReturnType<typeof createChannelCache>;
