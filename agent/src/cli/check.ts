import { diagnose } from '@linewatch/shared';
import { readConfigFile } from '../config/load.js';
import { configPath } from '../config/paths.js';
import { probePlan } from '../config/plan.js';
import { createProbeRunner, type ProbeRunner } from '../probes/round.js';
import { createRouterReader } from '../router/router-reader.js';
import type { CommandValues } from './args.js';
import type { CliIo } from './io.js';
import { languageFromEnv } from './locale.js';
import { checkReport, formatVerdict, verdictExitCodes } from './verdict.js';

/**
 * `linewatch-agent check`: one probe round now, the verdict printed, the
 * status as exit code (0 up, 1 degraded, 2 down). Without a config file (or
 * one the user may not read) it runs on the defaults plus the overrides; a
 * file named with `--config` must exist.
 *
 * @example
 * const exitCode = await check({ json: true, targets: '127.0.0.1:8443' }, io);
 */
export async function check(
  values: CommandValues<'check'>,
  io: CliIo,
  deps: { probe?: ProbeRunner } = {},
): Promise<number> {
  const { path, explicit } = configPath(values.config, io.env);
  const file = await readConfigFile(path, {
    optional: !explicit,
    lenient: !explicit,
    warn: (message) => io.err(`${message}\n`),
  });
  const plan = probePlan(file.probes, values, io.env);
  const probe = deps.probe ?? createProbeRunner({ readRouter: createRouterReader() });
  const round = await probe(plan);
  const diagnosis = diagnose(round, file.thresholds);
  const report = checkReport(round, diagnosis);
  io.out(
    values.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : formatVerdict(report, file.thresholds, languageFromEnv(io.env)),
  );
  return verdictExitCodes[diagnosis.status];
}
