import {
  type AgentConfig,
  AgentEvent,
  type AgentEventKind,
  type CommandName,
  type Diagnosis,
  diagnose,
  formatHostPort,
  Measurement,
  maxPayloadBytes,
  type RouterDsl,
  ServerToAgent,
} from '@linewatch/shared';
import type { Logger } from 'pino';
import { errorText } from '../errors.js';
import type { Outbox, OutboxItem } from '../outbox/outbox.js';
import { OutboxSender } from '../outbox/sender.js';
import type { ProbePlan, ProbeRunner } from '../probes/round.js';
import type { SampleClock } from '../state/boot.js';
import type { MqttTransport, MqttTransportOptions } from '../transport/mqtt.js';
import { agentEvent, measurement, type SampleTime, sampleMeta, statusMessage } from './samples.js';
import { RoundScheduler } from './scheduler.js';

/** The part of the transport the agent uses. */
export type Transport = Pick<MqttTransport, 'start' | 'stop' | 'publish' | 'ready' | 'connection'>;

export interface AgentDeps {
  config: AgentConfig;
  plan: ProbePlan;
  probe: ProbeRunner;
  bootId: string;
  clock: SampleClock;
  /** Hands out sample sequence numbers (see `state/sequence.ts`). */
  sequence: { next(): number };
  outbox: Outbox;
  logger: Logger;
  agentVersion: string;
  /** Builds the transport with the agent's handlers filled in. */
  transport: (options: Pick<MqttTransportOptions, 'status' | 'onConnect' | 'onCommand'>) => Transport;
}

/**
 * The daemon: measures on a fixed cadence whether or not it is connected,
 * queues every sample in the outbox, sends what is due whenever the
 * connection is ready ({@link OutboxSender}: new samples at once, the
 * backlog paced), forgets a sample only on the server's `CommitAck`.
 *
 * @example
 * const agent = new Agent(deps);
 * agent.start();
 * process.once('SIGTERM', () => agent.stop());
 */
export class Agent {
  readonly #d: AgentDeps;
  readonly #transport: Transport;
  readonly #scheduler: RoundScheduler;
  readonly #commands: Record<CommandName, () => void>;
  /** Ids of the commands already run (the newest 100), so a re-sent one runs once. */
  readonly #commandsRun = new Set<string>();
  #last: Diagnosis | null = null;
  /** The DSL counters of the previous round, for the CRC and resync trend. */
  #previousDsl: { atMs: number; dsl: RouterDsl } | undefined;
  readonly #sender: OutboxSender;

