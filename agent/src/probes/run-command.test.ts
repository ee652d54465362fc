import { describe, expect, it } from 'vitest';
import { runCommand } from './run-command.js';

const node = process.execPath;

describe('runCommand', () => {
  it('collects output and the exit code', async () => {
    const out = await runCommand(node, ['-e', 'console.log("out"); console.error("err"); process.exit(3)'], {
      timeoutMs: 5000,
    });
    expect(out).toEqual({ stdout: 'out\n', stderr: 'err\n', exitCode: 3, timedOut: false, spawnError: null });
  });

  it('keeps at most maxOutputBytes of a stream', async () => {
    const out = await runCommand(node, ['-e', 'process.stdout.write("x".repeat(100000))'], {
      timeoutMs: 5000,
      maxOutputBytes: 10,
    });
    expect(out.stdout).toBe('x'.repeat(10));
  });

  it('reports a command that cannot be started instead of throwing', async () => {
    const out = await runCommand('/nonexistent/linewatch-no-such-command', [], { timeoutMs: 1000 });
    expect(out.spawnError?.code).toBe('ENOENT');
    expect(out.exitCode).toBeNull();
  });

  it('interrupts at the timeout, then kills', async () => {
    const ignoreInt = 'process.on("SIGINT", () => {}); setInterval(() => {}, 1000)';
    const started = Date.now();
    const out = await runCommand(node, ['-e', ignoreInt], { timeoutMs: 200, killGraceMs: 100 });
    expect(out.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
