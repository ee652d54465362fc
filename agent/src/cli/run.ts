import { type AgentConfig, AgentConfigFile } from '@linewatch/shared';
import type { Logger } from 'pino';
import { readConfigFile, requireEnrolled } from '../config/load.js';
import { configPath, outboxPath, statePath } from '../config/paths.js';
import { probePlan } from '../config/plan.js';
import { Agent, type AgentDeps } from '../daemon/agent.js';
import { AgentError, errorText } from '../errors.js';
import { openOutbox } from '../outbox/open-outbox.js';
import type { Outbox } from '../outbox/outbox.js';
import { createProbeRunner, type ProbeRunner } from '../probes/round.js';
import { createRouterReader } from '../router/router-reader.js';
import { readKernelBootId, resolveBootId, type SampleClock, systemClock } from '../state/boot.js';
import { Sequence } from '../state/sequence.js';
import { fileStateStore } from '../state/state-file.js';
import { Backoff } from '../transport/backoff.js';
import { MqttTransport } from '../transport/mqtt.js';
import { agentVersion } from '../version.js';
import type { CommandValues } from './args.js';
import type { CliIo } from './io.js';

/** The seams of the daemon, for tests; the defaults are the real thing. */
export interface DaemonDeps {
  logger: Logger;
  probe?: ProbeRunner;
  clock?: SampleClock;
  kernelBootId?: () => string | null;
  /** Default: the SQLite outbox beside the state file (closed by {@link Daemon.stop}). */
  outbox?: Outbox;
  /** Between attempts to read a bad or missing config. */
  configBackoff?: Backoff;
  /** Between MQTT reconnects. */
  mqttBackoff?: Backoff;
}

/**
 * `linewatch-agent run`. A config that is missing, invalid or not enrolled
 * yet, or a state file or outbox that cannot be written, is logged and tried again
 * with backoff (1 s, growing to 60 s) instead of exiting: under systemd an
 * exit would only restart the same failure in a loop, and this way the
 * daemon picks up an enrollment done after it started. Only bad command-line
 * arguments end it (exit 64; the unit does not restart on that).
 *
 * @example
 * const daemon = new Daemon(values, io, { logger });
 * daemon.start();
 * process.once('SIGTERM', () => daemon.stop());
 */
export class Daemon {
  readonly #values: CommandValues<'run'>;
  readonly #io: CliIo;
  readonly #deps: DaemonDeps;
  #agent: Agent | null = null;
  /** The outbox this daemon opened (not one passed in), to close at stop. */
  #ownOutbox: Outbox | null = null;
  #stopped = false;
  #wake: (() => void) | null = null;

  /** @throws AgentError (usage) for bad overrides, before anything starts. */
  constructor(values: CommandValues<'run'>, io: CliIo, deps: DaemonDeps) {
    probePlan(AgentConfigFile.parse({}).probes, values);
    this.#values = values;
    this.#io = io;
    this.#deps = deps;
  }

  /** The running agent, once the config was good. */
  get agent(): Agent | null {
    return this.#agent;
  }

  /** Starts trying; resolves when the agent runs (or the daemon was stopped first). */
  async start(): Promise<void> {
    const backoff = this.#deps.configBackoff ?? new Backoff();
    while (!this.#stopped) {
      try {
        this.#agent = await this.#startAgent();
        return;
      } catch (error) {
        if (this.#stopped) return;
        const delayMs = backoff.next();
        const message = error instanceof AgentError ? error.message : errorText(error);
        this.#deps.logger.error({ err: message, retryInMs: delayMs }, 'cannot start the agent yet');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.#wake = null;
      }
    }
  }

  /** Stops the agent cleanly (offline status, DISCONNECT), or stops waiting for a good config. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#agent?.stop();
    this.#closeOwnOutbox();
  }

  #closeOwnOutbox(): void {
    this.#ownOutbox?.close();
    this.#ownOutbox = null;
  }

  async #startAgent(): Promise<Agent | null> {
    const { env } = this.#io;
    const deps = this.#deps;
    const config = await this.#config();
    const plan = probePlan(config.probes, this.#values, env);
    const logger = deps.logger.child({ agentId: config.agentId });
    const clock = deps.clock ?? systemClock();
    const stateFile = statePath(this.#values.state, env, configPath(this.#values.config, env).path);
    const store = fileStateStore(stateFile);
    let bootId: string;
    let sequence: Sequence;
    try {
      bootId = resolveBootId((deps.kernelBootId ?? readKernelBootId)(), store);
      sequence = new Sequence({
        bootId,
        store,
        recoveryFloor: () => clock.monoMs(),
        onCorrupt: (message) => logger.warn(message),
      });
    } catch (error) {
      throw new AgentError(
        `The state file ${stateFile} cannot be written (${errorText(error)}); point --state or LINEWATCH_AGENT_STATE at a writable place.`,
      );
    }
    const outboxFile = outboxPath(stateFile);
    const outbox = deps.outbox ?? openOutbox(outboxFile, { maxBytes: config.outbox.maxBytes, logger });
    if (!deps.outbox) this.#ownOutbox = outbox;
    if (this.#stopped) {
      this.#closeOwnOutbox();
      return null;
    }
    // Left by an earlier run: the server has not acknowledged it yet.
    const pending = outbox.size;
    let agent: Agent;
    try {
      agent = this.#newAgent({ config, plan, bootId, clock, sequence, outbox, logger });
      agent.start();
    } catch (error) {
      // The file stays locked while open: close it before the next attempt.
      this.#closeOwnOutbox();
      throw error;
    }
    logger.info(
      {
        version: agentVersion,
        bootId,
        stateFile,
        outbox: outboxFile,
        pending,
        targets: plan.targets.length,
      },
      'agent started',
    );
    return agent;
  }

  #newAgent(
    parts: Pick<AgentDeps, 'config' | 'plan' | 'bootId' | 'clock' | 'sequence' | 'outbox' | 'logger'>,
  ) {
    const deps = this.#deps;
    const { config, logger } = parts;
    return new Agent({
      ...parts,
      probe: deps.probe ?? createProbeRunner({ readRouter: createRouterReader() }),
      agentVersion,
      transport: (handlers) =>
        new MqttTransport({
          url: config.mqtt.url,
          agentId: config.agentId,
          username: config.mqtt.username,
          password: config.mqtt.password,
          keepaliveSeconds: config.keepaliveSeconds,
          logger,
          backoff: deps.mqttBackoff,
          ...handlers,
        }),
    });
  }

  async #config(): Promise<AgentConfig> {
    const { path } = configPath(this.#values.config, this.#io.env);
    const file = await readConfigFile(path).catch((error: unknown) => {
      const missing = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
      if (!missing) throw error;
      throw new AgentError(
        `The config file ${path} does not exist yet; enroll with "linewatch-agent enroll --server <url> --token <token> --config ${path}".`,
      );
    });
    return requireEnrolled(file, path);
  }
}
