import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentError } from '../errors.js';
import { openOutbox } from './open-outbox.js';
import { sqliteDriver } from './sqlite-db.js';
import { SqliteOutbox } from './sqlite-outbox.js';
import { measurement, seqs } from './testing/samples.js';

const root = mkdtempSync(join(tmpdir(), 'lw-open-outbox-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const at = Date.parse('2025-03-04T05:06:07.089Z');
const asideName = 'agent.outbox.db.corrupt-2025-03-04T05-06-07.089Z';

function setup() {
  const dir = mkdtempSync(join(root, 'case-'));
  const path = join(dir, 'agent.outbox.db');
  const logs: { fields: Record<string, unknown>; message: string }[] = [];
  const logger = {
    error: (fields: Record<string, unknown>, message: string) => logs.push({ fields, message }),
  };
  const open = () => openOutbox(path, { logger: logger as never, now: () => at });
  return { dir, path, logs, open };
}

/** An outbox file with `n` measurements, closed. */
function filled(path: string, n: number): void {
  const outbox = SqliteOutbox.open(path);
  for (let seq = 1; seq <= n; seq++) outbox.add(measurement(seq, { pad: 1000 }));
  outbox.close();
}

/** Opens, checks the fresh outbox works, closes. */
function expectFresh(outbox: SqliteOutbox): void {
  expect(outbox.size).toBe(0);
  outbox.add(measurement(1));
  outbox.startConnection(1);
  expect(seqs(outbox.due({ connection: 1, stream: 'backlog', staleBeforeMs: 0, limit: 10 }))).toEqual([1]);
  outbox.close();
}

describe('openOutbox', () => {
  it('opens what it wrote', () => {
    const t = setup();
    filled(t.path, 3);
    const outbox = t.open();
    expect(outbox.size).toBe(3);
    outbox.close();
    expect(t.logs).toEqual([]);
  });

  it('sets a file that is not SQLite aside, says so, and starts empty', () => {
    const t = setup();
    writeFileSync(t.path, 'this is not a database, it only has its name');
    // A log of the bad file must not be replayed into the fresh one.
    writeFileSync(`${t.path}-wal`, 'a log that belongs to it');
    expectFresh(t.open());
    const aside = join(t.dir, asideName);
    expect(readFileSync(aside, 'utf8')).toBe('this is not a database, it only has its name');
    expect(t.logs).toHaveLength(1);
    expect(t.logs[0]?.message).toBe(
      `The outbox file ${t.path} is unusable (SQLITE_NOTADB: file is not a database); moved it to ${aside} and started an empty outbox.`,
    );
    expect(t.logs[0]?.fields).toMatchObject({ outbox: t.path, movedTo: aside });
  });

  it('sets aside a file cut short', () => {
    const t = setup();
    filled(t.path, 200);
    truncateSync(t.path, Math.floor(statSync(t.path).size / 2));
    expectFresh(t.open());
    expect(existsSync(join(t.dir, asideName))).toBe(true);
    expect(t.logs[0]?.message).toMatch(/is unusable \(.*(malformed|quick_check)/);
  });

  it('sets aside a file with a damaged page', () => {
    const t = setup();
    filled(t.path, 200);
    const fd = openSync(t.path, 'r+');
    writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, 4096 * 20 + 8);
    closeSync(fd);
    expectFresh(t.open());
    expect(t.logs[0]?.message).toMatch(/is unusable/);
  });

  it('sets aside another SQLite database and a newer outbox format', () => {
    for (const sql of ['CREATE TABLE notes (text TEXT)', 'PRAGMA user_version = 99']) {
      const t = setup();
      const Database = sqliteDriver();
      const db = new Database(t.path);
      db.exec(sql);
      db.close();
      expectFresh(t.open());
      expect(t.logs[0]?.message).toMatch(/not an outbox|outbox format 99; this agent reads 1/);
    }
  });

  it('refuses, without setting aside, a file another process uses', () => {
    const t = setup();
    const holder = t.open();
    expect(() => t.open()).toThrow(AgentError);
    expect(() => t.open()).toThrow(`The outbox ${t.path} is in use by another process`);
    expect(readdirSync(t.dir).filter((f) => f.includes('corrupt'))).toEqual([]);
    holder.close();
  });

  it('names a place it cannot write', () => {
    const path = join(root, 'missing', 'agent.outbox.db');
    expect(() => openOutbox(path, { logger: { error: () => {} } })).toThrow(
      new RegExp(
        `^The outbox ${path} cannot be opened \\(.+\\); point --state or LINEWATCH_AGENT_STATE at a writable directory\\.$`,
      ),
    );
  });
});
