import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';

/**
 * "The internet" for an agent under test: a TCP port on 127.0.0.1 that can
 * be switched between answering and silently dropping connection attempts,
 * so the agent's probes see the same address come and go.
 *
 * Loopback cannot be black-holed without a firewall, so the port belongs to
 * a child process listening with a backlog of 1. Down: the child is stopped
 * (SIGSTOP) and its accept queue filled, after which Linux drops further
 * SYNs and a connect times out, as across a dead line. Up: the fillers go,
 * the child resumes and accepts (and closes) every connection.
 */
export interface SwitchableInternet {
  address: string;
  down(): Promise<void>;
  up(): void;
  close(): Promise<void>;
}

export async function switchableInternet(): Promise<SwitchableInternet> {
  const code = [
    "const s=require('net').createServer((c)=>{c.on('error',()=>{});c.end();});",
    "s.listen({port:0,host:'127.0.0.1',backlog:1},()=>console.log(s.address().port));",
  ].join('');
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  const port = Number(chunk.toString().trim());
  let fillers: Socket[] = [];
  return {
    address: `127.0.0.1:${port}`,
    async down() {
      child.kill('SIGSTOP');
      fillers = Array.from({ length: 4 }, () => connect({ host: '127.0.0.1', port }).on('error', () => {}));
      await new Promise((resolve) => setTimeout(resolve, 200));
    },
    up() {
      for (const s of fillers) s.destroy();
      fillers = [];
      child.kill('SIGCONT');
    },
    async close() {
      for (const s of fillers) s.destroy();
      child.kill('SIGKILL');
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    },
  };
}
