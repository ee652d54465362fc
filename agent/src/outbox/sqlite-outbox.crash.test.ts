import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteDriver } from './sqlite-db.js';
import { SqliteOutbox } from './sqlite-outbox.js';
import { ackAfter } from './testing/crash-writer.js';

/**
 * kill -9 in the middle of writing: the file must be intact and hold what
 * the writer was told was committed — no more, no less, except the one
 * operation that was under way when the signal came.
 */

const rootDir = fileURLToPath(new URL('../../..', import.meta.url));
const writer = fileURLToPath(new URL('./testing/crash-writer.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lw-outbox-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the writer and kills it once it has printed more than `killAfter`
 * lines; it goes on writing while the signal is on its way, so where within
 * an operation it dies is random. Returns the lines it printed.
 */
async function writeUntilKilled(path: string, maxBytes: number, killAfter: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, path, String(maxBytes)], {
    cwd: rootDir,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let lines = 0;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    out += chunk;
    lines += chunk.split('\n').length - 1;
    if (lines > killAfter) child.kill('SIGKILL');
  });
  const [, signal] = (await new Promise((resolve) => child.on('exit', (...args) => resolve(args)))) as [
    number | null,
    string | null,
  ];
  expect(signal).toBe('SIGKILL');
  // Without `ready`; a line cut off by the kill does not count as printed.
  return out.split('\n').slice(1, -1);
}

/** The samples waiting after the printed operations, and after the one that may have followed. */
function expected(lines: string[]): { printed: number[]; withNext: number[] } {
  const waiting = new Set<number>();
  let lastAdded = 0;
  for (const line of lines) {
    const seq = Number(line.slice(1));
    if (line.startsWith('+')) {
      waiting.add(seq);
      lastAdded = seq;
    } else waiting.delete(seq);
  }
  const printed = [...waiting];
  const next = new Set(waiting);
  // After `+n` comes `-ackAfter(n)` if there is one, else `+(n+1)`.
  const pendingAck = ackAfter(lastAdded);
  if (pendingAck !== null && !lines.includes(`-${pendingAck}`)) next.delete(pendingAck);
  else next.add(lastAdded + 1);
  return { printed, withNext: [...next] };
}

function readBack(path: string): { integrity: string; seqs: number[]; dropped: number } {
  const Database = sqliteDriver();
  const db = new Database(path);
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const seqs = (db.prepare('SELECT seq FROM samples ORDER BY position').all() as { seq: number }[]).map(
      (r) => r.seq,
    );
    const { value } = db.prepare("SELECT value FROM meta WHERE key = 'dropped'").get() as { value: number };
    return { integrity, seqs, dropped: value };
  } finally {
    db.close();
  }
}

describe('SqliteOutbox under kill -9', () => {
  it.each([1, 2, 3])(
    'holds exactly the committed samples (run %i)',
    async (run) => {
      const path = join(dir, `uncapped-${run}.db`);
      const killAfter = 20 + Math.floor(Math.random() * 300);
      const lines = await writeUntilKilled(path, 1e9, killAfter);
      expect(lines.length).toBeGreaterThanOrEqual(killAfter);
      const found = readBack(path);
      expect(found.integrity).toBe('ok');
      const { printed, withNext } = expected(lines);
      expect([printed, withNext], `killed after ${lines.length} operations`).toContainEqual(found.seqs);
      expect(found.dropped).toBe(0);
      // And the agent's own open (quick_check, totals) takes it as it is.
      const outbox = SqliteOutbox.open(path);
      expect(outbox.size).toBe(found.seqs.length);
      outbox.close();
    },
    30_000,
  );

  it('keeps the newest samples and the drop count consistent while evicting', async () => {
    const path = join(dir, 'capped.db');
    // Room for about 25 samples; killed after 100 to 300 operations.
    const lines = await writeUntilKilled(path, 50_000, 100 + Math.floor(Math.random() * 200));
    const found = readBack(path);
    expect(found.integrity).toBe('ok');
    const { printed, withNext } = expected(lines);
    // What is left is the newest of what was waiting; the rest is counted as dropped.
    const consistent = [printed, withNext].some(
      (waiting) =>
        found.seqs.length + found.dropped === waiting.length &&
        found.seqs.join() === waiting.slice(waiting.length - found.seqs.length).join(),
    );
    expect(found.dropped).toBeGreaterThan(0);
    expect(consistent, JSON.stringify({ found: found.seqs.length, dropped: found.dropped })).toBe(true);
  }, 30_000);
});
