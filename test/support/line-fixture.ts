import { afterAll, beforeAll } from 'vitest';
import { type EnrolledAgent, enrollAgent, runAgent } from './agent.js';
import { type SwitchableInternet, switchableInternet } from './internet.js';
import { type Link, startLink } from './link.js';
import type { Proc } from './processes.js';
import { type ServerProc, startServerProcess } from './server.js';

/** Probe settings for agents under test: loopback only, quick, no ICMP, no public resolvers. */
export const loopbackProbes = {
  systemResolver: false,
  resolvers: [],
  httpUrls: [],
  icmp: false,
  timeoutMs: 300,
  attempts: 1,
};

/**
 * The whole-system set-up most tests of a line share: the real server, the
 * agent's line to it (a {@link Link} that the test cuts) and its internet
 * (a {@link SwitchableInternet}). Registers `beforeAll` / `afterAll` in the
 * calling file; the fields are set once `beforeAll` has run.
 *
 * @example
 * const f = lineFixture({ LINEWATCH_CONFIRM_DELAY_SECONDS: '3' });
 * it('…', async () => {
 *   const { agent, siteId } = await f.enroll('Praxis');
 *   const proc = f.run(agent);
 *   await f.cut();
 * });
 */
export function lineFixture(env: NodeJS.ProcessEnv = {}) {
  const procs: Proc[] = [];
  const f = {
    server: undefined as unknown as ServerProc,
    link: undefined as unknown as Link,
    internet: undefined as unknown as SwitchableInternet,
    /**
     * Creates a site named `name` and enrolls an agent for it that reaches
     * the server through the link: keepalive 4 s, a round a second, loopback
     * probes; `settings` are merged over that (e.g. `{ outbox: … }`).
     */
    async enroll(
      name: string,
      settings: Record<string, unknown> = {},
    ): Promise<{ agent: EnrolledAgent; siteId: string }> {
      const site = await f.server.createSite({ name });
      const agent = await enrollAgent(f.server, site.enrollmentToken, (written) => ({
        mqtt: { ...(written.mqtt as object), url: `mqtt://127.0.0.1:${f.link.port}` },
        keepaliveSeconds: 4,
        intervalSeconds: 1,
        probes: loopbackProbes,
        ...settings,
      }));
      return { agent, siteId: site.id };
    },
    /** Runs the agent against the switchable internet (router 127.0.0.1 unless `args` name one); killed after all. */
    run(
      agent: EnrolledAgent,
      args: string[] = ['--router', '127.0.0.1'],
      agentEnv: NodeJS.ProcessEnv = {},
    ): Proc {
      const proc = runAgent(agent, ['--targets', f.internet.address, ...args], agentEnv);
      procs.push(proc);
      return proc;
    },
    /** The line fails: no internet, no server. */
    async cut(): Promise<void> {
      await f.internet.down();
      f.link.cut();
    },
    /** The line is back. */
    restore(): void {
      f.internet.up();
      f.link.restore();
    },
    /** Restarts the server on its data (after a crash the test caused), and points the link at it. */
    async restartServer(): Promise<ServerProc> {
      f.server = await startServerProcess(env, { dataDir: f.server.dataDir });
      f.link.retarget(f.server.mqttPort);
      return f.server;
    },
  };
  beforeAll(async () => {
    f.server = await startServerProcess(env);
    f.link = await startLink(f.server.mqttPort);
    f.internet = await switchableInternet();
  });
  afterAll(async () => {
    for (const p of procs) p.kill('SIGKILL');
    f.server.kill('SIGTERM');
    await f.server.exited;
    await f.link.close();
    await f.internet.close();
  });
  return f;
}
