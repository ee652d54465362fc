/**
 * `pnpm bench [name…]`: runs every benchmark (or those named) in turn and prints its numbers.
 * Benchmarks print measurements; they do not pass or fail on timing.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** Every benchmark; `pnpm bench fleet detection` runs those whose path contains one of the words. */
const all = [
  'server/bench/fleet.ts',
  'server/bench/detection.ts',
  'server/bench/mass-down.ts',
  'server/bench/storage.ts',
  'server/bench/trends.ts',
  'agent/bench/resources.ts',
  'dashboard/bench/board.ts',
];
const wanted = process.argv.slice(2);
const benches = wanted.length ? all.filter((b) => wanted.some((w) => b.includes(w))) : all;

let failed = 0;
for (const bench of benches) {
  console.log(`\n== ${bench}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, bench)], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
