/**
 * Starts the BFF as its own process (as in production) on a free loopback port, so "cold" includes a process
 * that has never answered anything: empty in-process cache, new connection pool, unwarmed code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const BFF_DIR = path.resolve(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export type ChildServer = {
  url: string;
  readyMs: number;
  /** Resident memory of the server process now, in MiB (Linux /proc; null elsewhere). */
  rssMb: () => number | null;
  stop: () => Promise<void>;
};

/** `port`: a fixed port (a shared machine's allotted range); default `BENCH_PORT` (servers are spawned one at a
 * time), else a free one. */
export async function spawnServer(env: Record<string, string>, port?: number): Promise<ChildServer> {
  port ??= process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
  const began = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: BFF_DIR,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const readyMs = performance.now() - began;
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const rssMb = () => {
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
      return kb ? Math.round(Number(kb) / 1024) : null;
    } catch {
      return null;
    }
  };
  return { url, readyMs, rssMb, stop };
}
