/**
 * `pnpm bench`: runs every benchmark in turn and prints its numbers.
 * Benchmarks print measurements; they do not pass or fail on timing.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const benches = ['server/bench/fleet.ts', 'server/bench/storage.ts', 'agent/bench/resources.ts'];

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
