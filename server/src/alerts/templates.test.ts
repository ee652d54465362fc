import { describe, expect, it } from 'vitest';
import type { IncidentRow } from '../store/incidents.js';
import type { SiteRow } from '../store/sites.js';
import { smsInfo } from './sms-text.js';
import { type MessageFacts, renderMessage, smsWithTail } from './templates.js';

const t0 = Date.parse('2026-03-02T13:05:00Z'); // 14:05 in Berlin
const ack = 'https://lw.example/ack/1a.tbmmg0.xGYQkmUyPwL2QkHF2UgT1w';

function site(name: string, business = false): SiteRow {
  return {
    id: `site-${name}`,
    org_id: 'org',
    name,
    customer: 'Anna <Schmidt>',
    address: 'Hauptstraße 1, 10115 Berlin',
    carrier: 'Telekom',
    access_type: 'dsl',
    contract_down_mbps: 100,
    contract_up_mbps: 40,
    business: business ? 1 : 0,
    status: 'down',
    cause: 'line_sync_lost',
    status_since: t0,
    last_seen_at: t0,
    down_after: null,
    created_at: 0,
    area: '101',
    monthly_fee_cents: null,
    agent_id: null,
    agent_version: null,
    outbox_backlog: null,
  };
}

const incident: IncidentRow = {
  id: 'inc-1',
  org_id: 'org',
  kind: 'site',
  site_id: 'site-Bäckerei Schmidt',
  parent_id: null,
  group_key: null,
  carrier: null,
  area: null,
  power_cut: 0,
  state: 'open',
  status: 'down',
  cause: 'line_sync_lost',
  flapping: 0,
  maintenance: 0,
  started_at: t0,
  recovered_at: null,
  resolved_at: null,
  resolved_by: null,
  acknowledged_at: null,
  acknowledged_by: null,
  ticket_carrier: null,
  ticket_number: null,
  reported_at: null,
  reported_by: null,
  created_at: t0,
  updated_at: t0,
};

const facts = (f: Partial<MessageFacts> = {}): MessageFacts => ({
  kind: 'alert',
  lang: 'de',
  timeZone: 'Europe/Berlin',
  now: t0 + 2 * 60_000,
  orgName: 'Telefonladen Meier',
  channelName: 'SMS',
  incident,
  sites: [site('Bäckerei Schmidt')],
  links: { incident: 'https://lw.example/incidents/inc-1', ack },
  report: null,
  ...f,
});

describe('templates', () => {
  it('writes the SMS of the example in one GSM-7 segment, link whole', () => {
    const { sms } = renderMessage(facts());
    expect(sms).toBe(
      `linewatch: Bäckerei Schmidt (Telekom) ausgefallen seit 14:05 - Leitung ohne Synchronisation. Bestätigen: ${ack}`,
    );
    expect(smsInfo(sms)).toMatchObject({ encoding: 'gsm7', segments: 1 });
  });

  it('cuts a long SMS at a word and keeps the acknowledge link', () => {
    const long = site('Autohaus Müller & Söhne GmbH Niederlassung Charlottenburg-Wilmersdorf Ost');
    const { sms } = renderMessage(facts({ sites: [long], lang: 'en' }));
    expect(smsInfo(sms).segments).toBe(1);
    expect(sms).toMatch(
      /^linewatch: Autohaus Müller & Söhne GmbH .*\.\.\. Acknowledge: https:\/\/lw\.example\/ack\/\S+$/,
    );
    expect(sms.endsWith(ack)).toBe(true);
  });

  it('writes one message for an area incident with every site', () => {
    const area: IncidentRow = { ...incident, kind: 'area', site_id: null, carrier: 'Telekom', area: '101' };
    const sites = Array.from({ length: 12 }, (_, i) => site(`Laden ${i + 1}`));
    const m = renderMessage(facts({ incident: area, sites, lang: 'en' }));
    expect(m.subject).toBe('[linewatch] Down: Area outage Telekom 101 - Line sync lost');
    expect(m.sms).toMatch(
      /^linewatch: Area outage Telekom 101: 12 lines down since 14:05 - Line sync lost\. Acknowledge: /,
    );
    expect(m.text.split('\n').filter((l) => l.startsWith('- Laden'))).toHaveLength(12);
    expect(m.data).toMatchObject({
      event: 'alert',
      incident: { id: 'inc-1', kind: 'area' },
      links: { acknowledge: ack },
    });
    expect(m.data?.sites).toHaveLength(12);
  });

  it('escapes the e-mail HTML and carries the report', () => {
    const m = renderMessage(facts({ report: 'Störungsmeldung\n  Name: <b>' }));
    expect(m.html).toContain('Anna &lt;Schmidt&gt;');
    expect(m.html).toContain(
      '<pre style="font-family:monospace;white-space:pre-wrap">Störungsmeldung\n  Name: &lt;b&gt;</pre>',
    );
    expect(m.text).toContain(
      'Störungsmeldung für die Hotline\n-------------------------------\nStörungsmeldung',
    );
  });

  it('says when the line is back, without an acknowledge link', () => {
    const back = { ...incident, recovered_at: t0 + 47 * 60_000 };
    const m = renderMessage(facts({ kind: 'recovery', incident: back, now: t0 + 50 * 60_000, lang: 'en' }));
    expect(m.sms).toBe('linewatch: Bäckerei Schmidt (Telekom) back up since 14:52 (outage 47 min).');
    expect(m.subject).toBe('[linewatch] Back up: Bäckerei Schmidt (Telekom)');
    expect(m.text).not.toContain('/ack/');
  });

  it('keeps a tail that cannot fit whole, for the channel to split', () => {
    const tail = `Bestätigen: https://${'x'.repeat(170)}`;
    expect(smsWithTail('kurz', tail)).toBe(`kurz ${tail}`);
  });
});
