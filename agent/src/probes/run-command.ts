import { spawn } from 'node:child_process';

/** How a command ended. Never an exception: a failure to start is data too. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
  /** null when the process was ended by a signal or never started. */
  exitCode: number | null;
  /** Set when the process did not end by itself within the time allowed. */
  timedOut: boolean;
  /** Why the process could not be started (`ENOENT`, `EACCES`, …), else null. */
  spawnError: NodeJS.ErrnoException | null;
}

/** Limits of one run; times in milliseconds. */
export interface RunOptions {
  timeoutMs: number;
  /** Sent at the timeout; SIGINT lets ping print its summary before it exits. */
  interruptSignal?: NodeJS.Signals;
  /** Wait after the interrupt before SIGKILL, and again before giving up on the pipes. */
  killGraceMs?: number;
  /** Output kept per stream; the rest is dropped (ping's output is small, a runaway's is not). */
  maxOutputBytes?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs a command without a shell and collects its output, with a hard
 * deadline: at `timeoutMs` the interrupt signal, `killGraceMs` later SIGKILL,
 * and if the pipes are still open (a grandchild holds them) `killGraceMs`
 * after that it returns with what it has. Never rejects.
 *
 * @example
 * await runCommand('ping', ['-n', '-c', '1', '127.0.0.1'], { timeoutMs: 3000 })
 * // { stdout: 'PING 127.0.0.1 …', stderr: '', exitCode: 0, timedOut: false, spawnError: null }
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<CommandOutput> {
  const grace = options.killGraceMs ?? 500;
  const max = options.maxOutputBytes ?? 64 * 1024;
  return new Promise((resolve) => {
    const out = { stdout: '', stderr: '' };
    let timedOut = false;
    let spawnError: NodeJS.ErrnoException | null = null;
    let done = false;
    const timers: NodeJS.Timeout[] = [];
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const finish = (exitCode: number | null) => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({ ...out, exitCode, timedOut, spawnError });
    };
    for (const name of ['stdout', 'stderr'] as const) {
      child[name].setEncoding('utf8');
      child[name].on('data', (chunk: string) => {
        if (out[name].length < max) out[name] += chunk.slice(0, max - out[name].length);
      });
    }
    child.once('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
      if (child.pid === undefined) finish(null);
    });
    child.once('close', (code) => finish(code));
    timers.push(
      setTimeout(() => {
        timedOut = true;
        child.kill(options.interruptSignal ?? 'SIGINT');
        timers.push(setTimeout(() => child.kill('SIGKILL'), grace));
        timers.push(setTimeout(() => finish(child.exitCode), 2 * grace));
      }, options.timeoutMs),
    );
  });
}
