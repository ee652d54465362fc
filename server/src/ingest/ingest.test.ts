import { randomUUID } from 'node:crypto';
import { agentTopic, CommitAck } from '@linewatch/shared';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../metrics.js';
import { type SiteRow, toSite } from '../store/sites.js';
import { sampleBatch } from '../testing/samples.js';
import { storeWithSite } from '../testing/store.js';
import { createIngest } from './ingest.js';

/** Ingest over an in-memory store with two enrolled agents; acks and heard calls are recorded. */
function setup() {
  const { store, orgId, siteId } = storeWithSite();
  const other = store.sites.create(
    orgId,
    {
      name: 'B',
      customer: 'B',
      address: 'Hauptstraße 2, 10115 Berlin',
      carrier: 'Telekom',
      accessType: 'dsl',
      contract: { downMbps: 100, upMbps: 40 },
      business: false,
    },
    0,
  );
  const enroll = (site: string) => {
    const hash = randomUUID();
    store.agents.createToken(hash, orgId, site, 0, Number.MAX_SAFE_INTEGER);
    return store.agents.enroll(store.agents.token(hash) as never, 'secret', {}, 0) as string;
  };
  const a = enroll(siteId);
  const b = enroll(other.id);
  const metrics = createMetrics({ missingSamples: () => store.gaps.missing() });
  const acks: { agentId: string; ack: CommitAck }[] = [];
  const heard: string[] = [];
  const ingest = createIngest({
    store,
    metrics,
    log: pino({ level: 'silent' }),
    now: () => Date.now(),
    sendToAgent: async (agentId, payload) => {
      acks.push({ agentId, ack: CommitAck.parse(JSON.parse(payload)) });
    },
    heard: (agentId) => heard.push(agentId),
    commandDone: () => {},
  });
  const publish = (agentId: string, seqs: number[], bootId = randomUUID()) =>
    ingest.handle(
      agentTopic(agentId, 'measurements'),
      Buffer.from(JSON.stringify(sampleBatch(bootId, seqs))),
    );
  const stored = (agentId: string) =>
    (
      store.db.prepare('SELECT COUNT(*) AS n FROM measurements WHERE agent_id = ?').get(agentId) as {
        n: number;
      }
    ).n;
  /** The first sample line of a metric. */
  const metric = async (name: string) =>
    (await metrics.registry.getSingleMetricAsString(name)).split('\n').find((l) => l.startsWith(name));
  return { store, ingest, a, b, siteA: siteId, siteB: other.id, acks, heard, publish, stored, metric };
}

describe('ingest', () => {
  it("keeps the agent's reported outbox backlog, shown with its site, writing it only when it changed", () => {
    const t = setup();
    const send = (backlog: number | undefined, seq: number) =>
      t.ingest.handle(
        agentTopic(t.a, 'measurements'),
        Buffer.from(
          JSON.stringify({
            ...sampleBatch(randomUUID(), [seq]),
            ...(backlog === undefined ? {} : { backlog }),
          }),
        ),
      );
    const shown = () => toSite(t.store.sites.getById(t.siteA) as SiteRow).outboxBacklog;
    const writes = () =>
      (
        t.store.db.prepare('SELECT outbox_backlog_at AS at FROM agents WHERE id = ?').get(t.a) as {
          at: number | null;
        }
      ).at;
    send(undefined, 1);
    t.ingest.flush();
    expect(shown()).toBeNull();
    send(240, 2);
    t.ingest.flush();
    expect(shown()).toBe(240);
    const firstWrite = writes();
    send(240, 3);
    t.ingest.flush();
    expect(writes()).toBe(firstWrite);
    send(1, 4);
    t.ingest.flush();
    expect(shown()).toBe(1);
  });

  it('acknowledges only after the batch committed, one ack per message', async () => {
    const t = setup();
    t.publish(t.a, [1, 2]);
    t.publish(t.a, [3]);
    expect(t.acks).toEqual([]);
    expect(t.stored(t.a)).toBe(0);
    t.ingest.flush();
    expect(t.stored(t.a)).toBe(3);
    expect(t.acks.map((x) => x.ack.seqs)).toEqual([[1, 2], [3]]);
    expect(t.heard).toEqual([t.a, t.a]);
  });

  it('commits the others when one message cannot be stored, and never acknowledges that one', async () => {
    const t = setup();
    t.publish(t.a, [1]);
    t.publish(t.b, [1]);
    t.publish(t.a, [2]);
    // B's site goes while its message waits: its rows would break a foreign key.
    t.store.db.prepare('DELETE FROM sites WHERE id = ?').run(t.siteB);
    t.ingest.flush();
    expect(t.acks.map((x) => [x.agentId, x.ack.seqs])).toEqual([
      [t.a, [1]],
      [t.a, [2]],
    ]);
    expect(t.stored(t.a)).toBe(2);
    expect(t.heard).toEqual([t.a, t.a]);
    expect(await t.metric('linewatch_ingest_rejected_total')).toContain('reason="store_error"} 1');
  });

  it('counts sequence gaps and the samples still missing', async () => {
    const t = setup();
    const bootId = randomUUID();
    t.publish(t.a, [1, 2], bootId);
    t.publish(t.a, [5], bootId);
    t.ingest.flush();
    expect(await t.metric('linewatch_ingest_gaps_total')).toBe('linewatch_ingest_gaps_total 1');
    expect(await t.metric('linewatch_ingest_missing_samples')).toBe('linewatch_ingest_missing_samples 2');
    t.publish(t.a, [3, 4], bootId);
    t.ingest.flush();
    expect(await t.metric('linewatch_ingest_missing_samples')).toBe('linewatch_ingest_missing_samples 0');
    expect(await t.metric('linewatch_ingest_gaps_closed_total')).toBe(
      'linewatch_ingest_gaps_closed_total{by="arrived"} 1',
    );
  });

  it('settles a site by committing just its queued messages, at once', () => {
    const t = setup();
    t.publish(t.a, [1]);
    t.publish(t.b, [1]);
    t.publish(t.a, [2]);
    t.ingest.settle(t.siteA);
    expect(t.stored(t.a)).toBe(2);
    expect(t.stored(t.b)).toBe(0);
    expect(t.ingest.waiting).toBe(1);
    expect(t.heard).toEqual([t.a, t.a]);
    t.ingest.settle(t.siteA); // nothing left of A: nothing happens
    t.ingest.flush();
    expect(t.heard).toEqual([t.a, t.a, t.b]);
  });

  it('on close commits what is queued without acknowledging it, and takes no more', () => {
    const t = setup();
    t.publish(t.a, [1]);
    t.ingest.close();
    t.publish(t.a, [2]);
    expect(t.stored(t.a)).toBe(1);
    expect(t.acks).toEqual([]);
    expect(t.ingest.waiting).toBe(0);
  });

  it('times the batched writes', async () => {
    const t = setup();
    t.publish(t.a, [1]);
    t.ingest.flush();
    expect(await t.metric('linewatch_ingest_flush_seconds')).toContain('le="0.0005"');
    const text = await t.metric('linewatch_ingest_flush_max_seconds');
    expect(Number(text?.split(' ')[1])).toBeGreaterThan(0);
  });
});
