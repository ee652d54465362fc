import { hostname } from 'node:os';
import {
  AgentConfig,
  type AgentConfigFile,
  ApiError,
  EnrollRequest,
  EnrollResponse,
} from '@linewatch/shared';
import { readConfigFile } from '../config/load.js';
import { configPath } from '../config/paths.js';
import { saveConfigFile } from '../config/save.js';
import { AgentError, errorText, exitCodes } from '../errors.js';
import { agentVersion } from '../version.js';
import type { CommandValues } from './args.js';
import type { CliIo } from './io.js';

/** The seams of enrollment. */
export interface EnrollDeps {
  fetch?: typeof fetch;
  hostname?: () => string;
  timeoutMs?: number;
}

const usage = (message: string) => new AgentError(message, { exitCode: exitCodes.usage });

/**
 * `linewatch-agent enroll`: trades the site's one-time token for the agent's
 * identity and MQTT login (`POST <server>/api/v1/enroll`) and writes them to
 * the config file, mode 0600, keeping the probe settings already there.
 * The existing file is read first, so a broken one never costs a token.
 *
 * @throws AgentError: 401/410 "token unknown or already used", server not reachable, bad answer.
 */
export async function enroll(
  values: CommandValues<'enroll'>,
  io: CliIo,
  deps: EnrollDeps = {},
): Promise<number> {
  const server = serverUrl(values.server);
  const token = values.token?.trim();
  if (!token) throw usage('enroll needs --token <token>: the enrollment token shown in the dashboard.');
  const request: EnrollRequest = {
    token,
    hostname: (deps.hostname ?? hostname)().slice(0, 255),
    agentVersion,
    platform: `${process.platform}-${process.arch} node-${process.versions.node}`,
  };
  if (!EnrollRequest.safeParse(request).success) {
    throw usage(
      'The enrollment token looks wrong: it has 16 to 200 characters; copy it again from the dashboard.',
    );
  }
  const { path } = configPath(values.config, io.env);
  const existing = await readConfigFile(path, { optional: true });

  const answer = await post(new URL('api/v1/enroll', `${server}/`), request, deps);
  const config: AgentConfigFile = {
    ...existing,
    server: { url: server },
    agentId: answer.agentId,
    mqtt: answer.mqtt,
    ...(answer.contract ? { contract: answer.contract } : {}),
  };
  const valid = AgentConfig.safeParse(config);
  if (!valid.success) {
    const field = valid.error.issues[0]?.path.join('.') ?? 'answer';
    throw new AgentError(
      `The server's enrollment answer has an unusable "${field}"; the config was not written.`,
    );
  }
  saveConfigFile(path, valid.data);
  if (existing.agentId && existing.agentId !== answer.agentId) {
    io.out(`Replaced the enrollment of agent ${existing.agentId}.\n`);
  }
  io.out(`Enrolled as agent ${answer.agentId} (site ${answer.siteId}); config written to ${path}.\n`);
  return exitCodes.ok;
}

function serverUrl(text: string | undefined): string {
  if (!text) throw usage('enroll needs --server <url>, e.g. --server https://linewatch.example.');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usage(`--server: "${text}" is not a URL like https://linewatch.example.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usage(`--server: "${text}" is not an http(s) URL.`);
  }
  return url.href.replace(/\/+$/, '');
}

async function post(url: URL, body: EnrollRequest, deps: EnrollDeps): Promise<EnrollResponse> {
  const doFetch = deps.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(deps.timeoutMs ?? 15_000),
    });
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause ?? error;
    throw new AgentError(`Cannot reach the server at ${url.origin} (${errorText(cause)}).`, { cause: error });
  }
  if (response.status === 401 || response.status === 410) {
    throw new AgentError(
      'The enrollment token is unknown or already used; create a new one in the dashboard.',
    );
  }
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = ApiError.safeParse(json).data?.error.message.replace(/\.$/, '');
    throw new AgentError(
      `The server refused the enrollment (HTTP ${response.status}${detail ? `: ${detail}` : ''}).`,
    );
  }
  const parsed = EnrollResponse.safeParse(json);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'body';
    throw new AgentError(
      `The server's answer is not an enrollment ("${field}" is missing or wrong); is ${url.origin} a linewatch server?`,
    );
  }
  return parsed.data;
}
