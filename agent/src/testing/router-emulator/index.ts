import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type Api, allServices, igdDescription, tr64Description } from './descriptions.js';
import { type DigestStats, DigestVerifier } from './digest-verify.js';
import {
  modelFor,
  type RouterModel,
  type ScenarioName,
  scenarioNames,
  type WanConnectionType,
} from './scenarios.js';
import { Fault, faultXml, invalidAction, notAuthorized, responseXml, runAction } from './soap-handlers.js';
import { startSsdpResponder } from './ssdp-responder.js';

export { type RouterModel, type ScenarioName, scenarioNames, type WanConnectionType } from './scenarios.js';

export interface RouterEmulatorOptions {
  scenario?: ScenarioName;
  connection?: WanConnectionType;
  /** The TR-064 login the emulator accepts. */
  user?: string;
  password?: string;
  /** Failed logins until every TR-064 request gets 503 (FRITZ!Box login block). */
  maxFailedLogins?: number;
  /** Requests per nonce before the emulator answers `stale=TRUE`. */
  nonceMaxUses?: number;
  /** The `slow` scenario's delay per answer, ms. */
  slowDelayMs?: number;
}

export interface RouterEmulator {
  address: '127.0.0.1';
  /** HTTP port of both descriptions and every control URL (a FRITZ!Box's 49000). */
  port: number;
  /** UDP port of the SSDP responder. */
  ssdpPort: number;
  /** Switches the scenario (and resets the model, failed logins and nonces). */
  setScenario(name: ScenarioName): void;
  /** Switches between PPPoE (`ppp`) and IP (`ip`) WAN, keeping the scenario. */
  setConnectionType(type: WanConnectionType): void;
  /** The live model: tests may change figures between reads. */
  readonly model: RouterModel;
  readonly digest: DigestStats;
  /** `METHOD path [SOAPACTION]` of every HTTP request, oldest first. */
  readonly requests: string[];
  close(): Promise<void>;
}

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false });

/** The action element in a request body, to check it against SOAPACTION. */
function bodyAction(xml: string): string | null {
  if (XMLValidator.validate(xml) !== true) return null;
  const doc = parser.parse(xml) as { Envelope?: { Body?: Record<string, unknown> } };
  const body = doc.Envelope?.Body;
  return body && typeof body === 'object' ? (Object.keys(body)[0] ?? null) : null;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts an emulated FRITZ!Box on 127.0.0.1: HTTP (descriptions, SOAP
 * control URLs, digest-auth verification) and an SSDP responder.
 *
 * @example
 * const router = await startRouterEmulator({ scenario: 'dsl_up', user: 'admin', password: 'secret' });
 * await readRouter({ address: router.address, port: router.port, user: 'admin', password: 'secret' });
 * router.setScenario('cable_box');
 * await router.close();
 */
export async function startRouterEmulator(options: RouterEmulatorOptions = {}): Promise<RouterEmulator> {
  let scenario: ScenarioName = options.scenario ?? 'dsl_up';
  let connection: WanConnectionType = options.connection ?? 'ppp';
  const slowDelayMs = options.slowDelayMs ?? 5000;
  let model = modelFor(scenario, connection, slowDelayMs);
  const verifier = new DigestVerifier({
    realm: 'HTTPS Access',
    user: options.user ?? 'admin',
    password: options.password ?? 'secret',
    maxFailedLogins: options.maxFailedLogins ?? 5,
    nonceMaxUses: options.nonceMaxUses ?? 1000,
  });
  const requests: string[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const send = (
    res: ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string> = {},
    delayMs = model.delayMs,
  ) => {
    const reply = () => {
      if (res.destroyed) return;
      res.writeHead(status, { 'Content-Type': 'text/xml; charset="utf-8"', ...headers });
      res.end(model.garbage ? '\u0000garbage, not XML <<<' : body);
    };
    if (delayMs === 0) return reply();
    const timer = setTimeout(() => {
      timers.delete(timer);
      reply();
    }, delayMs);
    timers.add(timer);
  };

  async function control(req: IncomingMessage, res: ServerResponse, api: Api, serviceType: string) {
    const soapAction = String(req.headers.soapaction ?? '').replaceAll('"', '');
    const [headerType, action = ''] = soapAction.split('#');
    const body = await readBody(req);
    requests.push(`${req.method} ${req.url} ${soapAction}`);
    const serviceName = serviceType.split(':')[3] ?? '';
    if (api === 'tr064' && !model.tr064Enabled) return send(res, 404, '');
    if (api === 'tr064' && !(serviceName === 'DeviceInfo' && action === 'GetSecurityPort')) {
      const verdict = verifier.verify(
        req.method ?? '',
        req.url ?? '',
        req.headers.authorization,
        model.refuseAllLogins,
      );
      if (!verdict.ok) {
        if (verdict.status === 503) return send(res, 503, '');
        return send(res, 401, '', { 'WWW-Authenticate': verdict.wwwAuthenticate });
      }
      if (model.deniedActions.includes(action)) return send(res, 500, faultXml(api, notAuthorized));
    }
    if (api === 'igd' && !model.igdEnabled) return send(res, 404, '');
    if (req.method !== 'POST' || headerType !== serviceType || bodyAction(body) !== action) {
      return send(res, 500, faultXml(api, invalidAction));
    }
    const result = runAction(api, serviceName, action, model);
    const delay = model.slowActions.includes(action) ? slowDelayMs : model.delayMs;
    if (result instanceof Fault) return send(res, 500, faultXml(api, result), {}, delay);
    send(res, 200, responseXml(serviceType, action, result), {}, delay);
  }

  const server = createServer((req, res) => {
    const path = req.url ?? '';
    if (req.method === 'GET' && path === '/tr64desc.xml') {
      requests.push(`GET ${path}`);
      return model.tr064Enabled ? send(res, 200, tr64Description(model)) : send(res, 404, '');
    }
    if (req.method === 'GET' && path === '/igddesc.xml') {
      requests.push(`GET ${path}`);
      return model.igdEnabled ? send(res, 200, igdDescription(model)) : send(res, 404, '');
    }
    const service = allServices(model).find((s) => s.controlURL === path);
    if (service === undefined) {
      requests.push(`${req.method} ${path}`);
      return send(res, 404, '');
    }
    control(req, res, service.api, service.serviceType).catch(() => res.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  const base = `http://127.0.0.1:${port}`;

  const ssdp = await startSsdpResponder(() => ({
    tr064Location: model.tr064Enabled ? `${base}/tr64desc.xml` : null,
    igdLocation: model.igdEnabled ? `${base}/igddesc.xml` : null,
    server: `${model.modelName} UPnP/1.0 AVM ${model.modelName} ${model.firmware}`,
  }));

  return {
    address: '127.0.0.1',
    port,
    ssdpPort: ssdp.port,
    setScenario(name) {
      if (!scenarioNames.includes(name)) throw new Error(`unknown scenario ${name}`);
      scenario = name;
      model = modelFor(scenario, connection, slowDelayMs);
      verifier.reset();
    },
    setConnectionType(type) {
      connection = type;
      model.connectionType = type;
    },
    get model() {
      return model;
    },
    digest: verifier.stats,
    requests,
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), ssdp.close()]);
    },
  };
}
