import { describe, expect, it } from 'vitest';
import { createStore, openDb } from '../../store/index.js';
import { defaultEmailChannelId, emailSettingsFromUrl } from '../smtp-url.js';
import { createAlertStore } from './index.js';

describe('the built-in e-mail channel', () => {
  it('shows its last delivery error after a restart, and none once a message went through', () => {
    const store = createStore(openDb(':memory:'));
    const orgId = store.users.defaultOrgId(0);
    const email = emailSettingsFromUrl('smtp://127.0.0.1:2525', 'linewatch <a@shop.example>', [
      'ops@shop.example',
    ]);
    const first = createAlertStore(store.db, email);
    const notification = (key: string) => {
      first.notifications.insert(
        {
          orgId,
          incidentId: null,
          policyId: null,
          channelId: defaultEmailChannelId,
          target: 'ops@shop.example',
          kind: 'test',
          language: 'de',
          key,
          dueAt: 0,
        },
        0,
      );
      return first.notifications.byKey(key)?.id ?? -1;
    };
    const failed = notification('t1');
    first.notifications.addAttempt({
      id: failed,
      at: 1_000,
      result: 'transient',
      error: '451 try again later',
    });
    first.channels.setLastError(defaultEmailChannelId, '451 try again later', 1_000);

    const builtin = () => createAlertStore(store.db, email).channels.get(orgId, defaultEmailChannelId);
    expect(builtin()).toMatchObject({ builtin: true, lastError: '451 try again later', lastErrorAt: 1_000 });

    first.notifications.addAttempt({ id: notification('t2'), at: 2_000, result: 'sent' });
    expect(builtin()).toMatchObject({ lastError: null, lastErrorAt: null });
  });
});
