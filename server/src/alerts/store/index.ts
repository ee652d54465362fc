import { randomBytes } from 'node:crypto';
import type { EmailChannelSettings } from '@linewatch/shared';
import type { Db } from '../../store/db.js';
import { channelsRepo } from './channels.js';
import { notificationsRepo } from './notifications.js';
import { policiesRepo } from './policies.js';
import { siteSettingsRepo } from './site-settings.js';

/**
 * The alerts' tables (migration 8) over the server's database: channels,
 * policies, the notification outbox, per-site settings and the alerts' keys.
 *
 * @example
 * const alertStore = createAlertStore(store.db, config.defaultEmail);
 */
export function createAlertStore(db: Db, defaultEmail: EmailChannelSettings | null) {
  const getKey = db.prepare<[string], { value: string }>('SELECT value FROM alert_keys WHERE name = ?');
  const putKey = db.prepare('INSERT OR IGNORE INTO alert_keys (name, value, created_at) VALUES (?, ?, ?)');
  const orgName = db.prepare<[string], { name: string }>('SELECT name FROM orgs WHERE id = ?');
  return {
    channels: channelsRepo(db, defaultEmail),
    policies: policiesRepo(db),
    notifications: notificationsRepo(db),
    siteSettings: siteSettingsRepo(db),
    /** A random key kept in the database, made on first use (e.g. the acknowledge links' HMAC key). */
    key(name: string, now: number): Buffer {
      putKey.run(name, randomBytes(32).toString('base64url'), now);
      return Buffer.from((getKey.get(name) as { value: string }).value, 'base64url');
    },
    orgName: (orgId: string) => orgName.get(orgId)?.name ?? 'linewatch',
    /** Runs `fn` in one transaction that takes the write lock at once (claims across processes). */
    immediate<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
  };
}
export type AlertStore = ReturnType<typeof createAlertStore>;
