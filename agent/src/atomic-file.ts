import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that a reader (or a crash, or a power cut: the box is a
 * Raspberry Pi on the customer's power strip) sees either the old or the new
 * content, never half of it:
 * 1. write a temporary file beside it, created with `mode` so a secret is
 *    never readable by others, not even for a moment;
 * 2. fsync it;
 * 3. rename it over the target (atomic within one file system);
 * 4. fsync the directory so the rename itself survives a power cut.
 * Synchronous, because callers write rarely and must know it is done.
 *
 * @example
 * writeFileAtomic('/etc/linewatch/agent.json', JSON.stringify(config), 0o600);
 */
export function writeFileAtomic(path: string, data: string, mode = 0o600): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o750 });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'wx', mode);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  syncDirectory(dir);
}

function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse to fsync a directory; the rename is done all the same.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
