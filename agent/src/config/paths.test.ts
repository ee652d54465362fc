import { describe, expect, it } from 'vitest';
import { configPath, outboxPath, statePath } from './paths.js';

describe('configPath', () => {
  it('prefers --config, then LINEWATCH_AGENT_CONFIG, then /etc/linewatch/agent.json', () => {
    const env = { LINEWATCH_AGENT_CONFIG: '/srv/agent.json' };
    expect(configPath('/tmp/a.json', env)).toEqual({ path: '/tmp/a.json', explicit: true });
    expect(configPath(undefined, env)).toEqual({ path: '/srv/agent.json', explicit: false });
    expect(configPath(undefined, {})).toEqual({ path: '/etc/linewatch/agent.json', explicit: false });
  });
});

describe('statePath', () => {
  it('prefers --state, then LINEWATCH_AGENT_STATE, then beside the config', () => {
    const env = { LINEWATCH_AGENT_STATE: '/var/lib/linewatch/agent.state.json' };
    expect(statePath('/tmp/s.json', env, '/etc/linewatch/agent.json')).toBe('/tmp/s.json');
    expect(statePath(undefined, env, '/etc/linewatch/agent.json')).toBe(
      '/var/lib/linewatch/agent.state.json',
    );
    expect(statePath(undefined, {}, '/etc/linewatch/agent.json')).toBe(
      '/etc/linewatch/agent.json.state.json',
    );
  });
});

describe('outboxPath', () => {
  it('lies beside the state file', () => {
    expect(outboxPath('/var/lib/linewatch/agent.state.json')).toBe('/var/lib/linewatch/agent.outbox.db');
    expect(outboxPath('/etc/linewatch/agent.json.state.json')).toBe('/etc/linewatch/agent.json.outbox.db');
    expect(outboxPath('/srv/lw/state')).toBe('/srv/lw/state.outbox.db');
  });
});
