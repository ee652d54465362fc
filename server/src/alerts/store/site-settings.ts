import type { Language, SiteAlertSettings } from '@linewatch/shared';
import type { Db } from '../../store/db.js';

interface SettingsRow {
  site_id: string;
  customer_notice: number;
  customer_phone: string | null;
  customer_email: string | null;
  language: Language;
  updated_at: number;
}

/** A site's settings when none are stored: no customer notice. */
export const defaultSiteAlertSettings: SiteAlertSettings = {
  customerNotice: false,
  customerPhone: null,
  customerEmail: null,
  language: 'de',
};

/** Per-site alert settings: the customer notice (off by default). */
export function siteSettingsRepo(db: Db) {
  const q = {
    get: db.prepare<[string], SettingsRow>('SELECT * FROM site_alert_settings WHERE site_id = ?'),
    put: db.prepare(`INSERT INTO site_alert_settings (site_id, customer_notice, customer_phone, customer_email, language,
      updated_at) VALUES (@siteId, @notice, @phone, @email, @language, @now)
      ON CONFLICT (site_id) DO UPDATE SET customer_notice = excluded.customer_notice,
      customer_phone = excluded.customer_phone, customer_email = excluded.customer_email,
      language = excluded.language, updated_at = excluded.updated_at`),
  };
  return {
    get(siteId: string): SiteAlertSettings {
      const r = q.get.get(siteId);
      if (!r) return defaultSiteAlertSettings;
      return {
        customerNotice: r.customer_notice === 1,
        customerPhone: r.customer_phone,
        customerEmail: r.customer_email,
        language: r.language,
      };
    },
    put(siteId: string, s: SiteAlertSettings, now: number): void {
      q.put.run({
        siteId,
        notice: s.customerNotice ? 1 : 0,
        phone: s.customerPhone,
        email: s.customerEmail,
        language: s.language,
        now,
      });
    },
  };
}
export type SiteSettingsRepo = ReturnType<typeof siteSettingsRepo>;