  constructor(deps: AgentDeps) {
    this.#d = deps;
    const facts = {
      bootId: deps.bootId,
      bootedAt: deps.clock.bootedAt,
      agentVersion: deps.agentVersion,
      keepaliveSeconds: deps.config.keepaliveSeconds,
      intervalSeconds: deps.config.intervalSeconds,
    };
    this.#transport = deps.transport({
      status: (state, reason) => statusMessage(facts, state, reason, deps.clock.wallMs()),
      onConnect: (connection) => this.#sender.connected(connection),
      onCommand: (payload) => this.#onCommand(payload),
    });
    this.#scheduler = new RoundScheduler({
      intervalMs: deps.config.intervalSeconds * 1000,
      round: () => this.#round(),
      onError: (error) => deps.logger.error({ err: errorText(error) }, 'probe round failed'),
      now: () => deps.clock.monoMs(),
    });
    this.#commands = { check_now: () => this.#scheduler.runSoon() };
    this.#sender = new OutboxSender({
      outbox: deps.outbox,
      transport: this.#transport,
      settings: deps.config.outbox,
      monoMs: () => deps.clock.monoMs(),
      logger: deps.logger,
      dropReport: (count) => this.#event('outbox_dropped', this.#now(), { count }),
    });
  }

  /** Starts measuring and connecting. */
  start(): void {
    const { plan, config, agentVersion, clock } = this.#d;
    this.#addEvent('agent_started', this.#now(), {
      agentVersion,
      bootedAt: clock.bootedAt.toISOString(),
      intervalSeconds: config.intervalSeconds,
      targets: plan.targets.map(formatHostPort),
      router: plan.router?.port
        ? formatHostPort({ host: plan.router.host, port: plan.router.port })
        : (plan.router?.host ?? null),
    });
    this.#scheduler.start();
    this.#transport.start();
  }

  /**
   * Stops: no more rounds (a running one gets a second to finish), then the
   * `offline`/`shutdown` status and a clean DISCONNECT. Within ~5 s.
   */
  async stop(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise((resolve) => {
      timer = setTimeout(resolve, 1000);
    });
    await Promise.race([this.#scheduler.stop(), grace]);
    clearTimeout(timer);
    this.#sender.stop();
    await this.#transport.stop(3000);
  }

  /** Samples waiting for acknowledgement. */
  get pending(): number {
    return this.#d.outbox.size;
  }

  #now(): SampleTime {
    const { clock } = this.#d;
    return { wallMs: clock.wallMs(), monoMs: clock.monoMs(), clockSynced: clock.clockSynced() };
  }

  async #round(): Promise<void> {
    const { probe, plan, config, bootId, sequence, outbox, logger } = this.#d;
    const time = this.#now();
    const round = await probe(plan);
    const diagnosis = diagnose(round, config.thresholds, {
      contract: config.contract,
      previous: this.#previousDsl,
      nowMs: time.monoMs,
    });
    const dsl = round.router?.dsl;
    if (dsl) this.#previousDsl = { atMs: time.monoMs, dsl };
    const sample = measurement(
      sampleMeta(bootId, sequence.next(), time),
      round,
      diagnosis,
      time.monoMs / 1000,
    );
    // A sample the server would refuse is never acknowledged and would be
    // re-sent forever; refusing it here keeps the outbox clean (it is a bug).
    const valid = Measurement.safeParse(sample);
    if (!valid.success) throw new Error(`invalid measurement: ${valid.error.issues[0]?.message}`);
    outbox.add({ kind: 'measurement', sample });
    logger.debug(
      { bootId, seq: sample.seq, kind: 'measurement', status: diagnosis.status, cause: diagnosis.cause },
      'sample queued',
    );
    const last = this.#last;
    this.#last = diagnosis;
    if (last && (last.status !== diagnosis.status || last.cause !== diagnosis.cause)) {
      const { status: to, cause, evidence } = diagnosis;
      logger.info({ from: last.status, to, cause, evidence }, 'diagnosis changed');
      this.#addEvent('diagnosis_changed', time, {
        from: last.status,
        to,
        cause,
        previousCause: last.cause,
        evidence,
      });
    } else if (!last) {
      logger.info(
        { status: diagnosis.status, cause: diagnosis.cause, evidence: diagnosis.evidence },
        'first diagnosis',
      );
    }
    void this.#sender.pump();
  }

  #addEvent(kind: AgentEventKind, time: SampleTime, data: Record<string, unknown>): void {
    const item = this.#event(kind, time, data);
    this.#d.outbox.add(item);
    this.#d.logger.debug({ bootId: item.sample.bootId, seq: item.sample.seq, kind }, 'sample queued');
  }

  /** A valid event with the next sequence number. */
  #event(kind: AgentEventKind, time: SampleTime, data: Record<string, unknown>): OutboxItem {
    const sample = agentEvent(sampleMeta(this.#d.bootId, this.#d.sequence.next(), time), kind, data);
    const valid = AgentEvent.safeParse(sample);
    if (!valid.success) throw new Error(`invalid ${kind} event: ${valid.error.issues[0]?.message}`);
    return { kind: 'event', sample };
  }

  #onCommand(payload: Buffer): void {
    const { logger, outbox, clock } = this.#d;
    let json: unknown;
    try {
      if (payload.length > maxPayloadBytes) throw new Error(`${payload.length} bytes`);
      json = JSON.parse(payload.toString('utf8'));
    } catch (error) {
      logger.warn({ err: errorText(error) }, 'unreadable command ignored');
      return;
    }
    const parsed = ServerToAgent.safeParse(json);
    if (!parsed.success) {
      logger.warn({ issue: parsed.error.issues[0]?.message }, 'invalid command ignored');
      return;
    }
    const message = parsed.data;
    if (message.type === 'ack') {
      // Any boot: the outbox also holds samples of boots before this one.
      try {
        const removed = outbox.ack(message.bootId, message.seqs);
        logger.debug({ acked: removed, pending: outbox.size }, 'samples acknowledged');
      } catch (error) {
        logger.error(
          { err: errorText(error) },
          'acknowledgement not recorded; the samples will be sent again',
        );
      }
    } else if (Date.parse(message.expiresAt) < clock.wallMs()) {
      logger.info({ id: message.id, name: message.name }, 'expired command ignored');
    } else if (this.#commandsRun.has(message.id)) {
      // A re-send after a lost `command_done`: confirm again, run nothing twice.
      this.#addEvent('command_done', this.#now(), { id: message.id, name: message.name, again: true });
      void this.#sender.pump();
    } else {
      logger.info({ id: message.id, name: message.name }, 'command');
      this.#commandsRun.add(message.id);
      if (this.#commandsRun.size > 100)
        this.#commandsRun.delete(this.#commandsRun.values().next().value as string);
      this.#commands[message.name]();
      this.#addEvent('command_done', this.#now(), { id: message.id, name: message.name });
      void this.#sender.pump();
    }
  }
}
