#!/usr/bin/env -S npx tsx
import { parseArgs } from 'node:util';
import { main } from './main.js';

const usage = `Usage: linewatch-server [run]

Starts the linewatch server: MQTT broker, ingest, outage detector, HTTP API and dashboard.
Configured by environment variables (LINEWATCH_HTTP_PORT, LINEWATCH_MQTT_PORT, LINEWATCH_DATA_DIR, …)
or a JSON file named by LINEWATCH_CONFIG_FILE; see the README.`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { help: { type: 'boolean', short: 'h' } },
  strict: false,
});
const command = positionals[0] ?? 'run';
if (values.help) {
  process.stdout.write(`${usage}\n`);
} else if (command === 'run') {
  await main(process.env);
} else {
  process.stderr.write(`linewatch-server: unknown command "${command}".\n${usage}\n`);
  process.exit(2);
}
