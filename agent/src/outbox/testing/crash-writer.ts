/**
 * Run as a child process by `sqlite-outbox.crash.test.ts`, which kills it
 * with SIGKILL at a random moment: adds measurements to the outbox at
 * argv[2] (capped at argv[3] bytes) as fast as it can, acknowledging every
 * fifth one's predecessor but one, and prints each operation once it has
 * returned: `+<seq>` added, `-<seq>` acknowledged. Never ends by itself.
 */
import { writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SqliteOutbox } from '../sqlite-outbox.js';
import { bootId, measurement } from './samples.js';

/** The acknowledgement that follows adding `seq`, if any: the test replays the same rule. */
export const ackAfter = (seq: number): number | null => (seq % 5 === 0 ? seq - 2 : null);

const main = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
const [path, maxBytes] = process.argv.slice(2);
if (main && path) {
  const outbox = SqliteOutbox.open(path, { maxBytes: Number(maxBytes) });
  // writeSync: the line is out before the next operation starts.
  writeSync(1, 'ready\n');
  for (let seq = 1; ; seq++) {
    outbox.add(measurement(seq, { pad: 1500 }));
    writeSync(1, `+${seq}\n`);
    const acked = ackAfter(seq);
    if (acked !== null) {
      outbox.ack(bootId, [acked]);
      writeSync(1, `-${acked}\n`);
    }
  }
}
