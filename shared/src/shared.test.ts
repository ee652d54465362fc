import { describe, expect, it } from 'vitest';
import { SiteCreate } from './api.js';
import {
  causeCatalogue,
  causes,
  degradedCauses,
  downCauses,
  siteStatuses,
  statusCatalogue,
} from './catalogue.js';
import { AgentStatusMessage, ServerToAgent } from './messages.js';
import { agentTopic, parseAgentTopic } from './topics.js';
import { LoginRequest } from './users.js';

const agentId = '3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c';

describe('catalogue', () => {
  it('labels every status and cause in German and English, with an action for every cause', () => {
    for (const s of siteStatuses)
      expect(statusCatalogue[s].label.de && statusCatalogue[s].label.en).toBeTruthy();
    for (const c of causes) {
      const info = causeCatalogue[c];
      expect(info.label.de && info.label.en && info.action.de && info.action.en).toBeTruthy();
    }
  });

  it('files each cause under the status it explains', () => {
    for (const c of downCauses) expect(causeCatalogue[c].status).toBe('down');
    for (const c of degradedCauses) expect(causeCatalogue[c].status).toBe('degraded');
  });
});

describe('topics', () => {
  it('round-trips an agent topic', () => {
    expect(agentTopic(agentId, 'measurements')).toBe(`linewatch/v1/agents/${agentId}/measurements`);
    expect(parseAgentTopic(agentTopic(agentId, 'events'))).toEqual({ agentId, kind: 'events' });
  });

  it.each([
    'linewatch/v1/agents/+/status',
    'linewatch/v1/agents/#',
    `linewatch/v1/agents/${agentId}/status/extra`,
    `linewatch/v1/agents/${agentId}/unknown`,
    `linewatch/v2/agents/${agentId}/status`,
    `$SYS/linewatch/v1/agents/${agentId}/status`,
    'linewatch/v1/agents/UPPER/status',
  ])('rejects %s', (topic) => {
    expect(parseAgentTopic(topic)).toBeNull();
  });

  it('refuses to build a topic from an id with MQTT wildcards', () => {
    expect(() => agentTopic('a/#', 'status')).toThrow(/invalid agentId/);
  });
});

describe('schemas', () => {
  it('accepts local admin addresses at login', () => {
    expect(LoginRequest.parse({ email: ' Admin@Localhost ', password: 'x' }).email).toBe('admin@localhost');
    expect(LoginRequest.safeParse({ email: 'no-at-sign', password: 'x' }).success).toBe(false);
  });

  it('names the bad field of a site', () => {
    const r = SiteCreate.safeParse({
      name: 'x',
      customer: 'y',
      address: 'z',
      carrier: 'c',
      accessType: 'isdn',
      contract: { downMbps: 1, upMbps: 1 },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['accessType']);
  });

  it('tells commit acks from commands', () => {
    const ack = ServerToAgent.parse({ v: 1, type: 'ack', bootId: agentId, seqs: [1, 2] });
    expect(ack.type).toBe('ack');
    expect(ServerToAgent.safeParse({ v: 1, type: 'reboot' }).success).toBe(false);
  });

  it('refuses a status message from a future protocol version', () => {
    expect(AgentStatusMessage.safeParse({ v: 2, type: 'status' }).success).toBe(false);
  });
});
