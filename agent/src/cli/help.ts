import type { CommandName } from './args.js';

/** What `linewatch-agent --help` prints. */
export const mainHelp = `Usage: linewatch-agent <command> [options]

Watches the customer's line from the LAN and reports to the linewatch server.

Commands:
  enroll   trade the site's enrollment token for this agent's login; writes the config
  run      the daemon: probe every few seconds and report over MQTT
  check    one full diagnosis now, for a person or (--json) a script

Run "linewatch-agent <command> --help" for its options.
`;

const configOption = `  --config <path>      the config file (default: $LINEWATCH_AGENT_CONFIG, else /etc/linewatch/agent.json)`;

const overrideOptions = `  --targets <host[:port]>,…   internet targets instead of the configured ones (port 443 if none)
  --resolvers <ip>,…          DNS resolvers instead of the configured ones
  --router <host[:port]>      the router instead of the default gateway (without a port: 80, then 49000)

The environment variables LINEWATCH_ROUTER_USER and LINEWATCH_ROUTER_PASSWORD override
the router login in the config; a password is never taken on the command line.`;

/** Each command's help. */
export const commandHelp: Record<CommandName, string> = {
  enroll: `Usage: linewatch-agent enroll --server <url> --token <token> [--config <path>]

Trades a site's one-time enrollment token (from the dashboard) for this agent's
identity and MQTT login, and writes them to the config file (mode 0600). Probe
settings already in the file are kept.

Options:
  --server <url>       the linewatch server, e.g. https://linewatch.example
  --token <token>      the site's enrollment token
${configOption}

Exit codes: 0 enrolled, 1 refused or failed, 64 bad arguments, 78 bad config file.
`,
  run: `Usage: linewatch-agent run [--config <path>] [--state <path>] [overrides]

The daemon: probes the router and the internet targets every intervalSeconds,
diagnoses the line and reports over MQTT. Keeps measuring while the connection
is down and sends what the server has not confirmed once it is back.
Logs JSON lines to stdout. SIGTERM or SIGINT stop it cleanly.

A missing, invalid or not yet enrolled config file is logged and read again
with backoff, so a service manager does not restart it in a loop.

Options:
${configOption}
  --state <path>       the state file (default: $LINEWATCH_AGENT_STATE, else <config>.state.json)
${overrideOptions}
`,
  check: `Usage: linewatch-agent check [--json] [--config <path>] [overrides]

One probe round now, and the verdict: the line's status and cause, what to do,
and each check with its figures, in German or English by the locale (LC_ALL,
LC_MESSAGES, LANG). Works on a box that was never enrolled: without a config
file it uses the defaults.

Options:
  --json               print {status, cause, evidence, checks, router, figures} as JSON
${configOption}
${overrideOptions}

Exit codes: 0 up, 1 degraded, 2 down, 64 bad arguments, 78 bad config file.
`,
};
